"""Load an assessment's answers and compute its result with the scoring rules."""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail import hooks

from weltoffen.catalogue.models import FieldOfAction, Question
from weltoffen.translation import translated

from . import charts, scoring
from .models import Answer, Assessment, FieldNote

TOP_RECOMMENDATIONS = 5
# A hook function takes an AssessmentResult and sets what its app knows on the rows,
# e.g. the plan's open measures per recommendation (`QuestionResult.open_measures`).
ANNOTATE_RESULT_HOOK = "weltoffen_annotate_result"


@dataclass
class QuestionResult:
    question: Question
    answer: Answer | None
    value: scoring.AnswerValue | None
    priority: float

    value_label: str = ""
    related: object = None  # a knowledge page for the recommendation, set by the view
    evidenced: bool = False
    skipped: bool = False  # a dependent question whose premise is 0: counted as 0
    open_measures: list = field(default_factory=list)  # of the plan, set by `annotate_result`

    @property
    def note(self) -> str:
        return self.answer.note if self.answer else ""

    @property
    def number(self) -> str:
        return f"{self.question.field.number}.{self.question.position}"


@dataclass
class SubtopicResult:
    """One sub-topic's share of a field (field 3 "Teilhabe" has several): a score, no level."""

    subtopic: object  # catalogue.SubTopic
    score: scoring.PartScore
    question_count: int
    coverage_threshold: float

    @property
    def rounded_score(self) -> int | None:
        return None if self.score.score is None else round(self.score.score)

    @property
    def coverage_percent(self) -> int:
        return round(self.score.coverage * 100)

    @property
    def coverage_threshold_percent(self) -> int:
        return round(self.coverage_threshold * 100)

    @property
    def is_provisional(self) -> bool:
        """Too few answers to read the sub-topic's score as more than a first hint."""
        return self.score.coverage < self.coverage_threshold


@dataclass
class FieldResult:
    field: FieldOfAction
    score: scoring.FieldScore
    questions: list[QuestionResult]
    gaps: list[QuestionResult]
    unknown: list[QuestionResult]
    levels: tuple = ()
    note: str = ""
    subtopics: list[SubtopicResult] = field(default_factory=list)
    related: list = field(default_factory=list)  # knowledge pages of this field, set by the view

    @property
    def rounded_score(self) -> int | None:
        return None if self.score.score is None else round(self.score.score)

    @property
    def level_label(self) -> str:
        return translated(self.score.level, "label") if self.score.level else ""

    @property
    def score_level_label(self) -> str:
        return translated(self.score.score_level, "label") if self.score.score_level else ""

    @property
    def assessment_text(self) -> str:
        return self.field.assessment_for(self.score.level.key) if self.score.level else ""

    @property
    def assessment_language(self) -> str:
        return self.field.assessment_language(self.score.level.key) if self.score.level else "de"

    @property
    def cap_reasons(self) -> list[str]:
        """ "Stufe begrenzt, weil …": one sentence per rule that lowered the level, naming the questions.

        The one wording for the results page, the team result and the PDF.
        """
        numbers = {str(row.question.pk): row.number for row in self.questions}
        reasons = []
        for cap in self.score.caps:
            listed = ", ".join(numbers[key] for key in cap.questions)
            rule_level = next((lv for lv in self.levels if cap.rule and lv.key == cap.rule.level), None)
            if cap.kind == "dont_know":
                reasons.append(
                    ngettext(
                        "„weiß nicht“ für die Stufe als 0 zählt (Frage %(questions)s)",
                        "„weiß nicht“ für die Stufe als 0 zählt (Fragen %(questions)s)",
                        len(cap.questions),
                    )
                    % {"questions": listed}
                )
            elif cap.kind == "foundation":
                reasons.append(
                    ngettext(
                        "die grundlegende Frage %(questions)s unter %(min)d steht, offen ist oder mit „weiß nicht“ "
                        "beantwortet wurde; für „%(level)s“ müssen alle grundlegenden Fragen mindestens bei %(min)d "
                        "stehen",
                        "die grundlegenden Fragen %(questions)s unter %(min)d stehen, offen sind oder mit „weiß nicht“ "
                        "beantwortet wurden; für „%(level)s“ müssen alle grundlegenden Fragen mindestens bei %(min)d "
                        "stehen",
                        len(cap.questions),
                    )
                    % {"questions": listed, "min": cap.rule.foundation_min, "level": translated(rule_level, "label")}
                )
            else:
                reasons.append(
                    ngettext(
                        "die Antwort auf die grundlegende Frage %(questions)s nicht belegt ist; für „%(level)s“ müssen "
                        "die grundlegenden Fragen belegt sein",
                        "die Antworten auf die grundlegenden Fragen %(questions)s nicht belegt sind; für „%(level)s“ "
                        "müssen die grundlegenden Fragen belegt sein",
                        len(cap.questions),
                    )
                    % {"questions": listed, "level": translated(rule_level, "label")}
                )
        return reasons

    @property
    def cap_sentence(self) -> str:
        if not self.score.is_capped:
            return ""
        return _("Stufe begrenzt auf „%(level)s“ (nach Punktwert „%(score_level)s“), weil %(reasons)s.") % {
            "level": self.level_label,
            "score_level": self.score_level_label,
            "reasons": _("; und weil ").join(self.cap_reasons),
        }

    @property
    def subtopic_chart(self) -> dict:
        return charts.subtopic_bars(self)

    @property
    def skipped(self) -> list[QuestionResult]:
        return [row for row in self.questions if row.skipped]

    @property
    def top_recommendations(self) -> list[QuestionResult]:
        return self.gaps[:TOP_RECOMMENDATIONS]

    @property
    def further_recommendations(self) -> list[QuestionResult]:
        return self.gaps[TOP_RECOMMENDATIONS:]

    @property
    def coverage_percent(self) -> int:
        return round(self.score.coverage * 100)

    @property
    def answered_count(self) -> int:
        return self.score.answered_count


@dataclass
class AssessmentResult:
    assessment: Assessment
    method: scoring.Method
    fields: list[FieldResult] = field(default_factory=list)

    @property
    def question_count(self) -> int:
        return sum(f.score.question_count for f in self.fields)

    @property
    def answered_count(self) -> int:
        return sum(f.score.answered_count for f in self.fields)

    @property
    def completeness_percent(self) -> int:
        return round(100 * self.answered_count / self.question_count) if self.question_count else 0

    @property
    def is_complete(self) -> bool:
        return self.answered_count == self.question_count

    @property
    def coverage_threshold_percent(self) -> int:
        return round(self.method.coverage_threshold * 100)

    @property
    def has_evidence_share(self) -> bool:
        return any(f.score.high_count for f in self.fields)


def assessment_results(
    assessment: Assessment,
    *,
    values: dict[int, scoring.AnswerValue | None] | None = None,
    evidenced: set[int] | None = None,
) -> AssessmentResult:
    """The result of an assessment; `values` (question id → value) replaces its own answers,
    which is how a team result is computed from the median of several respondents, and
    `evidenced` (question ids) says which of those values are backed by evidence."""
    version = assessment.version
    method = scoring.Method.from_config(version.method)
    questions = list(
        Question.objects.filter(version=version)
        .select_related("field", "subtopic")
        .order_by("field__number", "position")
    )
    # Team rounds pass the respondents' medians as `values`; own answers are the anonymous owner's.
    answers = {a.question_id: a for a in Answer.objects.filter(assessment=assessment, respondent__isnull=True)}
    notes = dict(FieldNote.objects.filter(assessment=assessment).values_list("field_id", "text"))
    if values is None:
        values = {question_id: answer.scoring_value for question_id, answer in answers.items()}
    if evidenced is None:
        evidenced = {question_id for question_id, answer in answers.items() if answer.is_evidenced}
    by_field: dict[int, list[Question]] = {}
    for question in questions:
        by_field.setdefault(question.field_id, []).append(question)
    result = AssessmentResult(assessment=assessment, method=method)
    for field_questions in by_field.values():
        result.fields.append(
            field_result(field_questions, answers, values, notes, method, version.scales, evidenced=evidenced)
        )
    return result


def annotate_result(result: AssessmentResult) -> AssessmentResult:
    """Let higher apps add what they know about the rows (hook `ANNOTATE_RESULT_HOOK`),
    so the results page says which recommendation has an open measure without the
    Selbstcheck importing the plan."""
    for annotate in hooks.get_hooks(ANNOTATE_RESULT_HOOK):
        annotate(result)
    return result


def value_label(value: scoring.AnswerValue | None, scale: dict) -> str:
    """ "2 – teilweise umgesetzt"; a team median such as 1.5 is shown as a number."""
    if value is None:
        return ""
    if value == scoring.DONT_KNOW:
        return str(Answer.Value.DONT_KNOW.label)
    if value == scoring.NOT_APPLICABLE:
        return str(Answer.Value.NOT_APPLICABLE.label)
    option = next((o for o in scale["options"] if o["value"] == value), None)
    if option is None:
        return number_format(value, decimal_pos=1)
    return f"{value} – {translated(SimpleNamespace(**option), 'label')}"


def question_specs(questions) -> list[scoring.QuestionSpec]:
    """The scoring view of a field's questions, keyed by primary key; `depends_on` names a key."""
    pks = {q.key: str(q.pk) for q in questions}
    return [
        scoring.QuestionSpec(
            key=str(q.pk),
            weight=q.weight,
            foundation=q.foundation,
            depends_on=pks.get(q.depends_on) if q.depends_on else None,
        )
        for q in questions
    ]


def subtopic_results(questions, specs, keyed_values, method) -> list[SubtopicResult]:
    """The sub-topics of a field in catalogue order, each scored over its own questions."""
    members: dict = {}
    for question in questions:
        if question.subtopic_id:
            members.setdefault(question.subtopic, set()).add(str(question.pk))
    return [
        SubtopicResult(
            subtopic=subtopic,
            score=scoring.part_score(keyed_values, specs, keys),
            question_count=len(keys),
            coverage_threshold=method.coverage_threshold,
        )
        for subtopic, keys in sorted(members.items(), key=lambda item: item[0].position)
    ]


def field_result(questions, answers, values, notes, method, scales, *, evidenced=frozenset()) -> FieldResult:
    field_of_action = questions[0].field
    specs = question_specs(questions)
    keyed_values = {str(q.pk): values.get(q.pk) for q in questions if values.get(q.pk) is not None}
    keyed_evidence = {str(pk) for pk in evidenced}
    score = scoring.field_score(keyed_values, specs, method, evidenced=keyed_evidence)
    skipped = set(score.skipped)
    rows = {
        q.pk: QuestionResult(
            question=q,
            answer=answers.get(q.pk),
            value=values.get(q.pk),
            priority=scoring.priority(q.weight, values.get(q.pk)),
            value_label=value_label(values.get(q.pk), scales[q.scale]),
            evidenced=q.pk in evidenced,
            skipped=str(q.pk) in skipped,
        )
        for q in questions
    }
    return FieldResult(
        field=field_of_action,
        score=score,
        subtopics=subtopic_results(questions, specs, keyed_values, method),
        levels=method.levels,
        questions=list(rows.values()),
        gaps=[rows[int(spec.key)] for spec in scoring.ranked_gaps(keyed_values, specs)],
        unknown=[row for row in rows.values() if row.value == scoring.DONT_KNOW],
        note=notes.get(field_of_action.pk, ""),
    )
