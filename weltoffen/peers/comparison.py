"""What one municipality sees of the others: per field its own score beside the groups'
median and quartiles, each group shown or hidden by the threshold rule, with the reason.

Reads only the aggregate tables (and a count of overlaps for the differencing check):
a fixed number of queries, whatever the number of participants.
"""

from dataclasses import dataclass, field
from functools import partial

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from weltoffen.municipalities.models import Municipality
from weltoffen.selfcheck.models import Assessment

from . import threshold
from .groups import ALL, Facts, group_label, names_for, short_label, type_key
from .models import ContributedScore, Contribution, PeerAggregate

CHART_WIDTH = 100  # the SVG scale is in score points; the template scales it


@dataclass
class GroupRow:
    key: str
    label: str
    shown: bool
    reason: str = ""
    count: int = 0
    lower: int | None = None
    median: int | None = None
    upper: int | None = None

    @property
    def reason_text(self) -> str:
        return reason_text(self.reason, self.against_label)

    against_label: str = ""
    short_label: str = ""


@dataclass
class FieldComparison:
    key: str
    number: int
    title: str
    own: float | None
    groups: list[GroupRow] = field(default_factory=list)

    @property
    def own_rounded(self) -> int | None:
        return threshold.rounded(self.own)

    @property
    def shown_groups(self) -> list[GroupRow]:
        return [group for group in self.groups if group.shown]

    def median_of(self, key: str) -> int | None:
        return next((group.median for group in self.groups if group.key == key and group.shown), None)


@dataclass
class Comparison:
    municipality: Municipality
    facts: Facts
    contribution: Contribution | None
    fields: list[FieldComparison]
    group_labels: list[tuple[str, str]]

    @property
    def is_contributing(self) -> bool:
        return self.contribution is not None and self.contribution.compare

    @property
    def any_shown(self) -> bool:
        return any(f.shown_groups for f in self.fields)


def reason_text(reason: str, against: str) -> str:
    minimum = threshold.MIN_OTHERS
    if reason == threshold.TOO_FEW:
        return _("Ausgeblendet: Weniger als %(minimum)d andere Kommunen tragen zu dieser Gruppe bei.") % {
            "minimum": minimum
        }
    if reason == threshold.DIFFERENCING:
        return _(
            "Ausgeblendet: Die Gruppe unterscheidet sich von der Gruppe „%(other)s“ um weniger als %(minimum)d "
            "Kommunen. Beide nebeneinander ließen Rückschlüsse auf einzelne Kommunen zu."
        ) % {"other": against, "minimum": minimum}
    if reason == threshold.IDENTICAL:
        return _("Ausgeblendet: Es sind dieselben Kommunen wie in der Gruppe „%(other)s“.") % {"other": against}
    return ""


def comparison_for(assessment: Assessment, own_scores: dict[str, float | None]) -> Comparison | None:
    """The comparison for the assessment's municipality, or None without one.

    `own_scores` (field key → score) are the assessment's current scores; the groups come
    from the aggregates, which change only when a consent changes.
    """
    municipality = assessment.municipality
    if municipality is None:
        return None
    municipality = Municipality.objects.select_related("parent", "land").get(pk=municipality.pk)
    facts = Facts.of(municipality)
    keys = facts.group_keys()
    names = names_for(keys)
    labels = {key: group_label(key, names) for key in keys}
    short_labels = {key: short_label(key, names) for key in keys}
    contribution = Contribution.objects.filter(assessment=assessment).first()
    fields = list(assessment.version.fields.order_by("number"))
    aggregates: dict[tuple[str, str], PeerAggregate] = {
        (a.field_key, a.group): a for a in PeerAggregate.objects.filter(version=assessment.version, group__in=keys)
    }
    own_rows = set(
        ContributedScore.objects.filter(
            municipality=municipality, version=assessment.version, score__isnull=False
        ).values_list("field_key", flat=True)
    )
    overlaps = overlap_counts(assessment.version_id, facts)
    comparisons = []
    for field_of_action in fields:
        counts = {
            key: aggregates[field_of_action.key, key].count for key in keys if (field_of_action.key, key) in aggregates
        }
        groups = [
            threshold.GroupCount(key, counts.get(key, 0), includes_viewer=field_of_action.key in own_rows)
            for key in keys
        ]
        field_overlaps = overlaps.get(field_of_action.key, {})
        decisions = threshold.decide(groups, partial(difference, counts=counts, overlaps=field_overlaps, facts=facts))
        rows = []
        for decision in decisions:
            aggregate = aggregates.get((field_of_action.key, decision.key))
            row = GroupRow(
                key=decision.key,
                label=labels[decision.key],
                shown=decision.shown,
                reason=decision.reason,
                count=aggregate.count if aggregate else 0,
                against_label=labels.get(decision.against, ""),
                short_label=short_labels[decision.key],
            )
            if decision.shown:
                row.lower = threshold.rounded(aggregate.lower_quartile)
                row.median = threshold.rounded(aggregate.median)
                row.upper = threshold.rounded(aggregate.upper_quartile)
            rows.append(row)
        comparisons.append(
            FieldComparison(
                key=field_of_action.key,
                number=field_of_action.number,
                title=field_of_action.display_title,
                own=own_scores.get(field_of_action.key),
                groups=rows,
            )
        )
    return Comparison(
        municipality=municipality,
        facts=facts,
        contribution=contribution,
        fields=comparisons,
        group_labels=[(key, labels[key]) for key in keys],
    )


def overlap_counts(version_id: int, facts: Facts) -> dict[str, dict[str, int]]:
    """Per field: how many of the same type and size class are also in the Land / the Kreis."""
    rows = (
        ContributedScore.objects.filter(
            version_id=version_id, kind=facts.kind, size_class=facts.size_class, score__isnull=False
        )
        .values("field_key")
        .annotate(
            land=Count("pk", filter=Q(land_ags=facts.land_ags)),
            kreis=Count("pk", filter=Q(kreis_ags=facts.kreis_ags) if facts.kreis_ags else Q(pk__in=[])),
        )
    )
    return {row["field_key"]: {"land": row["land"], "kreis": row["kreis"]} for row in rows}


def difference(first: str, second: str, *, counts: dict, overlaps: dict, facts: Facts) -> int:
    """Municipalities in exactly one of two of the viewer's groups.

    Kreis ⊂ Land ⊂ all and type ⊂ all are nested; the type group overlaps Land and Kreis.
    """
    pair = {first, second}
    type_group = type_key(facts.kind, facts.size_class)
    a, b = counts.get(first, 0), counts.get(second, 0)
    if type_group in pair and ALL not in pair:
        other = (pair - {type_group}).pop()
        overlap = overlaps.get("kreis" if other.startswith("kreis:") else "land", 0)
        return threshold.symmetric_difference(a, b, overlap)
    return abs(a - b)
