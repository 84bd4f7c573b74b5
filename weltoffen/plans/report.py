"""The plan as a PDF (tagged PDF/UA-1 like every report, see `selfcheck.report`); its
table of measures is shared with the workshop documentation."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from weltoffen.selfcheck.report import font_urls, to_pdf

from .models import Measure


def plan_rows(assessment, measures=None) -> list[Measure]:
    """The measures (all of the round, or those given) with `field_title` set for the table."""
    titles = {f.key: f"{f.number}. {f.display_title}" for f in assessment.version.fields.all()}
    rows = list(Measure.objects.filter(assessment=assessment) if measures is None else measures)
    for measure in rows:
        measure.field_title = titles.get(measure.field_key, measure.field_key)
    return rows


def plan_pdf(assessment, measures=None) -> bytes:
    context = {
        "assessment": assessment,
        "measures": plan_rows(assessment, measures),
        "generated_at": timezone.localtime(),
        "today": timezone.localdate(),
        "language": get_language(),
        "fonts": font_urls(),
    }
    return to_pdf(render_to_string("plans/plan_pdf.html", context))
