"""Geometry of the result charts, drawn as SVG by templates.

Both charts carry a text alternative: the templates give the SVG a title and a
description, and the results page shows the same numbers as a table.
"""

import math
from dataclasses import dataclass

# Wide enough that the labels beside the left and right axes are never clipped (PDF too).
RADAR_SIZE = 480
RADAR_RADIUS = 150
RINGS = (25, 50, 75, 100)


@dataclass
class RadarAxis:
    label: str
    number: int
    score: float | None
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    point_x: float
    point_y: float


def polar(angle: float, radius: float, center: float = RADAR_SIZE / 2) -> tuple[float, float]:
    return round(center + radius * math.cos(angle), 1), round(center + radius * math.sin(angle), 1)


def radar(entries: list[tuple[int, str, float | None]]) -> dict:
    """entries: (field number, short label, score or None) → coordinates for the template."""
    count = len(entries)
    axes = []
    for index, (number, label, score) in enumerate(entries):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x, y = polar(angle, RADAR_RADIUS)
        label_x, label_y = polar(angle, RADAR_RADIUS + 28)
        point_x, point_y = polar(angle, RADAR_RADIUS * (score or 0) / 100)
        cosine = math.cos(angle)
        anchor = "middle" if abs(cosine) < 0.3 else ("start" if cosine > 0 else "end")
        axes.append(RadarAxis(label, number, score, x, y, label_x, label_y, anchor, point_x, point_y))
    rings = [
        " ".join(
            f"{px},{py}"
            for px, py in (
                polar(-math.pi / 2 + 2 * math.pi * i / count, RADAR_RADIUS * ring / 100) for i in range(count)
            )
        )
        for ring in RINGS
    ]
    polygon = " ".join(f"{axis.point_x},{axis.point_y}" for axis in axes)
    return {"size": RADAR_SIZE, "center": RADAR_SIZE / 2, "axes": axes, "rings": rings, "polygon": polygon}


BAR_WIDTH = 440
BAR_LABEL_WIDTH = 0
BAR_HEIGHT = 24
BAR_GAP = 28


def bars(entries: list[tuple[int, str, float | None, bool]]) -> dict:
    """entries: (field number, label, score or None, has level) → rows for a horizontal bar chart."""
    rows = []
    for index, (number, label, score, has_level) in enumerate(entries):
        top = index * (BAR_HEIGHT + BAR_GAP) + 22
        rows.append(
            {
                "number": number,
                "label": label,
                "score": score,
                "has_level": has_level,
                "label_y": top - 6,
                "y": top,
                "width": round(BAR_WIDTH * (score or 0) / 100, 1),
                "value_x": round(BAR_WIDTH * (score or 0) / 100, 1) + 6,
            }
        )
    height = len(entries) * (BAR_HEIGHT + BAR_GAP) + 10
    gridlines = [{"x": round(BAR_WIDTH * ring / 100, 1), "label": ring} for ring in (0, *RINGS)]
    return {"width": BAR_WIDTH + 60, "height": height, "bar_height": BAR_HEIGHT, "rows": rows, "gridlines": gridlines}


def chart_context(result) -> dict:
    """The radar and bar charts of a result (an `AssessmentResult`), for pages and PDFs."""
    return {
        "radar": radar([(f.field.number, f.field.display_title, f.score.score) for f in result.fields]),
        "bars": bars(
            [(f.field.number, f.field.display_title, f.score.score, f.score.has_level) for f in result.fields]
        ),
    }
