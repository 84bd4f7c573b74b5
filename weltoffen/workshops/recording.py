"""Workflows of the workshop: what the facilitator records, saved as it goes.

Every recording workflow re-reads the round under a lock and refuses a closed round: its
answers, its result and what the workshop agreed on it are frozen together. Only
`plan_priority` may run on a closed round, since the plan is the follow-up.
"""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from weltoffen.plans.measures import PlanError, create_measure
from weltoffen.plans.models import Measure
from weltoffen.selfcheck.models import Assessment
from weltoffen.teams.rounds import RoundError, ensure_open

from .models import Minutes, Priority, Workshop


class WorkshopError(ValueError):
    """A record the workshop does not take; the message says why in German."""


class WorkshopClosed(WorkshopError):
    """The round is closed: nothing of its workshop may change any more."""


class PriorityNotFound(WorkshopError):
    pass


def open_workshop(assessment: Assessment) -> Workshop:
    """The round's workshop, created on its first record; refuses a closed round."""
    try:
        ensure_open(assessment)
    except RoundError as error:
        raise WorkshopClosed(str(error)) from error
    workshop, _created = Workshop.objects.get_or_create(assessment=assessment)
    return workshop


def check_text(text: str, limit: int, *, what: str) -> str:
    text = text.strip()
    if "\x00" in text:
        raise WorkshopError(_("%(what)s enthält ein unzulässiges Zeichen.") % {"what": what})
    if len(text) > limit:
        raise WorkshopError(
            _("%(what)s ist zu lang: höchstens %(limit)d Zeichen, jetzt %(length)d.")
            % {"what": what, "limit": limit, "length": len(text)}
        )
    return text


def check_field(assessment: Assessment, field_key: str) -> None:
    if not assessment.version.fields.filter(key=field_key).exists():
        raise WorkshopError(_("Dieses Handlungsfeld gibt es im Fragenkatalog der Runde nicht."))


def next_position(workshop: Workshop, field_key: str) -> int:
    last = Priority.objects.filter(workshop=workshop, field_key=field_key).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def save_details(*, assessment: Assessment, held_on: date | None, participants: str) -> Workshop:
    participants = check_text(participants, Workshop.PARTICIPANTS_MAX_LENGTH, what=_("Die Angabe der Teilnehmenden"))
    workshop = open_workshop(assessment)
    Workshop.objects.filter(pk=workshop.pk).update(held_on=held_on, participants=participants)
    workshop.held_on, workshop.participants = held_on, participants
    return workshop


@transaction.atomic
def choose_recommendations(
    *, assessment: Assessment, field_key: str, chosen: Iterable[str], shown: Iterable[str]
) -> list[Priority]:
    """Make the `chosen` recommendations of a field agreed priorities and drop the other
    `shown` ones: a form decides only about what it showed, so two screens open at once
    do not undo each other's other choices. Returns the priorities of the field."""
    shown, chosen = list(dict.fromkeys(shown)), set(chosen)
    if chosen - set(shown):
        raise WorkshopError(_("Gewählt werden können nur Empfehlungen, die angezeigt wurden."))
    workshop = open_workshop(assessment)
    check_field(assessment, field_key)
    known = set(assessment.version.questions.filter(field__key=field_key, key__in=shown).values_list("key", flat=True))
    if set(shown) - known:
        raise WorkshopError(_("Diese Empfehlung gehört nicht zu diesem Handlungsfeld."))
    rows = Priority.objects.filter(workshop=workshop, field_key=field_key)
    rows.filter(question_key__in=set(shown) - chosen).delete()
    existing = set(rows.filter(question_key__in=chosen).values_list("question_key", flat=True))
    position = next_position(workshop, field_key)
    Priority.objects.bulk_create(
        Priority(workshop=workshop, field_key=field_key, question_key=key, position=position + offset)
        for offset, key in enumerate(key for key in shown if key in chosen and key not in existing)
    )
    return list(rows)


@transaction.atomic
def add_priority(*, assessment: Assessment, field_key: str, text: str) -> Priority:
    """Add a freely worded priority; the same text again (a double click) adds nothing."""
    text = check_text(text, Priority.TEXT_MAX_LENGTH, what=_("Die Priorität"))
    if not text:
        raise WorkshopError(_("Bitte schreiben Sie die Priorität auf, bevor Sie sie hinzufügen."))
    workshop = open_workshop(assessment)
    check_field(assessment, field_key)
    same = Priority.objects.filter(workshop=workshop, field_key=field_key, question_key="", text__iexact=text).first()
    if same is not None:
        return same
    return Priority.objects.create(
        workshop=workshop, field_key=field_key, text=text, position=next_position(workshop, field_key)
    )


@transaction.atomic
def remove_priority(*, assessment: Assessment, priority_id: int) -> None:
    workshop = open_workshop(assessment)
    deleted, _rows = Priority.objects.filter(workshop=workshop, pk=priority_id).delete()
    if not deleted:
        raise PriorityNotFound(_("Diese Priorität gibt es nicht (mehr)."))


@transaction.atomic
def save_minutes(*, assessment: Assessment, field_key: str, text: str) -> None:
    """Save the minutes of a field, or of the whole workshop with `field_key` ""; empty text removes them."""
    text = check_text(text, Minutes.TEXT_MAX_LENGTH, what=_("Das Protokoll"))
    workshop = open_workshop(assessment)
    if field_key:
        check_field(assessment, field_key)
    if text:
        Minutes.objects.update_or_create(workshop=workshop, field_key=field_key, defaults={"text": text})
    else:
        Minutes.objects.filter(workshop=workshop, field_key=field_key).delete()


@transaction.atomic
def plan_priority(*, assessment: Assessment, priority_id: int) -> Measure:
    """The measure of an agreed priority, created on the first call (title from the
    priority, field and recommendation kept); allowed on a closed round."""
    priority = (
        Priority.objects.select_for_update(of=("self",))
        .select_related("measure")
        .filter(workshop__assessment=assessment, pk=priority_id)
        .first()
    )
    if priority is None:
        raise PriorityNotFound(_("Diese Priorität gibt es nicht (mehr)."))
    if priority.measure is not None:
        return priority.measure
    text, description = priority.text, ""
    if priority.question_key:
        question = assessment.version.questions.filter(key=priority.question_key).first()
        text = description = question.display_recommendation if question else priority.question_key
    limit = Measure._meta.get_field("title").max_length
    try:
        measure = create_measure(
            assessment=assessment,
            field_key=priority.field_key,
            title=Truncator(text).chars(limit),
            question_key=priority.question_key,
            description=description if len(description) > limit else "",
        )
    except PlanError as error:
        raise WorkshopError(str(error)) from error
    Priority.objects.filter(pk=priority.pk).update(measure=measure)
    return measure
