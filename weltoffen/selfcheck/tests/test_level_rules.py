"""The level rules of method version 2: foundations, "weiß nicht", evidence, dependent questions."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weltoffen.selfcheck.scoring import DONT_KNOW, NOT_APPLICABLE, LevelRule, QuestionSpec, field_score

from .test_scoring import METHOD as METHOD_V1

METHOD_V2 = dataclasses.replace(
    METHOD_V1,
    level_rules=(
        LevelRule(level="fortgeschritten", foundation_min=1),
        LevelRule(level="vorreiter", foundation_min=2, evidence=True),
    ),
    dont_know_as_zero=True,
)

# Field 1 of catalogue v1: the weights in catalogue order; the five weight-3 questions are its foundations.
FIELD_1_WEIGHTS = (3, 3, 2, 2, 3, 1, 3, 3, 2, 2, 1, 1, 2, 2, 2)


def field_1(foundation_value, *, evidence=True):
    specs = [QuestionSpec(key=f"q{n}", weight=w, foundation=w == 3) for n, w in enumerate(FIELD_1_WEIGHTS, 1)]
    values = {spec.key: foundation_value if spec.foundation else 3 for spec in specs}
    evidenced = {spec.key for spec in specs} if evidence else set()
    return values, specs, evidenced


def spec(key, weight, foundation=False, depends_on=None):
    return QuestionSpec(key=key, weight=weight, foundation=foundation, depends_on=depends_on)


@pytest.mark.parametrize(
    ("foundation_value", "evidence", "method", "score", "level", "caps"),
    [
        # The worked example of the issue: five foundations "weiß nicht", the rest 3.
        # v1: 100 × 51 / 51 = 100, Vorreiter on 10 of 15 answers.
        (DONT_KNOW, True, METHOD_V1, 100.0, "vorreiter", ()),
        # v2: for the level "weiß nicht" is 0: 100 × 51 / 96 = 53.1 (Fortgeschritten), and a foundation
        # question at 0 keeps the field below Fortgeschritten: Aufbau.
        (DONT_KNOW, True, METHOD_V2, 100.0, "aufbau", ("dont_know", "foundation")),
        # The same five at 0: 100 × 51 / 96 = 53.1; v1 Fortgeschritten, v2 capped at Aufbau.
        (0, True, METHOD_V1, 53.125, "fortgeschritten", ()),
        (0, True, METHOD_V2, 53.125, "aufbau", ("foundation",)),
        # Foundations at 1: 100 × (15 + 51) / 96 = 68.75, Fortgeschritten under both methods.
        (1, True, METHOD_V1, 68.75, "fortgeschritten", ()),
        (1, True, METHOD_V2, 68.75, "fortgeschritten", ()),
        # Foundations at 2: 100 × (30 + 51) / 96 = 84.4; Vorreiter, under v2 only with evidence.
        (2, True, METHOD_V2, 84.375, "vorreiter", ()),
        (2, False, METHOD_V2, 84.375, "fortgeschritten", ("evidence",)),
        (2, False, METHOD_V1, 84.375, "vorreiter", ()),
        (3, True, METHOD_V2, 100.0, "vorreiter", ()),
        (3, False, METHOD_V2, 100.0, "fortgeschritten", ("evidence",)),
    ],
)
def test_levels_of_the_worked_example_match_hand_computed_values(
    foundation_value, evidence, method, score, level, caps
):
    values, specs, evidenced = field_1(foundation_value, evidence=evidence)
    result = field_score(values, specs, method, evidenced=evidenced)
    assert result.score == pytest.approx(score)
    assert result.level.key == level
    assert tuple(cap.kind for cap in result.caps) == caps


@pytest.mark.parametrize(
    ("specs", "values", "evidenced", "score", "score_level", "level"),
    [
        # One foundation at 0 among 3s: 100 × 9 / 12 = 75 would be Vorreiter; capped twice to Aufbau.
        ((spec("a", 1, True), spec("b", 3)), {"a": 0, "b": 3}, {"b"}, 75.0, "vorreiter", "aufbau"),
        # Foundation at 1: Fortgeschritten allowed, Vorreiter not (needs 2).
        ((spec("a", 1, True), spec("b", 3)), {"a": 1, "b": 3}, {"a", "b"}, 83.333, "vorreiter", "fortgeschritten"),
        # A foundation left open counts as a gap for the level: no Fortgeschritten.
        ((spec("a", 3, True), spec("b", 3), spec("c", 3)), {"b": 3, "c": 2}, set(), 83.333, "vorreiter", "aufbau"),
        # "trifft nicht zu" on a foundation takes it out of the rules.
        (
            (spec("a", 3, True), spec("b", 3)),
            {"a": NOT_APPLICABLE, "b": 2},
            set(),
            66.667,
            "fortgeschritten",
            "fortgeschritten",
        ),
        # A low score is never raised by the rules.
        ((spec("a", 3, True), spec("b", 3)), {"a": 3, "b": 0}, {"a"}, 50.0, "fortgeschritten", "fortgeschritten"),
        ((spec("a", 3, True), spec("b", 3)), {"a": 1, "b": 0}, set(), 16.667, "einstieg", "einstieg"),
        # "weiß nicht" on an ordinary question counts as 0 for the level: 100 × 6 / 6 shown, 100 × 6 / 9 for the level.
        (
            (spec("a", 1), spec("b", 1), spec("c", 1)),
            {"a": 3, "b": 3, "c": DONT_KNOW},
            set(),
            100.0,
            "vorreiter",
            "fortgeschritten",
        ),
    ],
)
def test_level_rules_match_hand_computed_levels(specs, values, evidenced, score, score_level, level):
    result = field_score(values, specs, METHOD_V2, evidenced=evidenced)
    assert result.score == pytest.approx(score, abs=0.001)
    assert result.score_level.key == score_level
    assert result.level.key == level
    assert result.is_capped == (level != score_level)


def test_a_capped_level_names_the_foundation_questions_that_hold_it_back():
    specs = (spec("a", 3, True), spec("b", 3, True), spec("c", 3))
    result = field_score({"a": 0, "b": 3, "c": 3}, specs, METHOD_V2, evidenced={"b", "c"})
    foundation_caps = [cap for cap in result.caps if cap.kind == "foundation"]
    assert {cap.questions for cap in foundation_caps} == {("a",)}
    assert result.level.key == "aufbau"


def test_a_dependent_question_is_skipped_and_counts_as_0_while_its_premise_is_0():
    specs = (spec("beirat", 2), spec("rechte", 2, depends_on="beirat"), spec("budget", 1, depends_on="rechte"))
    result = field_score({"beirat": 0, "rechte": 3, "budget": 3}, specs, METHOD_V2)
    assert result.skipped == ("rechte", "budget")
    assert result.score == 0.0
    assert result.scored_count == 3


def test_a_dependent_question_counts_normally_once_its_premise_is_above_0():
    specs = (spec("beirat", 2), spec("rechte", 2, depends_on="beirat"))
    result = field_score({"beirat": 1, "rechte": 3}, specs, METHOD_V2)
    assert result.skipped == ()
    assert result.score == pytest.approx(100 * 8 / 12)


def test_weiss_nicht_on_a_premise_skips_its_dependents_for_the_level_only():
    specs = (spec("beirat", 1), spec("rechte", 3, depends_on="beirat"))
    result = field_score({"beirat": DONT_KNOW, "rechte": 3}, specs, METHOD_V2)
    assert result.skipped == ()
    assert result.score == 100.0
    assert result.level.key == "einstieg"  # the level sees beirat = 0, so rechte = 0 too


def test_the_share_of_answers_at_2_or_3_backed_by_evidence():
    specs = (spec("a", 1), spec("b", 1), spec("c", 1), spec("d", 1))
    result = field_score({"a": 3, "b": 2, "c": 1, "d": 3}, specs, METHOD_V2, evidenced={"a", "c"})
    assert (result.high_count, result.backed_count, result.backed_percent) == (3, 1, 33)


def test_without_answers_at_2_or_3_there_is_no_evidence_share():
    result = field_score({"a": 1}, (spec("a", 1),), METHOD_V2)
    assert result.backed_percent is None


def test_version_1_has_no_level_rules():
    values, specs, evidenced = field_1(0, evidence=False)
    result = field_score(values, specs, METHOD_V1)
    assert result.level == result.score_level
    assert not METHOD_V1.has_level_rules


# Invariants. A catalogue of up to 20 questions; some are foundations, some depend on an earlier one.
VALUES = st.one_of(st.integers(min_value=0, max_value=3), st.sampled_from([DONT_KNOW, NOT_APPLICABLE]), st.none())


@st.composite
def catalogues(draw, *, dependents=True):
    size = draw(st.integers(min_value=1, max_value=20))
    specs = []
    for n in range(size):
        parent = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=n - 1))) if dependents and n else None
        specs.append(
            QuestionSpec(
                key=f"q{n}",
                weight=draw(st.integers(min_value=1, max_value=3)),
                foundation=draw(st.booleans()),
                depends_on=None if parent is None else f"q{parent}",
            )
        )
    values = {s.key: v for s in specs if (v := draw(VALUES)) is not None}
    evidenced = {s.key for s in specs if draw(st.booleans())}
    return specs, values, evidenced


def better(draw, specs, values, evidenced):
    """One answer made better: a scored value raised, "weiß nicht" answered, or evidence added."""
    key = draw(st.sampled_from([s.key for s in specs]))
    value = values.get(key)
    if isinstance(value, int) and value < 3:
        return "raised", {**values, key: draw(st.integers(min_value=value + 1, max_value=3))}, evidenced
    if value == DONT_KNOW:
        return "answered", {**values, key: draw(st.integers(min_value=0, max_value=3))}, evidenced
    return "backed", values, evidenced | {key}


@given(catalogues(dependents=False), st.data())
def test_a_better_answer_never_lowers_score_or_level(catalogue, data):
    specs, values, evidenced = catalogue
    kind, raised, backed = better(data.draw, specs, values, evidenced)
    before = field_score(values, specs, METHOD_V2, evidenced=evidenced)
    after = field_score(raised, specs, METHOD_V2, evidenced=backed)
    assert METHOD_V2.rank(after.level) >= METHOD_V2.rank(before.level)
    if kind != "answered":  # answering a "weiß nicht" with 0 adds a 0 to the shown score
        assert (after.score, before.score) == (None, None) or after.score >= before.score - 1e-9


@given(catalogues(), st.data())
def test_with_dependent_questions_a_better_answer_never_lowers_the_score_or_a_shown_level(catalogue, data):
    specs, values, evidenced = catalogue
    key = data.draw(st.sampled_from([s.key for s in specs]))
    if not isinstance(values.get(key), int) or values[key] == 3:
        return
    raised = {**values, key: data.draw(st.integers(min_value=values[key] + 1, max_value=3))}
    before = field_score(values, specs, METHOD_V2, evidenced=evidenced)
    after = field_score(raised, specs, METHOD_V2, evidenced=evidenced)
    assert after.score >= before.score - 1e-9
    # Raising a premise from 0 can reopen dependent questions that nobody answered, which lowers the
    # coverage; a level that is shown both times never drops.
    if after.level is not None:
        assert METHOD_V2.rank(after.level) >= METHOD_V2.rank(before.level)


@given(catalogues(), st.data())
def test_weiss_nicht_never_gives_a_higher_level_than_0(catalogue, data):
    specs, values, evidenced = catalogue
    key = data.draw(st.sampled_from([s.key for s in specs]))
    with_zero = field_score({**values, key: 0}, specs, METHOD_V2, evidenced=evidenced)
    with_unknown = field_score({**values, key: DONT_KNOW}, specs, METHOD_V2, evidenced=evidenced)
    assert METHOD_V2.rank(with_unknown.level) <= METHOD_V2.rank(with_zero.level)


@given(catalogues())
def test_the_rules_never_raise_a_level_above_the_score_level(catalogue):
    specs, values, evidenced = catalogue
    result = field_score(values, specs, METHOD_V2, evidenced=evidenced)
    assert METHOD_V2.rank(result.level) <= METHOD_V2.rank(result.score_level)
    assert result.is_capped == (METHOD_V2.rank(result.level) < METHOD_V2.rank(result.score_level))
