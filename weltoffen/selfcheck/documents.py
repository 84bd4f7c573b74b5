"""PDFs that take seconds to render (the team result, the workshop documentation) are
prepared by a background task, not inside the request.

A request stores a `PreparedDocument` (pending) and enqueues the owning app's task with the
row's id, never a secret link; the task renders in the requested language and stores the file,
or marks the document failed. The pages of the owning app show its status and serve the
file under their own access rule. A document is deleted with its file after
`PreparedDocument.RETENTION`, and with its assessment.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from .models import Assessment, PreparedDocument

logger = logging.getLogger(__name__)


class TooManyDocuments(Exception):
    """The assessment asked for `PreparedDocument.MAX_PER_HOUR` documents within the last hour."""


def request_document(*, assessment: Assessment, kind: str, filename: str, task) -> PreparedDocument:
    """A new document for the assessment as it is now, handed to `task` (a django-tasks
    task taking the document's id). A document of the same kind and language still being
    prepared is returned instead, so pressing the button twice renders once; beyond
    `MAX_PER_HOUR` requests of the assessment in an hour, `TooManyDocuments` is raised."""
    language = translation.get_language()
    waiting = assessment.prepared_documents.filter(
        kind=kind,
        language=language,
        status=PreparedDocument.Status.PENDING,
        requested_at__gte=timezone.now() - PreparedDocument.STUCK_AFTER,
    ).first()
    if waiting is not None:
        return waiting
    recent = assessment.prepared_documents.filter(requested_at__gte=timezone.now() - timedelta(hours=1))
    if recent.count() >= PreparedDocument.MAX_PER_HOUR:
        raise TooManyDocuments
    document = PreparedDocument.objects.create(assessment=assessment, kind=kind, language=language, filename=filename)
    task.enqueue(str(document.pk))
    # Under the immediate backend (tests, a site without worker) the task has already run.
    document.refresh_from_db()
    return document


def render_document(*, document_id: str, build: Callable[[Assessment], bytes]) -> PreparedDocument | None:
    """The task's work: `build` renders the PDF of the assessment. A failure marks the
    document failed (the page offers to try again); the file is kept only if the document
    still exists and waits, so one deleted meanwhile with its assessment leaves nothing."""
    document = (
        PreparedDocument.objects.select_related("assessment", "assessment__version")
        .filter(pk=document_id, status=PreparedDocument.Status.PENDING)
        .first()
    )
    if document is None:
        return None
    waiting = PreparedDocument.objects.filter(pk=document.pk, status=PreparedDocument.Status.PENDING)
    try:
        with translation.override(document.language):
            pdf = build(document.assessment)
    except Exception as error:
        logger.warning("Document %s (%s) failed: %s", document.pk, document.kind, type(error).__name__)
        waiting.update(status=PreparedDocument.Status.FAILED, finished_at=timezone.now())
        return None
    name = document.file.storage.save(document.file.field.generate_filename(document, "document.pdf"), ContentFile(pdf))
    if not waiting.update(status=PreparedDocument.Status.READY, file=name, finished_at=timezone.now()):
        document.file.storage.delete(name)
        return None
    document.refresh_from_db()
    return document


def document_of(assessment: Assessment, *, kind: str, pk) -> PreparedDocument | None:
    """One of the assessment's documents of this kind; another assessment's is None (a 404)."""
    return assessment.prepared_documents.filter(kind=kind, pk=pk).first()


def latest_document(assessment: Assessment, *, kind: str) -> PreparedDocument | None:
    return assessment.prepared_documents.filter(kind=kind, language=translation.get_language()).first()


def mark_lost(document: PreparedDocument) -> None:
    """A ready document whose file is missing counts as failed, so it can be prepared again."""
    PreparedDocument.objects.filter(pk=document.pk).update(status=PreparedDocument.Status.FAILED)
    document.status = PreparedDocument.Status.FAILED


def purge_expired_documents() -> int:
    """Periodic (settings.PERIODIC_TASKS): documents older than the retention period go,
    with their files (the post_delete handler in apps.py removes them)."""
    deleted, _ = PreparedDocument.objects.expired().delete()
    return deleted
