"""The team result of a round: medians, distributions, disagreement, departments.

Loads the round's answers once and computes everything with the scoring rules, so a
round with 50 respondents answering every question stays within a few dozen ms.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from weltoffen.catalogue.models import Question
from weltoffen.selfcheck import scoring
from weltoffen.selfcheck.models import Answer, Assessment, Respondent
from weltoffen.selfcheck.results import AssessmentResult, assessment_results

WIDEST_DISAGREEMENTS = 10
VALUE_ORDER = ["0", "1", "2", "3", scoring.DONT_KNOW, scoring.NOT_APPLICABLE]


@dataclass
class QuestionSpread:
    question: Question
    counts: dict[str, int]
    names: dict[str, list[str]]
    median: scoring.AnswerValue | None
    spread: int
    needs_discussion: bool

    @property
    def answer_count(self) -> int:
        return sum(self.counts.values())

    def distribution(self) -> list[tuple[str, int, list[str]]]:
        return [(value, self.counts.get(value, 0), self.names.get(value, [])) for value in VALUE_ORDER]


@dataclass
class FieldConsensus:
    compared: int  # questions with at least two scored answers
    agreeing: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.agreeing / self.compared) if self.compared else None

    @property
    def level(self) -> str:
        """hoch, mittel, niedrig, or "" when nothing could be compared."""
        if self.percent is None:
            return ""
        return "hoch" if self.percent >= 80 else "mittel" if self.percent >= 50 else "niedrig"


@dataclass
class DepartmentResult:
    label: str
    respondent_count: int
    scores: list[tuple[object, float | None]]  # (field, score)


@dataclass
class TeamResult:
    assessment: Assessment
    result: AssessmentResult
    spreads: dict[int, QuestionSpread]  # by question id
    consensus: dict[int, FieldConsensus]  # by field id
    respondent_count: int
    departments: list[DepartmentResult] = field(default_factory=list)

    @property
    def widest_disagreements(self) -> list[QuestionSpread]:
        flagged = [spread for spread in self.spreads.values() if spread.needs_discussion]
        return sorted(
            flagged, key=lambda s: (-s.spread, -s.answer_count, s.question.field.number, s.question.position)
        )[:WIDEST_DISAGREEMENTS]

    def field_rows(self):
        """(field result, consensus, [question spreads in catalogue order]) per field."""
        for field_result in self.result.fields:
            spreads = [self.spreads[row.question.pk] for row in field_result.questions]
            yield field_result, self.consensus[field_result.field.pk], spreads


def team_result(assessment: Assessment) -> TeamResult:
    method = scoring.Method.from_config(assessment.version.method)
    respondents = {r.pk: r for r in Respondent.objects.filter(assessment=assessment, revoked_at__isnull=True)}
    rows = (
        Answer.objects.filter(respondent_id__in=respondents)
        .exclude(value="")
        .values_list("respondent_id", "question_id", "value")
    )
    by_question: dict[int, list[tuple[int, scoring.AnswerValue]]] = defaultdict(list)
    for respondent_id, question_id, value in rows:
        by_question[question_id].append((respondent_id, int(value) if value.isdigit() else value))
    medians = {
        question_id: scoring.median_answer([v for _, v in answers]) for question_id, answers in by_question.items()
    }
    result = assessment_results(assessment, values=medians)
    spreads, consensus = {}, {}
    for field_result in result.fields:
        compared = agreeing = 0
        for row in field_result.questions:
            answers = by_question.get(row.question.pk, [])
            scored = [v for _, v in answers if scoring.is_scored(v)]
            spread = max(scored) - min(scored) if len(scored) > 1 else 0
            discuss = scoring.needs_discussion([v for _, v in answers], method)
            if len(scored) > 1:
                compared += 1
                agreeing += not discuss
            names: dict[str, list[str]] = defaultdict(list)
            for respondent_id, value in answers:
                respondent = respondents[respondent_id]
                if respondent.show_name:
                    names[str(value)].append(respondent.display_name)
            spreads[row.question.pk] = QuestionSpread(
                question=row.question,
                counts=dict(Counter(str(v) for _, v in answers)),
                names=dict(names),
                median=medians.get(row.question.pk),
                spread=spread,
                needs_discussion=discuss,
            )
        consensus[field_result.field.pk] = FieldConsensus(compared=compared, agreeing=agreeing)
    team = TeamResult(
        assessment=assessment, result=result, spreads=spreads, consensus=consensus, respondent_count=len(respondents)
    )
    team.departments = department_results(result, respondents, by_question, method)
    return team


def department_results(result, respondents, by_question, method) -> list[DepartmentResult]:
    """Field scores from each department's own answers (median within the department)."""
    groups: dict[str, set[int]] = defaultdict(set)
    for respondent in respondents.values():
        groups[respondent.department_label].add(respondent.pk)
    departments = []
    for label, members in sorted(groups.items()):
        scores = []
        for field_result in result.fields:
            specs, values = [], {}
            for row in field_result.questions:
                specs.append(scoring.QuestionSpec(key=str(row.question.pk), weight=row.question.weight))
                own = [v for respondent_id, v in by_question.get(row.question.pk, []) if respondent_id in members]
                median = scoring.median_answer(own)
                if median is not None:
                    values[str(row.question.pk)] = median
            scores.append((field_result.field, scoring.field_score(values, specs, method).score))
        departments.append(DepartmentResult(label=label, respondent_count=len(members), scores=scores))
    return departments
