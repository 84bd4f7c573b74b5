import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from weltoffen.selfcheck.scoring import (
    DONT_KNOW,
    NOT_APPLICABLE,
    Level,
    Method,
    QuestionSpec,
    field_consensus,
    field_score,
    median_answer,
    needs_discussion,
    part_score,
    ranked_gaps,
    score_spread,
)

METHOD = Method(
    levels=(
        Level("einstieg", "Einstieg", "Getting started", 0),
        Level("aufbau", "Aufbau", "Building up", 25),
        Level("fortgeschritten", "Fortgeschritten", "Advanced", 50),
        Level("vorreiter", "Vorreiter", "Pioneer", 75),
    ),
    coverage_threshold=0.5,
    discussion_spread=2,
    consensus_high=0.8,
    consensus_medium=0.5,
)


def questions(*weights: int) -> list[QuestionSpec]:
    return [QuestionSpec(key=f"q{n}", weight=weight) for n, weight in enumerate(weights, 1)]


def answers(*values) -> dict:
    return {f"q{n}": value for n, value in enumerate(values, 1) if value is not None}


@pytest.mark.parametrize(
    ("weights", "values", "score", "coverage", "level"),
    [
        # 100 × (3·2 + 2·3 + 1·1) / (3·3 + 2·3 + 1·3) = 100 × 13 / 18
        ((3, 2, 2, 1, 2), (2, 3, DONT_KNOW, 1, NOT_APPLICABLE), 72.2222, 0.75, "fortgeschritten"),
        ((1, 1, 1, 1), (3, 3, 3, 3), 100.0, 1.0, "vorreiter"),
        ((1, 1, 1, 1), (0, 0, 0, 0), 0.0, 1.0, "einstieg"),
        # weights matter: the heavy question at 0 pulls down more than the light one at 3 lifts
        ((3, 1), (0, 3), 25.0, 1.0, "aufbau"),
        ((1, 3), (0, 3), 75.0, 1.0, "vorreiter"),
        # 2 of 4 scored: coverage exactly at the threshold still gets a level
        ((2, 2, 2, 2), (1, 2, None, DONT_KNOW), 50.0, 0.5, "fortgeschritten"),
        # 1 of 4 scored: a score, but no level is claimed
        ((2, 2, 2, 2), (3, None, None, None), 100.0, 0.25, None),
        # "trifft nicht zu" leaves the base: 2 scored of 2 applicable questions
        ((2, 2, 2, 2), (1, 1, NOT_APPLICABLE, NOT_APPLICABLE), 100 / 3, 1.0, "aufbau"),
        # level boundaries: exactly 50 is Fortgeschritten, 100 × 25 / 51 = 49.02 is still Aufbau
        ((3, 3, 3, 3, 3, 3), (1, 1, 1, 2, 2, 2), 50.0, 1.0, "fortgeschritten"),
        ((1,) * 17, (2,) * 8 + (1,) * 9, 49.0196, 1.0, "aufbau"),
    ],
)
def test_field_scores_match_hand_computed_examples(weights, values, score, coverage, level):
    result = field_score(answers(*values), questions(*weights), METHOD)
    assert result.score == pytest.approx(score, abs=0.001)
    assert result.coverage == pytest.approx(coverage)
    assert (result.level.key if result.level else None) == level


def test_an_empty_field_has_no_score_and_no_level():
    result = field_score({}, questions(3, 2, 1), METHOD)
    assert (result.score, result.level, result.coverage, result.unanswered_count) == (None, None, 0.0, 3)


def test_only_unknown_answers_give_no_score_and_count_as_things_to_find_out():
    result = field_score(answers(DONT_KNOW, DONT_KNOW), questions(1, 2), METHOD)
    assert result.score is None
    assert result.dont_know_count == 2
    assert result.coverage == 0.0


def test_all_questions_not_applicable_gives_no_score_and_no_division_by_zero():
    result = field_score(answers(NOT_APPLICABLE, NOT_APPLICABLE), questions(1, 2), METHOD)
    assert (result.score, result.coverage, result.level) == (None, 0.0, None)


def test_counts_add_up():
    result = field_score(answers(1, DONT_KNOW, NOT_APPLICABLE, None, 3), questions(1, 1, 1, 1, 1), METHOD)
    assert (result.scored_count, result.dont_know_count, result.not_applicable_count, result.unanswered_count) == (
        2,
        1,
        1,
        1,
    )
    assert result.answered_count == 4


def test_recommendations_are_ranked_by_weight_times_gap():
    specs = questions(1, 3, 2, 3, 2)
    ranked = ranked_gaps(answers(0, 1, 0, 3, DONT_KNOW), specs)
    # priorities: q1 = 1·3 = 3, q2 = 3·2 = 6, q3 = 2·3 = 6, q4 fulfilled, q5 unknown
    assert [q.key for q in ranked] == ["q2", "q3", "q1"]


def test_median_of_team_answers():
    assert median_answer([0, 3, 3]) == 3
    assert median_answer([1, 2]) == 1.5
    assert median_answer([2, DONT_KNOW, NOT_APPLICABLE]) == 2
    assert median_answer([DONT_KNOW, NOT_APPLICABLE]) == DONT_KNOW
    assert median_answer([NOT_APPLICABLE]) == NOT_APPLICABLE
    assert median_answer([]) is None


def test_answers_two_steps_apart_need_discussion():
    assert needs_discussion([1, 3], METHOD)
    assert needs_discussion([0, 1, 2], METHOD)
    assert not needs_discussion([1, 2, 2], METHOD)
    assert not needs_discussion([0, DONT_KNOW], METHOD)


def test_method_reads_the_catalogue_configuration():
    method = Method.from_config(
        {
            "levels": [{"key": "a", "label": "A", "min": 0}, {"key": "b", "label": "B", "min": 60}],
            "coverage_threshold": 0.7,
            "discussion_spread": 3,
            "consensus": {"high": 0.9, "medium": 0.6},
        }
    )
    assert (method.consensus_high, method.consensus_medium) == (0.9, 0.6)
    assert method.level_for(59.9).key == "a"
    assert method.level_for(60).key == "b"
    assert method.level_range(method.levels[0]) == (0, 59)
    assert method.level_range(method.levels[1]) == (60, 100)


answer_values = st.one_of(
    st.integers(min_value=0, max_value=3), st.sampled_from([DONT_KNOW, NOT_APPLICABLE]), st.none()
)
field_answers = st.lists(st.tuples(st.integers(min_value=1, max_value=3), answer_values), min_size=1, max_size=30)


@given(field_answers)
def test_a_score_stays_within_0_and_100_and_coverage_within_0_and_1(rows):
    result = field_score(answers(*[v for _, v in rows]), questions(*[w for w, _ in rows]), METHOD)
    assert result.score is None or 0 <= result.score <= 100
    assert 0 <= result.coverage <= 1


def improved(values: list, data) -> list:
    """`values` with one answer below 3 raised; the test is skipped where there is none."""
    open_to_improve = [i for i, v in enumerate(values) if isinstance(v, int) and v < 3]
    assume(open_to_improve)
    index = data.draw(st.sampled_from(open_to_improve))
    better = list(values)
    better[index] = data.draw(st.integers(min_value=values[index] + 1, max_value=3))
    return better


@given(field_answers, st.data())
def test_a_better_answer_never_lowers_a_field_score(rows, data):
    weights = [w for w, _ in rows]
    values = [v for _, v in rows]
    better = improved(values, data)
    before = field_score(answers(*values), questions(*weights), METHOD)
    after = field_score(answers(*better), questions(*weights), METHOD)
    assert after.score >= before.score


@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=50))
def test_the_team_median_lies_between_the_lowest_and_highest_answer(values):
    assert min(values) <= median_answer(values) <= max(values)


@pytest.mark.parametrize(
    ("questions_answers", "expected"),
    [
        ([[0, 3], [1, 1], [2, 3]], (3, 2, "mittel")),  # 2 of 3 agree: 67 %
        ([[1, 2], [2, 2], [3, 3], [0, 1], [2, 3]], (5, 5, "hoch")),
        ([[0, 3], [0, 2], [1, 3]], (3, 0, "niedrig")),
        ([[2], [DONT_KNOW, 3], []], (0, 0, "")),  # nothing with two scored answers
        ([[0, 3, DONT_KNOW], [2, 2, NOT_APPLICABLE]], (2, 1, "mittel")),  # 50 % is still medium
    ],
)
def test_consensus_is_the_share_of_compared_questions_without_discussion(questions_answers, expected):
    consensus = field_consensus(questions_answers, METHOD)
    assert (consensus.compared, consensus.agreeing, consensus.level) == expected


@given(st.lists(st.lists(answer_values.filter(lambda v: v is not None), max_size=6), max_size=20))
def test_consensus_counts_stay_consistent(questions_answers):
    consensus = field_consensus(questions_answers, METHOD)
    assert 0 <= consensus.agreeing <= consensus.compared <= len(questions_answers)
    assert (consensus.level == "") == (consensus.compared == 0)
    assert consensus.is_low == (consensus.share is not None and consensus.share < METHOD.consensus_medium)


@pytest.mark.parametrize(
    ("scores", "five_numbers"),
    [
        ([50], (50, 50, 50, 50, 50)),
        ([0, 100], (0, 25, 50, 75, 100)),
        ([10, 20, 30, 40, 50], (10, 20, 30, 40, 50)),
        ([80, 0, 40, 20], (0, 15, 30, 50, 80)),
    ],
)
def test_the_spread_is_the_five_number_summary_of_the_own_scores(scores, five_numbers):
    spread = score_spread(scores)
    numbers = (spread.minimum, spread.lower_quartile, spread.median, spread.upper_quartile, spread.maximum)
    assert numbers == pytest.approx(five_numbers)
    assert spread.count == len(scores)


def test_no_scores_give_no_spread():
    assert score_spread([]) is None


@given(st.lists(st.floats(min_value=0, max_value=100), min_size=1, max_size=60))
def test_the_spread_is_ordered_and_within_the_scale(scores):
    spread = score_spread(scores)
    assert (
        0 <= spread.minimum <= spread.lower_quartile <= spread.median <= spread.upper_quartile <= spread.maximum <= 100
    )
    assert spread.range == pytest.approx(max(scores) - min(scores))


def test_a_part_score_applies_the_field_rule_to_its_questions_only():
    specs = questions(3, 1, 2, 2)
    values = answers(3, 0, 1, NOT_APPLICABLE)
    first = part_score(values, specs, {"q1", "q2"})
    # 100 × (3·3 + 1·0) / (3·3 + 1·3) = 75
    assert (first.score, first.scored_count, first.applicable_count, first.coverage) == (75.0, 2, 2, 1.0)
    second = part_score(values, specs, {"q3", "q4"})
    assert (round(second.score, 2), second.scored_count, second.applicable_count) == (33.33, 1, 1)


def test_a_part_counts_its_dependent_question_as_0_when_the_premise_in_another_part_is_0():
    specs = [QuestionSpec("beirat", 2), QuestionSpec("beirat-beteiligt", 2, depends_on="beirat")]
    part = part_score({"beirat": 0, "beirat-beteiligt": 3}, specs, {"beirat-beteiligt"})
    assert (part.score, part.scored_count) == (0.0, 1)


def test_a_part_without_answers_has_no_score():
    part = part_score(answers(None, DONT_KNOW), questions(1, 1), {"q1", "q2"})
    assert (part.score, part.scored_count, part.applicable_count, part.coverage) == (None, 0, 2, 0.0)


@given(field_answers)
def test_the_whole_field_as_one_part_scores_as_the_field(rows):
    specs, values = questions(*[w for w, _ in rows]), answers(*[v for _, v in rows])
    whole = part_score(values, specs, {spec.key for spec in specs})
    field = field_score(values, specs, METHOD)
    assert whole.score == field.score
    assert whole.coverage == field.coverage


@given(field_answers, st.data())
def test_a_better_answer_never_lowers_a_part_score(rows, data):
    weights, values = [w for w, _ in rows], [v for _, v in rows]
    better = improved(values, data)
    part = set(data.draw(st.lists(st.sampled_from([f"q{n}" for n in range(1, len(rows) + 1)]), min_size=1)))
    before = part_score(answers(*values), questions(*weights), part)
    after = part_score(answers(*better), questions(*weights), part)
    assert before.score is None or after.score >= before.score
