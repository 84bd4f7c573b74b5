"""Consent pages: the owner of a single link or the coordination of a team agrees, changes
or withdraws. Views parse the POST and call one workflow of `consent`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weltoffen.selfcheck.access import access_for
from weltoffen.selfcheck.models import Assessment
from weltoffen.teams.models import Membership

from . import consent

ACTIONS = ("agree", "withdraw", "name", "unname")


def apply(request, assessment: Assessment, back_url: str):
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return refused(request, _("Diese Aktion gibt es nicht."), back_url, status=400)
    contribution = consent.contribution_of(assessment)
    try:
        if action == "agree":
            if request.POST.get("compare") != "yes":
                return refused(request, _("Bitte bestätigen Sie die Zustimmung zum anonymen Vergleich."), back_url, 400)
            consent.agree(assessment=assessment, named=request.POST.get("named") == "yes")
            messages.success(request, _("Danke. Die Punktwerte fließen jetzt anonym in den Vergleich ein."))
        elif contribution is None:
            return refused(request, _("Zu diesem Selbstcheck gibt es keine Zustimmung."), back_url, 409)
        elif action == "withdraw":
            consent.withdraw(contribution=contribution)
            messages.success(
                request, _("Die Zustimmung ist widerrufen. Die Punktwerte sind aus allen Vergleichen entfernt.")
            )
        else:
            consent.set_named(contribution=contribution, named=action == "name")
            messages.success(request, _("Ihre Einstellung zur namentlichen Nennung ist gespeichert."))
    except consent.ConsentError as error:
        return refused(request, str(error), back_url, 409)
    return redirect(back_url)


def refused(request, message: str, back_url: str, status: int):
    return render(request, "peers/refused.html", {"message": message, "back_url": back_url}, status=status)


@require_POST
def link_consent(request, token: str):
    """The owner of a single link; a respondent's link may not decide for the municipality."""
    access = access_for(token)
    if access is None:
        return render(request, "selfcheck/invalid_link.html", status=404)
    if not access.is_owner:
        return render(request, "selfcheck/forbidden.html", {"access": access, "token": token}, status=403)
    return apply(request, access.assessment, reverse("selfcheck:results", kwargs={"token": token}))


@require_POST
@login_required
def round_consent(request, pk: int):
    """The coordination of the team whose round it is; another team's round is a 404."""
    assessment = get_object_or_404(Assessment.objects.visible_to(request.user), pk=pk)
    membership = Membership.objects.filter(user=request.user, team_id=assessment.team_id).first()
    back_url = reverse("teams:result", kwargs={"pk": assessment.pk}) + "#peers-heading"
    if membership is None or not membership.is_coordinator:
        return refused(request, _("Nur die Koordination des Teams kann das."), back_url, 403)
    return apply(request, assessment, back_url)
