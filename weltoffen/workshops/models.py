"""What the facilitator records in the workshop of a round: per field the agreed
priorities and short minutes, and for the whole workshop its date and participants.

Fields and recommendations are named by their stable keys (as the plan does), so the
records read the same whatever catalogue version comes next.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weltoffen.plans.models import Measure
from weltoffen.selfcheck.models import Assessment


class Workshop(models.Model):
    """The workshop of one round (or one single-link assessment); created with its first record."""

    PARTICIPANTS_MAX_LENGTH = 500

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="workshop")
    held_on = models.DateField(_("Datum des Workshops"), null=True, blank=True)
    participants = models.CharField(_("Teilnehmende"), max_length=PARTICIPANTS_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Workshop")
        verbose_name_plural = _("Workshops")

    def __str__(self) -> str:
        return str(_("Workshop zu %(title)s") % {"title": self.assessment.display_title})


class Priority(models.Model):
    """An agreed priority of one field: a recommendation (`question_key`) or free text."""

    TEXT_MAX_LENGTH = 300

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="priorities")
    field_key = models.CharField(_("Handlungsfeld"), max_length=40)
    question_key = models.CharField(_("Empfehlung (Frage)"), max_length=80, blank=True)
    text = models.CharField(_("Priorität"), max_length=TEXT_MAX_LENGTH, blank=True)
    position = models.PositiveIntegerField(default=0)
    # The follow-up: the measure made from this priority. Not part of the record, so it may
    # be set after the round is closed, as the plan may change then.
    measure = models.ForeignKey(
        Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="workshop_priorities"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vereinbarte Priorität")
        verbose_name_plural = _("Vereinbarte Prioritäten")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "field_key", "question_key"],
                condition=~Q(question_key=""),
                name="one_priority_per_recommendation",
            ),
            models.CheckConstraint(condition=~Q(question_key="", text=""), name="priority_has_content"),
        ]

    def __str__(self) -> str:
        return self.text or self.question_key

    @property
    def is_recommendation(self) -> bool:
        return bool(self.question_key)


class Minutes(models.Model):
    """Short minutes of one field, or of the whole workshop (`field_key` "")."""

    TEXT_MAX_LENGTH = 4000

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="minutes")
    field_key = models.CharField(_("Handlungsfeld"), max_length=40, blank=True)
    text = models.TextField(_("Protokoll"), max_length=TEXT_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")
        constraints = [models.UniqueConstraint(fields=["workshop", "field_key"], name="one_minutes_per_field")]

    def __str__(self) -> str:
        return f"{self.field_key or '-'}: {self.text[:60]}"
