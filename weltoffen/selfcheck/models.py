from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weltoffen.catalogue.models import CatalogueVersion, FieldOfAction, Question
from weltoffen.municipalities.models import Municipality

from . import scoring
from .tokens import hash_token, looks_like_token


class AssessmentQuerySet(models.QuerySet):
    def by_token(self, token: str) -> "Assessment | None":
        """The assessment a secret link opens, or None; never raises on bad input."""
        if not looks_like_token(token):
            return None
        return self.select_related("version", "municipality").filter(token_hash=hash_token(token)).first()

    def inactive_since(self, moment) -> "AssessmentQuerySet":
        return self.filter(last_activity_at__lt=moment)


class Assessment(models.Model):
    """One Selbstcheck of one municipality (or of nobody named), on one catalogue version.

    Access is by a secret link; only the hash of its token is stored.
    """

    RETENTION = timedelta(days=730)  # deleted after 24 months without activity (privacy page)

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("Katalogversion")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("Kommune"),
    )
    title = models.CharField(_("Titel"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("begonnen am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Selbstcheck")
        verbose_name_plural = _("Selbstchecks")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.municipality:
            return str(_("Selbstcheck %(name)s") % {"name": self.municipality.short_name})
        return str(_("Selbstcheck ohne Kommune"))

    def mark_changed(self) -> None:
        """Answers changed: the result's date moves, and so does the automatic deletion."""
        now = timezone.now()
        Assessment.objects.filter(pk=self.pk).update(last_activity_at=now, updated_at=now)
        self.last_activity_at = self.updated_at = now

    def record_visit(self) -> None:
        """Opening the assessment postpones its deletion; written at most once a day."""
        now = timezone.now()
        if now - self.last_activity_at > timedelta(days=1):
            Assessment.objects.filter(pk=self.pk).update(last_activity_at=now)
            self.last_activity_at = now


class Answer(models.Model):
    """One answer to one question, with an optional note or evidence."""

    class Value(models.TextChoices):
        NONE = "", _("keine Angabe")
        ZERO = "0", "0"
        ONE = "1", "1"
        TWO = "2", "2"
        THREE = "3", "3"
        DONT_KNOW = scoring.DONT_KNOW, _("weiß nicht")
        NOT_APPLICABLE = scoring.NOT_APPLICABLE, _("trifft nicht zu")

    NOTE_MAX_LENGTH = 2000

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(_("Antwort"), max_length=20, choices=Value.choices, blank=True)
    note = models.TextField(_("Notiz oder Nachweis"), max_length=NOTE_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.value or '–'}"

    @property
    def scoring_value(self) -> scoring.AnswerValue | None:
        """The value as the scoring rules take it: 0–3, an unscored marker, or None."""
        if self.value in ("0", "1", "2", "3"):
            return int(self.value)
        return self.value or None

    @property
    def is_empty(self) -> bool:
        return not self.value and not self.note


class FieldNote(models.Model):
    """What the team wants to remember about a whole field of action."""

    NOTE_MAX_LENGTH = 5000

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="field_notes")
    field = models.ForeignKey(FieldOfAction, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Notiz zum Handlungsfeld"), max_length=NOTE_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Notiz zum Handlungsfeld")
        verbose_name_plural = _("Notizen zu Handlungsfeldern")
        constraints = [models.UniqueConstraint(fields=["assessment", "field"], name="one_note_per_field")]

    def __str__(self) -> str:
        return self.text[:60]
