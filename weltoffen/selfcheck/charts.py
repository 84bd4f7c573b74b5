"""Geometry of the result charts, drawn as SVG by templates.

Both charts carry a text alternative: the templates give the SVG a title and a
description, and the results page shows the same numbers as a table.
"""

import math
import textwrap
from dataclasses import dataclass

# On a 320 px screen a chart is drawn about 270 px wide (the page's gutters and the
# figure's padding take the rest). Text `text_size(width)` units high in a chart `width`
# units wide is then still 12 px; on wider screens it only grows.
PHONE_CHART_PX = 270
MIN_TEXT_PX = 12


def text_size(width: float) -> int:
    return math.ceil(width * MIN_TEXT_PX / PHONE_CHART_PX)


LINE_HEIGHT = 1.25


def wrap(text: str, *, width: float, size: float) -> list[str]:
    """Lines of `text` that fit `width` units at font size `size` (about 0.55 em a character)."""
    # Words are never cut: a German compound split without a hyphen reads as two words.
    return textwrap.wrap(text, max(8, int(width / (0.55 * size))), break_long_words=False) or [""]


def label_lines(text: str, *, top: float, width: float, size: float) -> list[tuple[str, float]]:
    """A chart label wrapped to `width`, with the baseline of each line; the first sits `size` below `top`."""
    return [
        (line, round(top + size + i * size * LINE_HEIGHT, 1))
        for i, line in enumerate(wrap(text, width=width, size=size))
    ]


# Wide enough that the labels beside the left and right axes are never clipped (PDF too).
RADAR_SIZE = 480
RADAR_RADIUS = 128
RADAR_TEXT = text_size(RADAR_SIZE)
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
        label_x, label_y = polar(angle, RADAR_RADIUS + 26)
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
    return {
        "size": RADAR_SIZE,
        "center": RADAR_SIZE / 2,
        "axes": axes,
        "rings": rings,
        "polygon": polygon,
        "text_size": RADAR_TEXT,
    }


BAR_WIDTH = 480
BAR_CHART_WIDTH = BAR_WIDTH + 4
BAR_TEXT = text_size(BAR_CHART_WIDTH)
BAR_HEIGHT = 24


def bars(entries: list[tuple[int | None, str, float | None, bool]]) -> dict:
    """entries: (field number or None, label, score or None, has level) → rows for a horizontal bar chart.

    Each row is its label (wrapped, the score at the right end of its first line) above
    its bar. Gridlines run only beside the bars, so no text ever sits on one.
    """
    rows = []
    top = 0.0
    for number, label, score, has_level in entries:
        # The label leaves room at the right for the score ("100").
        text = label if number is None else f"{number}. {label}"
        lines = label_lines(text, top=top, width=BAR_CHART_WIDTH - 3 * BAR_TEXT, size=BAR_TEXT)
        bar_top = round(lines[-1][1] + 0.5 * BAR_TEXT, 1)
        rows.append(
            {
                "number": number,
                "label": label,
                "text": text,
                "score": score,
                "has_level": has_level,
                "lines": lines,
                "value_y": lines[0][1],
                "y": bar_top,
                "grid_top": bar_top - 2,
                "grid_bottom": bar_top + BAR_HEIGHT + 2,
                "width": round(BAR_WIDTH * (score or 0) / 100, 1),
            }
        )
        top = bar_top + BAR_HEIGHT + 14
    gridlines = [{"x": round(2 + (BAR_WIDTH - 2) * ring / 100, 1), "label": ring} for ring in (0, *RINGS)]
    return {
        "width": BAR_CHART_WIDTH,
        "height": round(top, 1),
        "bar_height": BAR_HEIGHT,
        "rows": rows,
        "gridlines": gridlines,
        "text_size": BAR_TEXT,
    }


def chart_context(result) -> dict:
    """The radar and bar charts of a result (an `AssessmentResult`), for pages and PDFs."""
    return {
        "radar": radar([(f.field.number, f.field.display_title, f.score.score) for f in result.fields]),
        "bars": bars(
            [(f.field.number, f.field.display_title, f.score.score, f.score.has_level) for f in result.fields]
        ),
    }


def subtopic_bars(field_result) -> dict:
    """The bar chart of a field's sub-topics (a `FieldResult`); a provisional score is drawn dashed."""
    return bars(
        [(None, row.subtopic.display_title, row.score.score, not row.is_provisional) for row in field_result.subtopics]
    )
