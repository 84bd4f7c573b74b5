"""Workflows of a team: create it, open and close rounds, invite respondents, take over
an anonymous assessment. Each is one keyword-only, transactional function."""

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.selfcheck.models import Answer, Assessment, Respondent
from weltoffen.selfcheck.tokens import hash_token, new_token

from .models import Membership, Team


class RoundError(ValueError):
    """A workflow step that the round's state does not allow; the message says why."""


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

    With `carry_over`, everyone invited to the previous round is invited again with a
    new link; their e-mailed invitations go out when the caller sends them.
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
        title=_("%(team)s, Runde %(number)d") % {"team": team.name, "number": number},
    )
    if carry_over and previous is not None:
        for old in previous.respondents.active().filter(user__isnull=True):
            keys = [key for key in old.field_keys if version.fields.filter(key=key).exists()]
            Respondent.objects.create(
                assessment=assessment,
                token_hash=hash_token(new_token()),
                name=old.name,
                email=old.email,
                department=old.department,
                department_other=old.department_other,
                field_keys=keys,
                show_name=old.show_name,
                invited_by=invited_by,
            )
    return assessment


@transaction.atomic
def close_round(*, assessment: Assessment) -> None:
    if assessment.is_closed:
        raise RoundError(_("Diese Runde ist bereits abgeschlossen."))
    assessment.closed_at = timezone.now()
    assessment.save(update_fields=["closed_at", "updated_at"])


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
    if assessment.is_closed:
        raise RoundError(_("Diese Runde ist abgeschlossen; laden Sie in der nächsten Runde ein."))
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
    if respondent.is_revoked:
        raise RoundError(_("Diese Einladung wurde widerrufen."))
    token = new_token()
    respondent.token_hash = hash_token(token)
    respondent.save(update_fields=["token_hash"])
    return token


def send_invitation(*, request, respondent: Respondent, token: str) -> None:
    url = request.build_absolute_uri(reverse("selfcheck:overview", kwargs={"token": token}))
    context = {"respondent": respondent, "team": respondent.assessment.team, "url": url}
    send_mail(
        subject=_("Einladung zum Selbstcheck Weltoffene Kommune"),
        message=render_to_string("teams/email/invitation.txt", context),
        from_email=None,
        recipient_list=[respondent.email],
    )
    respondent.last_sent_at = timezone.now()
    respondent.save(update_fields=["last_sent_at"])


@transaction.atomic
def revoke(*, respondent: Respondent) -> None:
    """The personal link stops working at once; the answers given so far no longer count."""
    if respondent.revoked_at is None:
        respondent.revoked_at = timezone.now()
        respondent.token_hash = hash_token(new_token())
        respondent.save(update_fields=["revoked_at", "token_hash"])


@transaction.atomic
def link_for_member(*, assessment: Assessment, user) -> str:
    """A fresh personal link for a team member to answer the round themselves."""
    if assessment.is_closed:
        raise RoundError(_("Diese Runde ist abgeschlossen."))
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
