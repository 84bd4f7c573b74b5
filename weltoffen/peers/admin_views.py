"""The programme dashboard in the Wagtail admin: staff only, and the admin itself demands
two-factor authentication (accounts.middleware)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import dashboard as tables_module
from .maps import participation_maps


def dashboard(request):
    if not request.user.is_staff:
        raise PermissionDenied
    cells = tables_module.participation()
    tables = tables_module.all_tables(cells)
    wanted = request.GET.get("csv", "")
    if wanted:
        table = next((t for t in tables if t.key == wanted), None)
        if table is None:
            raise Http404
        response = HttpResponse(tables_module.as_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="programm-{table.key}.csv"'
        return response
    maps = {choropleth.table_key: choropleth for choropleth in participation_maps(cells)}
    for table in tables:
        table.map = maps.get(table.key)
    return render(request, "peers/admin/dashboard.html", {"tables": tables})
