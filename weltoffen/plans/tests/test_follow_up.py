"""The plan's follow-up: as a PDF, its due dates as a secret, revocable calendar feed, and
the results pages saying which recommendation already has an open measure."""

import io
from datetime import date

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from django.urls import reverse

from weltoffen.plans import calendars, measures
from weltoffen.plans.models import CalendarFeed, Measure
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.teams import rounds

pytestmark = pytest.mark.django_db


@pytest.fixture
def link_assessment(catalogue):
    return AssessmentFactory(title="Selbstcheck Musterstadt")


def team_ref(teams):
    return f"runde-{teams[0].current_round().pk}"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert catalog["/Lang"] == "de"
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_plan_as_pdf_is_tagged_and_follows_the_filter(client, link_assessment):
    measures.create_measure(
        assessment=link_assessment, field_key="steuerung", title="Leitbild beschließen", due_on=date(2027, 6, 30)
    )
    done = measures.create_measure(assessment=link_assessment, field_key="arbeit", title="Jobmesse")
    measures.change_status(measure=done, status="umgesetzt")
    url = reverse("plans:export-pdf", args=[link_assessment.token])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert PdfReader(io.BytesIO(response.content)).metadata.title == "Maßnahmenplan: Selbstcheck Musterstadt"
    text = pdf_text(response.content)
    assert "Leitbild beschließen" in text and "fällig am 30.06.2027" in text and "Jobmesse" in text
    filtered = pdf_text(client.get(url, {"status": "geplant"}).content)
    assert "Leitbild beschließen" in filtered and "Jobmesse" not in filtered


PLAN_VIEWS = [
    ("get", "plans:export-pdf", ()),
    ("post", "plans:calendar-link", ("erstellen",)),
    ("post", "plans:calendar-link", ("widerrufen",)),
]


@pytest.fixture
def team_feed(teams):
    calendars.issue_calendar_link(assessment=teams[0].current_round())
    return CalendarFeed.objects.get()


@pytest.mark.parametrize(("method", "name", "args"), PLAN_VIEWS)
def test_another_municipalitys_coordinator_gets_a_404(client, teams, team_feed, method, name, args):
    client.force_login(teams[1].coordinator)
    assert getattr(client, method)(reverse(name, args=[team_ref(teams), *args])).status_code == 404
    assert list(CalendarFeed.objects.values_list("token_hash", flat=True)) == [team_feed.token_hash]


@pytest.mark.parametrize(("method", "name", "args"), PLAN_VIEWS)
def test_a_respondents_personal_link_gets_a_403(client, teams, team_feed, method, name, args):
    _respondent, token = rounds.invite(
        assessment=teams[0].current_round(), invited_by=teams[0].coordinator, email="k@w.example", department="jugend"
    )
    assert getattr(client, method)(reverse(name, args=[token, *args])).status_code == 403
    assert list(CalendarFeed.objects.values_list("token_hash", flat=True)) == [team_feed.token_hash]


def test_members_get_the_shared_plan_as_pdf_but_no_calendar_link(client, teams, team_feed):
    rounds.share_result(assessment=teams[0].current_round(), shared=True)
    client.force_login(teams[0].member)
    assert client.get(reverse("plans:export-pdf", args=[team_ref(teams)])).status_code == 200
    for action in ("erstellen", "widerrufen"):
        assert client.post(reverse("plans:calendar-link", args=[team_ref(teams), action])).status_code == 403
    assert list(CalendarFeed.objects.values_list("token_hash", flat=True)) == [team_feed.token_hash]
    assert "Kalender-Link" not in client.get(reverse("plans:plan", args=[team_ref(teams)])).text


def feed_url_from(response) -> str:
    return response.text.split('id="feed-url" value="', 1)[1].split('"', 1)[0]


def events(response) -> list:
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_feed_lists_open_measures_with_a_due_date_as_all_day_events(client, link_assessment, other_assessment):
    measures.create_measure(
        assessment=link_assessment,
        field_key="steuerung",
        title="Leitbild",
        due_on=date(2027, 6, 30),
        department="Amt 10",
    )
    measures.create_measure(assessment=link_assessment, field_key="steuerung", title="Ohne Termin")
    done = measures.create_measure(
        assessment=link_assessment, field_key="arbeit", title="Fertig", due_on=date(2027, 1, 1)
    )
    measures.change_status(measure=done, status="umgesetzt")
    measures.create_measure(assessment=other_assessment, field_key="arbeit", title="Fremd", due_on=date(2027, 2, 1))
    created = client.post(reverse("plans:calendar-link", args=[link_assessment.token, "erstellen"]))
    assert created.status_code == 200 and "nur jetzt angezeigt" in created.text
    feed = client.get(feed_url_from(created).removeprefix("http://testserver"))
    assert feed.status_code == 200 and feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert feed["Cache-Control"] == "private, no-store"
    (event,) = events(feed)
    assert str(event["summary"]) == "Fällig: Leitbild"
    assert event.decoded("dtstart") == date(2027, 6, 30) and event.decoded("dtend") == date(2027, 7, 1)
    assert "Amt 10" in str(event["description"]) and "geplant" in str(event["description"])


def test_a_new_link_replaces_the_old_one_and_revoking_ends_it(client, link_assessment):
    create = reverse("plans:calendar-link", args=[link_assessment.token, "erstellen"])
    first = feed_url_from(client.post(create)).removeprefix("http://testserver")
    second = feed_url_from(client.post(create)).removeprefix("http://testserver")
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    assert CalendarFeed.objects.count() == 1
    revoked = client.post(reverse("plans:calendar-link", args=[link_assessment.token, "widerrufen"]))
    assert revoked.status_code == 302 and revoked["Location"].endswith("#kalender")
    assert client.get(second).status_code == 404 and not CalendarFeed.objects.exists()


@pytest.mark.parametrize("token", ["A" * 43, "zu-kurz", "x" * 200])
def test_an_unknown_feed_is_a_404(client, link_assessment, token):
    calendars.issue_calendar_link(assessment=link_assessment)
    assert client.get(reverse("plans:calendar-feed", args=[token])).status_code == 404


def test_only_the_hash_of_the_feed_token_is_stored(link_assessment):
    token = calendars.issue_calendar_link(assessment=link_assessment)
    assert token not in CalendarFeed.objects.get().token_hash
    assert calendars.feed_for(token).assessment == link_assessment


def test_an_unknown_calendar_action_is_a_400(client, link_assessment):
    response = client.post(reverse("plans:calendar-link", args=[link_assessment.token, "verschenken"]))
    assert response.status_code == 400 and not CalendarFeed.objects.exists()


def test_the_plan_page_offers_to_create_and_then_to_revoke_the_calendar_link(client, link_assessment):
    plan_url = reverse("plans:plan", args=[link_assessment.token])
    assert "Kalender-Link erstellen" in client.get(plan_url).text
    calendars.issue_calendar_link(assessment=link_assessment)
    page = client.get(plan_url).text
    assert "Kalender-Link widerrufen" in page and "Ein Kalender-Link besteht seit" in page


def answer_low(assessment, field_key="steuerung"):
    from weltoffen.selfcheck import answering
    from weltoffen.selfcheck.answering import AnswerInput

    questions = list(assessment.version.questions.filter(field__key=field_key).order_by("position"))
    answering.save_answers(assessment=assessment, changes=[(q, AnswerInput("0", "")) for q in questions])
    return questions


def test_a_recommendation_with_an_open_measure_says_so_on_the_results_page(client, link_assessment):
    first, second, *_ = answer_low(link_assessment)
    measures.create_measure(
        assessment=link_assessment, field_key="steuerung", question_key=first.key, title="Leitbild im Rat"
    )
    done = measures.create_measure(
        assessment=link_assessment, field_key="steuerung", question_key=second.key, title="Schon erledigt"
    )
    measures.change_status(measure=done, status="umgesetzt")
    page = client.get(reverse("selfcheck:results", args=[link_assessment.token])).text
    assert page.count("Offene Maßnahme im Plan") == 1
    assert "Leitbild im Rat (geplant)" in page and "Schon erledigt" not in page
    report = pdf_text(client.get(reverse("selfcheck:report", args=[link_assessment.token])).content)
    assert "Offene Maßnahme im Plan: Leitbild im Rat (geplant)" in report


def test_an_open_measure_of_the_last_round_shows_on_the_next_rounds_result(client, teams):
    ours = teams[0]
    first_round = ours.current_round()
    question = first_round.version.questions.filter(field__key="steuerung").order_by("position").first()
    measures.create_measure(assessment=first_round, field_key="steuerung", question_key=question.key, title="Weiter")
    rounds.close_round(assessment=first_round, closed_by=ours.coordinator)
    next_round = rounds.open_round(team=ours)
    person, _ = rounds.invite(assessment=next_round, invited_by=ours.coordinator, department="personal")
    answer_low_for(next_round, person)
    client.force_login(ours.coordinator)
    page = client.get(reverse("teams:result", args=[next_round.pk])).text
    assert "Offene Maßnahme im Plan" in page and "Weiter (geplant)" in page
    assert list(measures.open_measures_by_question(teams[1].current_round())) == []


def answer_low_for(assessment, respondent):
    from weltoffen.selfcheck import answering
    from weltoffen.selfcheck.answering import AnswerInput

    questions = list(assessment.version.questions.filter(field__key="steuerung"))
    answering.save_answers(
        assessment=assessment, respondent=respondent, changes=[(q, AnswerInput("0", "")) for q in questions]
    )


def test_results_without_measures_say_nothing_of_the_plan(client, link_assessment):
    answer_low(link_assessment)
    assert not Measure.objects.exists()
    assert "Maßnahme im Plan" not in client.get(reverse("selfcheck:results", args=[link_assessment.token])).text
