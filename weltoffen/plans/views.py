"""Plan pages: list and boards (by status, by field), new measure, status change, XLSX.

Permissions are the dialogue's (`dialogue.access`): the team or link owner sees the
plan, members once the result is shared, only the coordinator or owner changes it.
"""

from io import BytesIO

from openpyxl import Workbook

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weltoffen.dialogue.access import with_owner

from . import calendars, measures
from .forms import FilterForm, MeasureForm
from .models import CalendarFeed, Measure
from .report import plan_pdf


def filtered(owner, data) -> tuple[list[Measure], FilterForm]:
    form = FilterForm(data)
    rows = Measure.objects.filter(assessment=owner.assessment)
    if form.is_valid():
        chosen = form.cleaned_data
        if chosen["field"]:
            rows = rows.filter(field_key=chosen["field"])
        if chosen["status"]:
            rows = rows.filter(status=chosen["status"])
        if chosen["department"]:
            rows = rows.filter(department__icontains=chosen["department"])
        if chosen["overdue"]:
            rows = rows.filter(status__in=Measure.OPEN, due_on__lt=timezone.localdate())
    return list(rows), form


@with_owner()
def plan(request, owner):
    rows, form = filtered(owner, request.GET)
    fields = list(owner.assessment.version.fields.order_by("number"))
    titles = {f.key: f"{f.number}. {f.display_title}" for f in fields}
    view = form.cleaned_data.get("view", "") if form.is_valid() else ""
    if view == "feld":
        columns = [(titles[f.key], [m for m in rows if m.field_key == f.key]) for f in fields]
    else:
        columns = [(label, [m for m in rows if m.status == value]) for value, label in Measure.Status.choices]
    context = {
        "owner": owner,
        "assessment": owner.assessment,
        "measures": rows,
        "filter_form": form,
        "fields": fields,
        "titles": titles,
        "view": view,
        "columns": columns,
        "statuses": Measure.Status.choices,
        "calendar_feed": CalendarFeed.objects.filter(assessment=owner.assessment).first() if owner.can_manage else None,
    }
    return render(request, "plans/plan.html", context, status=200 if form.is_valid() else 400)


@with_owner(manage=True)
def measure_new(request, owner):
    initial = {"field_key": request.GET.get("feld", ""), "question_key": request.GET.get("frage", "")[:80]}
    form = MeasureForm(request.POST if request.method == "POST" else None, assessment=owner.assessment, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            measures.create_measure(assessment=owner.assessment, **data)
        except measures.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Die Maßnahme ist im Plan."))
            return redirect("plans:plan", ref=owner.ref)
    status = 400 if form.errors else 200
    return render(request, "plans/measure_form.html", {"owner": owner, "form": form}, status=status)


@with_owner(manage=True)
def measure_status(request, owner, pk: int):
    measure = get_object_or_404(Measure, assessment=owner.assessment, pk=pk)
    if request.method != "POST":
        return redirect("plans:plan", ref=owner.ref)
    try:
        measures.change_status(measure=measure, status=request.POST.get("status", ""))
    except measures.PlanError as error:
        return render(request, "dialogue/refused.html", {"message": str(error)}, status=400)
    messages.success(request, _("Der Stand ist gespeichert."))
    return redirect("plans:plan", ref=owner.ref)


@with_owner()
def export_xlsx(request, owner):
    rows, _form = filtered(owner, request.GET)
    titles = {f.key: f.display_title for f in owner.assessment.version.fields.all()}
    labels = dict(Measure.Status.choices)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Maßnahmen")[:31]
    sheet.append(
        [
            _("Handlungsfeld"),
            _("Titel"),
            _("Beschreibung"),
            _("Verantwortlicher Fachbereich"),
            _("Ansprechperson"),
            _("Beginn"),
            _("Fällig am"),
            _("Stand"),
            _("Woran wir den Erfolg erkennen"),
        ]
    )
    for m in rows:
        sheet.append(
            [
                titles.get(m.field_key, m.field_key),
                m.title,
                m.description,
                m.department,
                m.shown_lead,
                m.starts_on,
                m.due_on,
                str(labels[m.status]),
                m.success_indicator,
            ]
        )
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="massnahmenplan.xlsx"'
    return response


@with_owner()
def export_pdf(request, owner):
    rows, _form = filtered(owner, request.GET)
    response = HttpResponse(plan_pdf(owner.assessment, rows), content_type="application/pdf")
    name = slugify(owner.assessment.display_title) or "plan"
    response["Content-Disposition"] = f'attachment; filename="massnahmenplan-{name}.pdf"'
    return response


@require_POST
@with_owner(manage=True)
def calendar_link(request, owner, action: str):
    """Issue (or replace) the secret feed address and show it once, or revoke it."""
    if action == "erstellen":
        token = calendars.issue_calendar_link(assessment=owner.assessment)
        url = request.build_absolute_uri(reverse("plans:calendar-feed", kwargs={"token": token}))
        return render(request, "plans/calendar_link.html", {"owner": owner, "feed_url": url})
    if action == "widerrufen":
        if calendars.revoke_calendar_link(assessment=owner.assessment):
            messages.success(
                request,
                _("Der Kalender-Link ist widerrufen. Kalender, die ihn abonniert haben, erhalten keine Termine mehr."),
            )
        return redirect(reverse("plans:plan", kwargs={"ref": owner.ref}) + "#kalender")
    return render(request, "dialogue/refused.html", {"message": _("Diese Aktion gibt es nicht.")}, status=400)


def calendar_feed(request, token: str):
    """The feed itself: whoever holds the address, no account (calendar apps cannot sign in)."""
    feed = calendars.feed_for(token)
    if feed is None:
        raise Http404(_("Diesen Kalender-Link gibt es nicht (mehr)."))
    response = HttpResponse(
        calendars.due_dates(feed, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="massnahmenplan.ics"'
    return response
