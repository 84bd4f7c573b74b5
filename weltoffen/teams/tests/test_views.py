"""Permissions of every team view and export: other municipalities see nothing, members
see the team result only once shared, respondents only their own answers."""

import pytest

from django.core import mail
from django.urls import reverse

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.access import access_for
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.models import PreparedDocument
from weltoffen.selfcheck.tests.documents import prepared_pdf, ready_document
from weltoffen.teams import rounds


def round_urls(assessment) -> dict[str, tuple[str, str]]:
    """name → (method, url) of every view about one round."""
    pk = assessment.pk
    document = ready_document(assessment, kind="team-result")
    return {
        "round": ("get", reverse("teams:round", args=[pk])),
        "invite": ("get", reverse("teams:invite", args=[pk])),
        "result": ("get", reverse("teams:result", args=[pk])),
        "result-pdf": ("get", reverse("teams:result-pdf", args=[pk])),
        "result-document": ("get", reverse("teams:result-document", args=[pk])),
        "result-document-request": ("post", reverse("teams:result-document", args=[pk])),
        "result-document-status": ("get", reverse("teams:result-document-status", args=[pk, document.pk])),
        "result-document-download": ("get", reverse("teams:result-document-download", args=[pk, document.pk])),
        "close": ("post", reverse("teams:close-round", args=[pk])),
        "share": ("post", reverse("teams:share-result", args=[pk])),
        "my-answers": ("post", reverse("teams:my-answers", args=[pk])),
        "close-confirmation": ("get", reverse("teams:close-round", args=[pk])),
        "deadline": ("post", reverse("teams:deadline", args=[pk])),
        "links": ("get", reverse("teams:links", args=[pk])),
    }


RESULT_DOCUMENT_VIEWS = [
    "result-document",
    "result-document-request",
    "result-document-status",
    "result-document-download",
]

ROUND_VIEWS = [
    "round",
    "invite",
    "result",
    "result-pdf",
    *RESULT_DOCUMENT_VIEWS,
    "close",
    "share",
    "my-answers",
    "close-confirmation",
    "deadline",
    "links",
]


@pytest.mark.parametrize("name", ROUND_VIEWS)
def test_team_pages_need_an_account(client, teams, name):
    ours, _ = teams
    method, url = round_urls(ours.current_round())[name]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("name", ROUND_VIEWS)
def test_another_municipalitys_round_does_not_exist_for_a_coordinator(client, teams, name):
    ours, theirs = teams
    client.force_login(theirs.coordinator)
    method, url = round_urls(ours.current_round())[name]
    assert getattr(client, method)(url).status_code == 404
    ours.current_round().refresh_from_db()
    assert not ours.current_round().is_closed and not ours.current_round().results_shared


@pytest.mark.parametrize("action", ["widerrufen", "erneut-senden", "neuer-link"])
def test_another_teams_invitations_cannot_be_touched(client, teams, action):
    ours, theirs = teams
    respondent, token = rounds.invite(
        assessment=ours.current_round(), invited_by=ours.coordinator, email="x@kommune.example", department="jugend"
    )
    client.force_login(theirs.coordinator)
    url = (
        reverse("teams:revoke", args=[respondent.pk])
        if action == "widerrufen"
        else reverse("teams:respondent-action", args=[respondent.pk, action])
    )
    assert client.get(url).status_code == 404
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    respondent.refresh_from_db()
    assert not respondent.is_revoked and access_for(token).respondent == respondent


@pytest.mark.parametrize("name", ["invite", "close", "share", "close-confirmation", "deadline", "links"])
def test_members_cannot_do_what_coordinators_do(client, teams, name):
    ours, _ = teams
    client.force_login(ours.member)
    method, url = round_urls(ours.current_round())[name]
    assert getattr(client, method)(url).status_code == 403


def test_members_see_the_team_result_only_once_shared(client, teams):
    ours, _ = teams
    client.force_login(ours.member)
    url = reverse("teams:result", args=[ours.current_round().pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("teams:result-pdf", args=[ours.current_round().pk])).status_code == 403
    for name in RESULT_DOCUMENT_VIEWS:
        method, document_url = round_urls(ours.current_round())[name]
        assert getattr(client, method)(document_url).status_code == 403, name
    assert PreparedDocument.objects.count() == 1  # the one round_urls made; the POST added none
    client.force_login(ours.coordinator)
    client.post(reverse("teams:share-result", args=[ours.current_round().pk]), {"shared": "yes"})
    client.force_login(ours.member)
    assert client.get(url).status_code == 200


def test_a_respondent_link_opens_only_the_respondents_own_answers(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    me, my_token = rounds.invite(
        assessment=round_one, invited_by=ours.coordinator, department="personal", field_keys=["oeffnung"]
    )
    other, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    question = round_one.version.questions.get(field__key="oeffnung", position=1)
    answering.save_answer(
        assessment=round_one, respondent=other, question=question, answer=AnswerInput("3", "FREMDE NOTIZ")
    )
    page = client.get(reverse("selfcheck:field", kwargs={"token": my_token, "field_key": "oeffnung"})).content.decode()
    assert "FREMDE NOTIZ" not in page
    assert 'value="3" checked' not in page
    assert (
        client.get(reverse("selfcheck:field", kwargs={"token": my_token, "field_key": "steuerung"})).status_code == 403
    )
    for owner_page in ("results", "delete", "link", "report", "export-csv", "export-xlsx", "import"):
        assert client.get(reverse(f"selfcheck:{owner_page}", kwargs={"token": my_token})).status_code == 403
    assert client.get(reverse("teams:result", args=[round_one.pk])).status_code == 302  # needs login


def test_respondents_save_their_own_answers_without_touching_others(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    me, my_token = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="personal")
    other, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    question = round_one.version.questions.get(field__number=1, position=1)
    answering.save_answer(assessment=round_one, respondent=other, question=question, answer=AnswerInput("0", ""))
    url = reverse(
        "selfcheck:save-answer",
        kwargs={"token": my_token, "field_key": question.field.key, "question_key": question.key},
    )
    response = client.post(
        url, {"version": round_one.version.key, f"answer:{question.key}": "3"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert {(a.respondent_id, a.value) for a in round_one.answers.all()} == {(me.pk, "3"), (other.pk, "0")}


def test_an_invitation_by_mail_sends_the_personal_link_and_shows_it_once(client, teams):
    ours, _ = teams
    client.force_login(ours.coordinator)
    response = client.post(
        reverse("teams:invite", args=[ours.current_round().pk]),
        {"email": "kollegin@kommune.example", "department": "wirtschaft", "field_keys": ["arbeit"]},
    )
    # Redirected after the POST, so a reload never invites twice.
    assert response.status_code == 302
    shown = client.get(response["Location"])
    [(respondent, link)] = shown.context["links"]
    assert link in mail.outbox[0].body
    assert mail.outbox[0].to == ["kollegin@kommune.example"]
    assert respondent.field_keys == ["arbeit"]
    assert link.rstrip("/").rsplit("/", 1)[-1] not in respondent.token_hash
    reloaded = client.get(response["Location"])
    assert reloaded.context["links"] == []
    assert link not in reloaded.content.decode()
    assert ours.current_round().respondents.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"department": "erfunden"}, "aus der Liste"),
        ({"department": "andere"}, "Bitte nennen Sie den Fachbereich"),
        ({"department": "jugend", "field_keys": ["gibtsnicht"]}, "gibt es in dieser Runde nicht"),
        ({"department": "jugend", "email": "keine"}, "gültige E-Mail-Adresse"),
    ],
)
def test_bad_invitations_are_refused_with_german_messages(client, teams, data, message):
    ours, _ = teams
    client.force_login(ours.coordinator)
    response = client.post(reverse("teams:invite", args=[ours.current_round().pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ours.current_round().respondents.exists()


def test_invitations_are_rate_limited(client, teams):
    ours, _ = teams
    client.force_login(ours.coordinator)
    url = reverse("teams:invite", args=[ours.current_round().pk])
    for _ in range(30):
        client.post(url, {"department": "jugend"})
    response = client.post(url, {"department": "jugend"})
    assert response.status_code == 429
    assert ours.current_round().respondents.count() == 30


def test_the_dashboard_shows_who_answered_how_much(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    respondent, _ = rounds.invite(
        assessment=round_one,
        invited_by=ours.coordinator,
        name="Dana Fachamt",
        department="schule",
        field_keys=["teilhabe"],
    )
    for question in round_one.version.questions.filter(field__key="teilhabe")[:5]:
        answering.save_answer(
            assessment=round_one, respondent=respondent, question=question, answer=AnswerInput("1", "")
        )
    client.force_login(ours.coordinator)
    content = client.get(reverse("teams:round", args=[round_one.pk])).content.decode()
    assert "Dana Fachamt" in content and "Schulverwaltung" in content
    assert "Fairer Zugang und Teilhabechancen: 5/27" in content


def test_closing_the_round_via_the_dashboard_freezes_answers(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    _, token = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    client.force_login(ours.coordinator)
    client.post(reverse("teams:close-round", args=[round_one.pk]), {"confirm": "yes"})
    question = round_one.version.questions.first()
    url = reverse(
        "selfcheck:save-answer", kwargs={"token": token, "field_key": question.field.key, "question_key": question.key}
    )
    response = client.post(
        url, {"version": round_one.version.key, f"answer:{question.key}": "3"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert not round_one.answers.exists()


def test_team_result_page_and_pdf(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    for department in ("personal", "jugend"):
        respondent, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department=department)
        for question in round_one.version.questions.all():
            answering.save_answer(
                assessment=round_one,
                respondent=respondent,
                question=question,
                answer=AnswerInput("0" if department == "jugend" else "3", ""),
            )
    client.force_login(ours.coordinator)
    content = client.get(reverse("teams:result", args=[round_one.pk])).content.decode()
    assert "Diskussionsbedarf" in content
    assert "Personalamt (1)" in content and "Jugendamt (1)" in content
    pdf = prepared_pdf(client, reverse("teams:result-document", args=[round_one.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_progress_compares_the_last_two_rounds(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    question = round_one.version.questions.get(field__number=1, position=1)
    first, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="integration")
    answering.save_answer(assessment=round_one, respondent=first, question=question, answer=AnswerInput("0", ""))
    rounds.close_round(assessment=round_one)
    round_two = rounds.open_round(team=ours)
    second, _ = rounds.invite(assessment=round_two, invited_by=ours.coordinator, department="integration")
    answering.save_answer(assessment=round_two, respondent=second, question=question, answer=AnswerInput("3", ""))
    client.force_login(ours.coordinator)
    content = client.get(reverse("teams:progress")).content.decode()
    assert "Jetzt erfüllt" in content and question.text in content
    assert "+100" in content


def test_coordinators_remove_members_of_their_own_team_only(client, teams):
    ours, theirs = teams
    member = ours.memberships.get(user=ours.member)
    client.force_login(theirs.coordinator)
    assert client.post(reverse("teams:remove-member", args=[member.pk])).status_code == 404
    client.force_login(ours.member)
    assert client.post(reverse("teams:remove-member", args=[member.pk])).status_code == 403
    client.force_login(ours.coordinator)
    assert client.post(reverse("teams:remove-member", args=[member.pk])).status_code == 302
    assert not ours.memberships.filter(user=ours.member).exists()
