"""The pages of a prepared PDF (`documents.py`), shared by the apps that offer one: the
request page, the status page (whose fragment htmx polls) and the download. Each app's
views resolve the assessment under their own access rule first and describe the document
with a `DocumentPage`; the three views below do the rest."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import documents
from .models import Assessment, PreparedDocument


@dataclass(frozen=True)
class DocumentPage:
    """One kind of prepared PDF of one assessment: what the page says and where it leads
    (`request_url` takes the POST that prepares a new document, `back_url` is the page the
    PDF belongs to), and what `documents.request_document` needs to prepare it."""

    title: str
    request_url: str
    back_url: str
    back_label: str
    kind: str
    filename: str
    task: object  # a django-tasks task taking the document's id
    status_url_of: Callable[[PreparedDocument], str]
    download_url_of: Callable[[PreparedDocument], str]


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def document_or_404(assessment: Assessment, *, kind: str, pk) -> PreparedDocument:
    """One of the assessment's documents of this kind; another assessment's is a 404."""
    document = documents.document_of(assessment, kind=kind, pk=pk)
    if document is None:
        raise Http404(_("Diese PDF-Datei gibt es nicht (mehr)."))
    return document


def entry(request, page: DocumentPage, assessment: Assessment) -> HttpResponse:
    """GET: the latest document in this language, or the button; POST prepares a new one."""
    if request.method == "POST":
        return prepare(request, page, assessment)
    latest = documents.latest_document(assessment, kind=page.kind)
    if latest is not None:
        return redirect(page.status_url_of(latest))
    return status_page(request, page, None)


def status(request, page: DocumentPage, assessment: Assessment, pk) -> HttpResponse:
    return status_page(request, page, document_or_404(assessment, kind=page.kind, pk=pk))


def prepare(request, page: DocumentPage, assessment: Assessment) -> HttpResponse:
    """POST of the button: request a document (`documents.request_document`) and follow it to
    its status page; beyond the hourly limit, say so with a 429 and prepare nothing."""
    try:
        document = documents.request_document(
            assessment=assessment, kind=page.kind, filename=page.filename, task=page.task
        )
    except documents.TooManyDocuments:
        context = {
            "page": page,
            "document": None,
            "retention_days": PreparedDocument.RETENTION.days,
            "refused": ngettext(
                "In der letzten Stunde wurde für diesen Selbstcheck schon %(count)d PDF-Datei erstellt. "
                "Bitte versuchen Sie es später noch einmal.",
                "In der letzten Stunde wurden für diesen Selbstcheck schon %(count)d PDF-Dateien erstellt. "
                "Bitte versuchen Sie es später noch einmal.",
                PreparedDocument.MAX_PER_HOUR,
            )
            % {"count": PreparedDocument.MAX_PER_HOUR},
        }
        return render(request, "selfcheck/document_page.html", context, status=429)
    return redirect(page.status_url_of(document))


def status_page(request, page: DocumentPage, document: PreparedDocument | None) -> HttpResponse:
    context = {
        "page": page,
        "document": document,
        "status_url": page.status_url_of(document) if document else "",
        "download_url": page.download_url_of(document) if document else "",
        "retention_days": PreparedDocument.RETENTION.days,
    }
    if document is not None and is_htmx(request):
        return render(request, "selfcheck/document_status.html", context)
    return render(request, "selfcheck/document_page.html", context)


def download(page: DocumentPage, assessment: Assessment, pk) -> HttpResponse:
    """The file under the name and headers the PDF had when it was rendered in the request;
    a document not (or no longer) ready leads back to its status page, one whose file is
    gone (a restored backup holds none) then offers to prepare it again."""
    document = document_or_404(assessment, kind=page.kind, pk=pk)
    if document.is_ready and not document.file.storage.exists(document.file.name):
        documents.mark_lost(document)
    if not document.is_ready:
        return redirect(page.status_url_of(document))
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
