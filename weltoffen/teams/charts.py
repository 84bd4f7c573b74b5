"""Geometry of the team charts, drawn as SVG by templates: the spread of the respondents'
own scores per field, and the field scores over rounds. Each has a table with the same
numbers beside it.

Text sizes follow `selfcheck.charts.text_size`, so labels stay 12 px on a 320 px screen;
gridlines run only beside the marks, never through a label.
"""

from weltoffen.selfcheck.charts import RINGS, label_lines, text_size

TRACK = 440
SPREAD_WIDTH = TRACK + 40  # room for the "100" centred under the last gridline
SPREAD_TEXT = text_size(SPREAD_WIDTH)
ROUND_TRACK = 300
ROUND_LABEL = 110  # room for "Runde 12" left of the bars
ROUND_WIDTH = ROUND_LABEL + ROUND_TRACK + 50  # and for the score right of the track
ROUND_TEXT = text_size(ROUND_WIDTH)
ROUND_BAR = 22


def x(value: float, track: float = TRACK) -> float:
    return round(track * value / 100, 1)


def gridlines(track: float = TRACK) -> list[dict]:
    return [{"x": x(ring, track), "label": ring} for ring in (0, *RINGS)]


def spread_chart(team) -> dict:
    """Per field: range (minimum to maximum), quartile box and the team value on 0–100."""
    rows = []
    top = 0.0
    for team_field in team.fields:
        spread, score = team_field.spread, team_field.result.score.score
        label = f"{team_field.field.number}. {team_field.field.display_title}"
        lines = label_lines(label, top=top, width=SPREAD_WIDTH, size=SPREAD_TEXT)
        middle = lines[-1][1] + 0.5 * SPREAD_TEXT + 14
        rows.append(
            {
                "number": team_field.field.number,
                "label": team_field.field.display_title,
                "lines": lines,
                "score": score,
                "spread": spread,
                "middle": middle,
                "box_top": middle - 8,
                "grid_top": middle - 12,
                "grid_bottom": middle + 12,
                "range_x1": x(spread.minimum) if spread else 0,
                "range_x2": x(spread.maximum) if spread else 0,
                "box_x": x(spread.lower_quartile) if spread else 0,
                "box_width": round(x(spread.upper_quartile) - x(spread.lower_quartile), 1) if spread else 0,
                "score_x": x(score) if score is not None else None,
            }
        )
        top = middle + 20
    axis_y = round(top + SPREAD_TEXT, 1)
    return {
        "width": SPREAD_WIDTH,
        "height": round(axis_y + 0.3 * SPREAD_TEXT, 1),
        "axis_y": axis_y,
        "rows": rows,
        "gridlines": gridlines(),
        "text_size": SPREAD_TEXT,
    }


def rounds_chart(history) -> dict:
    """Per field one bar per round, oldest first; each bar is labelled with its round."""
    count = len(history.rounds)
    rows = []
    top = 0.0
    for number, title, scores in history.rows:
        lines = label_lines(f"{number}. {title}", top=top, width=ROUND_WIDTH, size=ROUND_TEXT)
        first_bar = lines[-1][1] + 0.5 * ROUND_TEXT
        bars = []
        for position, (round_number, score) in enumerate(scores):
            y = round(first_bar + position * (ROUND_BAR + 6), 1)
            bars.append(
                {
                    "round": round_number,
                    "score": score,
                    "y": y,
                    "text_y": round(y + ROUND_BAR / 2 + 0.35 * ROUND_TEXT, 1),
                    "width": x(score or 0, ROUND_TRACK),
                    "shade": position == count - 1,
                }
            )
        bottom = first_bar + count * (ROUND_BAR + 6)
        rows.append(
            {
                "number": number,
                "label": title,
                "lines": lines,
                "bars": bars,
                "grid_top": first_bar - 2,
                "grid_bottom": bottom - 4,
            }
        )
        top = bottom + 12
    return {
        "width": ROUND_WIDTH,
        "height": round(top, 1),
        "bar_height": ROUND_BAR,
        "track_x": ROUND_LABEL,
        "value_x": ROUND_LABEL + ROUND_TRACK + 8,
        "rows": rows,
        "gridlines": [{**line, "x": ROUND_LABEL + line["x"]} for line in gridlines(ROUND_TRACK)],
        "text_size": ROUND_TEXT,
    }
