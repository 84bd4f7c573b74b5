"""Running a round safely: confirmations that say who is unfinished, links shown once,
deadlines in the invitation, and the respondent's own view of being done."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.access import access_for
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.teams import rounds
from weltoffen.teams.forms import InvitationForm


def answer_all(assessment, respondent, value="2"):
    changes = [(question, AnswerInput(value, "")) for question in assessment.version.questions.all()]
    answering.save_answers(assessment=assessment, changes=changes, respondent=respondent)


def test_closing_asks_for_confirmation_and_lists_who_has_not_finished(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    done, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, name="Fertig", department="jugend")
    rounds.invite(assessment=round_one, invited_by=ours.coordinator, name="Offen", department="personal")
    answer_all(round_one, done)
    client.force_login(ours.coordinator)
    page = client.get(reverse("teams:close-round", args=[round_one.pk]))
    assert page.status_code == 200
    assert [c.respondent.name for c in page.context["pending"]] == ["Offen"]
    assert "0 von 108" in page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()  # the confirming form works in a browser
    round_one.refresh_from_db()
    assert not round_one.is_closed  # showing the question closes nothing
    unconfirmed = client.post(reverse("teams:close-round", args=[round_one.pk]))
    assert unconfirmed.status_code == 302
    round_one.refresh_from_db()
    assert not round_one.is_closed
    client.post(reverse("teams:close-round", args=[round_one.pk]), {"confirm": "yes"})
    round_one.refresh_from_db()
    assert round_one.is_closed and round_one.unfinished_at_close == 1


def test_revoking_asks_for_confirmation_first(client, teams):
    ours, _ = teams
    respondent, token = rounds.invite(
        assessment=ours.current_round(), invited_by=ours.coordinator, name="Rike", department="jugend"
    )
    client.force_login(ours.coordinator)
    page = client.get(reverse("teams:revoke", args=[respondent.pk]))
    assert page.status_code == 200 and "Rike" in page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    client.post(reverse("teams:revoke", args=[respondent.pk]))  # no confirmation
    assert access_for(token) is not None
    client.post(reverse("teams:revoke", args=[respondent.pk]), {"confirm": "yes"})
    assert access_for(token) is None


def test_a_new_link_is_shown_once_after_a_redirect_and_replaces_the_old(client, teams):
    ours, _ = teams
    respondent, old = rounds.invite(assessment=ours.current_round(), invited_by=ours.coordinator, department="jugend")
    client.force_login(ours.coordinator)
    response = client.post(reverse("teams:respondent-action", args=[respondent.pk, "neuer-link"]))
    assert response.status_code == 302
    [(shown, url)] = client.get(response["Location"]).context["links"]
    assert shown == respondent and access_for(old) is None
    assert access_for(url.rstrip("/").rsplit("/", 1)[-1]).respondent == respondent
    assert "bereits angezeigt" in client.get(response["Location"]).content.decode()


def test_the_links_page_never_shows_links_of_another_round(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    respondent, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    client.force_login(ours.coordinator)
    client.post(reverse("teams:respondent-action", args=[respondent.pk, "neuer-link"]))
    rounds.close_round(assessment=round_one)
    round_two = rounds.open_round(team=ours)
    assert client.get(reverse("teams:links", args=[round_two.pk])).context["links"] == []


def test_the_department_starts_empty_so_nobody_is_filed_under_a_default():
    field = InvitationForm.base_fields["department"]
    assert field.choices[0][0] == ""
    assert field.initial is None


def test_an_empty_department_is_refused(client, teams):
    ours, _ = teams
    client.force_login(ours.coordinator)
    response = client.post(reverse("teams:invite", args=[ours.current_round().pk]), {"department": ""})
    assert response.status_code == 400
    assert "Bitte wählen Sie einen Fachbereich" in response.content.decode()


def test_invitation_mails_name_the_team_the_inviter_and_the_deadline(client, teams):
    ours, _ = teams
    ours.coordinator.first_name, ours.coordinator.last_name = "Dana", "Koordinatorin"
    ours.coordinator.save()
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    client.force_login(ours.coordinator)
    client.post(reverse("teams:deadline", args=[ours.current_round().pk]), {"deadline": deadline.isoformat()})
    client.post(
        reverse("teams:invite", args=[ours.current_round().pk]),
        {"email": "k@kommune.example", "department": "jugend"},
    )
    message = mail.outbox[0]
    assert ours.name in message.subject
    assert "Dana Koordinatorin" in message.body
    assert f"Bitte antworten Sie bis zum {date_format(deadline, 'DATE_FORMAT')}." in message.body


def test_a_deadline_in_the_past_is_refused(client, teams):
    ours, _ = teams
    client.force_login(ours.coordinator)
    response = client.post(reverse("teams:deadline", args=[ours.current_round().pk]), {"deadline": "2001-01-01"})
    assert response.status_code == 409
    assert ours.current_round().deadline is None


def test_a_respondent_sees_a_clear_finished_state_and_their_answers_on_one_page(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    respondent, token = rounds.invite(
        assessment=round_one, invited_by=ours.coordinator, department="jugend", field_keys=["steuerung"]
    )
    overview = reverse("selfcheck:overview", kwargs={"token": token})
    assert "Fertig" not in client.get(overview).content.decode()
    questions = list(round_one.version.questions.filter(field__key="steuerung"))
    answering.save_answers(
        assessment=round_one,
        changes=[
            (q, AnswerInput("dont_know" if n == 0 else "1", "Beleg" if n == 1 else "")) for n, q in enumerate(questions)
        ],
        respondent=respondent,
    )
    page = client.get(overview).content.decode()
    assert "Fertig: Sie haben alle Ihre Fragen beantwortet" in page
    summary = client.get(reverse("selfcheck:answers-summary", kwargs={"token": token}))
    content = summary.content.decode()
    assert summary.status_code == 200
    assert "weiß nicht" in content and "1 – in Planung / ansatzweise" in content and "Beleg" in content
    assert [field.key for field, _rows in summary.context["fields"]] == ["steuerung"]


def test_the_summary_shows_only_the_links_own_answers(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    me, token = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    other, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="personal")
    question = round_one.version.questions.get(field__number=1, position=1)
    answering.save_answer(assessment=round_one, respondent=other, question=question, answer=AnswerInput("3", "FREMD"))
    content = client.get(reverse("selfcheck:answers-summary", kwargs={"token": token})).content.decode()
    assert "FREMD" not in content and "umfassend umgesetzt" not in content


def test_a_closed_rounds_link_says_it_is_closed_and_read_only(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    _, token = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    rounds.close_round(assessment=round_one)
    content = client.get(reverse("selfcheck:overview", kwargs={"token": token})).content.decode()
    assert "Diese Runde ist abgeschlossen" in content and "nur noch lesbar" in content
    field_page = client.get(reverse("selfcheck:field", kwargs={"token": token, "field_key": "steuerung"}))
    assert "disabled" in field_page.content.decode()


def test_round_titles_are_composed_in_the_readers_language(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    assert round_one.title == ""
    assert round_one.display_title == f"{ours.name}, Runde 1"
    client.force_login(ours.coordinator)
    content = client.get("/en" + reverse("teams:result", args=[round_one.pk])).content.decode()
    assert f"{ours.name}, round 1" in content
