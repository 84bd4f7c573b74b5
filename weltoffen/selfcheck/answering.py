"""Workflows that start, answer and delete a Selbstcheck.

Saving is idempotent (an upsert per question) and transactional. A form submitted
without JavaScript writes only the questions the person changed on that page, so a
stale tab or the back button cannot overwrite what another tab saved meanwhile.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weltoffen.catalogue.models import CatalogueVersion, FieldOfAction, Question
from weltoffen.municipalities.models import Municipality

from .models import Answer, Assessment, FieldNote, Respondent
from .tokens import hash_token, new_token


@dataclass(frozen=True)
class AnswerInput:
    value: str
    note: str
    evidence: str = ""  # Answer.Evidence; "" is an estimate


@transaction.atomic
def start_assessment(*, municipality: Municipality | None, title: str) -> tuple[Assessment, str]:
    """Create an assessment on the current catalogue; returns it with its secret token.

    The token is returned once and never stored; the version is frozen from now on.
    """
    version = CatalogueVersion.objects.current()
    version.freeze()
    token = new_token()
    assessment = Assessment.objects.create(
        token_hash=hash_token(token), version=version, municipality=municipality, title=title.strip()
    )
    return assessment, token


def purge_inactive_assessments() -> int:
    """Periodic (settings.PERIODIC_TASKS): delete assessments untouched for longer than the
    retention period (privacy page)."""
    deleted, _ = Assessment.objects.inactive_since(timezone.now() - Assessment.RETENTION).delete()
    return deleted


@transaction.atomic
def renew_link(*, assessment: Assessment) -> str:
    """Replace the secret link; the old one stops working at once."""
    token = new_token()
    assessment.token_hash = hash_token(token)
    assessment.save(update_fields=["token_hash", "updated_at"])
    return token


class RoundClosed(Exception):
    """The team closed this round; its answers are frozen."""

    message = _("Diese Runde ist abgeschlossen; die Antworten können nicht mehr geändert werden.")


def ensure_open(assessment: Assessment) -> None:
    """Checked under a lock, so a save that raced the closing of the round cannot slip through."""
    if assessment.team_id is None:
        return  # anonymous assessments are never closed
    if not Assessment.objects.select_for_update().filter(pk=assessment.pk, closed_at__isnull=True).exists():
        raise RoundClosed


@transaction.atomic
def save_answer(
    *, assessment: Assessment, question: Question, answer: AnswerInput, respondent: Respondent | None = None
) -> int:
    """Upsert one answer (of the respondent, in a team round); an answer with neither
    value nor note is removed. Saving confirms an answer pre-filled from the last round."""
    return save_answers(assessment=assessment, changes=[(question, answer)], respondent=respondent)


@transaction.atomic
def save_answers(*, assessment: Assessment, changes: list, respondent: Respondent | None = None) -> int:
    """Upsert several (question, AnswerInput) pairs at once, e.g. from an imported workbook."""
    ensure_open(assessment)
    written = write_answers(assessment=assessment, respondent=respondent, changes=changes)
    assessment.mark_changed()
    return written


@transaction.atomic
def save_field(
    *,
    assessment: Assessment,
    field: FieldOfAction,
    submitted: dict[str, AnswerInput],
    shown: dict[str, AnswerInput],
    field_note: str | None,
    shown_field_note: str | None,
    respondent: Respondent | None = None,
) -> int:
    """Save what changed on one field's page compared with what the page showed.

    Returns the number of questions written. Questions whose submitted state equals
    the state the page was rendered with are left alone. A fixed number of queries,
    however many questions changed.
    """
    ensure_open(assessment)
    questions = {q.key: q for q in field.questions.all()}
    changes = [(questions[key], answer) for key, answer in submitted.items() if shown.get(key) != answer]
    written = write_answers(assessment=assessment, respondent=respondent, changes=changes)
    if respondent is None and field_note is not None and field_note != shown_field_note:
        write_field_note(assessment=assessment, field=field, text=field_note)
        written += 1
    if written:
        assessment.mark_changed()
    return written


def write_answers(*, assessment: Assessment, respondent: Respondent | None, changes: list) -> int:
    """Apply (question, AnswerInput) pairs in three statements at most: delete the emptied,
    update the existing, insert the new. Callers hold the transaction and the open-round check."""
    if not changes:
        return 0
    own = Answer.objects.filter(assessment=assessment, respondent=respondent)
    existing = {a.question_id: a for a in own.filter(question__in=[question for question, _answer in changes])}
    emptied, updated, created = [], [], []
    for question, answer in changes:
        current = existing.get(question.pk)
        if answer.value == "" and answer.note == "" and answer.evidence == "":
            if current is not None:
                emptied.append(current.pk)
        elif current is not None:
            current.value, current.note, current.carried_from_round = answer.value, answer.note, None
            current.evidence = answer.evidence
            current.updated_at = timezone.now()
            updated.append(current)
        else:
            created.append(
                Answer(
                    assessment=assessment,
                    respondent=respondent,
                    question=question,
                    value=answer.value,
                    note=answer.note,
                    evidence=answer.evidence,
                )
            )
    if emptied:
        Answer.objects.filter(pk__in=emptied).delete()
    if updated:
        Answer.objects.bulk_update(updated, ["value", "note", "evidence", "carried_from_round", "updated_at"])
    if created:
        Answer.objects.bulk_create(created)
    return len(changes)


@transaction.atomic
def save_field_note(*, assessment: Assessment, field: FieldOfAction, text: str) -> None:
    ensure_open(assessment)
    write_field_note(assessment=assessment, field=field, text=text)
    assessment.mark_changed()


def write_field_note(*, assessment: Assessment, field: FieldOfAction, text: str) -> None:
    if text.strip():
        FieldNote.objects.update_or_create(assessment=assessment, field=field, defaults={"text": text})
    else:
        FieldNote.objects.filter(assessment=assessment, field=field).delete()


@transaction.atomic
def confirm_carried(*, assessment: Assessment, field: FieldOfAction, respondent: Respondent | None) -> int:
    """Accept the answers pre-filled from the last round on one field as they are."""
    ensure_open(assessment)
    count = Answer.objects.filter(
        assessment=assessment, respondent=respondent, question__field=field, carried_from_round__isnull=False
    ).update(carried_from_round=None)
    if count:
        assessment.mark_changed()
    return count


@transaction.atomic
def delete_assessment(*, assessment: Assessment) -> None:
    """Remove the assessment with all answers and notes from the database."""
    Assessment.objects.filter(pk=assessment.pk).delete()
