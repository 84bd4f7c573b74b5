"""Geometry of the comparison chart (median and quartiles per group, own score as a
diamond), drawn as SVG by `peers/charts/comparison.svg`; the table beside it has the numbers."""

from dataclasses import dataclass, field

from .comparison import FieldComparison

LABEL_WIDTH = 250
TRACK_WIDTH = 360
ROW_HEIGHT = 28
TITLE_HEIGHT = 30
GAP = 14
WIDTH = LABEL_WIDTH + TRACK_WIDTH + 20


def x_of(score: float) -> float:
    return round(LABEL_WIDTH + TRACK_WIDTH * max(0.0, min(100.0, score)) / 100, 1)


@dataclass
class ChartGroup:
    label: str
    y: float
    box_x: float
    box_width: float
    median_x: float


@dataclass
class ChartField:
    number: int
    title: str
    title_y: float
    top: float
    bottom: float
    own_x: float | None
    own_y: float
    groups: list[ChartGroup] = field(default_factory=list)


def comparison_chart(fields: list[FieldComparison]) -> dict:
    y = 0.0
    rows = []
    for item in fields:
        title_y = y + 20
        top = y + TITLE_HEIGHT
        groups = []
        for index, group in enumerate(item.shown_groups):
            row_y = top + index * ROW_HEIGHT
            groups.append(
                ChartGroup(
                    label=group.short_label,
                    y=row_y,
                    box_x=x_of(group.lower),
                    box_width=max(2.0, x_of(group.upper) - x_of(group.lower)),
                    median_x=x_of(group.median),
                )
            )
        bottom = top + max(1, len(groups)) * ROW_HEIGHT
        own_x = x_of(item.own) if item.own is not None else None
        rows.append(ChartField(item.number, item.title, title_y, top, bottom, own_x, top - 6, groups))
        y = bottom + GAP
    gridlines = [{"x": x_of(value), "label": value} for value in (0, 25, 50, 75, 100)]
    return {"width": WIDTH, "height": y + 24, "axis_y": y + 16, "rows": rows, "gridlines": gridlines}
