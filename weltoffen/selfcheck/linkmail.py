from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from weltoffen.jobs.mailing import queue_mail

from .models import Assessment


def send_resume_link(*, request, assessment: Assessment, token: str, email: str) -> None:
    """Mail the secret link once; the address is used for this message only, never stored."""
    url = request.build_absolute_uri(reverse("selfcheck:overview", kwargs={"token": token}))
    body = render_to_string("selfcheck/email/resume_link.txt", {"assessment": assessment, "url": url})
    queue_mail(
        kind="resume-link", subject=_("Ihr Link zum Selbstcheck Weltoffene Kommune"), body=body, recipients=[email]
    )
