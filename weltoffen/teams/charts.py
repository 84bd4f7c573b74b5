"""Geometry of the team charts, drawn as SVG by templates: the spread of the respondents'
own scores per field, and the field scores over rounds. Each has a table with the same
numbers beside it."""

from weltoffen.selfcheck.charts import RINGS

TRACK = 440
SPREAD_ROW = 56
ROUND_BAR = 16
ROUND_LABEL = 90  # room for "Runde 12" left of the bars


def x(value: float) -> float:
    return round(TRACK * value / 100, 1)


def gridlines() -> list[dict]:
    return [{"x": x(ring), "label": ring} for ring in (0, *RINGS)]


def spread_chart(team) -> dict:
    """Per field: range (minimum to maximum), quartile box and the team value on 0–100."""
    rows = []
    for index, team_field in enumerate(team.fields):
        spread, score = team_field.spread, team_field.result.score.score
        top = index * SPREAD_ROW + 22
        middle = top + 18
        rows.append(
            {
                "number": team_field.field.number,
                "label": team_field.field.display_title,
                "score": score,
                "spread": spread,
                "label_y": top,
                "middle": middle,
                "box_top": middle - 8,
                "range_x1": x(spread.minimum) if spread else 0,
                "range_x2": x(spread.maximum) if spread else 0,
                "box_x": x(spread.lower_quartile) if spread else 0,
                "box_width": round(x(spread.upper_quartile) - x(spread.lower_quartile), 1) if spread else 0,
                "score_x": x(score) if score is not None else None,
            }
        )
    axis_y = len(rows) * SPREAD_ROW + 14
    return {"width": TRACK + 24, "height": axis_y + 6, "axis_y": axis_y, "rows": rows, "gridlines": gridlines()}


def rounds_chart(history) -> dict:
    """Per field one bar per round, oldest first; each bar is labelled with its round."""
    count = len(history.rounds)
    block = 26 + count * (ROUND_BAR + 4) + 10
    rows = []
    for index, (number, title, scores) in enumerate(history.rows):
        top = index * block + 20
        bars = [
            {
                "round": round_number,
                "score": score,
                "y": top + 8 + position * (ROUND_BAR + 4),
                "width": x(score or 0),
                "shade": position == count - 1,
            }
            for position, (round_number, score) in enumerate(scores)
        ]
        rows.append({"number": number, "label": title, "label_y": top, "bars": bars})
    return {
        "width": ROUND_LABEL + TRACK + 50,
        "height": len(rows) * block + 10,
        "bar_height": ROUND_BAR,
        "rows": rows,
        "gridlines": gridlines(),
    }
