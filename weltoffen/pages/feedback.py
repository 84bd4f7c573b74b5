import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from .models import BarrierReport, purge_expired_barrier_reports

logger = logging.getLogger(__name__)


def submit_barrier_report(*, form) -> BarrierReport:
    """Store the report first, then notify staff: a mail failure must not lose it."""
    report = form.save()
    purge_expired_barrier_reports()
    body = _("Neue Meldung einer Barriere\n\nSeite: %(page)s\nName: %(name)s\nE-Mail: %(email)s\n\n%(message)s") % {
        "page": report.page_url or "–",
        "name": report.name or "–",
        "email": report.email or "–",
        "message": report.message,
    }
    try:
        send_mail(
            subject=_("[Weltoffene Kommune] Barriere gemeldet"),
            message=body,
            from_email=None,
            recipient_list=[settings.FEEDBACK_EMAIL],
        )
    except OSError:
        logger.exception("Barrier report %s stored, but the notification mail failed", report.pk)
    return report
