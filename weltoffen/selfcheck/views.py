from functools import wraps

from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.knowledge.linking import attach_related_content
from weltoffen.municipalities.models import Municipality

from . import answering, charts, report, spreadsheets
from .access import access_for
from .answering import AnswerInput, RoundClosed
from .completion import completions
from .forms import FieldAnswersForm, ImportForm, LinkMailForm, StartForm, TamperedForm
from .linkmail import send_resume_link
from .models import Answer, FieldNote
from .results import annotate_result, assessment_results, value_label


def with_access(*, owner_only: bool = False):
    """Resolve the secret link before the view runs.

    An unknown, renewed, revoked or deleted link is a clear 404; a respondent's link on
    a page only the owner may see is a 403.
    """

    def decorate(view):
        @wraps(view)
        def wrapped(request, token, *args, **kwargs):
            access = access_for(token)
            if access is None:
                return render(request, "selfcheck/invalid_link.html", status=404)
            if owner_only and not access.is_owner:
                return render(request, "selfcheck/forbidden.html", {"access": access, "token": token}, status=403)
            access.assessment.record_visit()
            return view(request, access, token, *args, **kwargs)

        return wrapped

    return decorate


@ratelimit(key="ip", rate="30/h", method="POST", block=False)
def start(request):
    prefill = Municipality.objects.filter(ags=request.GET.get("kommune", "")[:8]).first()
    initial = {"municipality": prefill.ags, "municipality_name": prefill.short_name} if prefill else {}
    form = StartForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(request, "selfcheck/start.html", {"form": form, "rate_limited": True}, status=429)
        if form.is_valid():
            assessment, token = answering.start_assessment(
                municipality=form.cleaned_data["chosen_municipality"], title=form.cleaned_data["title"]
            )
            return redirect("selfcheck:link", token=token)
    status = 400 if form.errors else 200
    return render(request, "selfcheck/start.html", {"form": form, "version": current_version()}, status=status)


def current_version() -> CatalogueVersion:
    try:
        return CatalogueVersion.objects.current()
    except CatalogueVersion.DoesNotExist:
        raise Http404(_("Es ist noch kein Fragenkatalog geladen.")) from None


@with_access(owner_only=True)
@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def link(request, access, token):
    """The secret link with a copy button, and the offer to e-mail it."""
    assessment = access.assessment
    form = LinkMailForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.add_error(
                None,
                _("Es wurden in kurzer Zeit zu viele E-Mails angefordert. Bitte versuchen Sie es später noch einmal."),
            )
            status = 429
        elif form.is_valid():
            send_resume_link(request=request, assessment=assessment, token=token, email=form.cleaned_data["email"])
            messages.success(
                request,
                _("Der Link wurde an die angegebene Adresse gesendet. Die Adresse haben wir nicht gespeichert."),
            )
            return redirect("selfcheck:link", token=token)
        else:
            status = 400
    resume_url = request.build_absolute_uri(reverse("selfcheck:overview", kwargs={"token": token}))
    context = {"assessment": assessment, "token": token, "resume_url": resume_url, "form": form}
    return render(request, "selfcheck/link.html", context, status=status)


@with_access()
def overview(request, access, token):
    assessment = access.assessment
    carried = 0
    if access.is_owner:
        result = assessment_results(assessment)
        progress = [(f.field, f.answered_count, f.score.question_count) for f in result.fields]
    else:
        (completion,) = completions(assessment, [access.respondent])
        progress, carried = completion.per_field, completion.carried
    answered, total = sum(row[1] for row in progress), sum(row[2] for row in progress)
    context = {
        "assessment": assessment,
        "access": access,
        "token": token,
        "progress": progress,
        "answered": answered,
        "total": total,
        "carried": carried,
        "percent": round(100 * answered / total) if total else 0,
        "finished": total > 0 and answered >= total and not carried,
    }
    return render(request, "selfcheck/overview.html", context)


@with_access()
def answers_summary(request, access, token):
    """Everything this link has answered, on one page that can be printed."""
    assessment = access.assessment
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment, respondent=access.respondent).exclude(value="", note="")
    }
    scales = assessment.version.scales
    fields = []
    for field in access.visible_fields().prefetch_related("questions"):
        rows = []
        for question in field.questions.all():
            answer = answers.get(question.pk)
            label = value_label(answer.scoring_value, scales[question.scale]) if answer else ""
            rows.append((question, answer, label))
        fields.append((field, rows))
    context = {"assessment": assessment, "access": access, "token": token, "fields": fields}
    return render(request, "selfcheck/answers_summary.html", context)


@with_access()
def field_answers(request, access, token, field_key):
    assessment = access.assessment
    field = get_object_or_404(assessment.version.fields.prefetch_related("subtopics"), key=field_key)
    if not access.can_see_field(field.key):
        return render(request, "selfcheck/forbidden.html", {"access": access, "token": token}, status=403)
    questions = list(field.questions.select_related("subtopic").order_by("position"))
    form = FieldAnswersForm(field=field, questions=questions, data=request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if assessment.is_closed:
            return bad_request(
                request,
                assessment,
                token,
                _("Diese Runde ist abgeschlossen; die Antworten können nicht mehr geändert werden."),
            )
        if request.POST.get("version") != assessment.version.key:
            return bad_request(
                request,
                assessment,
                token,
                _(
                    "Dieses Formular gehört zu einer anderen Version des Fragenkatalogs. Bitte laden Sie die Seite neu; Ihre gespeicherten Antworten bleiben erhalten."
                ),
            )
        try:
            valid = form.is_valid()
        except TamperedForm as error:
            return bad_request(request, assessment, token, str(error))
        if valid:
            try:
                answering.save_field(
                    assessment=assessment,
                    field=field,
                    submitted=form.submitted,
                    shown=form.shown,
                    field_note=form.field_note,
                    shown_field_note=form.shown_field_note,
                    respondent=access.respondent,
                )
            except RoundClosed:
                return bad_request(request, assessment, token, str(RoundClosed.message))
            messages.success(request, _("Ihre Antworten sind gespeichert."))
            return redirect(next_after_saving(request, access, token, field))
        status = 400
    context = answering_context(access, token, field, questions, form)
    return render(request, "selfcheck/field.html", context, status=status)


def next_after_saving(request, access, token, field) -> str:
    target = request.POST.get("next")
    if target == "next-field":
        following = access.visible_fields().filter(number__gt=field.number).first()
        if following:
            return reverse("selfcheck:field", kwargs={"token": token, "field_key": following.key})
        return reverse("selfcheck:results" if access.is_owner else "selfcheck:overview", kwargs={"token": token})
    if target == "overview":
        return reverse("selfcheck:overview", kwargs={"token": token})
    return reverse("selfcheck:field", kwargs={"token": token, "field_key": field.key})


def answering_context(access, token, field, questions, form) -> dict:
    """What the field page shows: per question its current state, from the posted form
    when it has errors, else from the database."""
    assessment = access.assessment
    own_answers = Answer.objects.filter(assessment=assessment, respondent=access.respondent, question__field=field)
    saved = {a.question_id: a for a in own_answers}
    note = FieldNote.objects.filter(assessment=assessment, field=field).values_list("text", flat=True).first() or ""
    groups: dict = {}
    by_key = {question.key: question for question in questions}
    saved_by_key = {question.key: saved.get(question.pk) for question in questions}
    for question in questions:
        answer = saved.get(question.pk)
        shown = AnswerInput(
            value=answer.value if answer else "",
            note=answer.note if answer else "",
            evidence=answer.evidence if answer else "",
        )
        current = form.submitted.get(question.key, shown) if form.errors else shown
        premise = by_key.get(question.depends_on)
        premise_answer = saved_by_key.get(question.depends_on)
        groups.setdefault(question.subtopic, []).append(
            {
                "question": question,
                "shown": shown,
                "current": current,
                "error": form.errors.get(question.key, ""),
                "carried_from_round": answer.carried_from_round if answer else None,
                "premise": premise,
                # Skipped (and counted as 0) while the question it presupposes is answered 0.
                "skipped": premise is not None and premise_answer is not None and premise_answer.value == "0",
            }
        )
    fields = list(access.visible_fields())
    index = next(i for i, f in enumerate(fields) if f.pk == field.pk)
    return {
        "assessment": assessment,
        "access": access,
        "read_only": not access.can_answer(field.key),
        "token": token,
        "field": field,
        "groups": list(groups.items()),
        "scale_options": assessment.version.scales,
        "evidence_choices": Answer.Evidence.choices,
        "field_note": form.field_note if form.errors and form.field_note is not None else note,
        "shown_field_note": note,
        "field_note_error": form.errors.get("field-note", ""),
        "error_count": len(form.errors),
        "previous_field": fields[index - 1] if index > 0 else None,
        "next_field": fields[index + 1] if index + 1 < len(fields) else None,
        "answered": sum(1 for a in saved.values() if a.value),
        "carried": sum(1 for a in saved.values() if a.carried_from_round is not None),
        "question_count": len(questions),
    }


def bad_request(request, assessment, token, message: str):
    context = {"assessment": assessment, "token": token, "message": message}
    return render(request, "selfcheck/bad_request.html", context, status=400)


@require_POST
@with_access()
def save_answer(request, access, token, field_key, question_key):
    """Autosave of one question (htmx); a plain POST is redirected back to the page."""
    assessment = access.assessment
    question = assessment.version.questions.filter(field__key=field_key, key=question_key).first()
    if assessment.is_closed or not access.can_see_field(field_key):
        return status_fragment(
            request,
            _("Nicht gespeichert: Diese Runde ist abgeschlossen oder das Handlungsfeld ist Ihnen nicht zugeordnet."),
            status=400,
        )
    if question is None or request.POST.get("version") != assessment.version.key:
        return status_fragment(
            request,
            _("Nicht gespeichert: Diese Frage gehört nicht zu diesem Selbstcheck. Bitte laden Sie die Seite neu."),
            status=400,
        )
    form = FieldAnswersForm(field=question.field, questions=[question], data=request.POST)
    try:
        valid = form.is_valid()
    except TamperedForm as error:
        return status_fragment(request, str(error), status=400)
    if not valid:
        return status_fragment(request, form.errors[question.key], status=400)
    answer = form.submitted.get(question.key)
    if answer is not None:
        try:
            answering.save_answer(assessment=assessment, question=question, answer=answer, respondent=access.respondent)
        except RoundClosed:
            return status_fragment(request, str(RoundClosed.message), status=400)
    if not request.headers.get("HX-Request"):
        return redirect(
            reverse("selfcheck:field", kwargs={"token": token, "field_key": field_key}) + f"#frage-{question.key}"
        )
    return status_fragment(request, _("Gespeichert um %(time)s Uhr") % {"time": timezone.localtime().strftime("%H:%M")})


@require_POST
@with_access(owner_only=True)
def save_field_note(request, access, token, field_key):
    assessment = access.assessment
    field = get_object_or_404(assessment.version.fields, key=field_key)
    if assessment.is_closed:
        return status_fragment(request, _("Nicht gespeichert: Diese Runde ist abgeschlossen."), status=400)
    text = request.POST.get("field-note", "").strip()
    if len(text) > FieldNote.NOTE_MAX_LENGTH:
        return status_fragment(
            request,
            _("Nicht gespeichert: Die Notiz ist länger als %(limit)d Zeichen.") % {"limit": FieldNote.NOTE_MAX_LENGTH},
            status=400,
        )
    try:
        answering.save_field_note(assessment=assessment, field=field, text=text)
    except RoundClosed:
        return status_fragment(request, str(RoundClosed.message), status=400)
    if not request.headers.get("HX-Request"):
        return redirect("selfcheck:field", token=token, field_key=field_key)
    return status_fragment(request, _("Gespeichert um %(time)s Uhr") % {"time": timezone.localtime().strftime("%H:%M")})


@require_POST
@with_access()
def confirm_carried(request, access, token, field_key):
    """Confirm the answers pre-filled from the last round on one field's page as they are."""
    field = get_object_or_404(access.assessment.version.fields, key=field_key)
    if not access.can_see_field(field.key):
        return render(request, "selfcheck/forbidden.html", {"access": access, "token": token}, status=403)
    try:
        count = answering.confirm_carried(assessment=access.assessment, field=field, respondent=access.respondent)
    except RoundClosed:
        return bad_request(request, access.assessment, token, str(RoundClosed.message))
    message = ngettext(
        "%(count)d übernommene Antwort bestätigt.", "%(count)d übernommene Antworten bestätigt.", count
    ) % {"count": count}
    messages.success(request, message)
    return redirect("selfcheck:field", token=token, field_key=field.key)


def status_fragment(request, text: str, status: int = 200) -> HttpResponse:
    return render(request, "selfcheck/_save_status.html", {"text": text, "failed": status >= 400}, status=status)


@with_access(owner_only=True)
def results(request, access, token):
    assessment = access.assessment
    result = annotate_result(assessment_results(assessment))
    attach_related_content(result, request)
    context = {"assessment": assessment, "token": token, "result": result, **charts.chart_context(result)}
    return render(request, "selfcheck/results.html", context)


@with_access(owner_only=True)
def delete(request, access, token):
    assessment = access.assessment
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Bitte bestätigen Sie, dass der Selbstcheck gelöscht werden soll."))
            return redirect("selfcheck:delete", token=token)
        answering.delete_assessment(assessment=assessment)
        return redirect("selfcheck:deleted")
    return render(request, "selfcheck/delete.html", {"assessment": assessment, "token": token})


def deleted(request):
    return render(request, "selfcheck/deleted.html")


@require_POST
@with_access(owner_only=True)
def renew_link(request, access, token):
    assessment = access.assessment
    new_token = answering.renew_link(assessment=assessment)
    messages.success(request, _("Der alte Link funktioniert nicht mehr. Bewahren Sie den neuen Link gut auf."))
    return redirect("selfcheck:link", token=new_token)


@with_access(owner_only=True)
def report_pdf(request, access, token):
    assessment = access.assessment
    result = annotate_result(assessment_results(assessment))
    attach_related_content(result, request)
    pdf = report.assessment_report(result, charts.chart_context(result))
    return pdf_response(pdf, filename=f"selbstcheck-{slugify(assessment.display_title) or 'bericht'}.pdf")


def questionnaire_pdf(request, field_key: str | None = None):
    version = current_version()
    field = get_object_or_404(version.fields, key=field_key) if field_key else None
    pdf = report.blank_questionnaire(version, field)
    name = f"fragebogen-{field.number}-{field.key}.pdf" if field else "fragebogen-selbstcheck.pdf"
    return pdf_response(pdf, filename=name)


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@with_access(owner_only=True)
def export_csv(request, access, token):
    assessment = access.assessment
    response = HttpResponse(spreadsheets.export_csv(assessment), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_name(assessment)}.csv"'
    return response


@with_access(owner_only=True)
def export_xlsx(request, access, token):
    assessment = access.assessment
    response = HttpResponse(
        spreadsheets.export_xlsx(assessment),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{export_name(assessment)}.xlsx"'
    return response


def export_name(assessment) -> str:
    return f"selbstcheck-{slugify(assessment.display_title) or 'antworten'}-{timezone.localdate():%Y-%m-%d}"


@with_access(owner_only=True)
@ratelimit(key="ip", rate="30/h", method="POST", block=False)
def import_upload(request, access, token):
    """Upload an offline-filled workbook and preview what it would change."""
    assessment = access.assessment
    form = ImportForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    context = {"assessment": assessment, "token": token, "form": form}
    if request.method != "POST":
        return render(request, "selfcheck/import.html", context)
    if getattr(request, "limited", False):
        context["problems"] = [_("Zu viele Uploads in kurzer Zeit. Bitte versuchen Sie es später noch einmal.")]
        return render(request, "selfcheck/import.html", context, status=429)
    if not form.is_valid():
        return render(request, "selfcheck/import.html", context, status=400)
    try:
        plan = spreadsheets.read_xlsx(form.cleaned_data["file"], assessment)
    except spreadsheets.SpreadsheetError as error:
        context["problems"] = error.problems
        return render(request, "selfcheck/import.html", context, status=400)
    context.update(plan=plan, signed_plan=plan.signed(assessment))
    return render(request, "selfcheck/import_preview.html", context)


@require_POST
@with_access(owner_only=True)
def import_confirm(request, access, token):
    assessment = access.assessment
    try:
        count = spreadsheets.apply_signed_plan(assessment, request.POST.get("plan", ""))
    except RoundClosed:
        return bad_request(request, assessment, token, str(RoundClosed.message))
    except signing.BadSignature:
        return bad_request(
            request,
            assessment,
            token,
            _(
                "Die Vorschau ist abgelaufen oder wurde verändert. Bitte laden Sie die Datei noch einmal hoch; es wurde nichts übernommen."
            ),
        )
    message = ngettext(
        "%(count)d Antwort aus der Datei übernommen.", "%(count)d Antworten aus der Datei übernommen.", count
    )
    messages.success(request, message % {"count": count})
    return redirect("selfcheck:overview", token=token)
