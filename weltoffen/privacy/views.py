"""Downloads of the data exports. Who may download what is decided by the rules the
pages of the data already follow: `dialogue.access` for a round or a single-link
Selbstcheck, the personal link for a respondent, the login for an account."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from weltoffen.dialogue.access import ref_for, with_owner
from weltoffen.selfcheck.access import access_for
from weltoffen.teams.models import Membership

from . import exports
from .archive import Export


def download(export: Export) -> HttpResponse:
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@with_owner(manage=True)
def owner_export(request, owner):
    """The coordinator gets the whole team (from any of its rounds), a link owner the Selbstcheck."""
    if owner.is_team:
        return download(exports.team_export(owner.assessment.team))
    return download(exports.assessment_export(owner.assessment))


def respondent_export(request, token: str):
    access = access_for(token)
    if access is None:
        return render(request, "selfcheck/invalid_link.html", status=404)
    if access.is_owner:
        return redirect("privacy:export", ref=token)
    return download(exports.respondent_export(access.respondent))


@login_required
def account(request):
    membership = Membership.objects.select_related("team").filter(user=request.user).first()
    current = membership.team.current_round() if membership and membership.is_coordinator else None
    context = {"membership": membership, "team_ref": ref_for(current) if current else ""}
    return render(request, "privacy/account.html", context)


@login_required
def account_export(request):
    return download(exports.account_export(request.user))
