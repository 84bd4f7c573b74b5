import pytest

from .conftest import describe


@pytest.mark.parametrize("javascript", ["no-js"], indirect=True)
def test_search_works_as_a_plain_form_without_javascript(page):
    page.goto("/")
    page.get_by_label("Kommune suchen").fill("Muenchen")
    page.get_by_role("button", name="Suchen").click()
    assert "/kommunen/?q=Muenchen" in page.url
    page.get_by_role("link", name="München", exact=True).first.click()
    assert page.locator("h1").inner_text() == "München"


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
def test_search_as_you_type_is_an_accessible_combobox(page, axe):
    page.goto("/kommunen/")
    box = page.get_by_role("combobox", name="Kommune suchen")
    box.press_sequentially("Muench", delay=30)
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert "München" in listbox.get_by_role("option").first.inner_text()
    assert "Vorschl" in page.locator("#municipality-q-status").inner_text()
    violations = axe(page)
    assert violations == [], describe(violations)
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "municipality-option-09162"
    box.press("Enter")
    page.wait_for_url("**/kommunen/09162/")
    assert page.locator("h1").inner_text() == "München"


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
def test_escape_closes_the_suggestions(page):
    page.goto("/kommunen/")
    box = page.get_by_role("combobox", name="Kommune suchen")
    box.press_sequentially("Dach", delay=30)
    page.get_by_role("listbox").wait_for(state="visible")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
