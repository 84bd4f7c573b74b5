"""Every page type of the knowledge platform: heading, zero axe violations, JS on and off."""

import re

import pytest

from .conftest import describe

PAGES = [
    ("/wissen/", "Wissen"),
    ("/wissen/?thema=beteiligung&art=interview", "Wissen"),
    ("/wissen/?thema=zusammenhalt&art=artikel&seite=2", "Wissen"),
    ("/praxisbeispiele/", "Praxisbeispiele"),
    ("/praxisbeispiele/?land=14&groesse=grossstadt", "Praxisbeispiele"),
    ("/veranstaltungen/", "Veranstaltungen"),
    ("/faq/", "Häufige Fragen"),
    ("/kontakt/", "Kontakt"),
    ("/modellkommunen/", "Modellkommunen"),
    ("/ueber-das-projekt/entscheiderinnen/", "Entscheider:innen"),
    ("/suche/?q=Beirat", "Suche"),
    ("/suche/?q=Integration&art=praxisbeispiel", "Suche"),
    ("/suche/?q=xyzxyz", "Suche"),
    ("/suche/?q=Diskussionsbedarf", "Suche"),
    ("/suche/?q=Beteiligung&art=frage", "Suche"),
    ("/en/suche/?q=participation", "Search"),
    ("/kommunen/14713/", "Leipzig"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_knowledge_pages_have_no_accessibility_violations(page, axe, path, heading):
    page.goto(path)
    assert heading in page.locator("h1").inner_text()
    violations = axe(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("listing", ["/wissen/", "/praxisbeispiele/", "/veranstaltungen/"])
def test_detail_pages_of_each_listing_are_accessible_and_marked_as_demo(page, axe, listing):
    page.goto(listing)
    link = page.locator("main h2 a, main h3 a").first
    title = link.inner_text()
    link.click()
    assert page.locator("h1").inner_text() == title
    assert page.locator(".demo-badge").count() >= 1
    if listing != "/veranstaltungen/":
        assert page.get_by_role("heading", name="Wo steht Ihre Kommune?").is_visible()
    violations = axe(page)
    assert violations == [], describe(violations)


def test_filters_work_as_a_plain_form(page):
    page.goto("/praxisbeispiele/")
    total = int(re.search(r"(\d+) Einträge", page.locator(".result-count").inner_text()).group(1))
    page.get_by_label("Handlungsfeld").select_option("teilhabe")
    page.get_by_role("button", name="Filter anwenden").click()
    assert "thema=teilhabe" in page.url
    filtered = int(re.search(r"(\d+) Eintr", page.locator(".result-count").inner_text()).group(1))
    assert 0 < filtered < total


def test_contact_form_errors_are_accessible(page, axe):
    page.goto("/kontakt/")
    page.get_by_role("button", name="Nachricht senden").click()
    assert "Bitte geben Sie Ihren Namen an." in page.content()
    violations = axe(page)
    assert violations == [], describe(violations)


def test_the_map_points_are_keyboard_reachable_links(page):
    page.goto("/modellkommunen/")
    points = page.locator("svg.germany-map a")
    assert points.count() == 19
    href = points.first.get_attribute("href")
    assert href.startswith("/kommunen/")


def test_a_question_found_by_the_search_opens_at_its_anchor(page):
    page.goto("/suche/?q=Antidiskriminierungsberatung")
    result = page.locator(".search-result").first
    assert "Frage im Selbstcheck" in result.locator(".kern-preline").inner_text()
    result.locator("h3 a").click()
    assert page.url.endswith("/selbstcheck/handlungsfelder/teilhabe/#frage-teilhabe.antidiskriminierungsberatung")
    assert page.locator('[id="frage-teilhabe.antidiskriminierungsberatung"]').is_visible()


def test_the_methodik_page_is_found_at_its_section(page):
    page.goto("/suche/?q=Diskussionsbedarf")
    page.get_by_role("link", name="Mehrere Antwortende").click()
    assert page.url.endswith("/selbstcheck/methodik/#team")
    assert page.locator("#team").is_visible()
