"""The Selbstcheck end to end, with JavaScript off and on, axe-checked at every step."""

import re

import pytest

from .conftest import describe

VALUES = ["0", "1", "2", "3", "dont_know", "not_applicable"]


def assert_accessible(page, axe):
    violations = axe(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


def start(page, axe, *, municipality="Potsdam"):
    page.goto("/selbstcheck/start/")
    assert_accessible(page, axe)
    page.get_by_label("Kommune").fill(municipality)
    page.get_by_label("Titel des Selbstchecks").fill("Browsertest")
    page.get_by_role("button", name="Selbstcheck beginnen").click()
    if page.locator("h1").inner_text() == "Selbstcheck beginnen":  # several places matched: choose the first
        assert_accessible(page, axe)
        page.locator("input[name=municipality]").first.check()
        page.get_by_role("button", name="Selbstcheck beginnen").click()
    page.wait_for_url(re.compile(r"/selbstcheck/a/[^/]+/link/$"))
    assert_accessible(page, axe)
    link = page.get_by_label("Link zum Selbstcheck").input_value()
    assert re.search(r"/selbstcheck/a/[A-Za-z0-9_-]{43}/$", link)
    page.get_by_role("link", name="Weiter zum Selbstcheck").click()
    assert_accessible(page, axe)
    return link


def answer_visible_questions(page, offset: int):
    """Choose an answer for every question on the field page, cycling through the scale."""
    fieldsets = page.locator("fieldset.question-fieldset")
    for index in range(fieldsets.count()):
        value = VALUES[(index + offset) % len(VALUES)]
        choice = fieldsets.nth(index).locator(f"input[type=radio][value='{value}']")
        if not choice.count():  # "trifft nicht zu" is offered only where it cannot hide a gap
            choice = fieldsets.nth(index).locator("input[type=radio][value='dont_know']")
        choice.check()
    return fieldsets.count()


@pytest.mark.parametrize("javascript", ["no-js"], indirect=True)
def test_a_whole_selfcheck_without_javascript(page, axe):
    start(page, axe)
    page.get_by_role("link", name=re.compile(r"^1\. Management")).click()
    answered = 0
    for number in range(1, 8):
        assert f"Handlungsfeld {number}" in page.locator(".kern-preline").first.inner_text()
        if number == 1:
            assert_accessible(page, axe)
        answered += answer_visible_questions(page, number)
        if number == 2:
            page.locator("details.answer-note summary").first.click()
            page.locator("textarea[name^='note:']").first.fill("Konzept vom Rat beschlossen (Drucksache 12/2025)")
        page.get_by_role("button", name="Speichern und weiter").click()
    assert answered == 126  # every question of catalogue v2
    assert "/ergebnis/" in page.url
    assert "Vorläufiges Ergebnis" not in page.content()
    assert page.locator(".score-figure").count() == 7
    assert page.locator("table.score-table tbody tr").count() == 7
    assert_accessible(page, axe)
    page.get_by_role("link", name="Zur Übersicht des Selbstchecks").click()
    assert page.locator(".kern-badge", has_text="vollständig").count() == 7
    assert_accessible(page, axe)


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
def test_a_whole_selfcheck_with_javascript_saves_as_you_go(page, axe):
    start(page, axe, municipality="09162")
    page.get_by_role("link", name=re.compile(r"^1\. Management")).click()
    for number in range(1, 8):
        fieldsets = page.locator("fieldset.question-fieldset")
        for index in range(fieldsets.count()):
            fieldset = fieldsets.nth(index)
            fieldset.locator(f"input[type=radio][value='{VALUES[(index + number) % 4]}']").check()
            status = fieldset.locator("[role=status]")
            status.filter(has_text="Gespeichert").wait_for()
        if number == 1:
            assert_accessible(page, axe)
        # Leave by link, not by the submit button: autosave alone must have kept everything.
        next_link = page.locator("nav.pager a[rel=next]")
        if next_link.count():
            next_link.click()
    page.goto(page.url.split("/felder/")[0] + "/ergebnis/")
    assert "Vorläufiges Ergebnis" not in page.content()
    assert page.locator(".score-figure").count() == 7
    assert_accessible(page, axe)


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
def test_the_municipality_combobox_fills_the_start_form(page):
    page.goto("/selbstcheck/start/")
    box = page.get_by_role("combobox", name="Kommune")
    box.press_sequentially("Wittenberge", delay=30)
    page.get_by_role("listbox").wait_for(state="visible")
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value() == "Wittenberge"
    assert page.locator("input[name=municipality]").input_value() == "12070424"
    page.get_by_role("button", name="Selbstcheck beginnen").click()
    page.wait_for_url(re.compile(r"/link/$"))


def test_error_states_results_and_delete_are_accessible(page, axe):
    link = start(page, axe)
    page.goto(link + "felder/teilhabe/")
    page.locator("details.answer-note summary").first.click()
    page.locator("textarea[name^='note:']").first.fill("x" * 2100)
    page.get_by_role("button", name="Speichern", exact=True).click()
    assert "höchstens 2000 Zeichen" in page.content()
    assert_accessible(page, axe)
    page.goto(link + "ergebnis/")
    assert "Vorläufiges Ergebnis" in page.content()
    assert_accessible(page, axe)
    page.goto(link + "import/")
    assert_accessible(page, axe)
    page.get_by_role("button", name="Datei prüfen").click()
    assert "Bitte wählen Sie eine Datei aus" in page.content()
    assert_accessible(page, axe)
    page.goto(link + "loeschen/")
    assert_accessible(page, axe)
    page.get_by_label("Ja, ich möchte diesen Selbstcheck endgültig löschen.").check()
    page.get_by_role("button", name="Endgültig löschen").click()
    assert "Selbstcheck gelöscht" in page.locator("h1").inner_text()
    assert_accessible(page, axe)
    page.goto(link)
    assert "Dieser Link führt zu keinem Selbstcheck" in page.locator("h1").inner_text()
    assert_accessible(page, axe)


# Catalogue v2's new states on one assessment: field 1's foundation questions at "weiß nicht"
# (a capped level), one answer backed by a council decision, the dependent questions of a
# premise at 0 (skipped), and field 3 partly answered (a sub-topic profile with a provisional part).
VERSION_2_STATES = """
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
assessment, token = answering.start_assessment(municipality=None, title="Stufenprobe")
questions = list(assessment.version.questions.select_related("field", "subtopic"))
premises = {q.depends_on for q in questions if q.depends_on}
in_second_topic = [q.key for q in questions if q.field.number == 3 and q.subtopic and q.subtopic.position == 2]
changes = []
for q in questions:
    if q.field.number == 1:
        value = "0" if q.key in premises else ("dont_know" if q.foundation else "3")
    elif q.field.number == 3:
        value = "2" if (q.subtopic and q.subtopic.position == 1) or q.key == in_second_topic[0] else ""
    else:
        value = "3"
    changes.append((q, AnswerInput(value, "", "decision" if q.field.number == 2 else "")))
answering.save_answers(assessment=assessment, changes=[c for c in changes if c[1].value])
print(token)
"""


@pytest.mark.parametrize("language", ["", "/en"])
def test_version_2_states_are_explained_and_accessible_in_both_languages(page, axe, manage, language):
    token = manage("shell", "-c", VERSION_2_STATES).strip().splitlines()[-1]
    english = language == "/en"
    base = f"{language}/selbstcheck/a/{token}/"
    page.goto(base + "felder/steuerung/")
    assert page.locator("select[name^='evidence:']").count() > 0
    assert page.locator(".skipped-note").count() > 0
    assert_accessible(page, axe)
    page.goto(base + "ergebnis/")
    main = page.locator("main").inner_text()
    assert ("Level capped at" if english else "Stufe begrenzt auf") in main
    assert ("Profile by sub-topic" if english else "Profil nach Unterthemen") in main
    profile = page.locator("table:has(#unterthemen-teilhabe-caption)").inner_text()
    assert ("provisional" if english else "vorläufig") in profile
    assert page.locator(".evidence-share").count() >= 1
    assert_accessible(page, axe)
