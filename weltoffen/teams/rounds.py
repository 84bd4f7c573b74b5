"""Workflows of a team: create it, open and close rounds, invite respondents, take over
an anonymous assessment. Each is one keyword-only, transactional function, and each
checks the rules itself: a closed round is frozen, whatever a view or form allows."""

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.jobs.mailing import queue_mail
from weltoffen.selfcheck.completion import unfinished
from weltoffen.selfcheck.models import Answer, Assessment, Respondent
from weltoffen.selfcheck.tokens import hash_token, new_token

from .models import Membership, Team


class RoundError(ValueError):
    """A workflow step that the round's state does not allow; the message says why."""


def ensure_open(assessment: Assessment) -> None:
    """Re-read the round under a lock, so a request that raced the closing cannot slip through."""
    if Assessment.objects.select_for_update().filter(pk=assessment.pk, closed_at__isnull=True).first() is None:
        raise RoundError(_("Diese Runde ist abgeschlossen; an ihr lässt sich nichts mehr ändern."))


@transaction.atomic
def create_team(*, user, municipality, name: str) -> Team:
    if Membership.objects.filter(user=user).exists():
        raise RoundError(_("Sie gehören bereits zu einem Team."))
    team = Team.objects.create(municipality=municipality, name=name.strip() or municipality.short_name)
    Membership.objects.create(team=team, user=user, role=Membership.Role.COORDINATOR)
    open_round(team=team)
    return team


@transaction.atomic
def open_round(
    *, team: Team, version: CatalogueVersion | None = None, carry_over: bool = False, invited_by=None
) -> Assessment:
    """Start the next round on the current (or a given, not older) catalogue version.

    With `carry_over`, everyone invited to the previous round (team members included) is
    invited again, and each person's answers are pre-filled from the previous round where
    the question is the same (by its stable id), marked "aus Runde N übernommen" until
    they confirm or change them. Links are issued by `issue_links`.
    """
    previous = team.current_round()
    if previous is not None and not previous.is_closed:
        raise RoundError(_("Schließen Sie zuerst die laufende Runde ab."))
    version = version or CatalogueVersion.objects.current()
    if previous is not None and version.published_on < previous.version.published_on:
        raise RoundError(_("Eine neue Runde kann keine ältere Katalogversion verwenden als die vorige."))
    version.freeze()
    number = (team.assessments.aggregate(last=Max("round_number"))["last"] or 0) + 1
    assessment = Assessment.objects.create(
        token_hash=hash_token(new_token()),  # team rounds open through accounts and personal links only
        version=version,
        municipality=team.municipality,
        team=team,
        round_number=number,
    )
    if carry_over and previous is not None:
        field_keys = set(version.fields.values_list("key", flat=True))
        questions = carried_questions(previous.version, version)
        for old in previous.respondents.active():
            new = Respondent.objects.create(
                assessment=assessment,
                token_hash=hash_token(new_token()),
                user=old.user,
                name=old.name,
                email=old.email,
                department=old.department,
                department_other=old.department_other,
                field_keys=[key for key in old.field_keys if key in field_keys],
                show_name=old.show_name,
                invited_by=invited_by,
            )
            prefill_answers(source=old, target=new, questions=questions, round_number=previous.round_number)
    return assessment


def carried_questions(earlier: CatalogueVersion, later: CatalogueVersion) -> dict:
    """Earlier question key → the later version's question that takes its answer.

    Within a version, and across versions without a mapping, the stable ids match. With the later
    version's mapping.yaml only questions that stayed the same or were reworded are pre-filled;
    split, merged and dropped ones are not, since the old answer would claim something not asked.
    """
    questions = {question.key: question for question in later.questions.all()}
    mapping = later.mapping_from(earlier.key) if earlier.pk != later.pk else {}
    if not mapping:
        return questions
    return {
        old_key: questions[entry["keys"][0]]
        for old_key, entry in mapping.items()
        if entry["change"] in ("same", "reworded") and entry["keys"][0] in questions
    }


def prefill_answers(*, source: Respondent, target: Respondent, questions: dict, round_number: int) -> int:
    """Copy a person's answers into their new round, for questions asked again
    (`questions`: earlier key → later question, see `carried_questions`)."""
    copies = [
        Answer(
            assessment=target.assessment,
            respondent=target,
            question=questions[answer.question.key],
            value=answer.value
            if answer.value != "not_applicable" or questions[answer.question.key].not_applicable
            else "",
            note=answer.note,
            evidence=answer.evidence,
            carried_from_round=round_number,
        )
        for answer in source.answers.select_related("question")
        if answer.question.key in questions and not answer.is_empty
    ]
    Answer.objects.bulk_create(copies)
    return len(copies)


@transaction.atomic
def issue_links(*, assessment: Assessment) -> list[tuple[Respondent, str]]:
    """New personal links for everyone invited to an open round who is not a team member
    (members open the round through their account). Old links stop working."""
    ensure_open(assessment)
    return [
        (respondent, renew_respondent_link(respondent=respondent))
        for respondent in assessment.respondents.active().filter(user__isnull=True)
    ]


@transaction.atomic
def close_round(*, assessment: Assessment, closed_by=None) -> None:
    """Freeze the round. Closing while colleagues are unfinished is allowed (people leave,
    deadlines pass), but the round records how many were."""
    if Assessment.objects.select_for_update().filter(pk=assessment.pk, closed_at__isnull=True).first() is None:
        raise RoundError(_("Diese Runde ist bereits abgeschlossen."))
    assessment.closed_at = timezone.now()
    assessment.closed_by = closed_by
    assessment.unfinished_at_close = len(unfinished(assessment))
    assessment.save(update_fields=["closed_at", "closed_by", "unfinished_at_close", "updated_at"])


@transaction.atomic
def set_deadline(*, assessment: Assessment, deadline) -> None:
    """The date by which the coordinator asks for answers (named in invitations); None removes it."""
    ensure_open(assessment)
    if deadline is not None and deadline < timezone.localdate():
        raise RoundError(_("Der Termin liegt in der Vergangenheit."))
    assessment.deadline = deadline
    assessment.save(update_fields=["deadline", "updated_at"])


@transaction.atomic
def share_result(*, assessment: Assessment, shared: bool) -> None:
    """Let the team's members see the team result, or only the coordination again.

    Allowed on closed rounds too: it changes who reads the result, not the result."""
    assessment.results_shared = shared
    assessment.save(update_fields=["results_shared"])


@transaction.atomic
def invite(
    *,
    assessment: Assessment,
    invited_by,
    email="",
    name="",
    department,
    department_other="",
    field_keys=(),
    show_name=False,
) -> tuple[Respondent, str]:
    """A respondent with a personal link; returns it with the token, shown or mailed once."""
    ensure_open(assessment)
    token = new_token()
    respondent = Respondent.objects.create(
        assessment=assessment,
        token_hash=hash_token(token),
        email=email,
        name=name,
        department=department,
        department_other=department_other,
        field_keys=list(field_keys),
        show_name=show_name,
        invited_by=invited_by,
    )
    return respondent, token


@transaction.atomic
def renew_respondent_link(*, respondent: Respondent) -> str:
    """A new personal link; the old one stops working at once."""
    ensure_open(respondent.assessment)
    if respondent.is_revoked:
        raise RoundError(_("Diese Einladung wurde widerrufen."))
    token = new_token()
    respondent.token_hash = hash_token(token)
    respondent.save(update_fields=["token_hash"])
    return token


def invite_again(*, request, assessment: Assessment) -> list[tuple[Respondent, str]]:
    """Issue new links for everyone carried over into a new round and mail those with an
    address; returns the links of the others, which the coordinator has to pass on."""
    issued = issue_links(assessment=assessment)
    for respondent, token in issued:
        if respondent.email:
            send_invitation(request=request, respondent=respondent, token=token)
    return [(respondent, token) for respondent, token in issued if not respondent.email]


def send_invitation(*, request, respondent: Respondent, token: str) -> None:
    """Mail the personal link, naming the team, who invites and the deadline, if any."""
    url = request.build_absolute_uri(reverse("selfcheck:overview", kwargs={"token": token}))
    inviter = respondent.invited_by
    context = {
        "respondent": respondent,
        "team": respondent.assessment.team,
        "assessment": respondent.assessment,
        "inviter": (inviter.get_full_name() or inviter.email) if inviter else "",
        "url": url,
    }
    queue_mail(
        kind="invitation",
        subject=_("Einladung zum Selbstcheck Weltoffene Kommune: %(team)s") % {"team": respondent.assessment.team.name},
        body=render_to_string("teams/email/invitation.txt", context),
        recipients=[respondent.email],
    )
    respondent.last_sent_at = timezone.now()
    respondent.save(update_fields=["last_sent_at"])


@transaction.atomic
def revoke(*, respondent: Respondent) -> None:
    """The personal link stops working at once; the answers given so far no longer count."""
    ensure_open(respondent.assessment)
    if respondent.revoked_at is None:
        respondent.revoked_at = timezone.now()
        respondent.token_hash = hash_token(new_token())
        respondent.save(update_fields=["revoked_at", "token_hash"])


@transaction.atomic
def link_for_member(*, assessment: Assessment, user) -> str:
    """A fresh personal link for a team member to answer the round themselves."""
    ensure_open(assessment)
    token = new_token()
    respondent = Respondent.objects.filter(assessment=assessment, user=user, revoked_at__isnull=True).first()
    if respondent is None:
        Respondent.objects.create(
            assessment=assessment,
            token_hash=hash_token(token),
            user=user,
            name=user.get_full_name() or user.email,
            email=user.email,
            department=Respondent.Department.INTEGRATION,
            invited_by=user,
        )
    else:
        respondent.token_hash = hash_token(token)
        respondent.save(update_fields=["token_hash"])
    return token


@transaction.atomic
def take_over(*, team: Team, user, token: str) -> Assessment:
    """Make an anonymous assessment the team's next round.

    Its answers become the coordinator's own answers in the round, and the anonymous
    link stops working: from now on the team's accounts and personal links decide.
    """
    assessment = Assessment.objects.select_for_update().filter(token_hash=hash_token(token), team__isnull=True).first()
    if assessment is None:
        raise RoundError(_("Zu diesem Link gibt es keinen Selbstcheck ohne Team."))
    current = team.current_round()
    if current is not None and current.version.published_on > assessment.version.published_on:
        raise RoundError(_("Dieser Selbstcheck nutzt eine ältere Katalogversion als die letzte Runde des Teams."))
    if current is not None and not current.is_closed:
        if current.answers.exists() or current.respondents.exists():
            raise RoundError(_("Die laufende Runde hat schon Einladungen oder Antworten. Schließen Sie sie zuerst ab."))
        current.delete()
    number = (team.assessments.aggregate(last=Max("round_number"))["last"] or 0) + 1
    respondent = Respondent.objects.create(
        assessment=assessment,
        token_hash=hash_token(new_token()),
        user=user,
        name=user.get_full_name() or user.email,
        email=user.email,
        department=Respondent.Department.INTEGRATION,
        invited_by=user,
    )
    Answer.objects.filter(assessment=assessment, respondent__isnull=True).update(respondent=respondent)
    assessment.team, assessment.round_number = team, number
    assessment.municipality = assessment.municipality or team.municipality
    assessment.token_hash = hash_token(new_token())
    assessment.save()
    return assessment
