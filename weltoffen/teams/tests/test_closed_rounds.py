"""Nothing changes a closed round. Each rule lives in its workflow; each test here sends
the crafted request a view would never offer and proves that nothing changed."""

import pytest

from django.core import mail, signing
from django.urls import reverse

from weltoffen.selfcheck import answering, spreadsheets
from weltoffen.selfcheck.answering import AnswerInput, RoundClosed
from weltoffen.selfcheck.models import Answer, Assessment, FieldNote, Respondent
from weltoffen.teams import rounds


@pytest.fixture
def closed_round(teams):
    """Round one of our team with one invited colleague who answered one question, closed."""
    ours, _ = teams
    round_one = ours.current_round()
    respondent, token = rounds.invite(
        assessment=round_one, invited_by=ours.coordinator, email="kollege@kommune.example", department="jugend"
    )
    question = round_one.version.questions.get(field__number=1, position=1)
    answering.save_answer(
        assessment=round_one, respondent=respondent, question=question, answer=AnswerInput("2", "alt")
    )
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    round_one.refresh_from_db()
    return ours, round_one, respondent, token, question


def snapshot(assessment: Assessment) -> tuple:
    """Everything a round holds that a crafted request could change."""
    assessment.refresh_from_db()
    return (
        sorted(
            (a.respondent_id, a.question_id, a.value, a.note, a.carried_from_round) for a in assessment.answers.all()
        ),
        sorted((r.pk, r.token_hash, r.revoked_at, r.name, r.email) for r in assessment.respondents.all()),
        sorted((n.field_id, n.text) for n in assessment.field_notes.all()),
        (assessment.closed_at, assessment.deadline, assessment.token_hash, assessment.team_id),
    )


def test_closing_twice_is_refused_and_keeps_the_first_closing(closed_round):
    ours, round_one, *_ = closed_round
    first_closed_at = round_one.closed_at
    with pytest.raises(rounds.RoundError):
        rounds.close_round(assessment=round_one, closed_by=ours.member)
    round_one.refresh_from_db()
    assert (round_one.closed_at, round_one.closed_by) == (first_closed_at, ours.coordinator)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("revoke", {"confirm": "yes"}),
        ("resend", {}),
        ("new-link", {}),
        ("close", {"confirm": "yes"}),
        ("deadline", {"deadline": "2099-01-31"}),
        ("invite", {"department": "jugend", "email": "neu@kommune.example"}),
        ("my-answers", {}),
    ],
)
def test_crafted_coordinator_requests_change_nothing_in_a_closed_round(client, closed_round, name, data):
    ours, round_one, respondent, _token, _question = closed_round
    urls = {
        "revoke": reverse("teams:revoke", args=[respondent.pk]),
        "resend": reverse("teams:respondent-action", args=[respondent.pk, "erneut-senden"]),
        "new-link": reverse("teams:respondent-action", args=[respondent.pk, "neuer-link"]),
        "close": reverse("teams:close-round", args=[round_one.pk]),
        "deadline": reverse("teams:deadline", args=[round_one.pk]),
        "invite": reverse("teams:invite", args=[round_one.pk]),
        "my-answers": reverse("teams:my-answers", args=[round_one.pk]),
    }
    before = snapshot(round_one)
    mail.outbox.clear()
    client.force_login(ours.coordinator)
    response = client.post(urls[name], data)
    assert response.status_code == 409
    assert snapshot(round_one) == before
    assert mail.outbox == []


@pytest.mark.parametrize("how", ["autosave", "page", "field-note", "confirm-carried"])
def test_crafted_answers_through_a_respondent_link_change_nothing_in_a_closed_round(client, closed_round, how):
    _ours, round_one, _respondent, token, question = closed_round
    field_key = question.field.key
    version = round_one.version.key
    requests = {
        "autosave": (
            reverse(
                "selfcheck:save-answer", kwargs={"token": token, "field_key": field_key, "question_key": question.key}
            ),
            {"version": version, f"answer:{question.key}": "0", f"note:{question.key}": "neu"},
        ),
        "page": (
            reverse("selfcheck:field", kwargs={"token": token, "field_key": field_key}),
            {
                "version": version,
                f"answer:{question.key}": "0",
                f"shown-answer:{question.key}": "2",
                f"note:{question.key}": "neu",
                f"shown-note:{question.key}": "alt",
            },
        ),
        "field-note": (
            reverse("selfcheck:save-field-note", kwargs={"token": token, "field_key": field_key}),
            {"field-note": "neu"},
        ),
        "confirm-carried": (reverse("selfcheck:confirm-carried", kwargs={"token": token, "field_key": field_key}), {}),
    }
    url, data = requests[how]
    before = snapshot(round_one)
    response = client.post(url, data)
    assert 400 <= response.status_code < 500
    assert snapshot(round_one) == before


def test_workflows_refuse_a_closed_round_even_when_called_directly(closed_round):
    ours, round_one, respondent, _token, question = closed_round
    before = snapshot(round_one)
    field = question.field
    refused = [
        (rounds.RoundError, lambda: rounds.revoke(respondent=respondent)),
        (rounds.RoundError, lambda: rounds.renew_respondent_link(respondent=respondent)),
        (rounds.RoundError, lambda: rounds.issue_links(assessment=round_one)),
        (rounds.RoundError, lambda: rounds.set_deadline(assessment=round_one, deadline=None)),
        (rounds.RoundError, lambda: rounds.link_for_member(assessment=round_one, user=ours.coordinator)),
        (RoundClosed, lambda: answering.save_field_note(assessment=round_one, field=field, text="neu")),
        (RoundClosed, lambda: answering.confirm_carried(assessment=round_one, field=field, respondent=respondent)),
        (
            RoundClosed,
            lambda: answering.save_answers(
                assessment=round_one, changes=[(question, AnswerInput("3", ""))], respondent=respondent
            ),
        ),
    ]
    for error, call in refused:
        with pytest.raises(error):
            call()
    assert snapshot(round_one) == before


def test_a_stale_object_cannot_slip_past_the_closing(closed_round):
    """A request that loaded the round before it was closed still meets the locked re-check."""
    _ours, round_one, respondent, _token, question = closed_round
    stale = Assessment.objects.get(pk=round_one.pk)
    stale.closed_at = None  # as loaded a moment before the coordinator closed the round
    with pytest.raises(RoundClosed):
        answering.save_answer(assessment=stale, respondent=respondent, question=question, answer=AnswerInput("0", ""))
    with pytest.raises(rounds.RoundError):
        rounds.invite(assessment=stale, invited_by=None, department="jugend")
    assert Answer.objects.get(respondent=respondent).value == "2"
    assert round_one.respondents.count() == 1


def test_an_import_into_a_closed_round_changes_nothing(closed_round):
    _ours, round_one, _respondent, _token, question = closed_round
    plan = signing.dumps(
        [[question.key, "0", "importiert"]], salt=f"{spreadsheets.SIGNING_SALT}:{round_one.token_hash}"
    )
    before = snapshot(round_one)
    with pytest.raises(RoundClosed):
        spreadsheets.apply_signed_plan(round_one, plan)
    assert snapshot(round_one) == before


def test_a_closed_round_cannot_be_taken_over_or_replaced(client, closed_round):
    ours, round_one, *_ = closed_round
    before = snapshot(round_one)
    client.force_login(ours.coordinator)
    # A team round has no owner link; whatever is pasted, the closed round stays the team's.
    response = client.post(reverse("teams:take-over"), {"link": f"/selbstcheck/a/{'x' * 43}/"})
    assert response.status_code == 400
    assert snapshot(round_one) == before


def test_deleting_an_account_keeps_a_closed_rounds_answers_and_removes_only_the_name(client, closed_round):
    ours, round_one, _respondent, _token, question = closed_round
    member_answers = Respondent.objects.create(
        assessment=round_one, token_hash="m" * 64, user=ours.member, name="Mitglied", department="personal"
    )
    Answer.objects.create(assessment=round_one, respondent=member_answers, question=question, value="3")
    client.force_login(ours.member)
    assert client.post(reverse("accounts-delete"), {"confirm": "yes"}).status_code == 302
    member_answers.refresh_from_db()
    assert (member_answers.user, member_answers.name, member_answers.email) == (None, "", "")
    assert Answer.objects.get(respondent=member_answers).value == "3"
    round_one.refresh_from_db()
    assert round_one.is_closed


def test_a_sole_coordinator_with_members_cannot_delete_the_account_and_nothing_changes(client, closed_round):
    ours, round_one, *_ = closed_round
    before = snapshot(round_one)
    client.force_login(ours.coordinator)
    response = client.post(reverse("accounts-delete"), {"confirm": "yes"})
    assert response.status_code == 409
    assert "Übertragen Sie die Koordination" in response.content.decode()
    assert snapshot(round_one) == before
    assert type(ours.coordinator).objects.filter(pk=ours.coordinator.pk).exists()


def test_closing_while_colleagues_are_unfinished_is_allowed_and_recorded(teams):
    ours, _ = teams
    round_one = ours.current_round()
    rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="personal")
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    round_one.refresh_from_db()
    assert round_one.is_closed and round_one.unfinished_at_close == 2 and round_one.closed_by == ours.coordinator


def test_field_notes_of_a_closed_round_stay(closed_round):
    _ours, round_one, _respondent, _token, question = closed_round
    FieldNote.objects.create(assessment=round_one, field=question.field, text="bleibt")
    with pytest.raises(RoundClosed):
        answering.save_field_note(assessment=round_one, field=question.field, text="")
    assert FieldNote.objects.get(assessment=round_one).text == "bleibt"
