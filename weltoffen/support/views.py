from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import dossier, incidents, requests
from .access import support_team_required
from .forms import EvidenceForm, HelpFinderForm, HelpRequestForm, HelpRequestStatusForm, IncidentForm
from .models import HelpRequest, Incident, SupportService


def help_by_land(request):
    """Support services for a municipality's Land or a chosen Land, and the nationwide ones."""
    form = HelpFinderForm(request.GET or None)
    land = municipality = None
    if form.is_bound and form.is_valid():
        land, municipality = form.cleaned_data["chosen_land"], form.cleaned_data["chosen_municipality"]
    chosen = form.is_bound and form.is_valid() and land is not None
    services = list(SupportService.objects.for_land(land if chosen else None))
    regional = [service for service in services if service.land_id is not None]
    nationwide = [service for service in services if service.land_id is None]
    context = {
        "form": form,
        "land": land if chosen else None,
        "municipality": municipality,
        "regional_groups": group_by_kind(regional),
        "nationwide_groups": group_by_kind(nationwide),
    }
    return render(request, "support/help_by_land.html", context, status=400 if form.errors else 200)


def group_by_kind(services: list[SupportService]) -> list[tuple[str, list[SupportService]]]:
    """(label, services) in the order of the kinds, leaving out kinds without services."""
    groups = []
    for kind, label in SupportService.Kind.choices:
        members = [service for service in services if service.kind == kind]
        if members:
            groups.append((label, members))
    return groups


# The private incident record. Every lookup goes through Incident.objects.visible_to:
# another account, a coordinator, staff and superusers get 404, as if it did not exist.


def own_incident(request, pk) -> Incident:
    return get_object_or_404(Incident.objects.visible_to(request.user), pk=pk)


@login_required
def incident_list(request):
    incidents = Incident.objects.visible_to(request.user).annotate(evidence_count=Count("evidence"))
    return render(request, "support/incident_list.html", {"incidents": incidents})


@login_required
@ratelimit(key="user", rate="60/h", method="POST", block=False)
def incident_new(request):
    form = IncidentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(request, "pages/rate_limited.html", status=429)
        if form.is_valid():
            incident = incidents.record_incident(
                author=request.user, data=form.cleaned_data, upload=form.cleaned_data.get("evidence")
            )
            messages.success(request, _("Der Vorfall ist gespeichert. Nur Sie können ihn sehen."))
            return redirect("support:incident-detail", pk=incident.pk)
    return render(request, "support/incident_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def incident_edit(request, pk):
    incident = own_incident(request, pk)
    form = IncidentForm(request.POST or None, instance=incident)
    del form.fields["evidence"]
    if request.method == "POST" and form.is_valid():
        incidents.update_incident(incident=incident, user=request.user, data=form.cleaned_data)
        messages.success(request, _("Ihre Änderungen sind gespeichert."))
        return redirect("support:incident-detail", pk=incident.pk)
    context = {"form": form, "incident": incident}
    return render(request, "support/incident_form.html", context, status=400 if form.errors else 200)


@login_required
@ratelimit(key="user", rate="60/h", method="POST", block=False)
def incident_detail(request, pk):
    incident = own_incident(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(request, "pages/rate_limited.html", status=429)
        if form.is_valid():
            try:
                incidents.add_evidence(incident=incident, user=request.user, upload=form.cleaned_data["evidence"])
            except ValidationError as error:
                form.add_error("evidence", error)
            else:
                messages.success(request, _("Die Datei ist gespeichert."))
                return redirect("support:incident-detail", pk=incident.pk)
    context = {"incident": incident, "evidence": incident.evidence.all(), "form": form}
    return render(request, "support/incident_detail.html", context, status=400 if form.errors else 200)


@login_required
def evidence_download(request, pk, evidence_pk):
    incident = own_incident(request, pk)
    evidence = get_object_or_404(incident.evidence, pk=evidence_pk)
    response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)
    response["Content-Type"] = evidence.content_type
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evidence_delete(request, pk, evidence_pk):
    incident = own_incident(request, pk)
    evidence = get_object_or_404(incident.evidence, pk=evidence_pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        incidents.delete_evidence(evidence=evidence, user=request.user)
        messages.success(request, _("Die Datei ist gelöscht."))
        return redirect("support:incident-detail", pk=incident.pk)
    return render(request, "support/evidence_delete.html", {"incident": incident, "evidence": evidence})


@login_required
def incident_delete(request, pk):
    incident = own_incident(request, pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        incidents.delete_incident(incident=incident, user=request.user)
        messages.success(request, _("Der Vorfall und seine Dateien sind gelöscht."))
        return redirect("support:incident-list")
    return render(request, "support/incident_delete.html", {"incident": incident})


@login_required
def dossier_pdf(request):
    response = HttpResponse(dossier.dossier_pdf(request.user), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="vorfallprotokoll.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def dossier_zip(request):
    response = HttpResponse(dossier.dossier_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="vorfallprotokoll.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


# Confidential requests for help.


@ratelimit(key="user_or_ip", rate="5/h", method="POST", block=False)
def request_new(request):
    form = HelpRequestForm(request.POST or None)
    own = HelpRequest.objects.of_requester(request.user)
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(
                request, "support/request_form.html", {"form": form, "own": own, "rate_limited": True}, status=429
            )
        if form.is_valid():
            if not form.is_spam():
                requests.submit_help_request(
                    requester=request.user,
                    message=form.cleaned_data["message"],
                    contact_channel=form.cleaned_data["contact_channel"],
                    contact=form.cleaned_data["contact"].strip(),
                )
            messages.success(request, _("Ihre Anfrage ist eingegangen. Wir melden uns auf dem gewünschten Weg."))
            return redirect("support:request-new")
    return render(request, "support/request_form.html", {"form": form, "own": own}, status=400 if form.errors else 200)


@support_team_required
def team_requests(request):
    return render(request, "support/team_requests.html", {"help_requests": HelpRequest.objects.all()})


@support_team_required
def team_request_detail(request, pk):
    help_request = get_object_or_404(HelpRequest, pk=pk)
    form = HelpRequestStatusForm(request.POST or None, initial={"status": help_request.status})
    if request.method == "POST" and form.is_valid():
        requests.set_status(help_request=help_request, status=form.cleaned_data["status"])
        messages.success(request, _("Der Stand ist gespeichert."))
        return redirect("support:team-request", pk=help_request.pk)
    response = render(request, "support/team_request.html", {"help_request": help_request, "form": form})
    response["Cache-Control"] = "private, no-store"
    return response
