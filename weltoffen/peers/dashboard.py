"""Tables of the programme dashboard for the operator's staff. Every cell passes the
threshold rule: counts through `suppress_cells`, statistics only from published aggregates
and per-question shares only where enough contributions stand behind them."""

import csv
import io
from collections import Counter
from dataclasses import dataclass

from django.db.models.functions import TruncQuarter
from django.utils.translation import gettext as _

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.municipalities.models import Municipality

from . import threshold
from .models import ContributedScore, Contribution, PeerAggregate, QuestionSignal

HIDDEN = "<5"


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list]
    map: object = None  # a peers.maps.Choropleth of the same numbers, where there is one


@dataclass
class CountedCells:
    """A row of counts (by AGS or size class) after suppression: what tables and maps may show."""

    counts: dict[str, int]
    shown: dict[str, bool]

    @classmethod
    def of(cls, counts: Counter) -> "CountedCells":
        return cls(dict(counts), threshold.suppress_cells(dict(counts)))

    def cell(self, key: str):
        """The count, 0 where nobody contributes, or HIDDEN."""
        count = self.counts.get(key, 0)
        return count if count == 0 or self.shown[key] else HIDDEN

    @property
    def total(self):
        return sum(self.counts.values()) if self.shown[threshold.TOTAL] else HIDDEN


def kreis_of(ags: str, kind: str, kreis_ags: str) -> str:
    """The Kreis a municipality lies in, or is (a Kreis or kreisfreie Stadt doing its own Selbstcheck)."""
    if kreis_ags:
        return kreis_ags
    return ags if kind in (Municipality.Kind.KREIS, Municipality.Kind.KREISFREIE_STADT) else ""


def participation() -> dict[str, CountedCells]:
    """Municipalities represented in the comparison, counted by Land, Kreis and size class."""
    represented = ContributedScore.objects.values(
        "municipality_id", "municipality__ags", "land_ags", "kreis_ags", "kind", "size_class"
    ).distinct()
    by = {"land": Counter(), "kreis": Counter(), "size": Counter()}
    for row in represented:
        by["land"][row["land_ags"]] += 1
        by["size"][row["size_class"]] += 1
        kreis = kreis_of(row["municipality__ags"], row["kind"], row["kreis_ags"])
        if kreis:
            by["kreis"][kreis] += 1
    return {key: CountedCells.of(counts) for key, counts in by.items()}


def participation_tables(cells: dict[str, CountedCells] | None = None) -> list[Table]:
    cells = cells or participation()
    names = dict(
        Municipality.objects.filter(
            kind__in=[Municipality.Kind.LAND, Municipality.Kind.KREIS, Municipality.Kind.KREISFREIE_STADT]
        ).values_list("ags", "short_name")
    )
    tables = []
    for key, title, labels in (
        ("land", _("Teilnehmende Kommunen nach Land"), names),
        ("kreis", _("Teilnehmende Kommunen nach Kreis"), names),
        ("size", _("Teilnehmende Kommunen nach Größenklasse"), dict(Municipality.SizeClass.choices)),
    ):
        row_cells = cells[key]
        keys = sorted(row_cells.counts, key=lambda k: (str(labels.get(k, k)), k) if key == "kreis" else k)
        rows = [[str(labels.get(k, k)), row_cells.cell(k)] for k in keys]
        rows.append([_("insgesamt"), row_cells.total])
        tables.append(Table(key, title, [_("Gruppe"), _("Kommunen")], rows))
    quarters = Counter(
        str(row["quarter"].date() if row["quarter"] else "")
        for row in Contribution.objects.comparing().annotate(quarter=TruncQuarter("agreed_at")).values("quarter")
    )
    shown = threshold.suppress_cells(dict(quarters), with_total=False)
    tables.append(
        Table(
            "time",
            _("Zustimmungen zum Vergleich je Quartal"),
            [_("Quartal ab"), _("Zustimmungen")],
            [[q, quarters[q] if shown[q] else HIDDEN] for q in sorted(quarters)],
        )
    )
    return tables


def score_table() -> Table:
    rows = []
    for a in (
        PeerAggregate.objects.filter(group="all", is_public=True)
        .select_related("version")
        .order_by("version__key", "field_key")
    ):
        rows.append(
            [
                a.version.key,
                a.field_key,
                a.count,
                *(threshold.rounded(v) for v in (a.lower_quartile, a.median, a.upper_quartile)),
            ]
        )
    header = [_("Katalog"), _("Handlungsfeld"), _("Kommunen"), _("unteres Quartil"), _("Median"), _("oberes Quartil")]
    return Table("scores", _("Punktwerte je Handlungsfeld, alle Teilnehmenden"), header, rows)


def share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def question_tables() -> list[Table]:
    """Quality signals per question, v1 and v2 (every version) side by side by question key."""
    versions = list(CatalogueVersion.objects.order_by("published_on", "key"))
    signals = {
        (s.version_id, s.question_key): s for s in QuestionSignal.objects.filter(contributions__gt=threshold.MIN_OTHERS)
    }
    keys = sorted({key for _version, key in signals})
    header = [_("Frage")]
    for version in versions:
        header += [
            f"{version.key}: " + _("Runden"),
            f"{version.key}: " + _("weiß nicht %"),
            f"{version.key}: " + _("trifft nicht zu %"),
            f"{version.key}: " + _("ausgelassen %"),
            f"{version.key}: " + _("Diskussionsbedarf %"),
        ]
    rows = []
    for key in keys:
        row = [key]
        for version in versions:
            s = signals.get((version.pk, key))
            if s is None:
                row += ["–"] * 5
            else:
                row += [
                    s.contributions,
                    share(s.dont_know, s.contributions),
                    share(s.not_applicable, s.contributions),
                    share(s.skipped, s.contributions),
                    share(s.disputed, s.contributions),
                ]
        rows.append(row)
    quality = Table("questions", _("Qualität des Katalogs je Frage"), header, rows)
    top = sorted(signals.values(), key=lambda s: (-share(s.gaps, s.contributions), s.question_key))[:15]
    recommendations = Table(
        "recommendations",
        _("Am häufigsten ausgelöste Empfehlungen"),
        [_("Katalog"), _("Frage"), _("Runden"), _("mit Lücke %")],
        [
            [
                next(v.key for v in versions if v.pk == s.version_id),
                s.question_key,
                s.contributions,
                share(s.gaps, s.contributions),
            ]
            for s in top
        ],
    )
    return [recommendations, quality]


def all_tables(cells: dict[str, CountedCells] | None = None) -> list[Table]:
    return [*participation_tables(cells), score_table(), *question_tables()]


def as_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return out.getvalue()
