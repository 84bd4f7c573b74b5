"""Workflows of the plan. The plan is the follow-up of a round, so it may change after
the round is closed; it never touches the round's answers."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Measure, StatusChange


class PlanError(Exception):
    pass


@transaction.atomic
def create_measure(*, assessment, field_key: str, title: str, **values) -> Measure:
    field_keys = set(assessment.version.fields.values_list("key", flat=True))
    if field_key not in field_keys:
        raise PlanError(_("Dieses Handlungsfeld gibt es im Fragenkatalog der Runde nicht."))
    question_key = values.get("question_key", "")
    if question_key and not assessment.version.questions.filter(key=question_key, field__key=field_key).exists():
        raise PlanError(_("Diese Empfehlung gehört nicht zu diesem Handlungsfeld."))
    measure = Measure.objects.create(assessment=assessment, field_key=field_key, title=title, **values)
    StatusChange.objects.create(measure=measure, status=measure.status)
    return measure


@transaction.atomic
def change_status(*, measure: Measure, status: str) -> Measure:
    if status not in Measure.Status.values:
        raise PlanError(_("Diesen Stand gibt es nicht."))
    if status != measure.status:
        Measure.objects.filter(pk=measure.pk).update(status=status)
        measure.status = status
        StatusChange.objects.create(measure=measure, status=status, changed_on=timezone.localdate())
    return measure


def open_measures_by_question(assessment) -> dict[str, list[Measure]]:
    """Open measures of a round's team (every round of it: the next round follows a
    question up) or of a single link, by stable question key."""
    rows = Measure.objects.filter(status__in=Measure.OPEN).exclude(question_key="")
    rows = (
        rows.filter(assessment__team=assessment.team_id) if assessment.team_id else rows.filter(assessment=assessment)
    )
    found: dict[str, list[Measure]] = {}
    for measure in rows.order_by("due_on", "pk"):
        found.setdefault(measure.question_key, []).append(measure)
    return found


@dataclass
class ImplementedMeasure:
    measure: Measure
    implemented_on: date
    move: object | None  # how the linked question's team answer moved (teams.progress.QuestionChange)

    @property
    def question_not_comparable(self) -> bool:
        return bool(self.measure.question_key) and self.move is None


def annotate_implemented_measures(comparison) -> None:
    """The follow-up of a team's plan in the next round: per field, the measures set to
    "umgesetzt" since the earlier round began, and how their question's answer moved. The
    question is found by its stable key, so this holds across catalogue versions."""
    if comparison.later.team_id is None:
        return
    done = StatusChange.objects.filter(
        status=Measure.Status.DONE,
        measure__status=Measure.Status.DONE,
        measure__assessment__team=comparison.later.team_id,
        changed_on__gte=timezone.localdate(comparison.earlier.created_at),
    )
    latest = {change.measure_id: change for change in done.select_related("measure").order_by("changed_on", "pk")}
    fields = {field_change.key: field_change for field_change in comparison.fields}
    for change in sorted(latest.values(), key=lambda change: (change.changed_on, change.measure_id)):
        field_change = fields.get(change.measure.field_key)
        if field_change is not None:
            field_change.implemented.append(
                ImplementedMeasure(
                    measure=change.measure,
                    implemented_on=change.changed_on,
                    move=field_change.moves.get(change.measure.question_key),
                )
            )


def annotate_open_measures(result) -> None:
    """Set `open_measures` on every row of a result whose recommendation has an open measure."""
    found = open_measures_by_question(result.assessment)
    for field_result in result.fields if found else []:
        for row in field_result.questions:
            row.open_measures = found.get(row.question.key, [])
