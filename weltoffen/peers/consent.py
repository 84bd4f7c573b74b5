"""Consent workflows: agree to the comparison (and, separately, to being named), withdraw.

Each is keyword-only and transactional and checks its own rules; the aggregates follow in
the same transaction, so a withdrawal removes the contribution from every group at once.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weltoffen.selfcheck import scoring
from weltoffen.selfcheck.models import Assessment
from weltoffen.selfcheck.results import AssessmentResult, assessment_results
from weltoffen.teams.team_results import team_result

from . import aggregation
from .models import Contribution


class ConsentError(ValueError):
    """A consent step the assessment's state does not allow; the message says why."""


def snapshot(assessment: Assessment) -> tuple[dict, dict]:
    """Field scores (only where the coverage allows a level) and per-question statuses."""
    disputed: set[int] = set()
    if assessment.team_id is not None:
        team = team_result(assessment)
        result: AssessmentResult = team.result
        disputed = {pk for pk, spread in team.spreads.items() if spread.needs_discussion}
    else:
        result = assessment_results(assessment)
    scores, questions = {}, {}
    for field_result in result.fields:
        score = field_result.score
        scores[field_result.field.key] = round(score.score, 2) if score.has_level else None
        for row in field_result.questions:
            questions[row.question.key] = [
                question_status(row.value),
                row.question.pk in disputed,
                row.priority > 0,
            ]
    return scores, questions


def question_status(value) -> str:
    if value is None:
        return aggregation.STATUS_SKIPPED
    if value == scoring.DONT_KNOW:
        return aggregation.STATUS_DONT_KNOW
    if value == scoring.NOT_APPLICABLE:
        return aggregation.STATUS_NOT_APPLICABLE
    return aggregation.STATUS_SCORED


@transaction.atomic
def agree(*, assessment: Assessment, named: bool = False) -> Contribution:
    """The assessment's field scores enter the anonymous comparison; with `named`, the
    operator may also name the municipality as one to learn from where it is strong.

    Team rounds must be closed (their result is then final); a single-link assessment
    takes a snapshot of its result now, and agreeing again renews the snapshot.
    """
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("version", "municipality")
        .get(pk=assessment.pk)
    )
    if assessment.municipality_id is None:
        raise ConsentError(_("Ein Selbstcheck ohne Kommune kann nicht in den Vergleich einfließen."))
    if assessment.team_id is not None and not assessment.is_closed:
        raise ConsentError(_("Erst eine abgeschlossene Runde kann in den Vergleich einfließen."))
    scores, questions = snapshot(assessment)
    existing = Contribution.objects.filter(assessment=assessment).first()
    if existing is not None:
        # A renewed snapshot replaces the rows that counted before, even of the same contribution.
        aggregation.forget(contribution=existing)
    now = timezone.now()
    contribution, _created = Contribution.objects.update_or_create(
        assessment=assessment,
        defaults={
            "municipality_id": assessment.municipality_id,
            "version_id": assessment.version_id,
            "compare": True,
            "named": named,
            "scores": scores,
            "questions": questions,
            "scored_at": assessment.closed_at or now,
            "agreed_at": now,
            "withdrawn_at": None,
        },
    )
    aggregation.represent(municipality_id=assessment.municipality_id, version_id=assessment.version_id)
    return contribution


@transaction.atomic
def withdraw(*, contribution: Contribution) -> None:
    """Take the scores out of the comparison, and the name off "Von wem lernen?", at once.

    The municipality's previous consenting round (if any) counts again, since its consent stands.
    """
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.compare:
        raise ConsentError(_("Diese Zustimmung ist bereits widerrufen."))
    contribution.compare = contribution.named = False
    contribution.withdrawn_at = timezone.now()
    contribution.save(update_fields=["compare", "named", "withdrawn_at"])
    aggregation.represent(municipality_id=contribution.municipality_id, version_id=contribution.version_id)


@transaction.atomic
def set_named(*, contribution: Contribution, named: bool) -> None:
    """Naming needs the comparison: a municipality is named where its scores show strength."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if named and not contribution.compare:
        raise ConsentError(_("Stimmen Sie zuerst dem anonymen Vergleich zu."))
    contribution.named = named
    contribution.save(update_fields=["named"])


def contribution_of(assessment: Assessment) -> Contribution | None:
    return Contribution.objects.filter(assessment=assessment).first()
