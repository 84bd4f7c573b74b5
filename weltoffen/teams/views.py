"""Team pages. Views parse input, call one workflow of `rounds` or `memberships`, and
render; the rules live in those workflows."""

from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weltoffen.knowledge.linking import attach_related_content
from weltoffen.selfcheck import charts, document_pages
from weltoffen.selfcheck.completion import completions
from weltoffen.selfcheck.document_pages import DocumentPage
from weltoffen.selfcheck.models import Assessment, Respondent
from weltoffen.selfcheck.results import annotate_result

from . import agreement, memberships, rounds
from .charts import rounds_chart, spread_chart
from .forms import CreateTeamForm, DeadlineForm, InvitationForm, MemberForm, NextRoundForm, TakeOverForm
from .models import Membership
from .progress import round_history
from .tasks import render_result
from .team_results import team_result

# Personal links are shown once, on the page the browser is redirected to after the
# POST that issued them; they wait in the session only until that page is shown.
SHOWN_LINKS = "teams:links-to-show"


def membership_of(request) -> Membership | None:
    return Membership.objects.select_related("team__municipality").filter(user=request.user).first()


def coordinator_membership(request) -> Membership:
    membership = membership_of(request)
    if membership is None or not membership.is_coordinator:
        raise PermissionDenied(_("Nur die Koordination des Teams kann das."))
    return membership


def round_for(request, pk: int, *, coordinator: bool = False, result: bool = False) -> tuple[Assessment, Membership]:
    """A round of the user's own team; another team's round is a 404, as if it did not exist.

    `coordinator` pages need the coordinator role; the team `result` also opens to
    members once the coordinator shared it.
    """
    assessment = get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related("version", "team__municipality"), pk=pk
    )
    membership = membership_of(request)
    if coordinator and not membership.is_coordinator:
        raise PermissionDenied(_("Nur die Koordination des Teams kann das."))
    if result and not (membership.is_coordinator or assessment.results_shared):
        raise PermissionDenied(_("Die Koordination hat das Teamergebnis noch nicht freigegeben."))
    return assessment, membership


def respondent_for(request, pk: int) -> tuple[Respondent, Assessment]:
    respondent = get_object_or_404(
        Respondent.objects.filter(assessment__in=Assessment.objects.visible_to(request.user)), pk=pk
    )
    assessment, _membership = round_for(request, respondent.assessment_id, coordinator=True)
    respondent.assessment = assessment
    return respondent, assessment


def link_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("selfcheck:overview", kwargs={"token": token}))


def remember_links(request, assessment: Assessment, links: list[tuple[Respondent, str]]) -> None:
    request.session[SHOWN_LINKS] = {"round": assessment.pk, "links": [[r.pk, token] for r, token in links]}


def refused(request, assessment: Assessment, error: Exception):
    """A step the round does not allow: the reason on a page of its own, with a 409."""
    context = {"assessment": assessment, "message": str(error)}
    return render(request, "teams/refused.html", context, status=409)


@login_required
def home(request):
    membership = membership_of(request)
    if membership is not None:
        current = membership.team.current_round()
        return (
            redirect("teams:round", pk=current.pk)
            if current
            else render(request, "teams/home.html", {"membership": membership})
        )
    form = CreateTeamForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            team = rounds.create_team(
                user=request.user, municipality=form.cleaned_data["chosen_municipality"], name=form.cleaned_data["name"]
            )
        except rounds.RoundError as error:
            messages.error(request, str(error))
            return redirect("teams:home")
        messages.success(request, _("Das Team ist angelegt. Laden Sie jetzt Kolleg:innen ein."))
        return redirect("teams:round", pk=team.current_round().pk)
    return render(request, "teams/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def round_detail(request, pk: int):
    assessment, membership = round_for(request, pk)
    respondents = assessment.respondents.order_by("revoked_at", "created_at")
    own = next((r for r in respondents if r.user_id == request.user.pk and not r.is_revoked), None)
    context = {
        "assessment": assessment,
        "membership": membership,
        "team": membership.team,
        "rows": completions(assessment, respondents) if membership.is_coordinator else [],
        "rounds": membership.team.assessments.order_by("-round_number"),
        "next_round_form": NextRoundForm(),
        "deadline_form": DeadlineForm(initial={"deadline": assessment.deadline}),
        "own_respondent": own,
    }
    return render(request, "teams/round.html", context)


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def invite(request, pk: int):
    assessment, _membership = round_for(request, pk, coordinator=True)
    form = InvitationForm(request.POST if request.method == "POST" else None, version=assessment.version)
    context = {"assessment": assessment, "form": form}
    if request.method != "POST":
        return render(request, "teams/invite.html", context)
    if getattr(request, "limited", False):
        form.add_error(
            None,
            _(
                "Sie haben in der letzten Stunde sehr viele Einladungen verschickt. Bitte versuchen Sie es später noch einmal."
            ),
        )
        return render(request, "teams/invite.html", context, status=429)
    if not form.is_valid():
        return render(request, "teams/invite.html", context, status=400)
    data = form.cleaned_data
    try:
        respondent, token = rounds.invite(
            assessment=assessment,
            invited_by=request.user,
            email=data["email"],
            name=data["name"],
            department=data["department"],
            department_other=data["department_other"],
            field_keys=data["field_keys"],
            show_name=data["show_name"],
        )
    except rounds.RoundError as error:
        form.add_error(None, str(error))
        return render(request, "teams/invite.html", context, status=409)
    if respondent.email:
        rounds.send_invitation(request=request, respondent=respondent, token=token)
    remember_links(request, assessment, [(respondent, token)])
    # Redirect after the POST: reloading the page shows the link, it never invites twice.
    return redirect("teams:links", pk=assessment.pk)


@login_required
def links(request, pk: int):
    """The personal links just issued, shown once; a reload shows that they were shown."""
    assessment, _membership = round_for(request, pk, coordinator=True)
    pending = request.session.pop(SHOWN_LINKS, None)
    shown = []
    if pending and pending.get("round") == assessment.pk:
        by_pk = {r.pk: r for r in assessment.respondents.filter(pk__in=[pk for pk, _ in pending["links"]])}
        shown = [(by_pk[pk], link_url(request, token)) for pk, token in pending["links"] if pk in by_pk]
    return render(request, "teams/links.html", {"assessment": assessment, "links": shown})


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def respondent_action(request, pk: int, action: str):
    """Resend an invitation or issue a new personal link (both replace the old link)."""
    if request.method != "POST":
        return redirect("teams:round", pk=respondent_for(request, pk)[1].pk)
    respondent, assessment = respondent_for(request, pk)
    if getattr(request, "limited", False):
        messages.error(request, _("Zu viele Einladungen in kurzer Zeit. Bitte versuchen Sie es später noch einmal."))
        return redirect("teams:round", pk=assessment.pk)
    if action not in ("erneut-senden", "neuer-link") or (action == "erneut-senden" and not respondent.email):
        return refused(request, assessment, _("Diese Aktion gibt es nicht."))
    try:
        token = rounds.renew_respondent_link(respondent=respondent)
    except rounds.RoundError as error:
        return refused(request, assessment, error)
    if action == "erneut-senden":
        rounds.send_invitation(request=request, respondent=respondent, token=token)
        messages.success(
            request, _("Die Einladung wurde mit einem neuen Link erneut gesendet; der alte Link gilt nicht mehr.")
        )
        return redirect("teams:round", pk=assessment.pk)
    remember_links(request, assessment, [(respondent, token)])
    return redirect("teams:links", pk=assessment.pk)


@login_required
def revoke(request, pk: int):
    """Confirm, then revoke a personal link; the page says how far the person had come."""
    respondent, assessment = respondent_for(request, pk)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Bitte bestätigen Sie, dass der Link widerrufen werden soll."))
            return redirect("teams:revoke", pk=respondent.pk)
        try:
            rounds.revoke(respondent=respondent)
        except rounds.RoundError as error:
            return refused(request, assessment, error)
        messages.success(request, _("Die Einladung ist widerrufen; der Link funktioniert nicht mehr."))
        return redirect("teams:round", pk=assessment.pk)
    (completion,) = completions(assessment, [respondent])
    return render(request, "teams/revoke.html", {"assessment": assessment, "completion": completion})


@login_required
def close_round(request, pk: int):
    """Confirm, then close: the page lists who has not finished yet."""
    assessment, membership = round_for(request, pk, coordinator=True)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Bitte bestätigen Sie, dass die Runde abgeschlossen werden soll."))
            return redirect("teams:close-round", pk=assessment.pk)
        try:
            rounds.close_round(assessment=assessment, closed_by=request.user)
        except rounds.RoundError as error:
            return refused(request, assessment, error)
        messages.success(request, _("Die Runde ist abgeschlossen. Die Antworten sind jetzt unveränderlich."))
        return redirect("teams:round", pk=assessment.pk)
    if assessment.is_closed:
        return refused(request, assessment, _("Diese Runde ist bereits abgeschlossen."))
    pending = [completion for completion in completions(assessment) if not completion.is_complete]
    return render(request, "teams/close.html", {"assessment": assessment, "membership": membership, "pending": pending})


@login_required
def deadline(request, pk: int):
    assessment, _membership = round_for(request, pk, coordinator=True)
    if request.method != "POST":
        return redirect("teams:round", pk=assessment.pk)
    form = DeadlineForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["deadline"][0])
        return redirect("teams:round", pk=assessment.pk)
    try:
        rounds.set_deadline(assessment=assessment, deadline=form.cleaned_data["deadline"])
    except rounds.RoundError as error:
        return refused(request, assessment, error)
    messages.success(request, _("Der Termin für die Antworten ist gespeichert."))
    return redirect("teams:round", pk=assessment.pk)


@login_required
def share_result(request, pk: int):
    assessment, _membership = round_for(request, pk, coordinator=True)
    if request.method != "POST":
        return redirect("teams:round", pk=assessment.pk)
    rounds.share_result(assessment=assessment, shared=request.POST.get("shared") == "yes")
    messages.success(
        request,
        _("Das Teamergebnis ist für die Mitglieder freigegeben.")
        if assessment.results_shared
        else _("Das Teamergebnis ist nur noch für die Koordination sichtbar."),
    )
    return redirect("teams:round", pk=assessment.pk)


@login_required
def next_round(request):
    membership = coordinator_membership(request)
    if request.method != "POST":
        return redirect("teams:home")
    form = NextRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Katalogversion aus der Liste."))
        return redirect("teams:home")
    try:
        assessment = rounds.open_round(
            team=membership.team,
            version=form.cleaned_data["version"],
            carry_over=form.cleaned_data["carry_over"],
            invited_by=request.user,
        )
    except rounds.RoundError as error:
        messages.error(request, str(error))
        return redirect("teams:home")
    to_show = rounds.invite_again(request=request, assessment=assessment)
    messages.success(request, _("Runde %(number)d ist eröffnet.") % {"number": assessment.round_number})
    if to_show:
        remember_links(request, assessment, to_show)
        return redirect("teams:links", pk=assessment.pk)
    return redirect("teams:round", pk=assessment.pk)


@login_required
def my_answers(request, pk: int):
    assessment, _membership = round_for(request, pk)
    if request.method != "POST":
        return redirect("teams:round", pk=assessment.pk)
    try:
        token = rounds.link_for_member(assessment=assessment, user=request.user)
    except rounds.RoundError as error:
        return refused(request, assessment, error)
    return redirect("selfcheck:overview", token=token)


@login_required
def result(request, pk: int):
    assessment, membership = round_for(request, pk, result=True)
    team = team_result(assessment)
    annotate_result(team.result)
    attach_related_content(team.result, request)
    context = {
        "assessment": assessment,
        "membership": membership,
        "team": team,
        "result": team.result,
        **charts.chart_context(team.result),
        "spread_chart": spread_chart(team),
        "agree_url": reverse("teams:agree", args=[assessment.pk])
        if membership.is_coordinator and not assessment.is_closed
        else "",
    }
    return render(request, "teams/result.html", context)


@login_required
@require_POST
def agree(request, pk: int):
    """The coordinator sets the agreed answer of one question, which counts instead of the median."""
    assessment, _membership = round_for(request, pk, coordinator=True)
    question = assessment.version.questions.filter(key=request.POST.get("question", "")[:80]).first()
    if question is None:
        return refused(request, assessment, rounds.RoundError(_("Diese Frage gehört nicht zu dieser Runde.")))
    try:
        agreement.set_agreed_answer(
            assessment=assessment,
            question=question,
            value=request.POST.get("value", ""),
            evidence=request.POST.get("evidence", ""),
        )
    except rounds.RoundError as error:
        return refused(request, assessment, error)
    messages.success(request, _("Die vereinbarte Antwort ist gespeichert."))
    return redirect(reverse("teams:result", args=[assessment.pk]) + f"#feld-{question.field.key}")


RESULT_PDF = "team-result"


def result_pdf_page(assessment) -> DocumentPage:
    return DocumentPage(
        title=_("Teamergebnis: %(title)s") % {"title": assessment.display_title},
        request_url=reverse("teams:result-document", args=[assessment.pk]),
        back_url=reverse("teams:result", args=[assessment.pk]),
        back_label=_("Zurück zum Teamergebnis"),
        kind=RESULT_PDF,
        filename=f"teamergebnis-{slugify(assessment.display_title)}.pdf",
        task=render_result,
        status_url_of=lambda document: reverse("teams:result-document-status", args=[assessment.pk, document.pk]),
        download_url_of=lambda document: reverse("teams:result-document-download", args=[assessment.pk, document.pk]),
    )


@login_required
def result_document(request, pk: int):
    assessment, _membership = round_for(request, pk, result=True)
    return document_pages.entry(request, result_pdf_page(assessment), assessment)


@login_required
def result_document_status(request, pk: int, document_pk):
    assessment, _membership = round_for(request, pk, result=True)
    return document_pages.status(request, result_pdf_page(assessment), assessment, document_pk)


@login_required
def result_document_download(request, pk: int, document_pk):
    assessment, _membership = round_for(request, pk, result=True)
    return document_pages.download(result_pdf_page(assessment), assessment, document_pk)


@login_required
def result_pdf(request, pk: int):
    """The address of the PDF rendered in the request, still in bookmarks and old links."""
    assessment, _membership = round_for(request, pk, result=True)
    return redirect("teams:result-document", pk=assessment.pk)


@login_required
def progress(request):
    membership = membership_of(request)
    if membership is None:
        return redirect("teams:home")
    history = round_history(membership.team, shared_only=not membership.is_coordinator)
    context = {"membership": membership, "history": history, "chart": rounds_chart(history) if history.rounds else None}
    return render(request, "teams/progress.html", context)


@login_required
@ratelimit(key="user", rate="20/h", method="POST", block=False)
def members(request):
    membership = coordinator_membership(request)
    form = MemberForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.add_error(None, _("Zu viele Versuche in kurzer Zeit. Bitte versuchen Sie es später noch einmal."))
            status = 429
        elif form.is_valid():
            try:
                added = memberships.add_member(
                    team=membership.team, email=form.cleaned_data["email"], role=form.cleaned_data["role"]
                )
            except memberships.MembershipError as error:
                form.add_error("email", str(error))
                status = 400
            else:
                messages.success(request, _("%(email)s gehört jetzt zum Team.") % {"email": added.user.email})
                return redirect("teams:members")
        else:
            status = 400
    context = {"membership": membership, "form": form, "members": membership.team.memberships.select_related("user")}
    return render(request, "teams/members.html", context, status=status)


@login_required
def remove_member(request, pk: int):
    membership = coordinator_membership(request)
    other = get_object_or_404(membership.team.memberships.select_related("user"), pk=pk)
    if request.method != "POST":
        return redirect("teams:members")
    try:
        memberships.remove_member(team=membership.team, membership=other, removed_by=request.user)
    except memberships.MembershipError as error:
        messages.error(request, str(error))
        return redirect("teams:members")
    messages.success(request, _("%(email)s gehört nicht mehr zum Team.") % {"email": other.user.email})
    return redirect("teams:members")


@login_required
def take_over(request):
    membership = coordinator_membership(request)
    form = TakeOverForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = rounds.take_over(team=membership.team, user=request.user, token=form.token())
        except rounds.RoundError as error:
            form.add_error("link", str(error))
        else:
            messages.success(
                request,
                _(
                    "Der Selbstcheck gehört jetzt als Runde %(number)d zum Team. Der bisherige Link funktioniert nicht mehr."
                )
                % {"number": assessment.round_number},
            )
            return redirect("teams:round", pk=assessment.pk)
    return render(request, "teams/take_over.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def delete_account(request):
    """Delete one's own account; a team's only coordinator first hands over the role."""
    membership = Membership.objects.filter(user=request.user).select_related("team").first()
    context = {"membership": membership, "sole_coordinator": memberships.is_sole_coordinator(membership)}
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Bitte bestätigen Sie, dass das Konto gelöscht werden soll."))
            return render(request, "account/delete.html", context, status=400)
        try:
            memberships.delete_account(user=request.user)
        except memberships.MembershipError as error:
            messages.error(request, str(error))
            return render(request, "account/delete.html", context, status=409)
        logout(request)
        messages.success(request, _("Ihr Konto und die zugehörigen Daten sind gelöscht."))
        return redirect("wagtail_serve", "")
    return render(request, "account/delete.html", context)
