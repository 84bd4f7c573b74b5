"""The team journey a coordinator puts in front of a workshop, in both languages, with
JavaScript on and off: axe-checked, and no page scrolls sideways at 320 px or 1280 px."""

import json

import pytest

from .conftest import describe

# A team with a closed first round in which three colleagues disagree (with notes), and a
# second round pre-filled from it; prints what the tests need as JSON.
SCENARIO = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from weltoffen.accounts.models import User
from weltoffen.municipalities.models import Municipality
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.teams import rounds
from weltoffen.teams.models import Team

user, _ = User.objects.get_or_create(username="journey", defaults={"email": "journey@kommune.example"})
Team.objects.filter(memberships__user=user).delete()
team = rounds.create_team(user=user, municipality=Municipality.objects.get(ags="03103"), name="Steuerungsgruppe")
first = team.current_round()
people = [
    ("Kim Personalamt", "personal", True, "0"),
    ("", "auslaenderbehoerde", False, "3"),
    ("Ola Wirtschaft", "wirtschaft", True, "1"),
]
questions = list(first.version.questions.order_by("field__number", "position"))
for name, department, show, value in people:
    person, _ = rounds.invite(assessment=first, invited_by=user, name=name, department=department, show_name=show)
    changes = [
        (q, AnswerInput(value if n % 3 else "2", "Ratsbeschluss vom 12. März 2024" if n == 1 and value == "3" else ""))
        for n, q in enumerate(questions)
    ]
    answering.save_answers(assessment=first, changes=changes, respondent=person)
rounds.close_round(assessment=first, closed_by=user)
second = rounds.open_round(team=team, carry_over=True, invited_by=user)
links = rounds.issue_links(assessment=second)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({
    "session": session.session_key,
    "first": first.pk,
    "second": second.pk,
    "respondent": links[0][0].pk,
    "token": links[0][1],
}))
"""

WIDTHS = (320, 1280)
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('table, svg, pre, input, .kern-alert')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .map(el => el.tagName + (el.className && el.className.baseVal === undefined ? '.' + el.className : ''));
  return {scroll: document.documentElement.scrollWidth > width, wide};
}"""


@pytest.fixture(scope="module")
def journey(manage):
    return json.loads(manage("shell", "-c", SCENARIO).strip().splitlines()[-1])


def signed_in(page, journey, site_server):
    page.context.add_cookies([{"name": "sessionid", "value": journey["session"], "url": site_server}])
    return page


def team_pages(journey) -> dict[str, str]:
    first, second, respondent, token = journey["first"], journey["second"], journey["respondent"], journey["token"]
    return {
        "team result": f"/team/runden/{first}/ergebnis/",
        "closed round": f"/team/runden/{first}/",
        "open round": f"/team/runden/{second}/",
        "close confirmation": f"/team/runden/{second}/abschliessen/",
        "revoke confirmation": f"/team/einladungen/{respondent}/widerrufen/",
        "progress": "/team/fortschritt/",
        "links shown": f"/team/runden/{second}/links/",
        "pre-filled overview": f"/selbstcheck/a/{token}/",
        "pre-filled field": f"/selbstcheck/a/{token}/felder/steuerung/",
        "own answers": f"/selbstcheck/a/{token}/meine-antworten/",
    }


def assert_fits(page, path):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found = page.evaluate(OVERFLOW)
        assert not found["scroll"] and not found["wide"], f"{path} at {width} px: {found}"


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize(
    "name",
    [
        "team result",
        "closed round",
        "open round",
        "close confirmation",
        "revoke confirmation",
        "progress",
        "links shown",
        "pre-filled overview",
        "pre-filled field",
        "own answers",
    ],
)
def test_every_page_of_the_team_journey_is_accessible_and_fits_a_phone(page, axe, journey, site_server, language, name):
    path = language + team_pages(journey)[name]
    signed_in(page, journey, site_server)
    response = page.goto(path)
    assert response.status == 200, path
    assert page.locator("h1").count() == 1
    violations = axe(page)
    assert violations == [], f"{path}\n{describe(violations)}"
    assert_fits(page, path)


def test_the_team_result_puts_disagreement_first_with_labels_departments_and_notes(page, journey, site_server):
    signed_in(page, journey, site_server)
    page.goto(team_pages(journey)["team result"])
    headings = page.locator("h2").all_inner_texts()
    assert headings.index("Diskussionsbedarf") < headings.index("Profil des Teams")
    first_item = page.locator(".discussion-item").first
    text = first_item.inner_text()
    assert "3 – umfassend umgesetzt und verankert" in text and "0 – nicht vorhanden" in text
    assert "Kim Personalamt" in text and "Ausländerbehörde" in text
    assert "Ratsbeschluss vom 12. März 2024" in text
    assert page.get_by_text("Die Einschätzungen gehen weit auseinander").first.is_visible()


@pytest.mark.parametrize("javascript", ["no-js"], indirect=True)
def test_closing_a_round_without_javascript_asks_first_and_names_the_unfinished(page, journey, site_server):
    signed_in(page, journey, site_server)
    page.goto(team_pages(journey)["open round"])
    page.get_by_role("link", name="Runde abschließen …").click()
    assert "noch nicht fertig" in page.content()
    assert "Kim Personalamt" in page.content()
    page.get_by_role("link", name="Abbrechen und zurück zur Runde").click()
    assert page.get_by_role("link", name="Runde abschließen …").is_visible()  # still open


def test_a_carried_answer_is_marked_until_confirmed(page, journey, javascript):
    # Each variant confirms a field of its own, so neither depends on the other's order.
    field = "arbeit" if javascript else "beteiligung"
    page.goto(f"/selbstcheck/a/{journey['token']}/felder/{field}/")
    badges = page.locator(".carried-badge")
    assert badges.count() > 0
    assert "aus Runde 1 übernommen" in badges.first.inner_text()
    page.get_by_role("button", name="Übernommene Antworten so bestätigen").click()
    assert page.locator(".carried-badge").count() == 0
    assert "übernommene Antworten bestätigt" in page.content()


SINGLE_LINK = """
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
assessment, token = answering.start_assessment(municipality=None, title="Druckprobe")
changes = [(q, AnswerInput(str(n % 4), "")) for n, q in enumerate(assessment.version.questions.all())]
answering.save_answers(assessment=assessment, changes=changes)
print(token)
"""


def printed_text(page) -> str:
    import io

    from pypdf import PdfReader

    pdf = page.pdf(format="A4")
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
def test_printed_pages_keep_every_column_and_open_folded_sections(page, journey, site_server, manage):
    token = manage("shell", "-c", SINGLE_LINK).strip().splitlines()[-1]
    signed_in(page, journey, site_server)
    pages = {
        "field page": "/selbstcheck/handlungsfelder/steuerung/",
        "results": f"/selbstcheck/a/{token}/ergebnis/",
        "team result": team_pages(journey)["team result"],
    }
    for name, path in pages.items():
        page.goto(path)
        page.emulate_media(media="print")
        headers = [" ".join(text.split()) for text in page.locator("table thead th").all_inner_texts()]
        folded = [
            " ".join(text.split())[:40]
            for text in page.locator("details:not([open]) > :not(summary)").all_inner_texts()
            if text.strip()
        ]
        text = printed_text(page)
        assert headers or name == "field page", f"{name} has no table"
        missing = [header for header in headers if header and header not in text]
        assert not missing, f"{name} prints without the columns {missing}"
        hidden = [snippet for snippet in folded if snippet not in text]
        assert not hidden, f"{name} prints without the folded sections {hidden}"
        assert "Hauptnavigation" not in text and "Zum Inhalt springen" not in text
        page.emulate_media(media="screen")
