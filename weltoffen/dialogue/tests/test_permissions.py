"""Permissions of every dialogue page and export, for team rounds and single-link
assessments: another municipality gets a 404, a respondent's personal link a 403."""

import pytest

from django.urls import reverse

from weltoffen.dialogue import surveys
from weltoffen.dialogue.models import Survey
from weltoffen.teams import rounds

pytestmark = pytest.mark.django_db

OWNER_VIEWS = [
    ("get", "dialogue:manage", ()),
    ("get", "dialogue:survey-qr", ()),
    ("get", "dialogue:survey-handout", ()),
    ("get", "dialogue:comparison", ()),
    ("post", "dialogue:survey-action", ("schliessen",)),
]


def team_ref(teams):
    return f"runde-{teams[0].current_round().pk}"


@pytest.fixture
def team_survey(teams):
    return surveys.open_survey(assessment=teams[0].current_round())


@pytest.mark.parametrize(("method", "name", "args"), OWNER_VIEWS)
def test_another_municipalitys_coordinator_gets_a_404(client, teams, team_survey, method, name, args):
    client.force_login(teams[1].coordinator)
    response = getattr(client, method)(reverse(name, args=[team_ref(teams), *args]))
    assert response.status_code == 404
    team_survey.refresh_from_db()
    assert team_survey.is_open


@pytest.mark.parametrize(("method", "name", "args"), OWNER_VIEWS)
def test_a_respondents_personal_link_gets_a_403(client, teams, team_survey, respondent_token, method, name, args):
    response = getattr(client, method)(reverse(name, args=[respondent_token, *args]))
    assert response.status_code == 403
    team_survey.refresh_from_db()
    assert team_survey.is_open


@pytest.mark.parametrize(("method", "name", "args"), OWNER_VIEWS)
def test_an_unknown_link_gets_a_404(client, catalogue, method, name, args):
    response = getattr(client, method)(reverse(name, args=["A" * 43, *args]))
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "name", "args"), OWNER_VIEWS)
def test_team_pages_need_an_account(client, teams, team_survey, method, name, args):
    response = getattr(client, method)(reverse(name, args=[team_ref(teams), *args]))
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize(("method", "name", "args"), OWNER_VIEWS)
def test_members_see_nothing_until_the_result_is_shared(client, teams, team_survey, method, name, args):
    client.force_login(teams[0].member)
    assert getattr(client, method)(reverse(name, args=[team_ref(teams), *args])).status_code == 403


@pytest.mark.parametrize(("name", "args"), [(n, a) for m, n, a in OWNER_VIEWS if m == "get"])
def test_members_see_the_survey_once_the_result_is_shared(client, teams, team_survey, name, args):
    rounds.share_result(assessment=teams[0].current_round(), shared=True)
    client.force_login(teams[0].member)
    assert client.get(reverse(name, args=[team_ref(teams), *args])).status_code == 200


def test_members_cannot_close_the_survey_even_when_shared(client, teams, team_survey):
    rounds.share_result(assessment=teams[0].current_round(), shared=True)
    client.force_login(teams[0].member)
    response = client.post(reverse("dialogue:survey-action", args=[team_ref(teams), "schliessen"]))
    assert response.status_code == 403
    team_survey.refresh_from_db()
    assert team_survey.is_open


def test_the_coordinator_opens_closes_and_reopens_the_survey(client, teams):
    client.force_login(teams[0].coordinator)
    ref = team_ref(teams)
    client.post(reverse("dialogue:survey-action", args=[ref, "eroeffnen"]))
    survey = Survey.objects.get(assessment=teams[0].current_round())
    client.post(reverse("dialogue:survey-action", args=[ref, "schliessen"]))
    survey.refresh_from_db()
    assert not survey.is_open
    client.post(reverse("dialogue:survey-action", args=[ref, "eroeffnen"]))
    survey.refresh_from_db()
    assert survey.is_open


def test_a_survey_may_open_after_the_round_is_closed_and_leaves_its_answers_alone(client, teams):
    assessment = teams[0].current_round()
    rounds.close_round(assessment=assessment, closed_by=teams[0].coordinator)
    client.force_login(teams[0].coordinator)
    client.post(reverse("dialogue:survey-action", args=[team_ref(teams), "eroeffnen"]))
    assert Survey.objects.get(assessment=assessment).is_open
    assessment.refresh_from_db()
    assert assessment.is_closed


def test_an_unknown_action_is_a_400(client, link_assessment):
    response = client.post(reverse("dialogue:survey-action", args=[link_assessment.token, "sprengen"]))
    assert response.status_code == 400


def test_the_link_owner_sees_counts_per_group_link_and_qr_code(client, survey):
    surveys.submit_response(
        survey=survey,
        submission=surveys.Submission("wirtschaft", {"steuerung.klare-ziele": "1"}, {}),
    )
    page = client.get(reverse("dialogue:manage", args=[survey.assessment.token]))
    assert page.status_code == 200
    assert survey.public_token in page.text and "<svg" in page.text
    assert "1 Antwort" in page.text


def test_the_qr_code_is_an_svg_of_the_public_link(client, survey):
    response = client.get(reverse("dialogue:survey-qr", args=[survey.assessment.token]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml") and b"<svg" in response.content


def test_the_handout_is_a_one_page_tagged_pdf(client, survey):
    from io import BytesIO

    from pypdf import PdfReader

    response = client.get(reverse("dialogue:survey-handout", args=[survey.assessment.token]))
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF BooleanObject
    assert catalog["/Lang"] == "de"
    assert survey.public_token in reader.pages[0].extract_text().replace("\n", "")
