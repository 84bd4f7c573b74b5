from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from weltoffen.teams.models import Membership


@login_required
def delete_account(request):
    """Delete one's own account; a team's only coordinator first hands over the role."""
    membership = Membership.objects.filter(user=request.user).select_related("team").first()
    sole_coordinator = (
        membership is not None
        and membership.is_coordinator
        and not membership.team.memberships.filter(role=Membership.Role.COORDINATOR).exclude(pk=membership.pk).exists()
    )
    if request.method == "POST":
        if sole_coordinator and membership.team.memberships.count() > 1:
            messages.error(
                request,
                _("Sie koordinieren das Team allein. Übertragen Sie die Koordination zuerst an ein anderes Mitglied."),
            )
            return redirect("accounts-delete")
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Bitte bestätigen Sie, dass das Konto gelöscht werden soll."))
            return redirect("accounts-delete")
        user = request.user
        if sole_coordinator:
            membership.team.delete()  # the last person of the team: its rounds go with it
        user.respondents.update(name="", email="", show_name=False)
        logout(request)
        user.delete()
        messages.success(request, _("Ihr Konto und die zugehörigen Daten sind gelöscht."))
        return redirect("wagtail_serve", "")
    return render(request, "account/delete.html", {"membership": membership, "sole_coordinator": sole_coordinator})
