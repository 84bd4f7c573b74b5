"""Agreed answers that count instead of the median, and a v1 team's next round on v2."""

import pytest

from django.urls import reverse

from weltoffen.catalogue.loading import load_all
from weltoffen.catalogue.tests.fixtures import write_v2
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.models import Answer
from weltoffen.teams import agreement, rounds
from weltoffen.teams.progress import compare_rounds
from weltoffen.teams.team_results import team_result


@pytest.fixture
def answered_round(teams):
    """Round one of our team: two colleagues answer the first question of field 1 with 0 and 1."""
    ours, _theirs = teams
    round_one = ours.current_round()
    question = round_one.version.questions.get(field__number=1, position=1)
    for email, value in (("a@kommune.example", "0"), ("b@kommune.example", "1")):
        respondent, _token = rounds.invite(
            assessment=round_one, invited_by=ours.coordinator, email=email, department="integration"
        )
        answering.save_answer(
            assessment=round_one, respondent=respondent, question=question, answer=AnswerInput(value, "")
        )
    return ours, round_one, question


def spread_of(assessment, question):
    result = team_result(assessment)
    return next(s for f in result.fields for s in f.questions if s.question.pk == question.pk), result


def test_an_agreed_answer_counts_instead_of_the_median_and_says_so(client, answered_round):
    ours, round_one, question = answered_round
    spread, _result = spread_of(round_one, question)
    assert (spread.median, spread.uses_agreed) == (0.5, False)
    client.force_login(ours.coordinator)
    response = client.post(
        reverse("teams:agree", args=[round_one.pk]), {"question": question.key, "value": "3", "evidence": "decision"}
    )
    assert response.status_code == 302
    spread, result = spread_of(round_one, question)
    assert (spread.median, spread.agreed, spread.uses_agreed) == (0.5, 3, True)
    row = next(r for f in result.result.fields for r in f.questions if r.question.pk == question.pk)
    assert (row.value, row.evidenced) == (3, True)
    page = client.get(reverse("teams:result", args=[round_one.pk])).content.decode()
    assert "vereinbart: 3" in page
    assert "zählt statt des Medians" in page


def test_removing_the_agreed_answer_brings_back_the_median(answered_round):
    _ours, round_one, question = answered_round
    agreement.set_agreed_answer(assessment=round_one, question=question, value="2")
    agreement.set_agreed_answer(assessment=round_one, question=question, value="")
    spread, _result = spread_of(round_one, question)
    assert not spread.uses_agreed
    assert not Answer.objects.filter(assessment=round_one, respondent__isnull=True).exists()


def own_answers(assessment):
    return list(Answer.objects.filter(assessment=assessment, respondent__isnull=True).values_list("value", "evidence"))


def test_an_agreed_answer_on_a_closed_round_is_refused_and_changes_nothing(client, answered_round):
    ours, round_one, question = answered_round
    agreement.set_agreed_answer(assessment=round_one, question=question, value="1")
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    client.force_login(ours.coordinator)
    response = client.post(reverse("teams:agree", args=[round_one.pk]), {"question": question.key, "value": "3"})
    assert response.status_code == 409
    assert own_answers(round_one) == [("1", "")]


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"value": "7"}, 409),
        ({"value": "2", "evidence": "gerücht"}, 409),
        ({"value": "2\x00"}, 400),  # refused before any view by the NUL guard
        ({"value": "2", "question": "steuerung.gibt-es-nicht"}, 409),
        ({"value": "2", "question": "x" * 5000}, 409),
    ],
)
def test_a_crafted_agreed_answer_is_refused_and_changes_nothing(client, answered_round, data, status):
    ours, round_one, question = answered_round
    client.force_login(ours.coordinator)
    response = client.post(reverse("teams:agree", args=[round_one.pk]), {"question": question.key, **data})
    assert response.status_code == status
    assert own_answers(round_one) == []


def test_only_the_coordinator_of_the_own_team_may_set_an_agreed_answer(client, teams, answered_round):
    ours, round_one, question = answered_round
    _ours, theirs = teams
    url = reverse("teams:agree", args=[round_one.pk])
    client.force_login(ours.member)
    assert client.post(url, {"question": question.key, "value": "3"}).status_code == 403
    client.force_login(theirs.coordinator)
    assert client.post(url, {"question": question.key, "value": "3"}).status_code == 404
    client.logout()
    assert client.post(url, {"question": question.key, "value": "3"}).status_code == 302  # to sign in
    assert own_answers(round_one) == []


def test_the_result_page_offers_the_agreed_answer_form_to_the_coordinator_of_an_open_round_only(client, answered_round):
    ours, round_one, _question = answered_round
    client.force_login(ours.coordinator)
    assert "Vereinbarte Antwort festlegen" in client.get(reverse("teams:result", args=[round_one.pk])).content.decode()
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    assert (
        "Vereinbarte Antwort festlegen" not in client.get(reverse("teams:result", args=[round_one.pk])).content.decode()
    )


@pytest.fixture
def next_round_on_v2(answered_round, tmp_path):
    """The v1 round closed, v2 (with its mapping) installed, the next round opened with carried answers."""
    ours, round_one, question = answered_round
    write_v2(tmp_path / "data")
    load_all(tmp_path / "data")
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    round_two = rounds.open_round(team=ours, carry_over=True, invited_by=ours.coordinator)
    return ours, round_one, round_two, question


def test_the_next_round_of_a_v1_team_runs_on_v2_with_answers_carried_by_the_mapping(next_round_on_v2):
    _ours, _round_one, round_two, question = next_round_on_v2
    assert round_two.version.key == "v2"
    carried = Answer.objects.filter(assessment=round_two, respondent__isnull=False)
    assert sorted(carried.values_list("question__key", "value", "carried_from_round")) == [
        (question.key, "0", 1),
        (question.key, "1", 1),
    ]


def test_a_dropped_v1_question_is_not_carried_to_v2(teams, tmp_path):
    ours, _theirs = teams
    round_one = ours.current_round()
    dropped = round_one.version.questions.get(field__number=1, position=11)  # the fixture v2 keeps ten per field
    respondent, _token = rounds.invite(
        assessment=round_one, invited_by=ours.coordinator, email="c@kommune.example", department="integration"
    )
    answering.save_answer(assessment=round_one, respondent=respondent, question=dropped, answer=AnswerInput("3", ""))
    write_v2(tmp_path / "data")
    load_all(tmp_path / "data")
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    round_two = rounds.open_round(team=ours, carry_over=True, invited_by=ours.coordinator)
    assert not Answer.objects.filter(assessment=round_two).exists()


def test_the_comparison_across_versions_uses_the_mapping_and_lists_what_is_not_comparable(client, next_round_on_v2):
    ours, round_one, round_two, question = next_round_on_v2
    comparison = compare_rounds(round_one, round_two)
    assert comparison.across_versions
    reasons = {(item.question.key, item.change) for item in comparison.not_comparable}
    assert ("steuerung.leitbild", "dropped") not in reasons
    dropped = round_one.version.questions.get(field__number=1, position=11)
    assert (dropped.key, "dropped") in reasons
    assert not any(change == "new" for _key, change in reasons)  # the fixture v2 only keeps v1 questions
    client.force_login(ours.coordinator)
    rounds.share_result(assessment=round_one, shared=True)
    page = client.get(reverse("teams:progress")).content.decode()
    assert "Diese Fragen lassen sich nicht direkt vergleichen" in page
    assert "in der neuen Version entfallen" in page
