"""Workflows of the plan. The plan is the follow-up of a round, so it may change after
the round is closed; it never touches the round's answers."""

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
    """Open measures of a round's team (or link) by stable question key."""
    found: dict[str, list[Measure]] = {}
    for measure in Measure.objects.filter(assessment=assessment, status__in=Measure.OPEN).exclude(question_key=""):
        found.setdefault(measure.question_key, []).append(measure)
    return found
