"""What the workshop shows per field: the administration's result, its disagreement,
the stakeholders' view, the top recommendations and what the workshop agreed.

Computed once per request from the same sources as the team result and the comparison
(`team_result`, `comparison`), so the workshop never shows other figures than they do.
"""

from dataclasses import dataclass, field

from weltoffen.dialogue.comparison import Comparison, FieldComparison, comparison
from weltoffen.selfcheck.models import Assessment
from weltoffen.selfcheck.results import (
    AssessmentResult,
    FieldResult,
    QuestionResult,
    annotate_result,
    assessment_results,
)
from weltoffen.teams.team_results import QuestionSpread, TeamField, TeamResult, team_result

from .models import Minutes, Priority, Workshop

# Questions with "Diskussionsbedarf" shown per field; the team result lists them all.
DISCUSSION_SHOWN = 5


@dataclass
class AgreedPriority:
    priority: Priority
    text: str
    language: str  # of a recommendation, which may be shown in its original language; "" for free text
    number: str = ""  # the recommendation's question number, "" for a free one

    @property
    def pk(self) -> int:
        return self.priority.pk

    @property
    def is_recommendation(self) -> bool:
        return self.priority.is_recommendation

    @property
    def measure(self):
        return self.priority.measure


@dataclass
class FieldScreen:
    number: int  # 1-based position among the screens' fields
    result: FieldResult
    team_field: TeamField | None  # None for a single-link assessment
    stakeholders: FieldComparison | None  # None without a survey
    priorities: list[AgreedPriority] = field(default_factory=list)
    minutes: str = ""

    @property
    def field(self):
        return self.result.field

    @property
    def recommendations(self) -> list[QuestionResult]:
        return self.result.top_recommendations

    @property
    def chosen_keys(self) -> set[str]:
        return {p.priority.question_key for p in self.priorities if p.is_recommendation}

    @property
    def free_priorities(self) -> list[AgreedPriority]:
        return [p for p in self.priorities if not p.is_recommendation]

    @property
    def discussion(self) -> list[QuestionSpread]:
        """The field's questions with "Diskussionsbedarf", widest disagreement first."""
        if self.team_field is None:
            return []
        flagged = [spread for spread in self.team_field.questions if spread.needs_discussion]
        return sorted(flagged, key=lambda s: (-s.spread, -s.answer_count, s.question.position))

    @property
    def top_discussion(self) -> list[QuestionSpread]:
        return self.discussion[:DISCUSSION_SHOWN]

    @property
    def further_discussion(self) -> list[QuestionSpread]:
        return self.discussion[DISCUSSION_SHOWN:]


@dataclass
class WorkshopView:
    assessment: Assessment
    workshop: Workshop | None
    result: AssessmentResult
    team: TeamResult | None
    comparison: Comparison
    fields: list[FieldScreen]
    general_minutes: str = ""

    @property
    def priority_count(self) -> int:
        return sum(len(screen.priorities) for screen in self.fields)

    def screen(self, field_key: str) -> FieldScreen | None:
        return next((screen for screen in self.fields if screen.field.key == field_key), None)


def workshop_view(assessment: Assessment) -> WorkshopView:
    team = team_result(assessment) if assessment.team_id else None
    result = annotate_result(team.result if team else assessment_results(assessment))
    compared = comparison(assessment, result)
    by_field = {f.field.key: f for f in compared.fields} if compared.survey else {}
    workshop = Workshop.objects.filter(assessment=assessment).first()
    priorities: dict[str, list[Priority]] = {}
    minutes: dict[str, str] = {}
    if workshop is not None:
        for priority in Priority.objects.filter(workshop=workshop).select_related("measure"):
            priorities.setdefault(priority.field_key, []).append(priority)
        minutes = dict(Minutes.objects.filter(workshop=workshop).values_list("field_key", "text"))
    screens = []
    for number, field_result in enumerate(result.fields, start=1):
        key = field_result.field.key
        questions = {row.question.key: row for row in field_result.questions}
        screens.append(
            FieldScreen(
                number=number,
                result=field_result,
                team_field=team.fields[number - 1] if team else None,
                stakeholders=by_field.get(key),
                priorities=[agreed(priority, questions) for priority in priorities.get(key, [])],
                minutes=minutes.get(key, ""),
            )
        )
    return WorkshopView(
        assessment=assessment,
        workshop=workshop,
        result=result,
        team=team,
        comparison=compared,
        fields=screens,
        general_minutes=minutes.get("", ""),
    )


def agreed(priority: Priority, questions: dict[str, QuestionResult]) -> AgreedPriority:
    row = questions.get(priority.question_key) if priority.question_key else None
    if row is None:
        return AgreedPriority(priority, priority.text or priority.question_key, "")
    question = row.question
    return AgreedPriority(priority, question.display_recommendation, question.content_language, row.number)
