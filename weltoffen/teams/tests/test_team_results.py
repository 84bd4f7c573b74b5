import pytest

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.teams import rounds
from weltoffen.teams.team_results import team_result


@pytest.fixture
def answered_round(teams):
    """Three respondents on field 1: two agree, one differs on the first question."""
    ours, _ = teams
    round_one = ours.current_round()
    questions = list(round_one.version.questions.filter(field__number=1).order_by("position"))
    people = [
        rounds.invite(
            assessment=round_one, invited_by=ours.coordinator, name="Ana", department="integration", show_name=True
        )[0],
        rounds.invite(
            assessment=round_one, invited_by=ours.coordinator, name="Ben", department="personal", show_name=False
        )[0],
        rounds.invite(
            assessment=round_one, invited_by=ours.coordinator, name="Cem", department="personal", show_name=True
        )[0],
    ]
    values = {0: ["3", "1", "0"], 1: ["2", "2", "2"], 2: ["dont_know", "1", "2"]}
    for index, answers in values.items():
        for person, value in zip(people, answers, strict=True):
            answering.save_answer(
                assessment=round_one, respondent=person, question=questions[index], answer=AnswerInput(value, "")
            )
    return round_one, questions, people


def test_the_team_value_of_a_question_is_the_median(answered_round):
    round_one, questions, _ = answered_round
    team = team_result(round_one)
    assert [team.spreads[q.pk].median for q in questions[:3]] == [1, 2, 1.5]
    assert team.respondent_count == 3


def test_distribution_counts_and_names_only_with_consent(answered_round):
    round_one, questions, _ = answered_round
    first = team_result(round_one).spreads[questions[0].pk]
    assert first.counts == {"3": 1, "1": 1, "0": 1}
    assert first.names == {"3": ["Ana"], "0": ["Cem"]}  # Ben did not agree to be named


def test_answers_two_or_more_steps_apart_are_marked_for_discussion(answered_round):
    round_one, questions, _ = answered_round
    team = team_result(round_one)
    assert [team.spreads[q.pk].needs_discussion for q in questions[:3]] == [True, False, False]
    assert [s.question for s in team.discussion] == [questions[0]]


def test_consensus_per_field_counts_questions_without_discussion_need(answered_round):
    round_one, questions, _ = answered_round
    team = team_result(round_one)
    consensus = team.field_for(questions[0].field).consensus
    # compared: q1 (3 scored), q2 (3 scored), q3 (2 scored); agreeing: q2, q3
    assert (consensus.compared, consensus.agreeing, consensus.percent, consensus.level) == (3, 2, 67, "mittel")


def test_the_field_score_uses_the_medians(answered_round):
    round_one, questions, _ = answered_round
    field = team_result(round_one).result.fields[0]
    weights = [q.weight for q in questions[:3]]
    expected = 100 * (weights[0] * 1 + weights[1] * 2 + weights[2] * 1.5) / (3 * sum(weights))
    assert field.score.score == pytest.approx(expected)


def test_results_by_department_use_each_departments_own_answers(answered_round):
    round_one, questions, _ = answered_round
    departments = {d.label: d for d in team_result(round_one).departments}
    assert set(departments) == {"Integration, Stabsstelle Integration", "Personalamt"}
    assert departments["Personalamt"].respondent_count == 2
    assert departments["Integration, Stabsstelle Integration"].scores[0][1] is not None


def test_revoked_respondents_no_longer_count(answered_round):
    round_one, questions, people = answered_round
    rounds.revoke(respondent=people[0])
    assert team_result(round_one).spreads[questions[0].pk].median == 0.5
