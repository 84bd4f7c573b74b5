"""Prepared PDFs: requested, rendered by a task, kept in private storage for 7 days and
deleted with their assessment; no secret link in any row, task argument or log line."""

import logging
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.utils import timezone, translation

from weltoffen.selfcheck import answering, documents
from weltoffen.selfcheck.models import PreparedDocument

from .documents import ready_document, render_broken, render_titled

pytestmark = pytest.mark.django_db


def request(assessment, task=render_titled, kind="test-report"):
    return documents.request_document(assessment=assessment, kind=kind, filename="bericht.pdf", task=task)


def test_the_task_renders_the_document_and_stores_it_outside_the_media_root(assessment, prepared_documents_root):
    with translation.override("en"):
        document = request(assessment)
    assert document.is_ready and document.language == "en" and document.finished_at is not None
    assert document.file.read() == b"%PDF-1.7 " + assessment.display_title.encode()
    assert (prepared_documents_root / document.file.name).is_file()
    assert assessment.display_title not in document.file.name
    with pytest.raises(ValueError, match="no public address"):
        document.file.url  # noqa: B018


def test_a_failed_render_marks_the_document_failed_and_keeps_no_file(assessment, prepared_documents_root, caplog):
    with caplog.at_level(logging.WARNING, logger="weltoffen.selfcheck.documents"):
        document = request(assessment, task=render_broken)
    assert document.has_failed and not document.is_ready and not document.file
    assert not prepared_documents_root.exists() or not any(prepared_documents_root.iterdir())
    assert f"Document {document.pk} (test-report) failed: RuntimeError" in caplog.text


def test_pressing_twice_while_it_is_prepared_renders_once(database_queue, assessment):
    first = request(assessment)
    assert first.is_pending
    assert request(assessment) == first
    with translation.override("en"):
        assert request(assessment) != first  # another language is another document
    assert DBTaskResult.objects.count() == 2


def test_a_document_waiting_too_long_counts_as_failed_and_can_be_requested_again(database_queue, assessment):
    stuck = request(assessment)
    PreparedDocument.objects.filter(pk=stuck.pk).update(
        requested_at=timezone.now() - PreparedDocument.STUCK_AFTER - timedelta(seconds=1)
    )
    stuck.refresh_from_db()
    assert stuck.has_failed and not stuck.is_pending
    assert request(assessment) != stuck


def test_the_worker_renders_a_waiting_document(database_queue, assessment):
    document = request(assessment)
    assert document.is_pending and not document.file
    call_command("run_worker", "--once")
    document.refresh_from_db()
    assert document.is_ready and document.file.read().startswith(b"%PDF")


def test_no_secret_link_in_the_document_its_task_or_the_log(database_queue, assessment, caplog):
    token = assessment.token
    with caplog.at_level(logging.DEBUG):
        document = request(assessment)
        call_command("run_worker", "--once")
    (task_row,) = DBTaskResult.objects.filter(task_path__endswith="render_titled")
    assert task_row.args_kwargs == {"args": [str(document.pk)], "kwargs": {}}
    document.refresh_from_db()
    stored = [str(value) for value in PreparedDocument.objects.values_list().get(pk=document.pk)]
    assert document.is_ready
    for text in (*stored, str(task_row.args_kwargs), str(task_row.return_value), caplog.text):
        assert token not in text


def test_a_document_deleted_while_it_was_rendered_leaves_no_file(assessment, prepared_documents_root):
    document = PreparedDocument.objects.create(assessment=assessment, kind="test-report", language="de")

    def build(assessment):
        PreparedDocument.objects.filter(pk=document.pk).delete()
        return b"%PDF-1.7"

    assert documents.render_document(document_id=str(document.pk), build=build) is None
    assert not any(prepared_documents_root.iterdir())


def test_a_ready_document_is_not_rendered_again(assessment):
    document = ready_document(assessment, kind="test-report")
    assert documents.render_document(document_id=str(document.pk), build=lambda a: b"other") is None
    document.refresh_from_db()
    assert document.file.read() == b"%PDF-1.7 test"


def test_the_purge_deletes_documents_older_than_seven_days_with_their_files(
    assessment, prepared_documents_root, django_capture_on_commit_callbacks
):
    old = request(assessment)
    recent = request(assessment, kind="other-report")
    PreparedDocument.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - PreparedDocument.RETENTION - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert documents.purge_expired_documents() == 1
    assert list(PreparedDocument.objects.all()) == [recent]
    assert not (prepared_documents_root / old.file.name).exists()
    assert (prepared_documents_root / recent.file.name).exists()


def test_the_purge_is_a_periodic_task(settings):
    assert settings.PERIODIC_TASKS["weltoffen.selfcheck.tasks.purge_expired_documents"] <= timedelta(days=1)


def test_deleting_the_assessment_deletes_its_documents_and_files(
    assessment, other_assessment, prepared_documents_root, django_capture_on_commit_callbacks
):
    ours, theirs = request(assessment), request(other_assessment)
    with django_capture_on_commit_callbacks(execute=True):
        answering.delete_assessment(assessment=assessment)
    assert list(PreparedDocument.objects.all()) == [theirs]
    assert not (prepared_documents_root / ours.file.name).exists()
    assert (prepared_documents_root / theirs.file.name).exists()


def test_the_latest_document_is_of_the_kind_and_the_language_asked_for(assessment):
    german = request(assessment)
    request(assessment, kind="other-report")
    with translation.override("en"):
        english = request(assessment)
        assert documents.latest_document(assessment, kind="test-report") == english
    assert documents.latest_document(assessment, kind="test-report") == german
    assert documents.latest_document(assessment, kind="unknown") is None


def test_another_assessments_document_is_not_found(assessment, other_assessment):
    theirs = request(other_assessment)
    assert documents.document_of(assessment, kind="test-report", pk=theirs.pk) is None
    assert documents.document_of(other_assessment, kind="test-report", pk=theirs.pk) == theirs
    assert documents.document_of(other_assessment, kind="other-report", pk=theirs.pk) is None


def test_a_request_is_a_fixed_number_of_queries(database_queue, assessment, django_assert_num_queries):
    # the waiting one, the count of the last hour, the new row, the task row, reading the row back
    with django_assert_num_queries(5):
        request(assessment)
    with django_assert_num_queries(1):
        request(assessment)  # still waiting: found, nothing written


def test_beyond_the_hourly_limit_nothing_is_prepared(assessment, monkeypatch):
    monkeypatch.setattr(PreparedDocument, "MAX_PER_HOUR", 2)
    request(assessment)
    request(assessment)
    with pytest.raises(documents.TooManyDocuments):
        request(assessment)
    assert assessment.prepared_documents.count() == 2
    PreparedDocument.objects.update(requested_at=timezone.now() - timedelta(hours=1, seconds=1))
    assert request(assessment).is_ready  # an hour later it works again
