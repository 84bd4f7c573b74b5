from types import SimpleNamespace

from weltoffen.peers.charts import WIDTH, comparison_chart, x_of
from weltoffen.selfcheck.charts import PHONE_CHART_PX


def field(number, title, own, groups):
    shown = [SimpleNamespace(short_label=label, lower=25.0, median=50.0, upper=75.0) for label in groups]
    return SimpleNamespace(number=number, title=title, own=own, shown_groups=shown)


def test_comparison_labels_stay_12_px_on_a_phone_and_off_the_gridlines():
    chart = comparison_chart(
        [
            field(2, "Interkulturelle Öffnung und Antirassismus", 40.0, ["gleiche Größenklasse", "gleiches Land"]),
            field(7, "Zusammenhalt und Begegnung", None, []),
        ]
    )
    size = chart["text_size"]
    assert size * PHONE_CHART_PX / chart["width"] >= 12
    first, second = chart["rows"]
    texts = [baseline for _, baseline in first.lines] + [group.label_y for group in first.groups]
    # No text box (ascender to descender) reaches into a gridline band.
    for top, bottom in first.bands:
        assert all(baseline + 0.25 * size <= top or baseline - size >= bottom for baseline in texts)
    assert first.own_x == x_of(40.0) and second.own_x is None
    assert second.groups == [] and second.empty_y > second.lines[-1][1]
    assert second.lines[0][1] - size >= first.bands[-1][1]
    assert chart["axis_y"] - size >= second.empty_y


def test_the_track_spans_the_chart_and_clamps_scores():
    assert x_of(0) == 20 and x_of(100) == WIDTH - 20
    assert x_of(-5) == x_of(0) and x_of(120) == x_of(100)
