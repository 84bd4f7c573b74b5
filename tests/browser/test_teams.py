"""Accounts and the team Selbstcheck in the browser, axe-checked at every step."""

import re

import pytest

from weltoffen.accounts.tests.totp import current_totp_code

from .conftest import describe

PASSWORD = "ein-langes-passwort-123"
CREATE_USER = """
from allauth.account.models import EmailAddress
from weltoffen.accounts.models import User
user, created = User.objects.get_or_create(username={email!r}, defaults={{"email": {email!r}}})
user.set_password({password!r}); user.save()
EmailAddress.objects.get_or_create(user=user, email={email!r}, defaults={{"verified": True, "primary": True}})
"""


def assert_accessible(page, axe):
    violations = axe(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("path", ["/konto/login/", "/konto/signup/", "/konto/password/reset/", "/konto/login/code/"])
def test_account_pages_are_accessible(page, axe, path, language):
    page.goto(language + path)
    assert page.locator("html").get_attribute("lang") == (language.strip("/") or "de")
    assert page.locator("h1").count() == 1
    assert_accessible(page, axe)


def test_signing_up_leads_to_email_verification(page, axe):
    page.goto("/konto/signup/")
    page.get_by_label("E-Mail").fill(f"neu-{page.context.browser.version[:3]}-{id(page)}@kommune.example")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()
    assert "/konto/confirm-email/" in page.url
    assert_accessible(page, axe)


def test_a_coordinator_runs_a_team_round(page, axe, manage, chromium, site_server, javascript):
    email = f"koordination-{'js' if javascript else 'nojs'}@kommune.example"
    manage("shell", "-c", CREATE_USER.format(email=email, password=PASSWORD))
    page.goto("/konto/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Anmeld")).click()
    assert page.url.endswith("/team/")
    assert_accessible(page, axe)
    if javascript:
        box = page.get_by_role("combobox", name="Kommune")
        box.press_sequentially("Wolfsburg", delay=30)
        page.get_by_role("listbox").wait_for(state="visible")
        box.press("ArrowDown")
        box.press("Enter")
    else:
        page.get_by_label("Kommune").fill("Wolfsburg")
    page.get_by_label("Name des Teams").fill("Steuerungsgruppe")
    page.get_by_role("button", name="Team anlegen").click()
    assert "Runde 1" in page.locator("h1").inner_text()
    assert_accessible(page, axe)

    page.get_by_role("link", name="Kolleg:in einladen").click()
    assert_accessible(page, axe)
    page.get_by_label(re.compile("^Name")).fill("Kim Personalamt")
    page.get_by_label("Fachbereich", exact=True).select_option("personal")
    page.get_by_label(re.compile("^2\\. Interkulturelle")).check()
    page.get_by_role("button", name="Einladen").click()
    link = page.get_by_label(re.compile("^Persönlicher Link")).input_value()
    assert_accessible(page, axe)

    respondent = chromium.new_context(base_url=site_server, java_script_enabled=javascript).new_page()
    respondent.goto(link)
    assert respondent.locator(".task-list__item").count() == 1
    assert_accessible(respondent, axe)
    respondent.get_by_role("link", name=re.compile("Interkulturelle")).click()
    for fieldset in respondent.locator("fieldset.question-fieldset").all():
        fieldset.locator("input[value='1']").check()
    respondent.get_by_role("button", name="Speichern", exact=True).click()
    respondent.goto(link + "ergebnis/")
    assert respondent.locator("h1").inner_text() == "Kein Zugriff mit diesem Link"
    assert_accessible(respondent, axe)
    respondent.context.close()

    page.goto(page.url.split("/team/")[0] + "/team/")
    assert "Kim Personalamt" in page.content()
    page.get_by_role("link", name="Teamergebnis").click()
    assert "Teamergebnis" in page.locator("h1").inner_text() or "Runde 1" in page.locator("h1").inner_text()
    assert_accessible(page, axe)
    for path in (
        "/team/fortschritt/",
        "/team/mitglieder/",
        "/team/uebernehmen/",
        "/konto/2fa/",
        "/konto/daten/",
        "/konto/loeschen/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page, axe)

    page.goto("/konto/daten/")
    with page.expect_download() as team_export:
        page.get_by_role("link", name="Alle Daten des Teams herunterladen (ZIP)").click()
    assert team_export.value.suggested_filename.startswith("team-")
    with page.expect_download() as account_export:
        page.get_by_role("link", name="Daten meines Kontos herunterladen (ZIP)").click()
    assert account_export.value.suggested_filename.startswith("konto-")


@pytest.mark.parametrize("language", ["", "/en"])
def test_two_factor_setup_explains_itself_and_shows_the_recovery_codes(page, axe, manage, javascript, language):
    email = f"zwei-faktor-{language.strip('/') or 'de'}-{'js' if javascript else 'nojs'}@kommune.example"
    manage("shell", "-c", CREATE_USER.format(email=email, password=PASSWORD))
    page.goto(f"{language}/konto/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.goto(f"{language}/konto/2fa/totp/activate/")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    assert page.url.endswith("/konto/2fa/totp/activate/")
    assert "TOTP" in page.locator("main").inner_text()
    assert_accessible(page, axe)
    secret = page.locator("#authenticator_secret").input_value()
    code = current_totp_code(secret)
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").first.click()
    assert page.url.endswith("/konto/2fa/recovery-codes/")
    codes = page.locator("textarea#recovery_codes").input_value().split()
    assert len(codes) >= 10 and all(re.fullmatch(r"[0-9]{8}", code) for code in codes)
    assert_accessible(page, axe)
