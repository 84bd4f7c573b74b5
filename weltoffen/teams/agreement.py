"""The agreed answer of a team round: the coordinator sets, per question, the answer the team
agreed on (often the responsible department's), which then counts instead of the median.

Stored as the round's own answer (an Answer without respondent), so the round's result reads
it like any Selbstcheck's answer; `team_results` says per question which of the two was used.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from weltoffen.catalogue.models import Question
from weltoffen.selfcheck.models import Answer, Assessment

from .rounds import RoundError, ensure_open

NOTE_MAX_LENGTH = Answer.NOTE_MAX_LENGTH


@transaction.atomic
def set_agreed_answer(*, assessment: Assessment, question: Question, value: str, evidence: str = "", note: str = ""):
    """Set (or, with value "", remove) the agreed answer of one question; refuses closed rounds."""
    ensure_open(assessment)
    if question.version_id != assessment.version_id:
        raise RoundError(_("Diese Frage gehört nicht zu dieser Runde."))
    if value not in Answer.Value.values or (value == Answer.Value.NOT_APPLICABLE and not question.not_applicable):
        raise RoundError(_("Diese Antwort gibt es für diese Frage nicht."))
    if evidence not in Answer.Evidence.values:
        raise RoundError(_("Diese Art von Beleg gibt es nicht."))
    if len(note) > NOTE_MAX_LENGTH or "\x00" in note:
        raise RoundError(_("Die Notiz ist zu lang oder enthält unzulässige Zeichen."))
    own = Answer.objects.filter(assessment=assessment, respondent__isnull=True, question=question)
    if value == "":
        own.delete()
    else:
        own.update_or_create(
            assessment=assessment,
            respondent=None,
            question=question,
            defaults={"value": value, "evidence": evidence, "note": note.strip()},
        )
    assessment.mark_changed()
