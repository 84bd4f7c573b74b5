"""PDF documents with WeasyPrint: the report of an assessment and blank questionnaires.

Both are tagged PDF/UA-1 with title and document language, so screen readers can
read them (BITV 2.0 covers documents). Fonts are the self-hosted Fira Sans of KERN;
WeasyPrint may only read local files, never the network.
"""

from pathlib import Path
from urllib.parse import unquote

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from weltoffen.catalogue.models import CatalogueVersion, FieldOfAction

from .results import AssessmentResult

FONT_CONFIG = FontConfiguration()
ALLOWED_ROOTS = (settings.NODE_MODULES.resolve(), (settings.PROJECT_DIR / "static").resolve())


class LocalFilesOnly(URLFetcher):
    """Refuse every resource that is not a local font, stylesheet or image of ours."""

    def fetch(self, url, headers=None):
        path = Path(unquote(url.removeprefix("file://"))).resolve()
        if not url.startswith("file://") or not any(path.is_relative_to(root) for root in ALLOWED_ROOTS):
            raise ValueError(f"Blocked resource in PDF: {url}")
        return super().fetch(url, headers)


def to_pdf(html: str) -> bytes:
    return HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=LocalFilesOnly(allowed_protocols={"file"})
    ).write_pdf(pdf_variant="pdf/ua-1", font_config=FONT_CONFIG, optimize_images=True)


def assessment_report(
    result: AssessmentResult, chart_context: dict, *, template: str = "selfcheck/report/report.html", **extra
) -> bytes:
    """The report of a result; a team report passes its own template (which extends this
    one) and its context in `extra`."""
    context = {
        **extra,
        "result": result,
        "assessment": result.assessment,
        "generated_at": timezone.localtime(),
        "language": get_language(),
        "fonts": font_urls(),
        **chart_context,
    }
    return to_pdf(render_to_string(template, context))


def blank_questionnaire(version: CatalogueVersion, field: FieldOfAction | None = None) -> bytes:
    fields = [field] if field else list(version.fields.order_by("number"))
    groups = []
    for field_of_action in fields:
        questions = field_of_action.questions.select_related("subtopic").order_by("position")
        by_subtopic: dict = {}
        for question in questions:
            by_subtopic.setdefault(question.subtopic, []).append(question)
        groups.append((field_of_action, list(by_subtopic.items())))
    context = {
        "version": version,
        "groups": groups,
        "single_field": field,
        "language": get_language(),
        "fonts": font_urls(),
    }
    return to_pdf(render_to_string("selfcheck/report/questionnaire.html", context))


def font_urls() -> dict[str, str]:
    folder = settings.NODE_MODULES / "@kern-ux" / "native" / "dist" / "fonts" / "fira-sans"
    return {
        weight: (folder / f"FiraSans-{weight}.woff2").resolve().as_uri()
        for weight in ("Regular", "SemiBold", "Bold", "Italic")
    }
