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


def test_the_discussion_list_shows_each_answer_as_label_with_department_consent_and_note(answered_round):
    round_one, questions, people = answered_round
    answering.save_answer(
        assessment=round_one, respondent=people[0], question=questions[0], answer=AnswerInput("3", "Ratsbeschluss 2024")
    )
    [spread] = team_result(round_one).discussion
    assert spread.number == "1.1"
    answers = {(a.label, a.department, a.name, a.note) for a in spread.answers}
    assert answers == {
        ("3 – umfassend umgesetzt und verankert", "Integration, Stabsstelle Integration", "Ana", "Ratsbeschluss 2024"),
        ("1 – in Planung / ansatzweise", "Personalamt", "", ""),  # Ben did not agree to be named
        ("0 – nicht vorhanden", "Personalamt", "Cem", ""),
    }
    assert [a.note for a in spread.notes] == ["Ratsbeschluss 2024"]


def test_the_widest_disagreement_comes_first(answered_round):
    round_one, questions, people = answered_round
    for person, value in zip(people, ["1", "3", "3"], strict=True):  # spread 2 on question 2
        answering.save_answer(
            assessment=round_one, respondent=person, question=questions[1], answer=AnswerInput(value, "")
        )
    assert [s.question for s in team_result(round_one).discussion] == [questions[0], questions[1]]  # 3 steps, 2 steps


def test_the_spread_summarises_each_persons_own_field_score(teams):
    ours, _ = teams
    round_one = ours.current_round()
    questions = list(round_one.version.questions.filter(field__number=1))
    for value in ("0", "1", "3"):
        person, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
        answering.save_answers(
            assessment=round_one, respondent=person, changes=[(q, AnswerInput(value, "")) for q in questions]
        )
    team_field = team_result(round_one).fields[0]
    spread = team_field.spread
    assert (spread.count, spread.minimum, spread.median, spread.maximum) == (3, 0, pytest.approx(100 / 3), 100)
    assert (spread.lower_quartile, spread.upper_quartile) == (pytest.approx(100 / 6), pytest.approx(200 / 3))
    # Every question differs by three steps: consensus is low, and the level text says so.
    assert team_field.consensus.is_low
    assert "Die Einschätzungen gehen weit auseinander" in team_field.disagreement_text
    assert "von 0 bis 100" in team_field.disagreement_text


def test_a_person_with_too_few_answers_in_a_field_does_not_widen_the_spread(teams):
    ours, _ = teams
    round_one = ours.current_round()
    questions = list(round_one.version.questions.filter(field__number=1))
    full, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
    one, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="personal")
    answering.save_answers(
        assessment=round_one, respondent=full, changes=[(q, AnswerInput("2", "")) for q in questions]
    )
    answering.save_answer(assessment=round_one, respondent=one, question=questions[0], answer=AnswerInput("0", ""))
    assert team_result(round_one).fields[0].spread.count == 1


def test_high_consensus_keeps_the_catalogue_level_text(teams):
    ours, _ = teams
    round_one = ours.current_round()
    questions = list(round_one.version.questions.filter(field__number=1))
    for _ in range(2):
        person, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="jugend")
        answering.save_answers(
            assessment=round_one, respondent=person, changes=[(q, AnswerInput("2", "")) for q in questions]
        )
    team_field = team_result(round_one).fields[0]
    assert team_field.consensus.level == "hoch" and team_field.disagreement_text == ""


def test_each_persons_answered_count_is_stated_against_their_own_fields(teams):
    ours, _ = teams
    round_one = ours.current_round()
    all_fields, _ = rounds.invite(
        assessment=round_one, invited_by=ours.coordinator, department="jugend", show_name=True, name="Alle"
    )
    one_field, _ = rounds.invite(
        assessment=round_one, invited_by=ours.coordinator, department="personal", field_keys=["oeffnung"]
    )
    answering.save_answers(
        assessment=round_one,
        respondent=all_fields,
        changes=[(q, AnswerInput("1", "")) for q in round_one.version.questions.all()[:35]],
    )
    summaries = {s.department: s for s in team_result(round_one).respondents}
    assert (summaries["Jugendamt"].name, summaries["Jugendamt"].answered, summaries["Jugendamt"].assigned) == (
        "Alle",
        35,
        108,
    )
    assert (summaries["Personalamt"].name, summaries["Personalamt"].answered) == ("", 0)
    assert summaries["Personalamt"].assigned == round_one.version.questions.filter(field__key="oeffnung").count()
    assert team_result(round_one).answered_questions == 35
