import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.management import call_command

from wagtail.models import Page

from weltoffen.pages.models import HomePage, OperatorSettings, StandardPage
from weltoffen.pages.site_setup import STANDARD_PAGES

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def site(db):
    call_command("setup_site")


def test_setup_creates_home_and_legal_pages_once(site):
    assert HomePage.objects.count() == 1
    assert set(StandardPage.objects.values_list("slug", flat=True)) == set(STANDARD_PAGES)
    pages_before = Page.objects.count()
    call_command("setup_site")
    assert Page.objects.count() == pages_before


def test_setup_keeps_what_editors_changed(site):
    privacy = StandardPage.objects.get(slug="datenschutz")
    privacy.intro = "Von der Redaktion geändert."
    privacy.save_revision().publish()
    call_command("setup_site")
    assert StandardPage.objects.get(slug="datenschutz").intro == "Von der Redaktion geändert."


@pytest.mark.parametrize(
    "path", ["/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/", "/ueber-das-projekt/"]
)
def test_legal_and_information_pages_have_real_text(client, site, path):
    response = client.get(path)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<p") > 5
    for unfinished in ("Lorem", "TODO", "[Name"):
        assert unfinished not in content


def test_impressum_shows_the_operator_details_from_site_settings(client, site):
    settings = OperatorSettings.objects.get()
    settings.name = "Landesarbeitsgemeinschaft Beispiel e. V."
    settings.save()
    assert "Landesarbeitsgemeinschaft Beispiel e. V." in client.get("/impressum/").content.decode()


def test_privacy_page_states_what_is_kept(client, site):
    content = client.get("/datenschutz/").content.decode()
    for fact in ("csrftoken", "sessionid", "Selbstcheck", "Barriere", "keine"):
        assert fact in content


def test_home_page_shows_pillars_fields_search_and_easy_language(client, site, catalogue):
    content = client.get("/").content.decode()
    assert "Selbstcheck" in content and "Dialog" in content and "Entscheider:innen" in content
    assert content.count('href="/selbstcheck/handlungsfelder/') == 7
    assert 'action="/kommunen/"' in content
    assert 'href="/leichte-sprache/"' in content


@pytest.mark.parametrize(
    ("path", "team_sentence"),
    [
        ("/", "mit einem Konto laden Sie"),
        ("/selbstcheck/", "mit einem Konto laden Sie"),
        ("/selbstcheck/start/", "Mit einem Konto laden Sie"),
    ],
)
def test_every_way_into_the_selfcheck_offers_the_team_mode_beside_starting_alone(
    client, site, catalogue, path, team_sentence
):
    content = client.get(path).content.decode()
    assert 'href="/team/"' in content and "Im Team durchführen" in content
    assert "Allein starten" in content
    assert team_sentence in content


def test_english_pages_are_english_and_marked_as_such(client, site):
    content = client.get("/en/datenschutz/").content.decode()
    assert '<html lang="en"' in content
    assert "Privacy policy" in content
    assert 'lang="en"' in content


def test_language_switch_keeps_the_page(client, site):
    content = client.get("/datenschutz/").content.decode()
    assert 'href="/en/datenschutz/" lang="en" hreflang="en"' in content
    assert 'href="/datenschutz/" lang="de" hreflang="de" aria-current="true"' in content


def test_main_navigation_marks_the_current_section(client, site, catalogue):
    content = client.get("/selbstcheck/methodik/").content.decode()
    assert '<a class="main-nav__link" href="/selbstcheck/" aria-current="page">' in content


def test_content_links_follow_the_interface_language(client, site):
    content = client.get("/en/").content.decode()
    assert 'href="/en/selbstcheck/"' in content
    assert 'href="/selbstcheck/"' not in content


def test_public_pages_forbid_other_hosts_by_content_security_policy(client, site):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "Permissions-Policy" in response.headers


def test_wagtail_admin_is_reachable_for_staff(client, site):
    assert client.get("/admin/").status_code == 302
    from allauth.mfa.models import Authenticator

    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_superuser("redaktion", "redaktion@example.org", "ein-langes-passwort-123")
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "weltoffen.settings.production", **env},
        capture_output=True,
        text=True,
    )


def test_production_settings_refuse_to_start_without_secret_key_or_hosts():
    missing_key = run_manage("check", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="kommune.example")
    assert missing_key.returncode != 0 and "DJANGO_SECRET_KEY" in missing_key.stderr
    missing_hosts = run_manage("check", DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="")
    assert missing_hosts.returncode != 0 and "DJANGO_ALLOWED_HOSTS" in missing_hosts.stderr


def test_deploy_check_is_clean_under_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SECRET_KEY="k" * 20 + "Zq8#v!2Lm@9xR$4tW&7yB*1nC^5pD%3s",
        DJANGO_ALLOWED_HOSTS="kommune.example",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_english_interface_is_translated(client, site, catalogue):
    content = client.get("/en/selbstcheck/").content.decode()
    assert "Skip to content" in content
    assert ">Self-check</a>" in content
    assert "Zum Inhalt springen" not in content
