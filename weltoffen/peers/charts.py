"""Geometry of the comparison chart (median and quartiles per group, own score as a
diamond), drawn as SVG by `peers/charts/comparison.svg`; the table beside it has the numbers.

Every label sits on its own line above its box, so the track can span the whole chart and
the text stays 12 px on a 320 px screen (`selfcheck.charts.text_size`). Gridlines run only
beside the boxes and the diamond, never through a label.
"""

from dataclasses import dataclass, field

from weltoffen.selfcheck.charts import label_lines, text_size

from .comparison import FieldComparison

PAD = 20  # room for "0" and "100" centred under the first and last gridline
TRACK_WIDTH = 360
WIDTH = TRACK_WIDTH + 2 * PAD
TEXT = text_size(WIDTH)
BOX = 16
DIAMOND = 16
GAP = 16


def x_of(score: float) -> float:
    return round(PAD + TRACK_WIDTH * max(0.0, min(100.0, score)) / 100, 1)


@dataclass
class ChartGroup:
    label: str
    label_y: float
    y: float  # top of the box
    box_x: float
    box_width: float
    median_x: float


@dataclass
class ChartField:
    number: int
    title: str
    lines: list[tuple[str, float]]
    own_x: float | None
    own_y: float
    bands: list[tuple[float, float]]  # (top, bottom) of each gridline segment
    empty_y: float
    groups: list[ChartGroup] = field(default_factory=list)


def comparison_chart(fields: list[FieldComparison]) -> dict:
    y = 0.0
    rows = []
    for item in fields:
        lines = label_lines(f"{item.number}. {item.title}", top=y, width=WIDTH, size=TEXT)
        own_y = round(lines[-1][1] + 0.5 * TEXT, 1)
        bands = [(own_y - 2, own_y + DIAMOND + 2)]
        y = own_y + DIAMOND + 4
        groups = []
        for group in item.shown_groups:
            label_y = round(y + TEXT, 1)
            box_y = round(label_y + 0.5 * TEXT, 1)
            groups.append(
                ChartGroup(
                    label=group.short_label,
                    label_y=label_y,
                    y=box_y,
                    box_x=x_of(group.lower),
                    box_width=max(2.0, x_of(group.upper) - x_of(group.lower)),
                    median_x=x_of(group.median),
                )
            )
            bands.append((box_y - 4, box_y + BOX + 4))
            y = box_y + BOX + 4
        empty_y = round(y + TEXT, 1)
        if not groups:
            y = empty_y + 0.3 * TEXT
        own_x = x_of(item.own) if item.own is not None else None
        rows.append(ChartField(item.number, item.title, lines, own_x, own_y, bands, empty_y, groups))
        y += GAP
    gridlines = [{"x": x_of(value), "label": value} for value in (0, 25, 50, 75, 100)]
    axis_y = round(y + TEXT, 1)
    return {
        "width": WIDTH,
        "height": round(axis_y + 0.3 * TEXT, 1),
        "axis_y": axis_y,
        "rows": rows,
        "gridlines": gridlines,
        "text_size": TEXT,
    }
