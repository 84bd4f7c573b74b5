"""Opt-in contributions to the anonymous comparison, and the aggregates built from them.

A `Contribution` is one assessment's consent: `compare` lets its field scores enter the
anonymous comparison, `named` lets the operator name the municipality as one to learn
from in fields where it is strong. The scores are a snapshot taken when the consent is
given (a closed round is frozen, so the snapshot is its result).

`ContributedScore` holds one row per municipality, catalogue version and field: the
municipality's latest consenting contribution, denormalised with the register facts the
groups are cut by. `PeerAggregate` and `QuestionSignal` are derived from it when a
consent changes, never per request (see `aggregation.py`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.municipalities.models import Municipality
from weltoffen.selfcheck.models import Assessment


class ContributionQuerySet(models.QuerySet):
    def comparing(self) -> "ContributionQuerySet":
        return self.filter(compare=True)

    def named(self) -> "ContributionQuerySet":
        return self.filter(compare=True, named=True)


class Contribution(models.Model):
    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="peer_contribution")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="+")
    compare = models.BooleanField(_("Punktwerte fließen in den anonymen Vergleich ein"), default=False)
    named = models.BooleanField(_("darf als Kommune zum Voneinander-Lernen genannt werden"), default=False)
    # Field key → score (0–100) or None; question key → [status, needs discussion, has gap].
    scores = models.JSONField(default=dict)
    questions = models.JSONField(default=dict)
    scored_at = models.DateTimeField(_("Stand der Punktwerte"))
    agreed_at = models.DateTimeField(_("zugestimmt am"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetische Testdaten"), default=False, db_index=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beitrag zum Vergleich")
        verbose_name_plural = _("Beiträge zum Vergleich")
        indexes = [models.Index(fields=["municipality", "version", "compare"])]

    def __str__(self) -> str:
        return f"{self.municipality.short_name} – {self.assessment_id}"


class ContributedScore(models.Model):
    """One municipality's field score in the comparison: what every aggregate is built from."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="rows")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="+")
    field_key = models.SlugField(max_length=40)
    score = models.FloatField(null=True)
    land_ags = models.CharField(max_length=8)
    kreis_ags = models.CharField(max_length=8, blank=True)
    kind = models.CharField(max_length=20)
    size_class = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version", "field_key"], name="one_contributed_score_per_field"
            )
        ]
        indexes = [
            models.Index(fields=["version", "field_key", "land_ags"]),
            models.Index(fields=["version", "field_key", "kreis_ags"]),
            models.Index(fields=["version", "field_key", "kind", "size_class"]),
        ]

    def __str__(self) -> str:
        return f"{self.field_key}: {self.score}"


class PeerAggregate(models.Model):
    """Median and quartiles of one group's field scores, with the decision whether the
    public (API, dashboard, CSV) may see it. Viewer-specific checks happen in `threshold`."""

    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="+")
    field_key = models.SlugField(max_length=40)
    group = models.CharField(max_length=60)  # "all", "land:01", "kreis:01001", "type:gemeinde:kleinstadt"
    count = models.PositiveIntegerField()  # contributing municipalities with a score
    lower_quartile = models.FloatField(null=True)
    median = models.FloatField(null=True)
    upper_quartile = models.FloatField(null=True)
    is_public = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "field_key", "group"], name="one_aggregate_per_group"),
        ]
        indexes = [models.Index(fields=["version", "group"])]

    def __str__(self) -> str:
        return f"{self.group} / {self.field_key} (n={self.count})"


class QuestionSignal(models.Model):
    """Counts per catalogue question across contributing rounds: how often the team's answer
    was "weiß nicht", "trifft nicht zu", skipped, disputed or left a gap. Updated by deltas."""

    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="+")
    question_key = models.CharField(max_length=80)
    contributions = models.PositiveIntegerField(default=0)
    dont_know = models.PositiveIntegerField(default=0)
    not_applicable = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    disputed = models.PositiveIntegerField(default=0)
    gaps = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "question_key"], name="one_signal_per_question")]

    def __str__(self) -> str:
        return self.question_key


class SyntheticTeam(models.Model):
    """Marks a team (and with it its rounds, answers and consents) as synthetic test data."""

    team = models.OneToOneField("teams.Team", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("synthetisches Team")
        verbose_name_plural = _("synthetische Teams")

    def __str__(self) -> str:
        return str(self.team_id)
