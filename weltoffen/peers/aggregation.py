"""Maintain the aggregate tables when a consent changes; never per request.

`represent` makes one municipality's latest consenting contribution the one that counts
(or none), then refreshes only the groups that municipality belongs to. `rebuild`
recomputes a whole catalogue version, for the synthetic data and after repairs.
"""

import statistics
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from weltoffen.catalogue.models import CatalogueVersion

from . import threshold
from .groups import ALL, Facts, type_key
from .models import ContributedScore, Contribution, PeerAggregate, QuestionSignal

STATUS_SCORED, STATUS_DONT_KNOW, STATUS_NOT_APPLICABLE, STATUS_SKIPPED = "s", "d", "n", "-"


def quartiles(values: list[float]) -> tuple[float | None, float | None, float | None]:
    if not values:
        return None, None, None
    if len(values) == 1:
        return values[0], values[0], values[0]
    lower, middle, upper = statistics.quantiles(sorted(values), n=4, method="inclusive")
    return lower, middle, upper


def keys_of_row(land_ags: str, kreis_ags: str, kind: str, size_class: str) -> list[str]:
    return Facts(land_ags, kreis_ags, kind, size_class).group_keys()


@transaction.atomic
def represent(*, municipality_id: int, version_id: int) -> None:
    """Let the municipality's latest consenting contribution on this version count in the
    comparison, replacing whatever counted before; then refresh its groups."""
    current = (
        ContributedScore.objects.filter(municipality_id=municipality_id, version_id=version_id)
        .values_list("contribution_id", flat=True)
        .first()
    )
    latest = (
        Contribution.objects.comparing()
        .filter(municipality_id=municipality_id, version_id=version_id)
        .select_related("municipality__parent", "municipality__land")
        .order_by("-scored_at", "-pk")
        .first()
    )
    if current == (latest.pk if latest else None):
        return
    touched: set[str] = set()
    if current is not None:
        old = Contribution.objects.select_related("municipality__parent", "municipality__land").get(pk=current)
        touched.update(Facts.of(old.municipality).group_keys())
        ContributedScore.objects.filter(contribution_id=current).delete()
        apply_signals(version_id, [old.questions], sign=-1)
    if latest is not None:
        touched.update(Facts.of(latest.municipality).group_keys())
        ContributedScore.objects.bulk_create(score_rows(latest))
        apply_signals(version_id, [latest.questions], sign=+1)
    refresh(version_id=version_id, group_keys=touched)


@transaction.atomic
def leave(*, contribution: Contribution) -> None:
    """The contribution is about to be deleted (with its Selbstcheck, round or team): it stops
    counting at once, and the municipality's previous consenting contribution counts again.

    Called for each contribution before a deletion removes it (`apps.py`); when one deletion
    takes several contributions of the same municipality, each call hands on to one still
    consenting, and the last leaves none.
    """
    Contribution.objects.filter(pk=contribution.pk).update(compare=False, named=False)
    represent(municipality_id=contribution.municipality_id, version_id=contribution.version_id)


def forget(*, contribution: Contribution) -> None:
    """Remove the contribution's rows and signals if it is the one counting; `represent`
    refreshes the groups afterwards."""
    if ContributedScore.objects.filter(contribution=contribution).delete()[0]:
        apply_signals(contribution.version_id, [contribution.questions], sign=-1)


def score_rows(contribution: Contribution) -> list[ContributedScore]:
    facts = Facts.of(contribution.municipality)
    return [
        ContributedScore(
            contribution=contribution,
            municipality_id=contribution.municipality_id,
            version_id=contribution.version_id,
            field_key=field_key,
            score=score,
            land_ags=facts.land_ags,
            kreis_ags=facts.kreis_ags,
            kind=facts.kind,
            size_class=facts.size_class,
        )
        for field_key, score in contribution.scores.items()
    ]


def signal_counts(questions: dict) -> dict[str, dict[str, int]]:
    counts = {}
    for key, (status, disputed, gap) in questions.items():
        counts[key] = {
            "contributions": 1,
            "dont_know": int(status == STATUS_DONT_KNOW),
            "not_applicable": int(status == STATUS_NOT_APPLICABLE),
            "skipped": int(status == STATUS_SKIPPED),
            "disputed": int(bool(disputed)),
            "gaps": int(bool(gap)),
        }
    return counts


def apply_signals(version_id: int, question_maps: Iterable[dict], *, sign: int) -> None:
    """Add (or subtract) contributions' question statuses to the per-question counts."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for questions in question_maps:
        for key, counts in signal_counts(questions).items():
            for name, value in counts.items():
                totals[key][name] += value
    if not totals:
        return
    existing = set(
        QuestionSignal.objects.filter(version_id=version_id, question_key__in=totals).values_list(
            "question_key", flat=True
        )
    )
    QuestionSignal.objects.bulk_create(
        [QuestionSignal(version_id=version_id, question_key=key) for key in totals if key not in existing]
    )
    for key, counts in totals.items():
        QuestionSignal.objects.filter(version_id=version_id, question_key=key).update(
            **{name: F(name) + sign * value for name, value in counts.items()}
        )


def refresh(*, version_id: int, group_keys: set[str] | None = None) -> None:
    """Recompute the given groups (all when None) of one version, then the public decisions."""
    rows = ContributedScore.objects.filter(version_id=version_id, score__isnull=False)
    if group_keys is not None:
        rows = rows.filter(group_filter(group_keys))
    buckets: dict[tuple[str, str], list[float]] = defaultdict(list)
    for field_key, score, land, kreis, kind, size in rows.values_list(
        "field_key", "score", "land_ags", "kreis_ags", "kind", "size_class"
    ).iterator(chunk_size=10_000):
        for key in keys_of_row(land, kreis, kind, size):
            if group_keys is None or key in group_keys:
                buckets[field_key, key].append(score)
    stale = PeerAggregate.objects.filter(version_id=version_id)
    if group_keys is not None:
        stale = stale.filter(group__in=group_keys)
    stale.delete()
    aggregates = []
    for (field_key, key), values in buckets.items():
        lower, middle, upper = quartiles(values)
        aggregates.append(
            PeerAggregate(
                version_id=version_id,
                field_key=field_key,
                group=key,
                count=len(values),
                lower_quartile=lower,
                median=middle,
                upper_quartile=upper,
            )
        )
    PeerAggregate.objects.bulk_create(aggregates, batch_size=2000)
    decide_public(version_id=version_id)


def group_filter(group_keys: set[str]):
    from django.db.models import Q

    if ALL in group_keys:
        return Q()
    condition = Q(pk__in=[])
    for key in group_keys:
        kind, _sep, rest = key.partition(":")
        if kind == "land":
            condition |= Q(land_ags=rest)
        elif kind == "kreis":
            condition |= Q(kreis_ags=rest)
        elif kind == "type":
            municipality_kind, _sep, size_class = rest.partition(":")
            condition |= Q(kind=municipality_kind, size_class=size_class)
    return condition


def parent_of(key: str, land_of_kreis: dict[str, str]) -> str | None:
    """The broader group a public group is nested in: Kreis → Land → all; type → all."""
    if key == ALL:
        return None
    if key.startswith("kreis:"):
        land = land_of_kreis.get(key[6:])
        return f"land:{land}" if land else ALL
    return ALL


def decide_public(*, version_id: int) -> None:
    """Whether anyone (API, dashboard, CSV) may see each aggregate: at least `MIN_OTHERS`
    contributors, and no shown group nested in another that differs by fewer than that."""
    aggregates = list(PeerAggregate.objects.filter(version_id=version_id))
    land_of_kreis = dict(
        ContributedScore.objects.filter(version_id=version_id)
        .exclude(kreis_ags="")
        .values_list("kreis_ags", "land_ags")
        .distinct()
    )
    by_field: dict[str, dict[str, PeerAggregate]] = defaultdict(dict)
    for aggregate in aggregates:
        by_field[aggregate.field_key][aggregate.group] = aggregate
    changed = []
    for groups in by_field.values():
        for key, aggregate in groups.items():
            parent = groups.get(parent_of(key, land_of_kreis) or "")
            decision = public_decision(aggregate, parent)
            if (aggregate.is_public, aggregate.hidden_reason) != decision:
                aggregate.is_public, aggregate.hidden_reason = decision
                changed.append(aggregate)
    PeerAggregate.objects.bulk_update(changed, ["is_public", "hidden_reason"], batch_size=2000)


def public_decision(aggregate: PeerAggregate, parent: PeerAggregate | None) -> tuple[bool, str]:
    # Whoever reads the API or the dashboard may be one of the contributors: five others each.
    counts = [threshold.GroupCount(aggregate.group, aggregate.count, includes_viewer=True)]
    if parent is not None:
        counts.insert(0, threshold.GroupCount(parent.group, parent.count, includes_viewer=True))
    decisions = threshold.decide(counts, lambda a, b: abs(threshold.nested_difference(*sorted_counts(counts, a, b))))
    own = next(decision for decision in decisions if decision.key == aggregate.group)
    return own.shown, own.reason


def sorted_counts(counts, first: str, second: str) -> tuple[int, int]:
    by_key = {count.key: count.count for count in counts}
    return by_key[first], by_key[second]


def rebuild(*, version: CatalogueVersion | None = None) -> None:
    """Recompute every aggregate and signal of one (or every) version from the contributions."""
    versions = [version] if version else list(CatalogueVersion.objects.all())
    for each in versions:
        with transaction.atomic():
            QuestionSignal.objects.filter(version=each).delete()
            counted = Contribution.objects.filter(
                pk__in=ContributedScore.objects.filter(version=each).values("contribution_id")
            )
            apply_signals(each.pk, counted.values_list("questions", flat=True).iterator(chunk_size=2000), sign=+1)
            refresh(version_id=each.pk)


__all__ = ["leave", "rebuild", "refresh", "represent", "type_key"]
