"""The programme dashboard in the Wagtail admin, signed in with two factors as operator
staff, with synthetic data so that its maps and tables have something to show."""

import pytest

from weltoffen.accounts.tests.totp import current_totp_code

from .conftest import describe
from .test_teams import PASSWORD

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
STAFF = """
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from wagtail.users.models import UserProfile
from weltoffen.accounts.models import User
email = "programm-{language}@betrieb.example"
user, _ = User.objects.get_or_create(username=email, defaults={{"email": email, "is_staff": True, "is_superuser": True}})
user.set_password({password!r}); user.save()
EmailAddress.objects.get_or_create(user=user, email=email, defaults={{"verified": True, "primary": True}})
if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
    TOTP.activate(user, {secret!r})
profile = UserProfile.get_for_user(user); profile.preferred_language = {language!r}; profile.save()
print(email)
"""


@pytest.fixture
def synthetic_programme(manage):
    manage("generate_synthetic_data", "--municipalities", "40", "--rounds", "1")
    yield
    manage("remove_synthetic_data")


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_dashboard_with_its_maps_is_accessible_in_both_languages(page, axe, manage, synthetic_programme, language):
    email = manage("shell", "-c", STAFF.format(language=language, password=PASSWORD, secret=SECRET)).strip()
    email = email.splitlines()[-1]
    page.goto("/konto/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.locator("input[name=code]").fill(current_totp_code(SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/2fa/" not in url)
    page.goto("/admin/programm/")
    heading = "Programme overview" if language == "en" else "Programmübersicht"
    assert heading in page.locator("h1").inner_text()
    assert page.locator("svg[aria-labelledby='map-land-title map-land-desc'] path").count() == 16
    assert page.locator("svg[aria-labelledby='map-kreis-title map-kreis-desc'] path").count() == 400
    violations = axe(page)
    assert violations == [], describe(violations)
