from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """A mail on its way, sent by a background task and retried with backoff when it fails.

    Mails carry secret links and what people wrote, so their content is stored encrypted
    (`jobs/sealing.py`) and deleted once the mail is sent or given up; what stays is what staff
    need to see that something failed: kind, a masked address, attempts and the error."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RETRYING = "retrying", _("neuer Versuch geplant")
        SENT = "sent", _("gesendet")
        FAILED = "failed", _("aufgegeben")

    kind = models.CharField(_("Art"), max_length=40)
    recipient_hint = models.CharField(_("Empfänger:in (gekürzt)"), max_length=300)
    sealed_message = models.TextField(blank=True, editable=False)
    status = models.CharField(_("Status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), null=True, blank=True)
    last_error = models.CharField(_("letzter Fehler"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("erstellt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("ausgehende E-Mail")
        verbose_name_plural = _("ausgehende E-Mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind_label()} → {self.recipient_hint}"

    @admin.display(description=_("Art"))
    def kind_label(self) -> str:
        return str(MAIL_KINDS.get(self.kind, self.kind))


MAIL_KINDS = {
    "resume-link": _("Link zum Selbstcheck"),
    "invitation": _("Einladung zu einer Runde"),
    "barrier-report": _("Meldung einer Barriere"),
    "contact": _("Kontaktanfrage"),
    "help-request": _("Hinweis auf eine vertrauliche Anfrage"),
    "account": _("Konto"),
}


class ScheduledRun(models.Model):
    """When a periodic task (settings.PERIODIC_TASKS) was last started. Workers claim a run
    with one conditional UPDATE, so several workers never start the same run twice."""

    task_path = models.CharField(max_length=200, unique=True)
    last_started_at = models.DateTimeField()

    def __str__(self):
        return self.task_path
