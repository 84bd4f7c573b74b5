"""Workflows of the stakeholder survey: open, close, reopen, and answer.

A survey may run after its round is closed: the round's answers are frozen, the
community's view and the plan are the follow-up. Nothing here touches the round's answers.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from weltoffen.selfcheck.models import Assessment

from .models import Survey, SurveyAnswer, SurveyComment, SurveyResponse


class SurveyError(Exception):
    pass


class SurveyClosed(SurveyError):
    message = _("Diese Umfrage ist geschlossen. Es werden keine Antworten mehr angenommen.")

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Submission:
    """A checked response: answers by question key ("0"–"3" or "weiss-nicht"), comments by field key."""

    group: str
    answers: dict[str, str]
    comments: dict[str, str]


@transaction.atomic
def open_survey(*, assessment: Assessment) -> Survey:
    """Open the round's survey; opening an existing one reopens it, with its responses kept."""
    survey = Survey.objects.select_for_update().filter(assessment=assessment).first()
    if survey is None:
        return Survey.objects.create(assessment=assessment, public_token=Survey.new_public_token())
    if not survey.is_open:
        survey.is_open = True
        survey.save(update_fields=["is_open"])
    return survey


@transaction.atomic
def close_survey(*, survey: Survey) -> None:
    Survey.objects.filter(pk=survey.pk).update(is_open=False)
    survey.is_open = False


@transaction.atomic
def submit_response(*, survey: Survey, submission: Submission) -> SurveyResponse:
    """Store one response, all of it or nothing; a closed survey takes none."""
    current = Survey.objects.select_for_update().get(pk=survey.pk)
    if not current.is_open:
        raise SurveyClosed
    questions = current.questions
    unknown = set(submission.answers) - questions.keys
    if unknown or submission.group not in SurveyResponse.Group.values:
        raise SurveyError(_("Die Antwort enthält Werte, die es in dieser Umfrage nicht gibt."))
    if any(value and value not in SurveyAnswer.VALUES for value in submission.answers.values()):
        raise SurveyError(_("Die Antwort enthält Werte, die es in dieser Umfrage nicht gibt."))
    if any(len(text) > questions.comment_max_length for text in submission.comments.values()):
        raise SurveyError(_("Ein Kommentar ist zu lang."))
    try:
        response = SurveyResponse.objects.create(survey=current, group=submission.group)
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question_key=key, value=value)
            for key, value in submission.answers.items()
            if value
        )
        SurveyComment.objects.bulk_create(
            SurveyComment(response=response, field_key=key, text=text)
            for key, text in submission.comments.items()
            if text
        )
    except IntegrityError as error:  # pragma: no cover - guarded by the checks above
        raise SurveyError(_("Die Antwort konnte nicht gespeichert werden.")) from error
    return response


def group_counts(survey: Survey) -> list[tuple[str, str, int]]:
    """(group, label, responses) for every group, in the order of the choices."""
    counts = dict(SurveyResponse.objects.filter(survey=survey).values_list("group").annotate(n=Count("pk")))
    return [(value, str(label), counts.get(value, 0)) for value, label in SurveyResponse.Group.choices]
