"""Every page type of the foundation: loads, has one h1, no axe violations, no foreign hosts."""

import pytest

from .conftest import describe

PAGES = [
    ("/", "Gemeinsam weltoffen"),
    ("/en/", "Open to the world together"),
    ("/selbstcheck/", "Selbstcheck Weltoffene Kommune"),
    ("/selbstcheck/handlungsfelder/steuerung/", "Management und Steuerung"),
    ("/selbstcheck/handlungsfelder/teilhabe/", "Fairer Zugang und Teilhabechancen"),
    ("/selbstcheck/methodik/", "Methodik des Selbstchecks"),
    ("/en/selbstcheck/methodik/", "Method of the self-check"),
    ("/kommunen/", "Kommunen"),
    ("/kommunen/?q=Muenchen", "Kommunen"),
    ("/kommunen/?q=zzzzzz", "Kommunen"),
    ("/kommunen/09162/", "München"),
    ("/kommunen/09174/", "Dachau"),
    ("/kommunen/09/", "Bayern"),
    ("/impressum/", "Impressum"),
    ("/datenschutz/", "Datenschutzerklärung"),
    ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ("/leichte-sprache/", "Leichte Sprache"),
    ("/ueber-das-projekt/", "Über das Projekt"),
    ("/en/datenschutz/", "Privacy policy"),
    ("/barriere-melden/?seite=/impressum/", "Barriere melden"),
    ("/gibt-es-nicht/", "Seite nicht gefunden"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_has_its_heading_and_no_accessibility_violations(page, axe, path, heading):
    page.goto(path)
    assert heading in page.locator("h1").inner_text()
    assert page.locator("h1").count() == 1
    violations = axe(page)
    assert violations == [], describe(violations)


def test_every_page_offers_skip_link_feedback_and_easy_language(page):
    page.goto("/selbstcheck/")
    assert page.locator("a.skip-link").get_attribute("href") == "#main"
    feedback = page.locator("footer a", has_text="Barriere melden")
    assert "seite=/selbstcheck/" in feedback.get_attribute("href")
    page.goto("/")
    assert page.locator("main a[href='/leichte-sprache/']").count() == 1


def test_layout_fits_a_320_pixel_screen_without_horizontal_scrolling(page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", "/selbstcheck/handlungsfelder/teilhabe/", "/kommunen/?q=Berg", "/barriere-melden/"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_keyboard_focus_is_visible_on_links(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert outline != "none"
    assert top >= 0


def test_barrier_report_can_be_sent(page, axe):
    page.goto("/barriere-melden/?seite=/selbstcheck/")
    page.get_by_label("Was funktioniert nicht?").fill("Der Kontrast der Fußzeile ist mir zu schwach.")
    page.get_by_role("button", name="Meldung absenden").click()
    assert "Meldung eingegangen" in page.locator("h1").inner_text()
    assert axe(page) == []


def test_barrier_report_errors_are_announced_and_accessible(page, axe):
    page.goto("/barriere-melden/")
    page.get_by_role("button", name="Meldung absenden").click()
    assert page.locator("#error-summary").is_visible()
    assert page.get_by_label("Was funktioniert nicht?").get_attribute("aria-invalid") == "true"
    violations = axe(page)
    assert violations == [], describe(violations)


def test_on_a_phone_the_main_navigation_folds_behind_a_menu_button(page, axe):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/selbstcheck/")
    link = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Wissen")
    assert not link.is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 260, f"the header takes {header['height']}px of 640"
    page.get_by_text("Menü").click()
    assert link.is_visible()
    violations = axe(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("width", [768, 1280])
def test_on_wide_screens_the_main_navigation_is_always_open(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/selbstcheck/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    assert nav.get_by_role("link", name="Wissen").is_visible()
    assert not nav.get_by_text("Menü").is_visible()
