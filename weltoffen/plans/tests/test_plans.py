"""The Maßnahmenplan: rules in the workflows, permissions of every view and export."""

from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import timezone

from weltoffen.plans import measures
from weltoffen.plans.models import Measure
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.teams import rounds

pytestmark = pytest.mark.django_db


@pytest.fixture
def link_assessment(catalogue):
    return AssessmentFactory(title="Selbstcheck Musterstadt")


@pytest.fixture
def measure(link_assessment):
    return measures.create_measure(assessment=link_assessment, field_key="steuerung", title="Leitbild beschließen")


def team_ref(teams):
    return f"runde-{teams[0].current_round().pk}"


VIEWS = [
    ("get", "plans:plan", ()),
    ("get", "plans:measure-new", ()),
    ("post", "plans:measure-new", ()),
    ("get", "plans:export-xlsx", ()),
]


@pytest.fixture
def team_measure(teams):
    return measures.create_measure(assessment=teams[0].current_round(), field_key="steuerung", title="Konzept")


@pytest.mark.parametrize(("method", "name", "args"), VIEWS)
def test_another_municipalitys_coordinator_gets_a_404(client, teams, team_measure, method, name, args):
    client.force_login(teams[1].coordinator)
    assert getattr(client, method)(reverse(name, args=[team_ref(teams), *args])).status_code == 404
    status_url = reverse("plans:measure-status", args=[team_ref(teams), team_measure.pk])
    assert client.post(status_url, {"status": "umgesetzt"}).status_code == 404
    team_measure.refresh_from_db()
    assert team_measure.status == "geplant" and Measure.objects.count() == 1


@pytest.mark.parametrize(("method", "name", "args"), VIEWS)
def test_a_respondents_personal_link_gets_a_403(client, teams, team_measure, method, name, args):
    _respondent, token = rounds.invite(
        assessment=teams[0].current_round(), invited_by=teams[0].coordinator, email="k@w.example", department="jugend"
    )
    assert getattr(client, method)(reverse(name, args=[token, *args]), {"title": "x"}).status_code == 403
    assert (
        client.post(reverse("plans:measure-status", args=[token, team_measure.pk]), {"status": "umgesetzt"}).status_code
        == 403
    )
    assert Measure.objects.count() == 1


def test_a_measure_of_another_round_cannot_be_changed_through_ours(client, link_assessment, teams, team_measure):
    url = reverse("plans:measure-status", args=[link_assessment.token, team_measure.pk])
    assert client.post(url, {"status": "umgesetzt"}).status_code == 404
    team_measure.refresh_from_db()
    assert team_measure.status == "geplant"


def test_members_see_the_plan_once_shared_but_cannot_change_it(client, teams, team_measure):
    client.force_login(teams[0].member)
    assert client.get(reverse("plans:plan", args=[team_ref(teams)])).status_code == 403
    rounds.share_result(assessment=teams[0].current_round(), shared=True)
    assert client.get(reverse("plans:plan", args=[team_ref(teams)])).status_code == 200
    url = reverse("plans:measure-status", args=[team_ref(teams), team_measure.pk])
    assert client.post(url, {"status": "umgesetzt"}).status_code == 403
    team_measure.refresh_from_db()
    assert team_measure.status == "geplant"


def test_each_status_change_is_recorded_with_its_date(measure):
    measures.change_status(measure=measure, status="in-umsetzung")
    measures.change_status(measure=measure, status="in-umsetzung")
    measures.change_status(measure=measure, status="umgesetzt")
    assert [c.status for c in measure.history.all()] == ["geplant", "in-umsetzung", "umgesetzt"]
    assert all(c.changed_on == timezone.localdate() for c in measure.history.all())


def test_a_tampered_status_is_refused_and_changes_nothing(client, measure):
    url = reverse("plans:measure-status", args=[measure.assessment.token, measure.pk])
    response = client.post(url, {"status": "erledigt-ganz-sicher"})
    assert response.status_code == 400 and "Diesen Stand gibt es nicht" in response.text
    measure.refresh_from_db()
    assert measure.status == "geplant" and measure.history.count() == 1


def test_a_recommendation_of_another_field_is_refused(link_assessment, catalogue):
    question = catalogue.questions.filter(field__key="arbeit").first()
    with pytest.raises(measures.PlanError):
        measures.create_measure(assessment=link_assessment, field_key="steuerung", title="x", question_key=question.key)
    assert not Measure.objects.exists()


def test_a_measure_from_a_recommendation_keeps_the_stable_question_key(client, link_assessment, catalogue):
    question = catalogue.questions.filter(field__key="steuerung").first()
    url = reverse("plans:measure-new", args=[link_assessment.token])
    response = client.post(
        url, {"field_key": "steuerung", "question_key": question.key, "title": "Steuerungsgruppe einrichten"}
    )
    assert response.status_code == 302
    assert Measure.objects.get().question_key == question.key
    assert list(measures.open_measures_by_question(link_assessment)) == [question.key]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"field_key": "gibt-es-nicht", "title": "x"}, "Bitte wählen Sie ein Handlungsfeld aus der Liste."),
        ({"field_key": "steuerung", "title": "x" * 201}, "höchstens 200 Zeichen"),
        ({"field_key": "steuerung", "title": "a\x00b"}, "Nullzeichen"),
        ({"field_key": "steuerung", "title": "x", "lead_person": "Frau A."}, "Einverständnis"),
        ({"field_key": "steuerung", "title": "x", "starts_on": "2027-02-01", "due_on": "2027-01-01"}, "vor dem Beginn"),
        ({"field_key": "steuerung", "title": "x", "due_on": "31.02.2027"}, "gültiges Datum"),
    ],
)
def test_bad_input_on_a_new_measure_is_a_400_in_german(client, link_assessment, data, message):
    response = client.post(reverse("plans:measure-new", args=[link_assessment.token]), data)
    assert response.status_code == 400
    assert message in response.text
    assert not Measure.objects.exists()


def test_filters_and_boards_show_the_right_measures(client, link_assessment):
    yesterday = timezone.localdate() - timedelta(days=1)
    measures.create_measure(assessment=link_assessment, field_key="steuerung", title="Überfällig", due_on=yesterday)
    done = measures.create_measure(assessment=link_assessment, field_key="arbeit", title="Erledigt", due_on=yesterday)
    measures.change_status(measure=done, status="umgesetzt")
    url = reverse("plans:plan", args=[link_assessment.token])
    overdue = client.get(url, {"overdue": "on"}).text
    assert "Überfällig" in overdue and "Erledigt" not in overdue
    by_field = client.get(url, {"view": "feld", "field": "arbeit"}).text
    assert "Erledigt" in by_field and "Überfällig" not in by_field
    assert client.get(url, {"status": "kaputt"}).status_code == 400


def test_the_xlsx_export_names_the_lead_only_with_consent(client, link_assessment):
    measures.create_measure(
        assessment=link_assessment, field_key="steuerung", title="A", lead_person="Frau Genannt", lead_consents=True
    )
    measures.create_measure(assessment=link_assessment, field_key="steuerung", title="B", lead_person="Herr Geheim")
    response = client.get(reverse("plans:export-xlsx", args=[link_assessment.token]))
    sheet = load_workbook(BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Frau Genannt" in values and "Herr Geheim" not in values


def test_the_plan_may_change_after_the_round_is_closed_but_not_the_answers(client, teams, team_measure):
    assessment = teams[0].current_round()
    rounds.close_round(assessment=assessment, closed_by=teams[0].coordinator)
    client.force_login(teams[0].coordinator)
    url = reverse("plans:measure-status", args=[team_ref(teams), team_measure.pk])
    assert client.post(url, {"status": "umgesetzt"}).status_code == 302
    team_measure.refresh_from_db()
    assert team_measure.status == "umgesetzt"
    assert not assessment.answers.exists()
