"""Comparing a team's rounds: per field score, level and consensus change, recommendations
now fulfilled and new gaps, matched by the stable question ids across catalogue versions,
and the field scores of every round for the chart over time. Higher apps add what they know
about a comparison through the hook `ANNOTATE_COMPARISON_HOOK` (the plan: measures implemented
since the earlier round)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from weltoffen.selfcheck import scoring

from .team_results import TeamResult, team_result

ANNOTATE_COMPARISON_HOOK = "weltoffen_annotate_round_comparison"


@dataclass
class QuestionChange:
    number: str  # "1.3" in the later round
    text: str
    before: str  # answer labels, e.g. "1 – in Planung / ansatzweise"
    after: str


@dataclass
class FieldChange:
    key: str
    number: int
    title: str
    before: float | None
    after: float | None
    level_before: str
    level_after: str
    consensus_before: int | None  # percent
    consensus_after: int | None
    fulfilled: list[QuestionChange] = field(default_factory=list)  # gap before, none now
    new_gaps: list[QuestionChange] = field(default_factory=list)  # fulfilled before, gap now
    moves: dict[str, QuestionChange] = field(default_factory=dict)  # by the earlier round's question key
    implemented: list = field(default_factory=list)  # filled by the plan (ANNOTATE_COMPARISON_HOOK)

    @property
    def change(self) -> int | None:
        return None if self.before is None or self.after is None else round(self.after) - round(self.before)

    @property
    def consensus_change(self) -> int | None:
        if self.consensus_before is None or self.consensus_after is None:
            return None
        return self.consensus_after - self.consensus_before

    @property
    def rose_with_new_gaps(self) -> bool:
        """A higher score can hide a step back; the page says so."""
        return bool(self.change and self.change > 0 and self.new_gaps)


@dataclass
class NotComparable:
    question: object  # the earlier round's question, or the later one's when it is new
    change: str  # split | merged | dropped | new

    @property
    def reason(self) -> str:
        return str(NOT_COMPARABLE_REASONS[self.change])


NOT_COMPARABLE_REASONS = {
    "split": _("in der neuen Version auf mehrere Fragen aufgeteilt"),
    "merged": _("in der neuen Version mit anderen Fragen zusammengelegt"),
    "dropped": _("in der neuen Version entfallen"),
    "new": _("neu in dieser Version"),
}


@dataclass
class RoundComparison:
    earlier: object
    later: object
    fields: list[FieldChange]
    not_comparable: list[NotComparable]  # questions that cannot be compared directly, with the reason

    @property
    def across_versions(self) -> bool:
        return self.earlier.version_id != self.later.version_id


def comparable_keys(earlier_version, later_version) -> tuple[dict[str, str], dict[str, str]]:
    """(later key → earlier key for questions compared directly, earlier key → change for the rest).

    Within one version every key is itself. Across versions the later version's mapping.yaml says
    which questions stayed the same or were reworded (compared) and which were split, merged or
    dropped (not comparable); without a mapping, the stable ids are matched as before.
    """
    if earlier_version.pk == later_version.pk:
        return {}, {}
    mapping = later_version.mapping_from(earlier_version.key)
    if not mapping:
        return {}, {}
    direct, other = {}, {}
    for old_key, entry in mapping.items():
        if entry["change"] in ("same", "reworded"):
            direct[entry["keys"][0]] = old_key
        else:
            other[old_key] = entry["change"]
    return direct, other


@dataclass
class RoundHistory:
    rounds: list  # assessments, oldest first
    field_titles: list[tuple[int, str]]  # (number, title) of the latest round's fields
    scores: list[list[float | None]]  # per field, per round
    comparison: RoundComparison | None

    @property
    def rows(self) -> list[tuple[int, str, list[tuple[int, float | None]]]]:
        """(field number, title, [(round number, score), …]) per field."""
        numbers = [assessment.round_number for assessment in self.rounds]
        return [
            (number, title, list(zip(numbers, scores, strict=True)))
            for (number, title), scores in zip(self.field_titles, self.scores, strict=True)
        ]


def round_history(team, *, shared_only: bool) -> RoundHistory:
    """Every round of the team that the reader may see; members see shared rounds only."""
    rounds = list(team.assessments.select_related("version", "team").order_by("round_number"))
    if shared_only:
        rounds = [assessment for assessment in rounds if assessment.results_shared]
    results = [team_result(assessment) for assessment in rounds]
    latest = results[-1].result.fields if results else []
    by_round = [{f.field.key: f.score.score for f in result.result.fields} for result in results]
    return RoundHistory(
        rounds=rounds,
        field_titles=[(f.field.number, f.field.display_title) for f in latest],
        scores=[[scores.get(f.field.key) for scores in by_round] for f in latest],
        comparison=compare_results(results[-2], results[-1]) if len(results) >= 2 else None,
    )


def compare_rounds(earlier, later) -> RoundComparison:
    return compare_results(team_result(earlier), team_result(later))


def compare_results(earlier: TeamResult, later: TeamResult) -> RoundComparison:
    old_fields = {f.field.key: f for f in earlier.fields}
    old_questions = {row.question.key: row for f in earlier.result.fields for row in f.questions}
    new_questions = {row.question.key: row for f in later.result.fields for row in f.questions}
    direct, other = comparable_keys(earlier.assessment.version, later.assessment.version)
    mapped = bool(direct or other)
    changes = []
    for team_field in later.fields:
        field_result = team_field.result
        old = old_fields.get(field_result.field.key)
        change = FieldChange(
            key=field_result.field.key,
            number=field_result.field.number,
            title=field_result.field.display_title,
            before=old.result.score.score if old else None,
            after=field_result.score.score,
            level_before=old.result.level_label if old else "",
            level_after=field_result.level_label,
            consensus_before=old.consensus.percent if old else None,
            consensus_after=team_field.consensus.percent,
        )
        for row in field_result.questions:
            previous = (
                old_questions.get(direct.get(row.question.key)) if mapped else old_questions.get(row.question.key)
            )
            if previous is None or not scoring.is_scored(previous.value) or not scoring.is_scored(row.value):
                continue
            question = QuestionChange(
                number=f"{field_result.field.number}.{row.question.position}",
                text=row.question.display_text,
                before=previous.value_label,
                after=row.value_label,
            )
            change.moves[previous.question.key] = question
            if previous.priority > 0 and row.priority == 0:
                change.fulfilled.append(question)
            elif previous.priority == 0 and row.priority > 0:
                change.new_gaps.append(question)
        changes.append(change)
    if mapped:
        only_one = [NotComparable(old_questions[key].question, change) for key, change in other.items()]
        only_one += [NotComparable(row.question, "new") for key, row in new_questions.items() if key not in direct]
    else:
        only_one = [
            NotComparable(row.question, "new" if key in new_questions else "dropped")
            for key, row in {**old_questions, **new_questions}.items()
            if (key in old_questions) != (key in new_questions)
        ]
    comparison = RoundComparison(
        earlier=earlier.assessment, later=later.assessment, fields=changes, not_comparable=only_one
    )
    for annotate in hooks.get_hooks(ANNOTATE_COMPARISON_HOOK):
        annotate(comparison)
    return comparison
