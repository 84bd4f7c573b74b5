"""Workshop pages: the presentation per field, the facilitator's records, the documentation.

Permissions are the dialogue's (`dialogue.access`): the team or link owner sees the
workshop, members once the coordinator shared the round result, a respondent's link
nothing; only the coordinator or link owner records. Every recording endpoint answers
htmx with a save status (or the re-drawn priorities) and a plain form post with a
redirect back to the screen, so the workshop works the same without JavaScript.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weltoffen.dialogue.access import with_owner
from weltoffen.selfcheck import document_pages
from weltoffen.selfcheck.document_pages import DocumentPage, is_htmx

from . import recording
from .forms import DetailsForm, MinutesForm, PriorityForm, RecommendationsForm
from .screens import FieldScreen, WorkshopView, workshop_view
from .tasks import render_documentation


def can_record(owner) -> bool:
    return owner.can_manage and not owner.assessment.is_closed


def screen_url(owner, field_key: str | None = None) -> str:
    if field_key is None:
        return reverse("workshops:overview", kwargs={"ref": owner.ref})
    return reverse("workshops:field", kwargs={"ref": owner.ref, "field_key": field_key})


def pager(owner, view: WorkshopView, screen: FieldScreen | None) -> dict:
    """Previous and next screen: the overview, then one screen per field, then the overview again."""
    overview = {"url": screen_url(owner), "label": _("Übersicht")}
    keys = [s.field.key for s in view.fields]
    labels = {s.field.key: f"{s.field.number}. {s.field.display_title}" for s in view.fields}

    def at(key):
        return {"url": screen_url(owner, key), "label": labels[key]}

    if screen is None:
        return {"previous": None, "next": at(keys[0]) if keys else None}
    index = keys.index(screen.field.key)
    return {
        "previous": at(keys[index - 1]) if index > 0 else overview,
        "next": at(keys[index + 1]) if index + 1 < len(keys) else overview,
    }


def base_context(owner, view: WorkshopView) -> dict:
    return {
        "owner": owner,
        "assessment": owner.assessment,
        "view": view,
        "can_record": can_record(owner),
    }


@with_owner()
def overview(request, owner):
    view = workshop_view(owner.assessment)
    workshop = view.workshop
    form = DetailsForm(
        initial={"held_on": workshop.held_on, "participants": workshop.participants} if workshop else None
    )
    context = {**base_context(owner, view), **pager(owner, view, None), "form": form}
    return render(request, "workshops/overview.html", context)


@with_owner()
def field_screen(request, owner, field_key: str):
    view = workshop_view(owner.assessment)
    screen = view.screen(field_key)
    if screen is None:
        raise Http404(_("Dieses Handlungsfeld gibt es im Fragenkatalog der Runde nicht."))
    context = {**base_context(owner, view), **pager(owner, view, screen), "screen": screen}
    return render(request, "workshops/field.html", context)


def saved_status(request) -> HttpResponse:
    text = _("Gespeichert um %(time)s Uhr") % {"time": timezone.localtime().strftime("%H:%M")}
    return render(request, "selfcheck/_save_status.html", {"text": text, "failed": False})


def refuse(request, message: str, status: int, *, status_target: str = "") -> HttpResponse:
    """A refused record: the reason in the save status for htmx, else a page saying it."""
    if not is_htmx(request):
        return render(request, "dialogue/refused.html", {"message": message}, status=status)
    text = _("Nicht gespeichert: %(reason)s") % {"reason": message}
    response = render(request, "selfcheck/_save_status.html", {"text": text, "failed": True}, status=status)
    if status_target:
        # The priorities swap a whole block; a refusal only belongs in its status line.
        response["HX-Retarget"] = status_target
        response["HX-Reswap"] = "innerHTML"
    return response


def record(request, run, *, back: str, answer=None, status_target: str = "") -> HttpResponse:
    """Run one recording workflow; answer htmx with `answer()` (or the save status), a plain post with a redirect."""
    try:
        run()
    except recording.PriorityNotFound as error:
        return refuse(request, str(error), 404, status_target=status_target)
    except recording.WorkshopClosed as error:
        return refuse(request, str(error), 409, status_target=status_target)
    except recording.WorkshopError as error:
        return refuse(request, str(error), 400, status_target=status_target)
    if is_htmx(request):
        return answer() if answer else saved_status(request)
    messages.success(request, _("Gespeichert."))
    return redirect(back)


def form_error(form) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


@require_POST
@with_owner(manage=True)
def save_details(request, owner):
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return refuse(request, form_error(form), 400)
    return record(
        request,
        lambda: recording.save_details(assessment=owner.assessment, **form.cleaned_data),
        back=screen_url(owner) + "#angaben",
    )


@require_POST
@with_owner(manage=True)
def save_minutes(request, owner, field_key: str = ""):
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return refuse(request, form_error(form), 400)
    back = (screen_url(owner, field_key) if field_key else screen_url(owner)) + "#protokoll"
    return record(
        request,
        lambda: recording.save_minutes(
            assessment=owner.assessment, field_key=field_key, text=form.cleaned_data["text"]
        ),
        back=back,
    )


PRIORITIES_STATUS = "#status-prioritaeten"


def priorities_answer(request, owner, field_key: str):
    """The re-drawn priorities of a field, with the save status beside them (out of band)."""

    def answer():
        view = workshop_view(owner.assessment)
        context = {**base_context(owner, view), "screen": view.screen(field_key), "oob_status": True}
        html = render_to_string("workshops/_priorities.html", context, request=request)
        status = render_to_string(
            "workshops/_oob_status.html",
            {"text": _("Gespeichert um %(time)s Uhr") % {"time": timezone.localtime().strftime("%H:%M")}},
        )
        return HttpResponse(html + status)

    return answer


def field_questions(owner, field_key: str) -> list[str]:
    return list(owner.assessment.version.questions.filter(field__key=field_key).values_list("key", flat=True))


@require_POST
@with_owner(manage=True)
def choose(request, owner, field_key: str):
    form = RecommendationsForm(request.POST, question_keys=field_questions(owner, field_key))
    if not form.is_valid():
        return refuse(request, form_error(form), 400, status_target=PRIORITIES_STATUS)
    return record(
        request,
        lambda: recording.choose_recommendations(
            assessment=owner.assessment,
            field_key=field_key,
            chosen=form.cleaned_data["chosen"],
            shown=form.cleaned_data["shown"],
        ),
        back=screen_url(owner, field_key) + "#prioritaeten",
        answer=priorities_answer(request, owner, field_key),
        status_target=PRIORITIES_STATUS,
    )


@require_POST
@with_owner(manage=True)
def add_priority(request, owner, field_key: str):
    form = PriorityForm(request.POST)
    if not form.is_valid():
        return refuse(request, form_error(form), 400, status_target=PRIORITIES_STATUS)
    return record(
        request,
        lambda: recording.add_priority(
            assessment=owner.assessment, field_key=field_key, text=form.cleaned_data["text"]
        ),
        back=screen_url(owner, field_key) + "#prioritaeten",
        answer=priorities_answer(request, owner, field_key),
        status_target=PRIORITIES_STATUS,
    )


@require_POST
@with_owner(manage=True)
def remove_priority(request, owner, field_key: str, pk: int):
    return record(
        request,
        lambda: recording.remove_priority(assessment=owner.assessment, priority_id=pk),
        back=screen_url(owner, field_key) + "#prioritaeten",
        answer=priorities_answer(request, owner, field_key),
        status_target=PRIORITIES_STATUS,
    )


@require_POST
@with_owner(manage=True)
def plan_priority(request, owner, pk: int):
    """Turn an agreed priority into a measure of the plan (also after the round is closed)."""
    try:
        recording.plan_priority(assessment=owner.assessment, priority_id=pk)
    except recording.PriorityNotFound as error:
        return refuse(request, str(error), 404)
    except recording.WorkshopError as error:
        return refuse(request, str(error), 400)
    messages.success(
        request, _("Die Priorität steht jetzt als Maßnahme im Plan. Ergänzen Sie dort Zuständigkeit und Termine.")
    )
    return redirect("plans:plan", ref=owner.ref)


DOCUMENTATION = "workshop-documentation"


def documentation_page(owner) -> DocumentPage:
    def address(name: str):
        return lambda document: reverse(f"workshops:{name}", kwargs={"ref": owner.ref, "pk": document.pk})

    return DocumentPage(
        title=_("Workshop-Dokumentation: %(title)s") % {"title": owner.assessment.display_title},
        request_url=reverse("workshops:documentation", kwargs={"ref": owner.ref}),
        back_url=screen_url(owner),
        back_label=_("Zurück zum Workshop"),
        kind=DOCUMENTATION,
        filename=f"workshop-dokumentation-{slugify(owner.assessment.display_title) or 'workshop'}.pdf",
        task=render_documentation,
        status_url_of=address("documentation-status"),
        download_url_of=address("documentation-download"),
    )


@with_owner()
def documentation(request, owner):
    return document_pages.entry(request, documentation_page(owner), owner.assessment)


@with_owner()
def documentation_status(request, owner, pk):
    return document_pages.status(request, documentation_page(owner), owner.assessment, pk)


@with_owner()
def documentation_download(request, owner, pk):
    return document_pages.download(documentation_page(owner), owner.assessment, pk)


@with_owner()
def documentation_pdf(request, owner):
    """The address of the PDF rendered in the request, still in bookmarks and old links."""
    return redirect("workshops:documentation", ref=owner.ref)
