"""The next round: colleagues review last round's answers instead of re-typing them, and
people invited by link get a new link that the coordinator sees once."""

import pytest

from django.core import mail
from django.urls import reverse

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.access import access_for
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.completion import completions
from weltoffen.selfcheck.models import Answer
from weltoffen.teams import rounds


@pytest.fixture
def finished_round(teams):
    """Round one closed: a colleague with e-mail, one without, and a team member answered."""
    ours, _ = teams
    round_one = ours.current_round()
    by_mail, _ = rounds.invite(
        assessment=round_one, invited_by=ours.coordinator, email="mail@kommune.example", name="Mia", department="jugend"
    )
    by_link, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, name="Lou", department="personal")
    rounds.link_for_member(assessment=round_one, user=ours.member)
    member = round_one.respondents.get(user=ours.member)
    questions = list(round_one.version.questions.filter(field__number=1).order_by("position")[:2])
    for person, value in ((by_mail, "1"), (by_link, "2"), (member, "dont_know")):
        for question in questions:
            answering.save_answer(
                assessment=round_one,
                respondent=person,
                question=question,
                answer=AnswerInput(value, f"{value} notiert"),
            )
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    return ours, round_one, questions


def open_next(client, ours):
    client.force_login(ours.coordinator)
    return client.post(reverse("teams:next-round"), {"version": "v1", "carry_over": "on"})


def test_the_next_round_prefills_every_persons_answers_marked_as_carried_over(client, finished_round):
    ours, round_one, questions = finished_round
    open_next(client, ours)
    round_two = ours.current_round()
    assert round_two.round_number == 2
    carried = Answer.objects.filter(assessment=round_two).select_related("respondent", "question")
    assert {(a.respondent.name, a.question.key, a.value, a.note, a.carried_from_round) for a in carried} == {
        (name, q.key, value, f"{value} notiert", 1)
        for name, value in (("Mia", "1"), ("Lou", "2"), (ours.member.email, "dont_know"))
        for q in questions
    }
    # The old round is untouched.
    assert Answer.objects.filter(assessment=round_one, carried_from_round__isnull=False).count() == 0


def test_people_with_an_address_get_mail_and_people_by_link_get_a_link_shown_once(client, finished_round):
    ours, _round_one, _questions = finished_round
    response = open_next(client, ours)
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["mail@kommune.example"]]
    page = client.get(response["Location"])
    [(respondent, url)] = page.context["links"]
    assert respondent.name == "Lou"
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert access_for(token).respondent == respondent
    assert client.get(response["Location"]).context["links"] == []


def test_carried_answers_count_as_unfinished_until_confirmed_or_changed(client, finished_round):
    ours, _round_one, questions = finished_round
    response = open_next(client, ours)
    [(lou, url)] = client.get(response["Location"]).context["links"]
    token = url.rstrip("/").rsplit("/", 1)[-1]
    round_two = ours.current_round()
    (completion,) = completions(round_two, [lou])
    assert completion.carried == 2 and not completion.is_complete
    page = client.get(reverse("selfcheck:field", kwargs={"token": token, "field_key": questions[0].field.key}))
    assert "aus Runde 1 übernommen" in page.content.decode()
    # Changing one answer confirms it ...
    client.post(
        reverse(
            "selfcheck:save-answer",
            kwargs={"token": token, "field_key": questions[0].field.key, "question_key": questions[0].key},
        ),
        {"version": "v1", f"answer:{questions[0].key}": "3"},
        HTTP_HX_REQUEST="true",
    )
    assert Answer.objects.get(respondent=lou, question=questions[0]).carried_from_round is None
    assert Answer.objects.get(respondent=lou, question=questions[1]).carried_from_round == 1
    # ... and the rest of the page is confirmed as it is.
    client.post(reverse("selfcheck:confirm-carried", kwargs={"token": token, "field_key": questions[0].field.key}))
    assert not Answer.objects.filter(respondent=lou, carried_from_round__isnull=False).exists()
    assert Answer.objects.get(respondent=lou, question=questions[1]).value == "2"


def test_a_member_reviews_their_own_carried_answers_through_their_account(client, finished_round):
    ours, _round_one, questions = finished_round
    open_next(client, ours)
    round_two = ours.current_round()
    client.force_login(ours.member)
    response = client.post(reverse("teams:my-answers", args=[round_two.pk]))
    overview = client.get(response["Location"]).content.decode()
    assert "aus der letzten Runde übernommen" in overview
    assert round_two.respondents.filter(user=ours.member).count() == 1


def test_without_carry_over_the_next_round_starts_empty(client, finished_round):
    ours, _round_one, _questions = finished_round
    client.force_login(ours.coordinator)
    client.post(reverse("teams:next-round"), {"version": "v1"})
    round_two = ours.current_round()
    assert not round_two.respondents.exists() and not round_two.answers.exists()


def test_revoked_people_are_not_invited_again(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    gone, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, name="Weg", department="jugend")
    rounds.revoke(respondent=gone)
    rounds.close_round(assessment=round_one)
    open_next(client, ours)
    assert not ours.current_round().respondents.filter(name="Weg").exists()


def test_prefill_matches_questions_by_their_stable_id_only(finished_round):
    ours, round_one, questions = finished_round
    round_two = rounds.open_round(team=ours, carry_over=False)
    source = round_one.respondents.get(name="Mia")
    target = round_two.respondents.create(token_hash="t" * 64, name="Mia", department="jugend")
    only_first = {questions[0].key: questions[0]}
    assert rounds.prefill_answers(source=source, target=target, questions=only_first, round_number=1) == 1
    assert list(target.answers.values_list("question__key", flat=True)) == [questions[0].key]


def test_the_request_opening_the_next_round_only_queues_the_mail_and_a_worker_sends_it(
    client, finished_round, database_queue
):
    from django.core.management import call_command

    from weltoffen.jobs.models import OutgoingMail

    ours, _round_one, _questions = finished_round
    assert open_next(client, ours).status_code == 302
    assert mail.outbox == []  # no request talks to the mail server
    queued = OutgoingMail.objects.get()
    assert (queued.kind, queued.status, queued.recipient_hint) == ("invitation", "queued", "m…@kommune.example")
    call_command("run_worker", "--once")
    assert [message.to for message in mail.outbox] == [["mail@kommune.example"]]
