"""The contact form: stored for staff, mailed to the operator, protected against spam
without third-party captchas (honeypot, minimum fill time, rate limit)."""

from datetime import timedelta

from django_ratelimit.core import is_ratelimited

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weltoffen.jobs.mailing import queue_mail
from weltoffen.pages.forms import HoneypotMixin

from .models import ContactMessage, ContactPerson

MINIMUM_FILL_SECONDS = 3


class ContactForm(HoneypotMixin, forms.ModelForm):
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "organisation", "message"]
        labels = {
            "name": gettext_lazy("Ihr Name"),
            "email": gettext_lazy("Ihre E-Mail-Adresse"),
            "organisation": gettext_lazy("Kommune oder Organisation"),
            "message": gettext_lazy("Was können wir für Sie tun?"),
        }
        help_texts = {"email": gettext_lazy("Damit wir Ihnen antworten können.")}
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "name": {"required": gettext_lazy("Bitte geben Sie Ihren Namen an.")},
            "email": {
                "required": gettext_lazy("Bitte geben Sie Ihre E-Mail-Adresse an, damit wir antworten können."),
                "invalid": gettext_lazy("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."),
            },
            "message": {
                "required": gettext_lazy("Bitte schreiben Sie uns Ihr Anliegen."),
                "max_length": gettext_lazy(
                    "Bitte fassen Sie sich kürzer (höchstens %(limit_value)d Zeichen, jetzt %(show_value)d)."
                ),
            },
        }

    def filled_too_fast(self) -> bool:
        """Bots submit within a second of loading; people do not."""
        try:
            started = signing.loads(
                self.cleaned_data.get("started", ""), salt="contact-form", max_age=timedelta(days=1)
            )
        except signing.BadSignature:
            return True
        return timezone.now().timestamp() - started < MINIMUM_FILL_SECONDS


def contact_view(request, page):
    started = signing.dumps(timezone.now().timestamp(), salt="contact-form")
    # "Von wem lernen?" links here with the request pre-written; it is only a suggestion in the form.
    suggested = request.GET.get("anliegen", "")[:500].replace("\x00", "")
    form = ContactForm(
        request.POST if request.method == "POST" else None, initial={"started": started, "message": suggested}
    )
    status = 200
    if request.method == "POST":
        if is_ratelimited(request, group="contact", key="ip", rate="5/h", method="POST", increment=True):
            form.add_error(
                None,
                _(
                    "Von Ihrer Verbindung kamen in der letzten Stunde schon mehrere Nachrichten. Bitte versuchen Sie es später noch einmal; Ihr Text steht noch im Formular."
                ),
            )
            status = 429
        elif form.is_valid():
            if not form.is_spam() and not form.filled_too_fast():
                submit_contact_message(form=form)
            messages.success(
                request, _("Vielen Dank für Ihre Nachricht. Wir melden uns in der Regel innerhalb einer Woche.")
            )
            return redirect(page.url)
        else:
            status = 400
    context = {"page": page, "self": page, "form": form, "contacts": ContactPerson.objects.all()}
    return render(request, "knowledge/contact_page.html", context, status=status)


def purge_expired_contact_messages() -> int:
    """Periodic (settings.PERIODIC_TASKS): messages are deleted after RETENTION (privacy page)."""
    deleted, _ = ContactMessage.objects.filter(created_at__lt=timezone.now() - ContactMessage.RETENTION).delete()
    return deleted


def submit_contact_message(*, form) -> ContactMessage:
    message = form.save()
    body = _(
        "Neue Kontaktanfrage\n\nName: %(name)s\nE-Mail: %(email)s\nOrganisation: %(organisation)s\n\n%(message)s"
    ) % {
        "name": message.name,
        "email": message.email,
        "organisation": message.organisation or "–",
        "message": message.message,
    }
    queue_mail(
        kind="contact", subject=_("[Weltoffene Kommune] Kontaktanfrage"), body=body, recipients=[settings.CONTACT_EMAIL]
    )
    return message
