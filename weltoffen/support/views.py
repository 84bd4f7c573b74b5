from django.shortcuts import render

from .forms import HelpFinderForm
from .models import SupportService


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
