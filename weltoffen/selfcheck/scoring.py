"""The scoring rules of the Selbstcheck, free of the ORM.

Values and small dataclasses in, results out, so the rules can be tested by hand
and by hypothesis, and explained on the Methodik page from the same code.

An answer is one of the scale values 0–3, `DONT_KNOW`, `NOT_APPLICABLE`, or absent.

From catalogue version 2 on, the method also has level rules: the level of a field
depends on its foundation questions as well as on the score, "weiß nicht" counts as
0 for the level, and questions that depend on another one are skipped (and count as
0) while that one is at 0. Version 1 has no rules, so its results stay as they were.
"""

import statistics
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

MAX_VALUE = 3
DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
UNSCORED = (DONT_KNOW, NOT_APPLICABLE)

AnswerValue = int | float | str


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    label_en: str
    min: int


@dataclass(frozen=True)
class LevelRule:
    """A field reaches `level` (or higher) only when every foundation question that applies
    has at least `foundation_min` for the level, and, with `evidence`, is backed by evidence.

    A foundation question answered "weiß nicht" or left open counts as a gap.
    """

    level: str
    foundation_min: int
    evidence: bool = False
    text: str = ""
    text_en: str = ""


@dataclass(frozen=True)
class Method:
    levels: tuple[Level, ...]
    coverage_threshold: float
    discussion_spread: int
    consensus_high: float  # share of agreeing questions from which consensus is "hoch"
    consensus_medium: float
    level_rules: tuple[LevelRule, ...] = ()
    # For the level (not the score shown), "weiß nicht" counts as 0: not knowing is no better than not doing.
    dont_know_as_zero: bool = False

    @classmethod
    def from_config(cls, config: Mapping) -> "Method":
        """Build from a catalogue version's `method` (catalogue.yaml)."""
        levels = tuple(
            Level(key=lv["key"], label=lv["label"], label_en=lv.get("label_en", lv["label"]), min=lv["min"])
            for lv in config["levels"]
        )
        rules = tuple(
            LevelRule(
                level=rule["level"],
                foundation_min=int(rule["foundation_min"]),
                evidence=bool(rule.get("evidence", False)),
                text=rule.get("text", ""),
                text_en=rule.get("text_en", ""),
            )
            for rule in config.get("level_rules", ())
        )
        return cls(
            levels=levels,
            coverage_threshold=float(config["coverage_threshold"]),
            discussion_spread=int(config["discussion_spread"]),
            consensus_high=float(config["consensus"]["high"]),
            consensus_medium=float(config["consensus"]["medium"]),
            level_rules=rules,
            dont_know_as_zero=config.get("dont_know_for_level") == "zero",
        )

    @property
    def has_level_rules(self) -> bool:
        return bool(self.level_rules) or self.dont_know_as_zero

    def level_for(self, score: float) -> Level:
        return [level for level in self.levels if score >= level.min][-1]

    def rank(self, level: Level | None) -> int:
        """0 for the first level, -1 for no level, so levels compare as numbers."""
        return -1 if level is None else [lv.key for lv in self.levels].index(level.key)

    def level_below(self, key: str) -> Level | None:
        index = [lv.key for lv in self.levels].index(key)
        return self.levels[index - 1] if index > 0 else None

    def level_range(self, level: Level) -> tuple[int, int]:
        """The inclusive whole-number score range of a level, e.g. (25, 49)."""
        following = [lv.min for lv in self.levels if lv.min > level.min]
        return level.min, (min(following) - 1 if following else 100)


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    weight: int
    foundation: bool = False
    depends_on: str | None = None  # key of the question this one presupposes


@dataclass(frozen=True)
class Cap:
    """Why a field's level is lower than its score alone would give.

    `kind` is "foundation" (a foundation question below the rule's minimum), "evidence"
    (a foundation answer without evidence) or "dont_know" ("weiß nicht" counted as 0);
    `questions` are the keys concerned, `level` the highest level still reached.
    """

    kind: str
    questions: tuple[str, ...]
    level: Level | None
    rule: LevelRule | None = None


@dataclass(frozen=True)
class FieldScore:
    """The result of one field of action.

    `score` is None when nothing was scored; `level` is None when coverage is below
    the method's threshold, because a level claimed on a few answers would mislead.
    `score_level` is the level the score alone would give; `caps` say why `level`
    is lower. `skipped` are dependent questions skipped because their premise is 0.
    `high_count` counts answers at 2 or 3, `backed_count` those of them with evidence.
    """

    score: float | None
    level: Level | None
    coverage: float
    question_count: int
    scored_count: int
    dont_know_count: int
    not_applicable_count: int
    score_level: Level | None = None
    caps: tuple[Cap, ...] = ()
    skipped: tuple[str, ...] = ()
    high_count: int = 0
    backed_count: int = 0

    @property
    def is_capped(self) -> bool:
        return bool(self.caps)

    @property
    def backed_percent(self) -> int | None:
        return round(100 * self.backed_count / self.high_count) if self.high_count else None

    @property
    def unanswered_count(self) -> int:
        return self.question_count - self.scored_count - self.dont_know_count - self.not_applicable_count

    @property
    def answered_count(self) -> int:
        return self.question_count - self.unanswered_count

    @property
    def has_level(self) -> bool:
        return self.level is not None


def is_scored(value: AnswerValue | None) -> bool:
    return value is not None and value not in UNSCORED


def skip_dependents(answers: Mapping[str, AnswerValue], questions: Sequence[QuestionSpec]) -> tuple[dict, tuple]:
    """Answers with every dependent question set to 0 while the question it depends on is 0.

    Chains work (a skipped question is 0 for those depending on it); the loader refuses cycles.
    Counting skipped questions as 0 rather than leaving them out keeps the score monotone:
    raising the premise from 0 never lowers the score.
    """
    values = dict(answers)
    skipped = []
    changed = True
    while changed:
        changed = False
        for question in questions:
            if question.depends_on and values.get(question.depends_on) == 0 and question.key not in skipped:
                values[question.key] = 0
                skipped.append(question.key)
                changed = True
    return values, tuple(key for key in (q.key for q in questions) if key in skipped)


def weighted_score(values: Mapping[str, AnswerValue], questions: Sequence[QuestionSpec]) -> float | None:
    # Integers while the answers are whole numbers (Fractions only for a team's 1.5), so the
    # score is exact at the level boundaries and cheap for the thousands of team scores.
    achieved: int | Fraction = 0
    possible = 0
    for question in questions:
        value = values.get(question.key)
        if is_scored(value):
            achieved += question.weight * (value if isinstance(value, int) else Fraction(value))
            possible += question.weight * MAX_VALUE
    return float(Fraction(100 * achieved, possible)) if possible else None


def field_score(
    answers: Mapping[str, AnswerValue],
    questions: Sequence[QuestionSpec],
    method: Method,
    *,
    evidenced: Collection[str] = frozenset(),
) -> FieldScore:
    """Score = 100 × Σ(weight × answer) / Σ(weight × 3) over the scored answers.

    Coverage = scored answers / questions that apply: "trifft nicht zu" removes a
    question from the base, "weiß nicht" and skipped questions count against it.
    `evidenced` are the keys of answers backed by evidence ("belegt").
    """
    values, skipped = skip_dependents(answers, questions)
    scored = dont_know = not_applicable = high = backed = 0
    for question in questions:
        value = values.get(question.key)
        if value == DONT_KNOW:
            dont_know += 1
        elif value == NOT_APPLICABLE:
            not_applicable += 1
        elif value is not None:
            scored += 1
            if value >= 2:
                high += 1
                backed += question.key in evidenced
    applicable = len(questions) - not_applicable
    coverage = scored / applicable if applicable else 0.0
    score = weighted_score(values, questions)
    sufficient = score is not None and coverage >= method.coverage_threshold
    score_level = method.level_for(score) if sufficient else None
    level, caps = capped_level(answers, questions, method, evidenced, score_level) if sufficient else (None, ())
    return FieldScore(
        score=score,
        level=level,
        coverage=coverage,
        question_count=len(questions),
        scored_count=scored,
        dont_know_count=dont_know,
        not_applicable_count=not_applicable,
        score_level=score_level,
        caps=caps,
        skipped=skipped,
        high_count=high,
        backed_count=backed,
    )


@dataclass(frozen=True)
class PartScore:
    """The score of a part of a field (a sub-topic): no level of its own, because the
    level rules and their foundation questions belong to the whole field."""

    score: float | None
    scored_count: int
    applicable_count: int

    @property
    def coverage(self) -> float:
        return self.scored_count / self.applicable_count if self.applicable_count else 0.0


def part_score(
    answers: Mapping[str, AnswerValue], questions: Sequence[QuestionSpec], part: Collection[str]
) -> PartScore:
    """The field's score rule over the questions whose keys are in `part`.

    Dependent questions are skipped over the whole field first, because a premise may sit
    in another sub-topic than the question that depends on it.
    """
    values, _skipped = skip_dependents(answers, questions)
    members = [question for question in questions if question.key in part]
    scored = sum(is_scored(values.get(question.key)) for question in members)
    applicable = sum(values.get(question.key) != NOT_APPLICABLE for question in members)
    return PartScore(score=weighted_score(values, members), scored_count=scored, applicable_count=applicable)


def capped_level(answers, questions, method: Method, evidenced, score_level: Level) -> tuple[Level | None, tuple]:
    """The level after the method's rules, and each rule that lowered it.

    The rules see "weiß nicht" as 0 (when the method says so) before dependent questions are
    skipped, so "weiß nicht" never gives a higher level than 0 would, not even through the
    questions that depend on it.
    """
    if not method.has_level_rules:
        return score_level, ()
    zeroed = {key: 0 if value == DONT_KNOW and method.dont_know_as_zero else value for key, value in answers.items()}
    values, _skipped = skip_dependents(zeroed, questions)
    level_score = weighted_score(values, questions)
    level = method.level_for(level_score) if level_score is not None else method.levels[0]
    caps = []
    if method.rank(level) < method.rank(score_level):
        unknown = tuple(q.key for q in questions if answers.get(q.key) == DONT_KNOW)
        caps.append(Cap(kind="dont_know", questions=unknown, level=level))
    for rule in sorted(
        method.level_rules, key=lambda r: -method.rank(next(lv for lv in method.levels if lv.key == r.level))
    ):
        guarded = next(lv for lv in method.levels if lv.key == rule.level)
        if method.rank(level) < method.rank(guarded):
            continue
        below, unbacked = [], []
        for question in questions:
            value = values.get(question.key)
            if not question.foundation or value == NOT_APPLICABLE:
                continue
            if not is_scored(value) or value < rule.foundation_min:
                below.append(question.key)
            elif rule.evidence and question.key not in evidenced:
                unbacked.append(question.key)
        if below or unbacked:
            level = method.level_below(rule.level)
            if below:
                caps.append(Cap(kind="foundation", questions=tuple(below), level=level, rule=rule))
            if unbacked:
                caps.append(Cap(kind="evidence", questions=tuple(unbacked), level=level, rule=rule))
    return level, tuple(caps)


def priority(weight: int, value: AnswerValue | None) -> int | float:
    """Weight × gap to the top of the scale; 0 for fulfilled or unscored questions."""
    if not is_scored(value):
        return 0
    return weight * (MAX_VALUE - value)


def ranked_gaps(answers: Mapping[str, AnswerValue], questions: Sequence[QuestionSpec]) -> list[QuestionSpec]:
    """Questions with a gap, the largest weight × gap first; ties keep catalogue order."""
    gaps = [(priority(q.weight, answers.get(q.key)), -q.weight, index, q) for index, q in enumerate(questions)]
    return [q for prio, _weight, _index, q in sorted(gaps, key=lambda item: (-item[0], item[1], item[2])) if prio > 0]


def median_answer(values: Sequence[AnswerValue]) -> AnswerValue | None:
    """The team value of one question: the median of its scored answers.

    Without any scored answer the most telling unscored answer counts: "weiß nicht"
    (someone has to find out) before "trifft nicht zu".
    """
    scored = [value for value in values if is_scored(value)]
    if scored:
        middle = statistics.median(scored)
        return int(middle) if float(middle).is_integer() else float(middle)
    if DONT_KNOW in values:
        return DONT_KNOW
    if NOT_APPLICABLE in values:
        return NOT_APPLICABLE
    return None


def needs_discussion(values: Sequence[AnswerValue], method: Method) -> bool:
    """Scored answers differ by at least `discussion_spread` steps."""
    scored = [value for value in values if is_scored(value)]
    return len(scored) > 1 and max(scored) - min(scored) >= method.discussion_spread


@dataclass(frozen=True)
class Consensus:
    """How far a team agrees within one field.

    `compared` counts the questions with at least two scored answers, `agreeing` those
    of them without "Diskussionsbedarf"; `level` is "hoch", "mittel", "niedrig", or ""
    when nothing could be compared.
    """

    compared: int
    agreeing: int
    level: str

    @property
    def share(self) -> float | None:
        return self.agreeing / self.compared if self.compared else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(100 * self.share)

    @property
    def is_low(self) -> bool:
        return self.level == "niedrig"


def field_consensus(answers_per_question: Sequence[Sequence[AnswerValue]], method: Method) -> Consensus:
    """The consensus of a field from each of its questions' team answers."""
    compared = agreeing = 0
    for values in answers_per_question:
        if sum(1 for value in values if is_scored(value)) > 1:
            compared += 1
            agreeing += not needs_discussion(values, method)
    if not compared:
        return Consensus(compared=0, agreeing=0, level="")
    share = agreeing / compared
    level = "hoch" if share >= method.consensus_high else "mittel" if share >= method.consensus_medium else "niedrig"
    return Consensus(compared=compared, agreeing=agreeing, level=level)


@dataclass(frozen=True)
class Spread:
    """Five-number summary of the respondents' own field scores (0–100)."""

    count: int
    minimum: float
    lower_quartile: float
    median: float
    upper_quartile: float
    maximum: float

    @property
    def range(self) -> float:
        return self.maximum - self.minimum


def score_spread(scores: Sequence[float]) -> Spread | None:
    """Minimum, quartiles (inclusive method, as spreadsheets compute them), median and
    maximum of individual scores; None without any score."""
    values = sorted(scores)
    if not values:
        return None
    if len(values) == 1:
        lower = middle = upper = values[0]
    else:
        lower, middle, upper = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(
        count=len(values),
        minimum=values[0],
        lower_quartile=lower,
        median=middle,
        upper_quartile=upper,
        maximum=values[-1],
    )
