"""Comparing a team's rounds: per field score and level change, recommendations now
fulfilled and new gaps, matched by the stable question ids across catalogue versions."""

from dataclasses import dataclass, field

from .team_results import team_result


@dataclass
class FieldChange:
    title: str
    before: float | None
    after: float | None
    level_before: str
    level_after: str
    fulfilled: list = field(default_factory=list)  # questions: gap before, none now
    new_gaps: list = field(default_factory=list)  # questions: fulfilled before, gap now

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else round(self.after) - round(self.before)


@dataclass
class RoundComparison:
    earlier: object
    later: object
    fields: list[FieldChange]
    not_comparable: list  # questions asked in only one of the two rounds


def compare_rounds(earlier, later) -> RoundComparison:
    before, after = team_result(earlier).result, team_result(later).result
    old_fields = {f.field.key: f for f in before.fields}
    old_questions = {row.question.key: row for f in before.fields for row in f.questions}
    new_questions = {row.question.key: row for f in after.fields for row in f.questions}
    changes = []
    for field_result in after.fields:
        old = old_fields.get(field_result.field.key)
        change = FieldChange(
            title=field_result.field.display_title,
            before=old.score.score if old else None,
            after=field_result.score.score,
            level_before=old.level_label if old else "",
            level_after=field_result.level_label,
        )
        for row in field_result.questions:
            previous = old_questions.get(row.question.key)
            if previous is None or previous.value is None or row.value is None:
                continue
            if previous.priority > 0 and row.priority == 0 and row.value not in ("dont_know", "not_applicable"):
                change.fulfilled.append(row.question)
            elif previous.priority == 0 and row.priority > 0 and previous.value not in ("dont_know", "not_applicable"):
                change.new_gaps.append(row.question)
        changes.append(change)
    only_one = [
        row.question
        for key, row in {**old_questions, **new_questions}.items()
        if (key in old_questions) != (key in new_questions)
    ]
    return RoundComparison(earlier=earlier, later=later, fields=changes, not_comparable=only_one)
