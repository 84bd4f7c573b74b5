"""Who belongs to a team, and what leaving means: adding and removing members, and
deleting one's own account with everything it alone owns."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from weltoffen.accounts.sessions import end_sessions

from .models import Membership, Team


class MembershipError(ValueError):
    """A change of membership that the team's state does not allow; the message says why."""


@transaction.atomic
def add_member(*, team: Team, email: str, role: str) -> Membership:
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise MembershipError(
            _("Zu dieser Adresse gibt es noch kein Konto. Bitten Sie die Person, sich zu registrieren.")
        )
    if Membership.objects.filter(user=user).exists():
        raise MembershipError(_("Diese Person gehört bereits zu einem Team."))
    if role not in Membership.Role.values:
        raise MembershipError(_("Diese Rolle gibt es nicht."))
    return Membership.objects.create(team=team, user=user, role=role)


@transaction.atomic
def remove_member(*, team: Team, membership: Membership, removed_by) -> None:
    """Coordinators remove others, never themselves (that is deleting one's account)."""
    if membership.team_id != team.pk or membership.user_id == removed_by.pk:
        raise MembershipError(_("Diese Mitgliedschaft können Sie hier nicht entfernen."))
    membership.delete()


def is_sole_coordinator(membership: Membership | None) -> bool:
    return (
        membership is not None
        and membership.is_coordinator
        and not membership.team.memberships.filter(role=Membership.Role.COORDINATOR).exclude(pk=membership.pk).exists()
    )


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete an account and the personal data that hangs on it.

    The team's answers stay as they are (closed rounds are frozen), but no longer say
    who gave them; the account is signed out on every device. The last member of a team
    takes the team with its rounds along; a sole coordinator of a team with other members
    must hand over the role first. What is removed and kept is declared in privacy/deletion.py.
    """
    membership = Membership.objects.select_for_update().filter(user=user).select_related("team").first()
    if is_sole_coordinator(membership):
        if membership.team.memberships.count() > 1:
            raise MembershipError(
                _("Sie koordinieren das Team allein. Übertragen Sie die Koordination zuerst an ein anderes Mitglied.")
            )
        membership.team.delete()
    user.respondents.update(name="", email="", show_name=False)
    end_sessions(user=user)
    user.delete()
