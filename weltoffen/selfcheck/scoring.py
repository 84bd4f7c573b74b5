"""The scoring rules of the Selbstcheck, free of the ORM.

Values and small dataclasses in, results out, so the rules can be tested by hand
and by hypothesis, and explained on the Methodik page from the same code.

An answer is one of the scale values 0–3, `DONT_KNOW`, `NOT_APPLICABLE`, or absent.
"""

import statistics
from collections.abc import Mapping, Sequence
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
class Method:
    levels: tuple[Level, ...]
    coverage_threshold: float
    discussion_spread: int
    consensus_high: float  # share of agreeing questions from which consensus is "hoch"
    consensus_medium: float

    @classmethod
    def from_config(cls, config: Mapping) -> "Method":
        """Build from a catalogue version's `method` (catalogue.yaml)."""
        levels = tuple(
            Level(key=lv["key"], label=lv["label"], label_en=lv.get("label_en", lv["label"]), min=lv["min"])
            for lv in config["levels"]
        )
        return cls(
            levels=levels,
            coverage_threshold=float(config["coverage_threshold"]),
            discussion_spread=int(config["discussion_spread"]),
            consensus_high=float(config["consensus"]["high"]),
            consensus_medium=float(config["consensus"]["medium"]),
        )

    def level_for(self, score: float) -> Level:
        return [level for level in self.levels if score >= level.min][-1]

    def level_range(self, level: Level) -> tuple[int, int]:
        """The inclusive whole-number score range of a level, e.g. (25, 49)."""
        following = [lv.min for lv in self.levels if lv.min > level.min]
        return level.min, (min(following) - 1 if following else 100)


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    weight: int


@dataclass(frozen=True)
class FieldScore:
    """The result of one field of action.

    `score` is None when nothing was scored; `level` is None when coverage is below
    the method's threshold, because a level claimed on a few answers would mislead.
    """

    score: float | None
    level: Level | None
    coverage: float
    question_count: int
    scored_count: int
    dont_know_count: int
    not_applicable_count: int

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


def field_score(answers: Mapping[str, AnswerValue], questions: Sequence[QuestionSpec], method: Method) -> FieldScore:
    """Score = 100 × Σ(weight × answer) / Σ(weight × 3) over the scored answers.

    Coverage = scored answers / questions that apply: "trifft nicht zu" removes a
    question from the base, "weiß nicht" and skipped questions count against it.
    """
    # Integers while the answers are whole numbers (Fractions only for a team's 1.5), so the
    # score is exact at the level boundaries and cheap for the thousands of team scores.
    achieved: int | Fraction = 0
    possible = scored = dont_know = not_applicable = 0
    for question in questions:
        value = answers.get(question.key)
        if value == DONT_KNOW:
            dont_know += 1
        elif value == NOT_APPLICABLE:
            not_applicable += 1
        elif value is not None:
            scored += 1
            achieved += question.weight * (value if isinstance(value, int) else Fraction(value))
            possible += question.weight * MAX_VALUE
    applicable = len(questions) - not_applicable
    coverage = scored / applicable if applicable else 0.0
    score = float(Fraction(100 * achieved, possible)) if possible else None
    sufficient = score is not None and coverage >= method.coverage_threshold
    return FieldScore(
        score=score,
        level=method.level_for(score) if sufficient else None,
        coverage=coverage,
        question_count=len(questions),
        scored_count=scored,
        dont_know_count=dont_know,
        not_applicable_count=not_applicable,
    )


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
