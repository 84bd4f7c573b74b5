"""The workshop documentation as one PDF, to attach to a council submission
(Beschlussvorlage): results, disagreement, stakeholders' view, agreed priorities,
minutes and the action plan. Tagged PDF/UA-1 like every report (`selfcheck.report`)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from weltoffen.dialogue.comparison import chart_rows
from weltoffen.plans.report import plan_rows
from weltoffen.selfcheck import charts
from weltoffen.selfcheck.report import font_urls, to_pdf

from .screens import WorkshopView


def workshop_documentation(view: WorkshopView) -> bytes:
    assessment = view.assessment
    context = {
        "view": view,
        "assessment": assessment,
        "result": view.result,
        "team": view.team,
        "comparison": view.comparison,
        "comparison_chart": chart_rows(view.comparison) if view.comparison.survey else None,
        "measures": plan_rows(assessment),
        "today": timezone.localdate(),
        "generated_at": timezone.localtime(),
        "language": get_language(),
        "fonts": font_urls(),
        **charts.chart_context(view.result),
    }
    return to_pdf(render_to_string("workshops/documentation.html", context))
