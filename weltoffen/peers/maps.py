"""Choropleths of participation for the programme dashboard: the Länder and the Kreise
shaded by how many municipalities contribute, drawn as SVG on the server.

A map is a view of a table and obeys the same threshold rule as the table beside it:
a hidden cell is drawn as "hidden", never with its count, and no tooltip says more
than the table does.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from weltoffen.municipalities import map as outlines

from . import threshold
from .dashboard import HIDDEN, CountedCells

# Lower bounds of the shaded classes; the first shown class starts at the threshold.
BOUNDS = (threshold.MIN_OTHERS, 10, 25, 100)
# A sequential blue ramp (light to dark) in the house colour, distinguishable in greyscale.
FILLS = ("#dbe4f3", "#9db4de", "#4f74bd", "#0b3d91")
EMPTY_FILL = "#ffffff"
HIDDEN_FILL = "hidden"  # drawn hatched by the template, with a pattern of its own map


@dataclass
class LegendEntry:
    label: str
    fill: str


@dataclass
class Area:
    ags: str
    name: str
    d: str
    fill: str
    label: str  # what the area's tooltip says: the table's cell


@dataclass
class Choropleth:
    key: str
    title: str
    width: int
    height: int
    areas: list[Area]
    legend: list[LegendEntry]
    table_key: str  # the table holding the same numbers


def shade(count: int, shown: bool) -> str:
    if not shown:
        return HIDDEN_FILL
    if count == 0:
        return EMPTY_FILL
    index = max(i for i, bound in enumerate(BOUNDS) if count >= bound)
    return FILLS[index]


def legend() -> list[LegendEntry]:
    entries = [LegendEntry(_("keine"), EMPTY_FILL), LegendEntry(_("ausgeblendet (Schutzregel)"), HIDDEN_FILL)]
    for index, lower in enumerate(BOUNDS):
        upper = BOUNDS[index + 1] - 1 if index + 1 < len(BOUNDS) else None
        label = _("%(lower)d und mehr") % {"lower": lower} if upper is None else f"{lower}–{upper}"
        entries.append(LegendEntry(label, FILLS[index]))
    return entries


def choropleth(key: str, title: str, paths: list[dict], cells: CountedCells) -> Choropleth:
    """Shade the outlines in `paths` by `cells` (keyed by AGS), exactly as the table shows them."""
    areas = []
    for path in paths:
        value = cells.cell(path["ags"])
        hidden = value == HIDDEN
        areas.append(
            Area(
                path["ags"],
                path["name"],
                path["d"],
                shade(0 if hidden else value, not hidden),
                f"{path['name']}: {value}",
            )
        )
    return Choropleth(key, title, outlines.WIDTH, outlines.HEIGHT, areas, legend(), table_key=key)


def participation_maps(cells: dict[str, CountedCells]) -> list[Choropleth]:
    return [
        choropleth("land", _("Karte: teilnehmende Kommunen nach Land"), outlines.land_paths(), cells["land"]),
        choropleth("kreis", _("Karte: teilnehmende Kommunen nach Kreis"), outlines.kreis_paths(), cells["kreis"]),
    ]
