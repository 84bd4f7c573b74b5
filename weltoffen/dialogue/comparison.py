"""The administration's result beside the stakeholders' view, per field and per group.

Anonymity rule (one source: `released`): a group's responses enter the figures in blocks
of `min_group_size` in the order they arrived. So a group is never shown with fewer
than three responses, and no published figure ever changes by a single response:
closing and reopening the survey, or comparing the page before and after one more
response, reveals at most the sum of a block of three of the same group.
Responses not yet in a block are counted as "weitere" and not evaluated.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from weltoffen.selfcheck.charts import label_lines, text_size
from weltoffen.selfcheck.models import Assessment
from weltoffen.selfcheck.results import AssessmentResult, assessment_results
from weltoffen.teams.team_results import team_result

from .models import Survey, SurveyAnswer, SurveyComment, SurveyResponse
from .questions import QuestionSet


def released(responses: list[tuple[int, str]], block: int) -> set[int]:
    """Primary keys of the responses that count: whole blocks per group, in arrival order.

    `responses` are (pk, group) pairs; pure, so the invariant is tested with hypothesis.
    """
    by_group: dict[str, list[int]] = defaultdict(list)
    for pk, group in sorted(responses):
        by_group[group].append(pk)
    counted: set[int] = set()
    for pks in by_group.values():
        counted.update(pks[: len(pks) - len(pks) % block])
    return counted


def stakeholder_score(values: list[int]) -> float | None:
    """100 × mean / 3 over scored answers: the same 0–100 scale as a field score."""
    return 100 * sum(values) / (3 * len(values)) if values else None


@dataclass
class GroupView:
    group: str
    label: str
    responses: int
    score: float | None

    @property
    def rounded(self) -> int | None:
        return None if self.score is None else round(self.score)


@dataclass
class FieldComparison:
    field: object
    administration: float | None
    stakeholders: float | None
    groups: list[GroupView]
    comments: list[str]
    gap_margin: int
    dont_know: int = 0

    @property
    def administration_rounded(self) -> int | None:
        return None if self.administration is None else round(self.administration)

    @property
    def stakeholders_rounded(self) -> int | None:
        return None if self.stakeholders is None else round(self.stakeholders)

    @property
    def difference(self) -> float | None:
        if self.administration is None or self.stakeholders is None:
            return None
        return self.stakeholders - self.administration

    @property
    def has_gap(self) -> bool:
        """A "Wahrnehmungslücke": the two views differ by at least the documented margin."""
        return self.difference is not None and abs(self.difference) >= self.gap_margin

    @property
    def stakeholders_see_more(self) -> bool:
        return self.has_gap and self.difference > 0


@dataclass
class Comparison:
    assessment: Assessment
    result: AssessmentResult
    survey: Survey | None
    questions: QuestionSet | None
    fields: list[FieldComparison] = field(default_factory=list)
    total: int = 0
    counted: int = 0
    group_totals: list[GroupView] = field(default_factory=list)

    @property
    def pending(self) -> int:
        """Responses counted as "weitere": arrived, but not yet part of a block of three."""
        return self.total - self.counted

    @property
    def gaps(self) -> list[FieldComparison]:
        return [f for f in self.fields if f.has_gap]


def administration_result(assessment: Assessment) -> AssessmentResult:
    if assessment.team_id:
        return team_result(assessment).result
    return assessment_results(assessment)


def comparison(assessment: Assessment, result: AssessmentResult | None = None) -> Comparison:
    result = result or administration_result(assessment)
    survey = Survey.objects.filter(assessment=assessment).first()
    if survey is None:
        return Comparison(assessment, result, None, None)
    questions = survey.questions
    block = questions.min_group_size
    responses = list(SurveyResponse.objects.filter(survey=survey).values_list("pk", "group"))
    counted = released(responses, block)
    group_of = dict(responses)
    field_of = {q.key: q.field_key for q in questions.questions}
    values: dict[str, list[int]] = defaultdict(list)
    by_group: dict[tuple[str, str], list[int]] = defaultdict(list)
    dont_know: dict[str, int] = defaultdict(int)
    rows = SurveyAnswer.objects.filter(response__survey=survey).values_list("response_id", "question_key", "value")
    for response_id, key, value in rows:
        if response_id not in counted or key not in field_of:
            continue
        field_key = field_of[key]
        if value == SurveyAnswer.DONT_KNOW:
            dont_know[field_key] += 1
            continue
        values[field_key].append(int(value))
        by_group[field_key, group_of[response_id]].append(int(value))
    comments: dict[str, list[str]] = defaultdict(list)
    for response_id, field_key, text in SurveyComment.objects.filter(response__survey=survey).values_list(
        "response_id", "field_key", "text"
    ):
        if response_id in counted:
            comments[field_key].append(text)
    group_counts = defaultdict(int)
    for pk in counted:
        group_counts[group_of[pk]] += 1
    labels = dict(SurveyResponse.Group.choices)
    shown_groups = [g for g in SurveyResponse.Group.values if group_counts[g] >= block]
    fields = []
    for field_result in result.fields:
        key = field_result.field.key
        fields.append(
            FieldComparison(
                field=field_result.field,
                administration=field_result.score.score if field_result.score.has_level else None,
                stakeholders=stakeholder_score(values[key]),
                groups=[
                    GroupView(g, str(labels[g]), group_counts[g], stakeholder_score(by_group[key, g]))
                    for g in shown_groups
                ],
                # Sorted, not in arrival order, so a comment cannot be matched to a count.
                comments=sorted(comments[key], key=str.casefold),
                gap_margin=questions.gap_margin,
                dont_know=dont_know[key],
            )
        )
    return Comparison(
        assessment,
        result,
        survey,
        questions,
        fields=fields,
        total=len(responses),
        counted=len(counted),
        group_totals=[GroupView(g, str(labels[g]), group_counts[g], None) for g in shown_groups],
    )


def chart_rows(comparison: Comparison) -> dict:
    """Geometry of the paired bar chart (administration, stakeholders) per field.

    Text is sized to stay 12 px on a 320 px screen (`selfcheck.charts.text_size`); the
    field's label wraps above its two bars, each value sits right of its bar.
    """
    width = 440
    size = text_size(width)
    bar_height, gap = size, 14
    rows, y = [], 0.0
    for f in comparison.fields:
        label = f"{f.field.number}. {f.field.display_title}"
        lines = label_lines(label + (" ▲" if f.has_gap else ""), top=y, width=width, size=size)
        admin_y = round(lines[-1][1] + 0.5 * size, 1)
        stake_y = admin_y + bar_height + 2
        rows.append(
            {
                "label": label,
                "lines": lines,
                "admin": f.administration_rounded,
                "stake": f.stakeholders_rounded,
                "admin_y": admin_y,
                "stake_y": stake_y,
                "admin_text_y": round(admin_y + 0.8 * size, 1),
                "stake_text_y": round(stake_y + 0.8 * size, 1),
                "admin_width": round(width * (f.administration or 0) / 100 * 0.85, 1),
                "stake_width": round(width * (f.stakeholders or 0) / 100 * 0.85, 1),
                "has_gap": f.has_gap,
            }
        )
        y = stake_y + bar_height + gap
    return {"width": width, "height": y, "bar_height": bar_height, "rows": rows, "text_size": size}
