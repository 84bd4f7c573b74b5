from types import SimpleNamespace

from weltoffen.teams.charts import ROUND_LABEL, rounds_chart, spread_chart

TITLES = [
    "Management und Steuerung",
    "Interkulturelle Öffnung und Antirassismus",
    "Kommunikation und Konfliktmanagement",
]


def team(scores):
    spread = SimpleNamespace(minimum=10.0, lower_quartile=30.0, upper_quartile=60.0, maximum=90.0)
    return SimpleNamespace(
        fields=[
            SimpleNamespace(
                field=SimpleNamespace(number=n, display_title=title),
                spread=spread if score is not None else None,
                result=SimpleNamespace(score=SimpleNamespace(score=score)),
            )
            for n, (title, score) in enumerate(zip(TITLES, scores, strict=True), start=1)
        ]
    )


def test_spread_rows_put_their_gridlines_below_the_label_and_above_the_next_row():
    chart = spread_chart(team([40.0, None, 75.0]))
    size = chart["text_size"]
    previous_bottom = 0.0
    for row in chart["rows"]:
        assert row["lines"][0][1] - size >= previous_bottom
        assert row["grid_top"] >= row["lines"][-1][1] + 0.25 * size
        # The team value's diamond reaches 11 units above and below the middle.
        assert row["grid_top"] <= row["middle"] - 11 and row["middle"] + 11 <= row["grid_bottom"]
        previous_bottom = row["grid_bottom"]
    assert chart["axis_y"] - size >= previous_bottom
    assert chart["rows"][1]["score_x"] is None


def test_round_bars_have_their_round_left_and_their_score_right_of_the_gridlines():
    history = SimpleNamespace(
        rounds=[1, 2], rows=[(n, title, [(1, 30.0), (2, None)]) for n, title in enumerate(TITLES, start=1)]
    )
    chart = rounds_chart(history)
    assert min(line["x"] for line in chart["gridlines"]) == ROUND_LABEL
    assert max(line["x"] for line in chart["gridlines"]) < chart["value_x"]
    # "Runde 12" is about 4.5 em wide.
    assert 4.5 * chart["text_size"] <= ROUND_LABEL
    for row in chart["rows"]:
        assert row["grid_top"] >= row["lines"][-1][1] + 0.25 * chart["text_size"]
        assert [bar["shade"] for bar in row["bars"]] == [False, True]
        assert row["bars"][1]["width"] == 0
