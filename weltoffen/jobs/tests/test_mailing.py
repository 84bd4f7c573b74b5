"""Mail leaves through the queue: sealed while it waits, retried with backoff, given up
visibly, never sent twice, and never sent for a change that was rolled back."""

import logging
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from weltoffen.jobs import mailing
from weltoffen.jobs.models import OutgoingMail

SECRET_LINK = "https://kommune.example/selbstcheck/a/Geheimer-Token-0123456789abcdefghijklmnopq/"

pytestmark = pytest.mark.django_db


def queue_secret_link():
    return mailing.queue_mail(
        kind="resume-link", subject="Ihr Link", body=f"Ihr Link: {SECRET_LINK}", recipients=["kim@kommune.example"]
    )


def stored_text(mail_row: OutgoingMail) -> str:
    return " ".join(str(getattr(mail_row, field.attname)) for field in OutgoingMail._meta.fields)


def test_a_queued_mail_is_sent_and_only_a_masked_trace_stays():
    row = queue_secret_link()
    assert [message.to for message in mail.outbox] == [["kim@kommune.example"]]
    assert SECRET_LINK in mail.outbox[0].body
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENT
    assert row.attempts == 1 and row.sent_at is not None
    assert row.sealed_message == ""
    assert row.recipient_hint == "k…@kommune.example"
    assert "Geheimer-Token" not in stored_text(row) and "kim@" not in stored_text(row)


def test_with_the_database_queue_the_request_only_stores_and_the_worker_sends(database_queue):
    row = queue_secret_link()
    assert mail.outbox == []
    assert "Geheimer-Token" not in stored_text(row)  # sealed while it waits
    [task] = DBTaskResult.objects.ready()
    assert task.args_kwargs == {"args": [row.pk], "kwargs": {}}
    call_command("run_worker", "--once")
    assert len(mail.outbox) == 1 and SECRET_LINK in mail.outbox[0].body
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENT and row.sealed_message == ""
    assert not DBTaskResult.objects.ready().exists()


def test_a_rolled_back_change_sends_no_mail(database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_secret_link()
        raise RuntimeError("the change failed after the mail was queued")
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()
    call_command("run_worker", "--once")
    assert mail.outbox == []


def test_a_failed_mail_waits_and_is_tried_again_after_its_pause(unreachable_mail_server, settings):
    row = queue_secret_link()
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.RETRYING
    assert row.attempts == 1
    assert "SMTPServerDisconnected" in row.last_error
    assert timedelta(seconds=50) < row.next_attempt_at - timezone.now() <= mailing.BACKOFF[0]
    assert row.sealed_message != ""  # kept, sealed, for the next attempt

    assert mailing.retry_due_mail() == 0  # the pause is not over
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert mailing.retry_due_mail() == 1
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENT and row.attempts == 2
    assert SECRET_LINK in mail.outbox[0].body


def test_the_pauses_grow_and_the_mail_is_given_up_visibly_after_the_last_attempt(unreachable_mail_server, caplog):
    row = queue_secret_link()
    pauses = []
    with caplog.at_level(logging.ERROR, logger="weltoffen.jobs.mailing"):
        for _ in range(mailing.MAX_ATTEMPTS - 1):
            row.refresh_from_db()
            pauses.append(row.next_attempt_at - timezone.now())
            OutgoingMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
            mailing.retry_due_mail()
    assert pauses == sorted(pauses) and len({round(p.total_seconds() / 60) for p in pauses}) == len(pauses)
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.FAILED
    assert row.attempts == mailing.MAX_ATTEMPTS
    assert row.sealed_message == "" and row.next_attempt_at is None
    assert "given up" in caplog.text and "Geheimer-Token" not in caplog.text
    assert mailing.retry_due_mail() == 0


def test_a_mail_is_never_sent_twice():
    row = queue_secret_link()
    assert mailing.deliver(mail_id=row.pk) is None
    assert mailing.deliver(mail_id=row.pk + 1000) is None
    assert len(mail.outbox) == 1


def test_a_mail_whose_task_was_lost_is_sent_by_the_periodic_retry(database_queue):
    row = queue_secret_link()
    DBTaskResult.objects.all().delete()  # as if the worker was killed mid-task
    assert mailing.retry_due_mail() == 0
    OutgoingMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - mailing.STUCK_AFTER)
    assert mailing.retry_due_mail() == 1
    assert len(mail.outbox) == 1


def test_waiting_mail_survives_a_key_rotation_but_not_an_unknown_key(database_queue, settings):
    kept, lost = queue_secret_link(), queue_secret_link()
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-key-" + "x" * 50, [old_key]
    mailing.deliver(mail_id=kept.pk)
    settings.SECRET_KEY_FALLBACKS = []
    mailing.deliver(mail_id=lost.pk)
    kept.refresh_from_db()
    lost.refresh_from_db()
    assert kept.status == OutgoingMail.Status.SENT
    assert lost.status == OutgoingMail.Status.FAILED and "Schlüssel" in lost.last_error
    assert len(mail.outbox) == 1


def test_html_alternatives_travel_with_the_mail():
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(subject="Betreff", body="Text", to=["a@kommune.example"])
    message.attach_alternative("<p>Text</p>", "text/html")
    mailing.queue_message(kind="account", message=message)
    assert mail.outbox[0].alternatives[0][0] == "<p>Text</p>"


def test_finished_mail_records_are_deleted_after_thirty_days_and_waiting_ones_kept(unreachable_mail_server):
    waiting = queue_secret_link()
    old_sent = OutgoingMail.objects.create(kind="contact", recipient_hint="…", status=OutgoingMail.Status.SENT)
    recent = OutgoingMail.objects.create(kind="contact", recipient_hint="…", status=OutgoingMail.Status.FAILED)
    long_ago = timezone.now() - mailing.KEEP_SENT - timedelta(days=1)
    OutgoingMail.objects.filter(pk__in=[waiting.pk, old_sent.pk]).update(created_at=long_ago)
    assert mailing.purge_sent_mail() == 1
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}


@pytest.mark.parametrize(
    ("address", "hint"),
    [("kim@kommune.example", "k…@kommune.example"), ("x@y.de", "x…@y.de"), ("kaputt", "…"), ("@nur.domain", "…")],
)
def test_addresses_are_masked(address, hint):
    assert mailing.mask_address(address) == hint
