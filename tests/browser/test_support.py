"""Support for decision-makers in the browser: every new page with all axe rules (not only
WCAG), in German and English, with JavaScript on and off."""

import re
from pathlib import Path

import pytest

from .conftest import AXE_SCRIPT, describe
from .test_teams import CREATE_USER, PASSWORD

PUBLIC_PAGES = [
    ("/unterstuetzung/", "Leitfaden: Wenn Sie angefeindet oder bedroht werden"),
    ("/en/unterstuetzung/", "Guide: if you are attacked or threatened"),
    ("/unterstuetzung/leichte-sprache/", "Das Wichtigste in Leichter Sprache"),
    ("/en/unterstuetzung/leichte-sprache/", "The essentials in Easy German"),
    ("/unterstuetzung/hilfe-nach-land/", "Hilfe nach Land"),
    ("/unterstuetzung/hilfe-nach-land/?land=16", "Hilfe nach Land"),
    ("/en/unterstuetzung/hilfe-nach-land/?land=06", "Help by Land"),
    ("/unterstuetzung/hilfe-nach-land/?municipality_name=Dachau", "Hilfe nach Land"),
    ("/unterstuetzung/hilfe-nach-land/?municipality_name=Xyzzy", "Hilfe nach Land"),
    ("/unterstuetzung/anfrage/", "Vertraulich um Hilfe bitten"),
    ("/en/unterstuetzung/anfrage/", "Ask for help confidentially"),
    ("/ueber-das-projekt/entscheiderinnen/", "Stärkung kommunaler Entscheider:innen"),
]


@pytest.fixture
def axe_all(axe_context):
    """Like `axe`, but with every axe-core rule, best practices included."""
    source = AXE_SCRIPT.read_text(encoding="utf-8")

    def run(page) -> list[dict]:
        html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S)
        checker = axe_context.new_page()
        checker.set_viewport_size(page.viewport_size or {"width": 1280, "height": 720})
        checker.route(
            page.url, lambda route, _r: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        )
        checker.goto(page.url)
        checker.add_script_tag(content=source)
        result = checker.evaluate("async () => await axe.run(document)")
        checker.close()
        return result["violations"]

    return run


def assert_accessible(page, axe_all):
    violations = axe_all(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES)
def test_support_pages_pass_all_axe_rules(page, axe_all, path, heading):
    page.goto(path)
    assert heading in page.locator("h1").inner_text()
    assert_accessible(page, axe_all)


def test_help_by_land_fits_a_320_pixel_screen(page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/unterstuetzung/hilfe-nach-land/?land=16", "/unterstuetzung/"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_a_municipality_chosen_in_the_form_shows_its_lands_services(page, javascript):
    page.goto("/unterstuetzung/hilfe-nach-land/")
    if javascript:
        box = page.get_by_role("combobox", name="Kommune")
        box.press_sequentially("Erfurt", delay=30)
        page.get_by_role("listbox").wait_for(state="visible")
        box.press("ArrowDown")
        box.press("Enter")
    else:
        page.get_by_label("Kommune").fill("Erfurt")
    page.get_by_role("button", name="Angebote zeigen").click()
    assert "Thüringen" in page.locator("#regional-heading").inner_text()
    assert page.get_by_text("MOBIT").count() >= 1


def test_an_account_holder_records_an_incident_and_every_step_passes_axe(page, axe_all, manage, javascript, tmp_path):
    email = f"buergermeisterin-{'js' if javascript else 'nojs'}@kommune.example"
    manage("shell", "-c", CREATE_USER.format(email=email, password=PASSWORD))
    page.goto("/konto/login/?next=/unterstuetzung/vorfaelle/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Anmeld")).click()
    assert page.url.endswith("/unterstuetzung/vorfaelle/")
    assert_accessible(page, axe_all)
    page.get_by_role("link", name="Vorfall festhalten").click()
    assert_accessible(page, axe_all)
    page.get_by_label("Datum und Uhrzeit").fill("2026-11-30T23:05")
    page.get_by_label("Weg").select_option("mail")
    page.get_by_label("Was ist passiert?").fill("Drohmail mit Anspielung auf meine Wohnadresse.")
    page.get_by_label("Wer war gemeint?").fill("ich selbst")
    eml = Path(tmp_path) / "drohung.eml"
    eml.write_bytes(b"From: a@example.org\r\nSubject: Warnung\r\nDate: Mon, 30 Nov 2026 23:05:00 +0100\r\n\r\nText\r\n")
    page.get_by_label("Beweisdatei").set_input_files(str(eml))
    page.get_by_role("button", name="Speichern").click()
    assert "Vorfall vom" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="drohung.eml", exact=True).count() == 1
    assert_accessible(page, axe_all)
    page.goto("/en/unterstuetzung/vorfaelle/")
    assert_accessible(page, axe_all)
    page.goto("/unterstuetzung/anfrage/")
    assert_accessible(page, axe_all)
