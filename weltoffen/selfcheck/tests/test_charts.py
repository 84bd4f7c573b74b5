from hypothesis import given
from hypothesis import strategies as st

from weltoffen.selfcheck.charts import PHONE_CHART_PX, bars, radar, text_size, wrap

labels = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß -", min_size=1, max_size=80)
scores = st.one_of(st.none(), st.floats(min_value=0, max_value=100))


@given(st.integers(min_value=50, max_value=2000))
def test_chart_text_is_at_least_12_px_when_the_chart_is_drawn_phone_wide(width):
    assert text_size(width) * PHONE_CHART_PX / width >= 12


@given(labels, st.integers(min_value=100, max_value=600), st.integers(min_value=10, max_value=30))
def test_wrapped_lines_keep_every_letter_and_fit_unless_a_word_is_longer(text, width, size):
    lines = wrap(text, width=width, size=size)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert len(line) * 0.55 * size <= width or len(line.split()) == 1


def test_words_are_broken_only_at_their_hyphens():
    assert wrap("Integrations-beauftragte Antidiskriminierungsberatungsstelle", width=100, size=10) == [
        "Integrations-",
        "beauftragte",
        "Antidiskriminierungsberatungsstelle",
    ]


@given(st.lists(st.tuples(labels, scores, st.booleans()), min_size=1, max_size=9))
def test_bar_labels_never_sit_on_a_gridline_and_rows_never_overlap(entries):
    chart = bars([(number, label, score, level) for number, (label, score, level) in enumerate(entries, start=1)])
    size = chart["text_size"]
    previous_bottom = 0.0
    for row in chart["rows"]:
        first_baseline, last_baseline = row["lines"][0][1], row["lines"][-1][1]
        assert first_baseline - size >= previous_bottom  # ascenders below the last row's gridlines
        assert row["grid_top"] >= last_baseline + 0.25 * size  # descenders above this row's gridlines
        assert row["grid_top"] <= row["y"] and row["y"] + chart["bar_height"] <= row["grid_bottom"]
        assert 0 <= row["width"] <= chart["width"]
        previous_bottom = row["grid_bottom"]
    assert previous_bottom <= chart["height"]


def test_long_field_titles_wrap_onto_a_second_line():
    chart = bars([(2, "Interkulturelle Öffnung und Antirassismus", 47.0, True), (1, "Sport", None, False)])
    assert [line for line, _ in chart["rows"][0]["lines"]] == ["2. Interkulturelle Öffnung und", "Antirassismus"]
    assert len(chart["rows"][1]["lines"]) == 1


def test_radar_labels_keep_clear_of_the_axes_and_inside_the_chart():
    chart = radar([(n, f"Feld {n}", 100.0) for n in range(1, 8)])
    size = chart["text_size"]
    for axis in chart["axes"]:
        # "7 · 100" is about 4 em wide; it has to fit between its anchor and the edge.
        if axis.anchor == "start":
            assert axis.label_x + 4 * size <= chart["size"]
        elif axis.anchor == "end":
            assert axis.label_x - 4 * size >= 0
        else:
            assert size / 2 <= axis.label_y <= chart["size"] - size / 2
