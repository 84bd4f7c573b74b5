import pytest

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.access import access_for
from weltoffen.selfcheck.answering import AnswerInput, RoundClosed
from weltoffen.selfcheck.models import Answer, Assessment
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.teams import rounds
from weltoffen.teams.models import Membership


def test_creating_a_team_makes_the_creator_coordinator_and_opens_round_one(teams):
    ours, _ = teams
    assert ours.memberships.get(user=ours.coordinator).role == Membership.Role.COORDINATOR
    first = ours.current_round()
    assert (first.round_number, first.is_closed, first.municipality) == (1, False, ours.municipality)
    with pytest.raises(rounds.RoundError):
        rounds.create_team(user=ours.coordinator, municipality=ours.municipality, name="zweites Team")


def test_an_invitation_is_a_personal_link_that_stops_working_when_revoked(teams):
    ours, _ = teams
    respondent, token = rounds.invite(
        assessment=ours.current_round(),
        invited_by=ours.coordinator,
        email="a@kommune.example",
        department="personal",
        field_keys=["oeffnung"],
    )
    assert respondent.token_hash != token and len(token) == 43
    access = access_for(token)
    assert access.respondent == respondent and not access.is_owner
    assert access.can_see_field("oeffnung") and not access.can_see_field("steuerung")
    rounds.revoke(respondent=respondent)
    assert access_for(token) is None


def test_renewing_a_respondent_link_invalidates_the_old_one(teams):
    ours, _ = teams
    respondent, old = rounds.invite(assessment=ours.current_round(), invited_by=ours.coordinator, department="jugend")
    new = rounds.renew_respondent_link(respondent=respondent)
    assert access_for(old) is None
    assert access_for(new).respondent == respondent


def test_a_closed_round_freezes_its_answers(teams):
    ours, _ = teams
    round_one = ours.current_round()
    respondent, _token = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    question = round_one.version.questions.first()
    answering.save_answer(assessment=round_one, respondent=respondent, question=question, answer=AnswerInput("2", ""))
    rounds.close_round(assessment=round_one)
    round_one.refresh_from_db()
    with pytest.raises(RoundClosed):
        answering.save_answer(
            assessment=round_one, respondent=respondent, question=question, answer=AnswerInput("3", "")
        )
    assert Answer.objects.get(respondent=respondent).value == "2"
    with pytest.raises(rounds.RoundError):
        rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")


def test_the_next_round_needs_the_last_one_closed_and_can_reinvite_everyone(teams):
    ours, _ = teams
    round_one = ours.current_round()
    with pytest.raises(rounds.RoundError, match="laufende Runde"):
        rounds.open_round(team=ours)
    old, old_token = rounds.invite(
        assessment=round_one,
        invited_by=ours.coordinator,
        email="b@kommune.example",
        department="schule",
        field_keys=["teilhabe"],
    )
    rounds.close_round(assessment=round_one)
    round_two = rounds.open_round(team=ours, carry_over=True)
    assert round_two.round_number == 2
    again = round_two.respondents.get()
    assert (again.email, again.department, again.field_keys) == ("b@kommune.example", "schule", ["teilhabe"])
    assert again.token_hash != old.token_hash


def test_a_coordinator_takes_over_an_anonymous_assessment_with_its_link(teams):
    ours, _ = teams
    anonymous = AssessmentFactory(title="Erster Versuch")
    question = anonymous.version.questions.first()
    answering.save_answer(assessment=anonymous, question=question, answer=AnswerInput("3", "Beschluss 2024"))
    taken = rounds.take_over(team=ours, user=ours.coordinator, token=anonymous.token)
    assert taken.team == ours and taken.round_number == 1  # the empty open round made way
    assert Assessment.objects.by_token(anonymous.token) is None
    answer = Answer.objects.get(assessment=taken)
    assert answer.respondent.user == ours.coordinator and answer.note == "Beschluss 2024"
    with pytest.raises(rounds.RoundError):
        rounds.take_over(team=ours, user=ours.coordinator, token=anonymous.token)


def test_members_get_a_fresh_personal_link_each_time(teams):
    ours, _ = teams
    first = rounds.link_for_member(assessment=ours.current_round(), user=ours.member)
    second = rounds.link_for_member(assessment=ours.current_round(), user=ours.member)
    assert access_for(first) is None
    assert access_for(second).respondent.user == ours.member
