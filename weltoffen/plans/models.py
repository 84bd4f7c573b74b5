"""The Maßnahmenplan of a round: measures with a status history.

A measure from a recommendation keeps the question's stable key (not its row), so the
link survives new catalogue versions and the next round can follow the question up.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weltoffen.selfcheck.models import Assessment


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "geplant", _("geplant")
        IN_PROGRESS = "in-umsetzung", _("in Umsetzung")
        DONE = "umgesetzt", _("umgesetzt")
        DROPPED = "verworfen", _("verworfen")

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="measures")
    field_key = models.CharField(_("Handlungsfeld"), max_length=40)
    question_key = models.CharField(_("Empfehlung (Frage)"), max_length=80, blank=True)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), max_length=4000, blank=True)
    department = models.CharField(_("Verantwortlicher Fachbereich"), max_length=200, blank=True)
    lead_person = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    lead_consents = models.BooleanField(_("Die Person ist einverstanden, genannt zu werden"), default=False)
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    due_on = models.DateField(_("Fällig am"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    success_indicator = models.TextField(_("Woran wir den Erfolg erkennen"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def shown_lead(self) -> str:
        """The lead person only with their consent."""
        return self.lead_person if self.lead_consents else ""


class StatusChange(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=20, choices=Measure.Status.choices)
    changed_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["changed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.status} ({self.changed_on})"


class CalendarFeed(models.Model):
    """The secret address of a round's due dates as an iCalendar feed, for calendar apps
    that cannot sign in. Only the hash of its token is stored; a new link replaces the
    old one and revoking deletes the row, so an old address stops working at once."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Kalender-Link")
        verbose_name_plural = _("Kalender-Links")

    def __str__(self) -> str:
        return f"{self.assessment_id} ({self.created_at:%Y-%m-%d})"
