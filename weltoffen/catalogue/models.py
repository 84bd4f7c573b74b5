from types import SimpleNamespace

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weltoffen.translation import is_english, translated


class CatalogueFrozen(Exception):
    """A catalogue version that answers refer to cannot change."""


class CatalogueVersionQuerySet(models.QuerySet):
    def current(self) -> "CatalogueVersion":
        return self.get(is_current=True)


class CatalogueVersion(models.Model):
    """One immutable edition of the question catalogue and the method that scores it.

    `method` holds the answer scales, levels and thresholds from the version's
    catalogue.yaml, so a result is always computed and explained with the rules it
    was answered under.
    """

    key = models.SlugField(_("Version"), max_length=20, unique=True)
    label = models.CharField(_("Bezeichnung"), max_length=100)
    published_on = models.DateField(_("veröffentlicht am"))
    method = models.JSONField(_("Methode"))
    source_digest = models.CharField(max_length=64, editable=False)
    is_current = models.BooleanField(_("aktuelle Version"), default=False)
    # mapping.yaml: how the questions of the previous version became this version's (see loading.py).
    mapping = models.JSONField(_("Zuordnung zur Vorversion"), default=dict, blank=True)
    frozen_at = models.DateTimeField(
        _("eingefroren am"), null=True, blank=True, help_text=_("Ab der ersten Antwort unveränderlich.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CatalogueVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Katalogversion")
        verbose_name_plural = _("Katalogversionen")
        ordering = ["-published_on", "-key"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_catalogue"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def freeze(self) -> None:
        """Called when the first answer refers to this version."""
        if self.frozen_at is None:
            self.frozen_at = timezone.now()
            CatalogueVersion.objects.filter(pk=self.pk, frozen_at__isnull=True).update(frozen_at=self.frozen_at)

    @property
    def scales(self) -> dict[str, dict]:
        return self.method["scales"]

    @property
    def display_label(self) -> str:
        return translated(self, "label")

    @property
    def label_en(self) -> str:
        return self.method.get("label_en", "")

    @property
    def method_label(self) -> str:
        """The method a result was computed with; version 1 names none, it has no level rules."""
        names = self.method.get("method_label")
        if not names:
            return str(_("Methode 1: Stufe allein nach Punktwert und Abdeckung"))
        return translated(SimpleNamespace(label=names, label_en=self.method.get("method_label_en", "")), "label")

    def mapping_from(self, key: str) -> dict[str, dict]:
        """Earlier question key → {"keys": [...], "change": same|reworded|split|merged|dropped}."""
        if self.mapping.get("from") != key:
            return {}
        return {entry["from"]: {"keys": entry["to"], "change": entry["change"]} for entry in self.mapping["questions"]}


class FieldOfAction(models.Model):
    """A Handlungsfeld of one catalogue version."""

    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(_("Schlüssel"), max_length=40)
    number = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Titel"), max_length=200)
    title_en = models.CharField(_("Titel (englisch)"), max_length=200, blank=True)
    summary = models.TextField(_("Kurzbeschreibung"))
    summary_en = models.TextField(_("Kurzbeschreibung (englisch)"), blank=True)
    description = models.TextField(_("Beschreibung"))
    description_en = models.TextField(_("Beschreibung (englisch)"), blank=True)
    assessments = models.JSONField(_("Einschätzungen je Stufe"))
    assessments_en = models.JSONField(_("Einschätzungen je Stufe (englisch)"), default=dict, blank=True)
    weights_rationale = models.TextField(_("Begründung der Gewichte"), blank=True)
    weights_rationale_en = models.TextField(_("Begründung der Gewichte (englisch)"), blank=True)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_field_key_per_version"),
            models.UniqueConstraint(fields=["version", "number"], name="unique_field_number_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def display_title(self) -> str:
        return translated(self, "title")

    @property
    def display_summary(self) -> str:
        return translated(self, "summary")

    @property
    def display_description(self) -> str:
        return translated(self, "description")

    @property
    def display_weights_rationale(self) -> str:
        return translated(self, "weights_rationale")

    def assessment_language(self, level_key: str) -> str:
        return "en" if is_english() and self.assessments_en.get(level_key) else "de"

    def assessment_for(self, level_key: str) -> str:
        if is_english() and self.assessments_en.get(level_key):
            return self.assessments_en[level_key]
        return self.assessments.get(level_key, "")


class SubTopic(models.Model):
    field = models.ForeignKey(FieldOfAction, on_delete=models.CASCADE, related_name="subtopics")
    key = models.SlugField(_("Schlüssel"), max_length=40)
    title = models.CharField(_("Titel"), max_length=200)
    title_en = models.CharField(_("Titel (englisch)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("Unterthema")
        verbose_name_plural = _("Unterthemen")
        ordering = ["field", "position"]
        constraints = [models.UniqueConstraint(fields=["field", "key"], name="unique_subtopic_key_per_field")]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return translated(self, "title")


class Question(models.Model):
    """A question of one catalogue version; `key` stays the same across versions."""

    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="questions")
    field = models.ForeignKey(FieldOfAction, on_delete=models.CASCADE, related_name="questions")
    subtopic = models.ForeignKey(SubTopic, on_delete=models.CASCADE, null=True, blank=True, related_name="questions")
    key = models.CharField(_("Kennung"), max_length=80)
    position = models.PositiveSmallIntegerField(_("Position"))
    text = models.TextField(_("Frage"))
    text_en = models.TextField(_("Frage (englisch)"), blank=True)
    help_text = models.TextField(_("Erläuterung"))
    help_text_en = models.TextField(_("Erläuterung (englisch)"), blank=True)
    # What an answer looks like, per scale value ("0", "3", …); version 2 has at least 0 and 3.
    anchors = models.JSONField(_("Ankerbeispiele"), default=dict, blank=True)
    anchors_en = models.JSONField(_("Ankerbeispiele (englisch)"), default=dict, blank=True)
    weight = models.PositiveSmallIntegerField(_("Gewicht"))
    foundation = models.BooleanField(_("grundlegende Frage"), default=False)
    depends_on = models.CharField(_("setzt Frage voraus"), max_length=80, blank=True)
    not_applicable = models.BooleanField(_("„trifft nicht zu“ anbieten"), default=True)
    scale = models.CharField(_("Antwortskala"), max_length=40)
    recommendation = models.TextField(_("Empfehlung"))
    recommendation_en = models.TextField(_("Empfehlung (englisch)"), blank=True)
    tags = models.JSONField(_("Schlagworte"), default=list)

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["field__number", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_question_key_per_version")]

    def __str__(self) -> str:
        return self.key

    @property
    def display_text(self) -> str:
        return translated(self, "text")

    @property
    def content_language(self) -> str:
        """The language of the displayed texts, for `lang`: German where no English exists (v1)."""
        return "en" if is_english() and self.text_en else "de"

    @property
    def display_help_text(self) -> str:
        return translated(self, "help_text")

    @property
    def display_recommendation(self) -> str:
        return translated(self, "recommendation")

    @property
    def display_anchors(self) -> list[tuple[int, str]]:
        """[(value, text)] in scale order, in the reader's language."""
        anchors = self.anchors_en if is_english() and self.anchors_en else self.anchors
        return sorted((int(value), text) for value, text in anchors.items())
