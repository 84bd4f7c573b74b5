"""Workflows that start, answer and delete a Selbstcheck.

Saving is idempotent (an upsert per question) and transactional. A form submitted
without JavaScript writes only the questions the person changed on that page, so a
stale tab or the back button cannot overwrite what another tab saved meanwhile.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from weltoffen.catalogue.models import CatalogueVersion, FieldOfAction, Question
from weltoffen.municipalities.models import Municipality

from .models import Answer, Assessment, FieldNote, Respondent
from .tokens import hash_token, new_token


@dataclass(frozen=True)
class AnswerInput:
    value: str
    note: str


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
    purge_inactive_assessments()
    return assessment, token


def purge_inactive_assessments() -> int:
    """Delete assessments untouched for longer than the retention period (privacy page)."""
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


@transaction.atomic
def save_answer(
    *, assessment: Assessment, question: Question, answer: AnswerInput, respondent: Respondent | None = None
) -> Answer | None:
    """Upsert one answer (of the respondent, in a team round); an answer with neither
    value nor note is removed."""
    if assessment.is_closed:
        raise RoundClosed
    if answer.value == "" and answer.note == "":
        Answer.objects.filter(assessment=assessment, respondent=respondent, question=question).delete()
        assessment.mark_changed()
        return None
    saved, _ = Answer.objects.update_or_create(
        assessment=assessment,
        respondent=respondent,
        question=question,
        defaults={"value": answer.value, "note": answer.note},
    )
    assessment.mark_changed()
    return saved


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
    the state the page was rendered with are left alone.
    """
    questions = {q.key: q for q in field.questions.all()}
    written = 0
    for key, answer in submitted.items():
        if shown.get(key) == answer:
            continue
        save_answer(assessment=assessment, question=questions[key], answer=answer, respondent=respondent)
        written += 1
    if respondent is None and field_note is not None and field_note != shown_field_note:
        save_field_note(assessment=assessment, field=field, text=field_note)
        written += 1
    assessment.mark_changed()
    return written


@transaction.atomic
def save_field_note(*, assessment: Assessment, field: FieldOfAction, text: str) -> None:
    if assessment.is_closed:
        raise RoundClosed
    if text.strip():
        FieldNote.objects.update_or_create(assessment=assessment, field=field, defaults={"text": text})
    else:
        FieldNote.objects.filter(assessment=assessment, field=field).delete()
    assessment.mark_changed()


@transaction.atomic
def delete_assessment(*, assessment: Assessment) -> None:
    """Remove the assessment with all answers and notes from the database."""
    Assessment.objects.filter(pk=assessment.pk).delete()
