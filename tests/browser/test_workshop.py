"""The workshop's presentation view with JavaScript off and on, axe-checked at every step:
arrow keys (or the pager's links), choosing recommendations, free priorities and minutes
saved as they go, and everything still there after a reload."""

import re

import pytest

from .conftest import describe
from .test_teams import CREATE_USER, PASSWORD

# A team round in which two colleagues disagree on field 1, and three stakeholders answered.
CREATE_ROUND = """
from weltoffen.accounts.models import User
from weltoffen.dialogue import surveys
from weltoffen.municipalities.models import Municipality
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.teams import rounds
from weltoffen.teams.models import Membership
user = User.objects.get(username={email!r})
Membership.objects.filter(user=user).delete()
team = rounds.create_team(user=user, municipality=Municipality.objects.filter(ags__startswith="03103").order_by("ags").first(), name="Workshop")
assessment = team.current_round()
field = assessment.version.fields.get(number=1)
questions = list(field.questions.order_by("position"))
for department, value in (("personal", "0"), ("jugend", "3")):
    person, _ = rounds.invite(assessment=assessment, invited_by=user, department=department)
    answering.save_answers(assessment=assessment, respondent=person, changes=[(q, AnswerInput(value, "")) for q in questions])
survey = surveys.open_survey(assessment=assessment)
keys = [q.key for q in survey.questions.questions if q.field_key == field.key]
for text in ("Mehr Sprachkurse", "Beirat früher beteiligen", "gut so"):
    surveys.submit_response(survey=survey, submission=surveys.Submission("wirtschaft", dict.fromkeys(keys, "3"), {{field.key: text}}))
print(assessment.pk)
"""


def assert_accessible(page, axe):
    violations = axe(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


def sign_in_with_a_round(page, manage, javascript) -> int:
    email = f"workshop-{'js' if javascript else 'nojs'}@kommune.example"
    manage("shell", "-c", CREATE_USER.format(email=email, password=PASSWORD))
    pk = int(manage("shell", "-c", CREATE_ROUND.format(email=email)).strip().splitlines()[-1])
    page.goto("/konto/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Anmeld")).click()
    return pk


def go(page, direction: str, javascript: bool):
    """The next or previous screen: the arrow key with JavaScript, the pager's link without."""
    if javascript:
        with page.expect_navigation():
            page.locator("body").press("ArrowRight" if direction == "next" else "ArrowLeft")
    else:
        page.locator(f'.workshop-pager a[rel="{direction}"]').click()


def test_the_facilitator_runs_the_workshop(page, axe, manage, javascript):
    pk = sign_in_with_a_round(page, manage, javascript)
    page.goto(f"/dialog/runde-{pk}/workshop/")
    assert page.locator("h1").inner_text() == "Workshop, Runde 1"
    assert page.locator(".workshop-pager__hint").is_visible() == javascript
    assert_accessible(page, axe)

    go(page, "next", javascript)
    assert "Handlungsfeld 1 von 7" in page.locator(".workshop__preline").inner_text()
    assert "Konsens: niedrig" in page.content() and "Wahrnehmungslücke" in page.content()
    for summary in page.locator("details.workshop-details summary").all():
        summary.click()  # the further questions that need discussion, and the comments
    assert_accessible(page, axe)

    # Choose the first recommendation, add a free priority, write the minutes.
    checkbox = page.locator("input[name=chosen]").first
    key = checkbox.get_attribute("value")
    checkbox.check()
    if javascript:
        page.locator("#status-prioritaeten").get_by_text(re.compile("Gespeichert um")).wait_for()
    else:
        page.get_by_role("button", name="Auswahl speichern").click()
    assert page.locator(".workshop-priority").count() == 1
    page.get_by_label("Weitere Priorität, frei formuliert").fill("Sprachmittlung in den Bürgerbüros")
    page.get_by_role("button", name="Priorität hinzufügen").click()
    page.locator(".workshop-priority", has_text="Sprachmittlung").wait_for()
    assert page.locator(".workshop-priority").count() == 2
    minutes = page.get_by_label(re.compile("^Kurzprotokoll"))
    minutes.fill("Federführung: Büro der Bürgermeisterin")
    if javascript:
        page.locator("#status-protokoll").get_by_text(re.compile("Gespeichert um")).wait_for()
        assert page.locator("#neue-prioritaet").input_value() == ""
    else:
        page.get_by_role("button", name="Protokoll speichern").click()
    assert_accessible(page, axe)

    # Arrow keys are left alone while typing in the minutes.
    if javascript:
        minutes.press("ArrowLeft")
        assert "Handlungsfeld 1 von 7" in page.locator(".workshop__preline").inner_text()
        page.locator("h1").click()

    go(page, "next", javascript)
    assert "Handlungsfeld 2 von 7" in page.locator(".workshop__preline").inner_text()
    assert_accessible(page, axe)
    go(page, "prev", javascript)
    assert "Handlungsfeld 1 von 7" in page.locator(".workshop__preline").inner_text()
    assert page.locator(f"input[name=chosen][value='{key}']").is_checked()
    assert page.locator(".workshop-priority", has_text="Sprachmittlung").count() == 1
    assert page.get_by_label(re.compile("^Kurzprotokoll")).input_value() == "Federführung: Büro der Bürgermeisterin"

    # Removing a priority keeps the focus in the list of priorities.
    page.get_by_role("button", name=re.compile("^Entfernen.*Sprachmittlung")).click()
    page.locator(".workshop-priority", has_text="Sprachmittlung").wait_for(state="detached")
    if javascript:
        assert page.evaluate("document.activeElement.id").startswith("vereinbart-")
    assert page.locator(".workshop-priority").count() == 1

    page.get_by_role("button", name=re.compile("^Als Maßnahme in den Plan")).first.click()
    assert "/plan/" in page.url and page.locator(".plan-card").count() == 1
    assert_accessible(page, axe)


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
def test_a_refused_priority_says_why_in_the_status_line(page, axe, manage, javascript):
    pk = sign_in_with_a_round(page, manage, javascript)
    page.goto(f"/dialog/runde-{pk}/workshop/felder/{first_field_key(page, pk)}/")
    page.get_by_role("button", name="Priorität hinzufügen").click()
    page.locator("#status-prioritaeten").get_by_text(re.compile("Nicht gespeichert")).wait_for()
    assert page.locator(".workshop-priority").count() == 0
    assert_accessible(page, axe)


def first_field_key(page, pk: int) -> str:
    page.goto(f"/dialog/runde-{pk}/workshop/")
    return page.locator('.workshop-pager a[rel="next"]').get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
