"""Dialogue pages: the public survey, and the owner's survey page with QR code and handout.

Views parse input, call one workflow of `surveys`, and render.
"""

import hashlib
import hmac

import segno
from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from weltoffen.pages.proxy import client_ip
from weltoffen.selfcheck.report import font_urls, to_pdf
from weltoffen.translation import is_english

from . import surveys
from .access import with_owner
from .comparison import chart_rows, comparison
from .forms import NONCE_MAX_AGE, SurveyForm, TamperedSurvey, new_nonce, read_nonce
from .models import Survey

# Up to 60 responses an hour from one address: a workshop room shares one address.
ADDRESS_RATE = "60/h"
# The same answers and comments sent again and again, from however many addresses.
SAME_CONTENT_RATE = "5/h"
LEICHTE_SPRACHE = "leichte-sprache"


def keyed(value: str) -> str:
    """A keyed hash: the rate limit's cache key cannot be turned back into the address."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def address_key(group, request) -> str:
    return keyed(client_ip(request))


def cookie_name(survey: Survey) -> str:
    return f"wk_umfrage_{survey.pk}"


def language_of(request, variant: str | None) -> str:
    if variant == LEICHTE_SPRACHE:
        return "ls"
    return "en" if is_english() else "de"


def public_url(request, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("dialogue:survey", kwargs={"token": survey.public_token}))


def refuse(request, survey, language: str, message: str, status: int):
    context = {"survey": survey, "language": language, "message": message}
    return render(request, "dialogue/survey_refused.html", context, status=status)


def answer_survey(request, token: str, variant: str | None = None):
    """The public survey: no account, nothing stored about who answers."""
    if variant not in (None, LEICHTE_SPRACHE):
        raise Http404
    language = language_of(request, variant)
    survey = Survey.objects.by_public_token(token)
    if survey is None:
        return refuse(request, None, language, _("Diese Umfrage gibt es nicht. Bitte prüfen Sie den Link."), 404)
    if not survey.is_open:
        return refuse(request, survey, language, str(surveys.SurveyClosed.message), 410)
    if request.COOKIES.get(cookie_name(survey)):
        return refuse(
            request,
            survey,
            language,
            _("Sie haben an dieser Umfrage schon teilgenommen. Vielen Dank! Jede Person antwortet nur einmal."),
            409 if request.method == "POST" else 200,
        )
    if request.method != "POST":
        form = SurveyForm(survey=survey, language=language, initial={"nonce": new_nonce(survey)})
        return render_survey(request, survey, form, language)
    if is_ratelimited(
        request, group=f"dialogue-survey-{survey.pk}", key=address_key, rate=ADDRESS_RATE, method="POST", increment=True
    ):
        return refuse(
            request,
            survey,
            language,
            _(
                "Von Ihrer Verbindung kamen in der letzten Stunde sehr viele Antworten. Bitte versuchen Sie es später noch einmal."
            ),
            429,
        )
    form = SurveyForm(request.POST, survey=survey, language=language)
    try:
        form.check_names()
        nonce = read_nonce(request.POST.get("nonce", ""), survey)
    except TamperedSurvey:
        return refuse(
            request,
            survey,
            language,
            _("Dieses Formular gehört nicht zu dieser Umfrage oder wurde verändert. Bitte laden Sie die Seite neu."),
            400,
        )
    if not form.is_valid():
        return render_survey(request, survey, form, language, status=400)
    if form.is_spam():
        return redirect(thanks_url(survey, variant))  # bots learn nothing; nothing is stored
    if is_ratelimited(
        request,
        group=f"dialogue-content-{survey.pk}",
        key=lambda group, request: keyed(form.content_digest_source()),
        rate=SAME_CONTENT_RATE,
        method="POST",
        increment=True,
    ):
        return refuse(
            request,
            survey,
            language,
            _("Genau diese Antwort kam in der letzten Stunde schon mehrfach. Wir nehmen sie nicht noch einmal an."),
            429,
        )
    # A form is submitted once: the nonce's keyed hash is remembered as long as the form is valid.
    if not cache.add(f"dialogue:nonce:{keyed(nonce)}", True, NONCE_MAX_AGE):
        return refuse(request, survey, language, _("Diese Antwort ist bereits gespeichert worden. Vielen Dank!"), 409)
    try:
        surveys.submit_response(survey=survey, submission=form.submission())
    except surveys.SurveyError as error:
        return refuse(request, survey, language, str(error), 410 if isinstance(error, surveys.SurveyClosed) else 400)
    response = redirect(thanks_url(survey, variant))
    # The cookie holds only "answered", for this survey, for a year (privacy page).
    response.set_cookie(
        cookie_name(survey),
        "1",
        max_age=60 * 60 * 24 * 365,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def thanks_url(survey: Survey, variant: str | None) -> str:
    url = reverse("dialogue:survey-thanks", kwargs={"token": survey.public_token})
    return url + ("?sprache=leicht" if variant == LEICHTE_SPRACHE else "")


def render_survey(request, survey, form, language, status=200):
    fields = {f.key: f for f in survey.assessment.version.fields.all()}
    context = {
        "survey": survey,
        "form": form,
        "language": language,
        "groups": [(key, fields.get(key), bound, comment) for key, bound, comment in form.questions_by_field()],
        "error_count": len(form.errors),
    }
    return render(request, "dialogue/survey.html", context, status=status)


def survey_thanks(request, token: str):
    survey = Survey.objects.by_public_token(token)
    language = "ls" if request.GET.get("sprache") == "leicht" else language_of(request, None)
    if survey is None:
        return refuse(request, None, language, _("Diese Umfrage gibt es nicht. Bitte prüfen Sie den Link."), 404)
    return render(request, "dialogue/survey_thanks.html", {"survey": survey, "language": language})


@with_owner()
def survey_manage(request, owner):
    survey = Survey.objects.filter(assessment=owner.assessment).first()
    context = {
        "owner": owner,
        "assessment": owner.assessment,
        "survey": survey,
        "counts": surveys.group_counts(survey) if survey else [],
        "total": survey.responses.count() if survey else 0,
        "public_url": public_url(request, survey) if survey else "",
        "qr_svg": qr_code(public_url(request, survey)).svg_inline(scale=4, title=_("QR-Code der Umfrage"))
        if survey
        else "",
    }
    return render(request, "dialogue/manage.html", context)


@with_owner(manage=True)
def survey_action(request, owner, action: str):
    if request.method != "POST":
        return redirect("dialogue:manage", ref=owner.ref)
    if action == "eroeffnen":
        surveys.open_survey(assessment=owner.assessment)
    elif action == "schliessen":
        survey = Survey.objects.filter(assessment=owner.assessment).first()
        if survey is not None:
            surveys.close_survey(survey=survey)
    else:
        return render(request, "dialogue/refused.html", {"message": _("Diese Aktion gibt es nicht.")}, status=400)
    return redirect("dialogue:manage", ref=owner.ref)


def qr_code(url: str):
    return segno.make(url, error="m")


def owner_survey(owner) -> Survey:
    return get_object_or_404(Survey, assessment=owner.assessment)


@with_owner()
def survey_qr(request, owner):
    survey = owner_survey(owner)
    svg = qr_code(public_url(request, survey)).svg_inline(scale=10, title=_("QR-Code der Umfrage"))
    response = HttpResponse('<?xml version="1.0" encoding="utf-8"?>\n' + svg, content_type="image/svg+xml")
    response["Content-Disposition"] = 'attachment; filename="umfrage-qr-code.svg"'
    return response


@with_owner()
def survey_handout(request, owner):
    survey = owner_survey(owner)
    url = public_url(request, survey)
    context = {
        "assessment": owner.assessment,
        "survey": survey,
        "url": url,
        "qr_svg": qr_code(url).svg_inline(scale=6, title=_("QR-Code der Umfrage")),
        "language": get_language(),
        "fonts": font_urls(),
    }
    response = HttpResponse(to_pdf(render_to_string("dialogue/handout.html", context)), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="umfrage-aushang.pdf"'
    return response


@with_owner()
def comparison_page(request, owner):
    compared = comparison(owner.assessment)
    context = {"owner": owner, "assessment": owner.assessment, "comparison": compared, "chart": chart_rows(compared)}
    return render(request, "dialogue/comparison.html", context)
