"""Getting a prepared PDF as a person without JavaScript does: press the button, follow the
redirect to the status page, follow its download link."""

import re

from django_tasks import task

from django.core.files.base import ContentFile
from django.utils import timezone

from weltoffen.selfcheck.documents import render_document
from weltoffen.selfcheck.models import PreparedDocument

DOWNLOAD_LINK = re.compile(r'href="([^"]+/datei/)"')


def status_page(client, request_url: str, *, prefix: str = ""):
    """POST to the request URL (the immediate backend renders at once); the status page."""
    response = client.post(prefix + request_url)
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"])


def prepared_pdf(client, request_url: str, *, prefix: str = ""):
    """The download response (a FileResponse: read it with `getvalue()`)."""
    page = status_page(client, request_url, prefix=prefix)
    match = DOWNLOAD_LINK.search(page.text)
    assert match, page.text
    return client.get(match.group(1))


def ready_document(assessment, *, kind: str, content: bytes = b"%PDF-1.7 test") -> PreparedDocument:
    """The assessment's ready document of this kind (one is created the first time)."""
    document = assessment.prepared_documents.filter(kind=kind, status=PreparedDocument.Status.READY).first()
    if document is None:
        document = PreparedDocument(
            assessment=assessment,
            kind=kind,
            language="de",
            filename="test.pdf",
            status=PreparedDocument.Status.READY,
            finished_at=timezone.now(),
        )
        document.file.save("test.pdf", ContentFile(content), save=False)
        document.save()
    return document


def titled_pdf(assessment) -> bytes:
    return b"%PDF-1.7 " + assessment.display_title.encode()


def broken_pdf(assessment) -> bytes:
    raise RuntimeError("WeasyPrint fell over")


@task()
def render_titled(document_id: str) -> None:
    render_document(document_id=document_id, build=titled_pdf)


@task()
def render_broken(document_id: str) -> None:
    render_document(document_id=document_id, build=broken_pdf)
