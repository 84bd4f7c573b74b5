from collections import Counter

from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weltoffen.selfcheck import report
from weltoffen.selfcheck.models import Answer, Assessment, Respondent
from weltoffen.selfcheck.views import chart_context

from . import rounds
from .forms import CreateTeamForm, InvitationForm, MemberForm, NextRoundForm, TakeOverForm
from .models import Membership
from .progress import compare_rounds
from .team_results import team_result


def membership_of(request) -> Membership | None:
    return Membership.objects.select_related("team__municipality").filter(user=request.user).first()


def round_for(request, pk: int, *, coordinator: bool = False, result: bool = False) -> tuple[Assessment, Membership]:
    """A round of the user's own team; another team's round is a 404, as if it did not exist.

    `coordinator` pages need the coordinator role; the team `result` also opens to
    members once the coordinator shared it.
    """
    assessment = get_object_or_404(Assessment.objects.visible_to(request.user).select_related("version", "team"), pk=pk)
    membership = membership_of(request)
    if coordinator and not membership.is_coordinator:
        raise PermissionDenied(_("Nur die Koordination des Teams kann das."))
    if result and not (membership.is_coordinator or assessment.results_shared):
        raise PermissionDenied(_("Die Koordination hat das Teamergebnis noch nicht freigegeben."))
    return assessment, membership


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
    respondents = list(assessment.respondents.order_by("revoked_at", "created_at"))
    questions_per_field = dict(assessment.version.fields.annotate(n=Count("questions")).values_list("key", "n"))
    answered = Counter(
        Answer.objects.filter(respondent__in=respondents)
        .exclude(value="")
        .values_list("respondent_id", "question__field__key")
    )
    rows = []
    for respondent in respondents:
        keys = respondent.field_keys or list(questions_per_field)
        done = sum(answered[(respondent.pk, key)] for key in keys)
        total = sum(questions_per_field.get(key, 0) for key in keys)
        per_field = [(key, answered[(respondent.pk, key)], questions_per_field.get(key, 0)) for key in keys]
        rows.append({"respondent": respondent, "done": done, "total": total, "per_field": per_field})
    context = {
        "assessment": assessment,
        "membership": membership,
        "team": membership.team,
        "rows": rows,
        "rounds": membership.team.assessments.order_by("-round_number"),
        "fields": {f.key: f for f in assessment.version.fields.all()},
        "next_round_form": NextRoundForm(),
        "own_respondent": next((r for r in respondents if r.user_id == request.user.pk and not r.is_revoked), None),
    }
    return render(request, "teams/round.html", context)


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def invite(request, pk: int):
    assessment, _membership = round_for(request, pk, coordinator=True)
    form = InvitationForm(request.POST if request.method == "POST" else None, version=assessment.version)
    context = {"assessment": assessment, "form": form}
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.add_error(
                None,
                _(
                    "Sie haben in der letzten Stunde sehr viele Einladungen verschickt. Bitte versuchen Sie es später noch einmal."
                ),
            )
            return render(request, "teams/invite.html", context, status=429)
        if form.is_valid():
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
                return render(request, "teams/invite.html", context, status=400)
            if respondent.email:
                rounds.send_invitation(request=request, respondent=respondent, token=token)
            link = request.build_absolute_uri(reverse("selfcheck:overview", kwargs={"token": token}))
            return render(
                request, "teams/invite_created.html", {"assessment": assessment, "respondent": respondent, "link": link}
            )
        return render(request, "teams/invite.html", context, status=400)
    return render(request, "teams/invite.html", context)


@login_required
@require_POST
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def respondent_action(request, pk: int, action: str):
    respondent = get_object_or_404(
        Respondent.objects.filter(assessment__in=Assessment.objects.visible_to(request.user)), pk=pk
    )
    assessment, _membership = round_for(request, respondent.assessment_id, coordinator=True)
    if getattr(request, "limited", False):
        messages.error(request, _("Zu viele Einladungen in kurzer Zeit. Bitte versuchen Sie es später noch einmal."))
        return redirect("teams:round", pk=assessment.pk)
    try:
        if action == "widerrufen":
            rounds.revoke(respondent=respondent)
            messages.success(request, _("Die Einladung ist widerrufen; der Link funktioniert nicht mehr."))
        elif action == "erneut-senden" and respondent.email:
            token = rounds.renew_respondent_link(respondent=respondent)
            rounds.send_invitation(request=request, respondent=respondent, token=token)
            messages.success(
                request, _("Die Einladung wurde mit einem neuen Link erneut gesendet; der alte Link gilt nicht mehr.")
            )
        elif action == "neuer-link":
            token = rounds.renew_respondent_link(respondent=respondent)
            link = request.build_absolute_uri(reverse("selfcheck:overview", kwargs={"token": token}))
            return render(
                request, "teams/invite_created.html", {"assessment": assessment, "respondent": respondent, "link": link}
            )
        else:
            messages.error(request, _("Diese Aktion gibt es nicht."))
            return redirect("teams:round", pk=assessment.pk)
    except rounds.RoundError as error:
        messages.error(request, str(error))
    return redirect("teams:round", pk=assessment.pk)


@login_required
@require_POST
def close_round(request, pk: int):
    assessment, _membership = round_for(request, pk, coordinator=True)
    try:
        rounds.close_round(assessment=assessment)
        messages.success(request, _("Die Runde ist abgeschlossen. Die Antworten sind jetzt unveränderlich."))
    except rounds.RoundError as error:
        messages.error(request, str(error))
    return redirect("teams:round", pk=assessment.pk)


@login_required
@require_POST
def share_result(request, pk: int):
    assessment, _membership = round_for(request, pk, coordinator=True)
    assessment.results_shared = request.POST.get("shared") == "yes"
    assessment.save(update_fields=["results_shared"])
    messages.success(
        request,
        _("Das Teamergebnis ist für die Mitglieder freigegeben.")
        if assessment.results_shared
        else _("Das Teamergebnis ist nur noch für die Koordination sichtbar."),
    )
    return redirect("teams:round", pk=assessment.pk)


@login_required
@require_POST
def next_round(request):
    membership = membership_of(request)
    if membership is None or not membership.is_coordinator:
        raise PermissionDenied(_("Nur die Koordination des Teams kann das."))
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
    for respondent in assessment.respondents.exclude(email=""):
        rounds.send_invitation(
            request=request, respondent=respondent, token=rounds.renew_respondent_link(respondent=respondent)
        )
    messages.success(request, _("Runde %(number)d ist eröffnet.") % {"number": assessment.round_number})
    return redirect("teams:round", pk=assessment.pk)


@login_required
@require_POST
def my_answers(request, pk: int):
    assessment, _membership = round_for(request, pk)
    try:
        token = rounds.link_for_member(assessment=assessment, user=request.user)
    except rounds.RoundError as error:
        messages.error(request, str(error))
        return redirect("teams:round", pk=assessment.pk)
    return redirect("selfcheck:overview", token=token)


@login_required
def result(request, pk: int):
    assessment, membership = round_for(request, pk, result=True)
    team = team_result(assessment)
    context = {
        "assessment": assessment,
        "membership": membership,
        "team": team,
        "result": team.result,
        **chart_context(team.result),
    }
    return render(request, "teams/result.html", context)


@login_required
def result_pdf(request, pk: int):
    assessment, _membership = round_for(request, pk, result=True)
    team = team_result(assessment)
    pdf = report.assessment_report(team.result, chart_context(team.result), team=team)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="teamergebnis-{slugify(assessment.display_title)}.pdf"'
    return response


@login_required
def progress(request):
    membership = membership_of(request)
    if membership is None:
        return redirect("teams:home")
    closed = list(membership.team.assessments.order_by("round_number"))
    if not membership.is_coordinator:
        closed = [a for a in closed if a.results_shared]
    comparison = compare_rounds(closed[-2], closed[-1]) if len(closed) >= 2 else None
    return render(
        request, "teams/progress.html", {"membership": membership, "comparison": comparison, "rounds": closed}
    )


@login_required
def members(request):
    membership = membership_of(request)
    if membership is None or not membership.is_coordinator:
        raise PermissionDenied(_("Nur die Koordination des Teams kann das."))
    form = MemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        Membership.objects.create(team=membership.team, user=form.user, role=form.cleaned_data["role"])
        messages.success(request, _("%(email)s gehört jetzt zum Team.") % {"email": form.user.email})
        return redirect("teams:members")
    context = {"membership": membership, "form": form, "members": membership.team.memberships.select_related("user")}
    return render(request, "teams/members.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def remove_member(request, pk: int):
    membership = membership_of(request)
    if membership is None or not membership.is_coordinator:
        raise PermissionDenied(_("Nur die Koordination des Teams kann das."))
    other = get_object_or_404(membership.team.memberships.exclude(pk=membership.pk), pk=pk)
    other.delete()
    messages.success(request, _("%(email)s gehört nicht mehr zum Team.") % {"email": other.user.email})
    return redirect("teams:members")


@login_required
def take_over(request):
    membership = membership_of(request)
    if membership is None or not membership.is_coordinator:
        raise PermissionDenied(_("Nur die Koordination des Teams kann das."))
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
