"""Who may see a round's survey results, workshop and plan, and who may change them.

The pages of a round are addressed by a `ref`: the owner's secret link token of a
single-link assessment, or `runde-<pk>` for a team round. The rules are those of the
Selbstcheck and the team: another municipality's round is a 404, a respondent's
personal link a 403, team members see everything once the coordinator shared the
round result, and only the coordinator (or the link owner) changes anything.
"""

import re
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from weltoffen.selfcheck.access import access_for
from weltoffen.selfcheck.models import Assessment
from weltoffen.teams.models import Membership

TEAM_REF = re.compile(r"^runde-(\d{1,10})$")


@dataclass(frozen=True)
class Owner:
    assessment: Assessment
    ref: str
    can_manage: bool
    is_team: bool


def owner_for(request, ref: str) -> Owner:
    match = TEAM_REF.match(ref)
    if match is None:
        access = access_for(ref)
        if access is None:
            raise Http404(_("Diesen Link gibt es nicht (mehr)."))
        if not access.is_owner:
            raise PermissionDenied(_("Mit einem persönlichen Antwort-Link sehen Sie nur Ihre eigenen Antworten."))
        return Owner(access.assessment, ref, can_manage=True, is_team=False)
    assessment = (
        Assessment.objects.visible_to(request.user)
        .select_related("version", "team__municipality")
        .filter(pk=int(match.group(1)))
        .first()
    )
    if assessment is None:
        raise Http404(_("Diese Runde gibt es nicht."))
    membership = Membership.objects.filter(user=request.user).first()
    if not (membership.is_coordinator or assessment.results_shared):
        raise PermissionDenied(_("Die Koordination hat das Teamergebnis noch nicht freigegeben."))
    return Owner(assessment, ref, can_manage=membership.is_coordinator, is_team=True)


def ref_for(assessment: Assessment, token: str | None = None) -> str:
    return f"runde-{assessment.pk}" if assessment.team_id else token


def with_owner(*, manage: bool = False):
    """Resolve the ref before the view runs; `manage` views need the coordinator or link owner."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, ref, *args, **kwargs):
            if TEAM_REF.match(ref) and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            owner = owner_for(request, ref)
            if manage and not owner.can_manage:
                raise PermissionDenied(_("Nur die Koordination des Teams kann das."))
            return view(request, owner, *args, **kwargs)

        return wrapped

    return decorate
