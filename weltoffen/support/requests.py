"""Confidential requests for help: submitted, noticed by the support team without any of
their content leaving the database, and deleted after HelpRequest.RETENTION."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from weltoffen.jobs.mailing import queue_mail

from .models import HelpRequest


@transaction.atomic
def submit_help_request(*, requester, message: str, contact_channel: str, contact: str) -> HelpRequest:
    request = HelpRequest.objects.create(
        requester=requester if requester is not None and requester.is_authenticated else None,
        message=message,
        contact_channel=contact_channel,
        contact=contact,
    )
    notify_support_team()
    return request


def notify_support_team() -> None:
    """Says only that a request arrived: no content, no contact, no name, no link to it."""
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=settings.SUPPORT_GROUP_NAME, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    with override(settings.LANGUAGE_CODE):
        body = _(
            "Eine neue vertrauliche Anfrage um Unterstützung ist eingegangen.\n\n"
            "Bitte melden Sie sich mit Ihrem zweiten Faktor an, um sie zu lesen:\n%(url)s"
        ) % {"url": settings.SITE_URL.rstrip("/") + reverse("support:team-requests")}
        subject = _("[Weltoffene Kommune] Neue vertrauliche Anfrage")
    queue_mail(kind="help-request", subject=subject, body=body, recipients=recipients)


@transaction.atomic
def set_status(*, help_request: HelpRequest, status: str) -> HelpRequest:
    if status not in HelpRequest.Status.values:
        raise ValueError(status)
    help_request.status = status
    help_request.save(update_fields=["status", "updated_at"])
    return help_request


def purge_expired_help_requests() -> int:
    """Delete requests RETENTION after their last change, as the privacy policy promises.

    Periodic (settings.PERIODIC_TASKS), and by hand with `manage.py purge_help_requests`."""
    deleted, _ = HelpRequest.objects.expired().delete()
    return deleted
