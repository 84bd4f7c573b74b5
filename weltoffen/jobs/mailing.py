"""Mail leaves through the queue: a request stores the mail and returns, a background task
sends it, and a failed mail is tried again with growing pauses, then given up and shown to
staff in the Wagtail admin ("Ausgehende E-Mails")."""

import logging
from datetime import timedelta

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutgoingMail
from .sealing import UnsealError, seal, unseal

logger = logging.getLogger(__name__)

# Pauses before the 2nd, 3rd, … attempt; after the last one the mail is given up (about 11 hours in all).
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=8))
MAX_ATTEMPTS = len(BACKOFF) + 1
KEEP_SENT = timedelta(days=30)
STUCK_AFTER = timedelta(minutes=10)


def queue_mail(*, kind: str, subject: str, body: str, recipients: list[str]) -> OutgoingMail:
    return queue_message(kind=kind, message=EmailMessage(subject=subject, body=body, to=recipients))


def queue_message(*, kind: str, message: EmailMessage) -> OutgoingMail:
    """Store the mail sealed and hand it to the worker. Inside a transaction the task is stored
    with it, so a rolled-back change sends nothing."""
    from .tasks import deliver_mail

    content = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "alternatives": [[str(part), mimetype] for part, mimetype in getattr(message, "alternatives", [])],
    }
    mail = OutgoingMail.objects.create(
        kind=kind,
        recipient_hint=", ".join(mask_address(address) for address in message.to)[:300],
        sealed_message=seal(content),
        next_attempt_at=timezone.now(),
    )
    deliver_mail.enqueue(mail.pk)
    return mail


def mask_address(address: str) -> str:
    """Enough for staff to tell mails apart, not enough to collect addresses: k…@kommune.example."""
    local, _, domain = address.rpartition("@")
    return f"{local[:1]}…@{domain}" if local else "…"


def deliver(*, mail_id: int) -> OutgoingMail | None:
    """One attempt. The row stays locked while sending, so two workers never send a mail twice."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update()
            .filter(pk=mail_id, status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.RETRYING])
            .first()
        )
        if mail is None:
            return None
        mail.attempts += 1
        try:
            message_from(unseal(mail.sealed_message)).send()
        except UnsealError:
            give_up(mail, "Inhalt mit einem nicht mehr vorhandenen Schlüssel versiegelt")
        except Exception as error:
            logger.warning("Mail %s failed on attempt %s: %s", mail.pk, mail.attempts, type(error).__name__)
            if mail.attempts >= MAX_ATTEMPTS:
                give_up(mail, f"{type(error).__name__}: {error}")
            else:
                mail.status = OutgoingMail.Status.RETRYING
                mail.next_attempt_at = timezone.now() + BACKOFF[mail.attempts - 1]
                mail.last_error = f"{type(error).__name__}: {error}"[:300]
        else:
            mail.status = OutgoingMail.Status.SENT
            mail.sent_at = timezone.now()
            mail.sealed_message = ""
            mail.next_attempt_at = None
        mail.save()
        return mail


def give_up(mail: OutgoingMail, reason: str) -> None:
    logger.error("Mail %s (%s) given up after %s attempts: %s", mail.pk, mail.kind, mail.attempts, reason)
    mail.status = OutgoingMail.Status.FAILED
    mail.sealed_message = ""
    mail.next_attempt_at = None
    mail.last_error = reason[:300]


def message_from(content: dict) -> EmailMessage:
    message = EmailMultiAlternatives(
        subject=content["subject"], body=content["body"], from_email=content["from_email"], to=content["to"]
    )
    for part, mimetype in content["alternatives"]:
        message.attach_alternative(part, mimetype)
    return message


def retry_due_mail() -> int:
    """Periodic: one more attempt for every mail whose pause is over, and for mail whose first
    task was lost (a worker killed mid-task leaves it waiting)."""
    now = timezone.now()
    due = OutgoingMail.objects.filter(
        Q(status=OutgoingMail.Status.RETRYING, next_attempt_at__lte=now)
        | Q(status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=now - STUCK_AFTER)
    )
    ids = list(due.values_list("pk", flat=True))
    for mail_id in ids:
        deliver(mail_id=mail_id)
    return len(ids)


def purge_sent_mail() -> int:
    """Periodic: the record of a sent or given-up mail is kept for KEEP_SENT, then deleted."""
    finished = [OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED]
    old = OutgoingMail.objects.filter(status__in=finished, created_at__lt=timezone.now() - KEEP_SENT)
    deleted, _ = old.delete()
    return deleted
