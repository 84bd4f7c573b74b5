from django.conf import settings
from django.utils.translation import gettext as _

from weltoffen.jobs.mailing import queue_mail

from .models import BarrierReport


def submit_barrier_report(*, form) -> BarrierReport:
    """Store the report, then queue the notification: a mail failure cannot lose it."""
    report = form.save()
    body = _("Neue Meldung einer Barriere\n\nSeite: %(page)s\nName: %(name)s\nE-Mail: %(email)s\n\n%(message)s") % {
        "page": report.page_url or "–",
        "name": report.name or "–",
        "email": report.email or "–",
        "message": report.message,
    }
    queue_mail(
        kind="barrier-report",
        subject=_("[Weltoffene Kommune] Barriere gemeldet"),
        body=body,
        recipients=[settings.FEEDBACK_EMAIL],
    )
    return report
