from hypothesis import given
from hypothesis import strategies as st

from weltoffen.peers import threshold
from weltoffen.peers.threshold import DIFFERENCING, IDENTICAL, TOO_FEW, TOTAL, GroupCount, decide, suppress_cells


def nested(counts):
    return lambda a, b: abs(counts[a] - counts[b])


def test_a_group_needs_five_other_contributors_than_the_viewer():
    groups = [GroupCount("all", 6, includes_viewer=True), GroupCount("land", 5, includes_viewer=False)]
    decisions = {d.key: d for d in decide(groups, lambda a, b: 99)}
    assert decisions["all"].shown
    assert decisions["land"].shown
    alone = decide([GroupCount("all", 5, includes_viewer=True)], lambda a, b: 99)
    assert alone[0].reason == TOO_FEW and not alone[0].shown


def test_a_narrower_group_that_differs_by_fewer_than_five_is_hidden():
    counts = {"all": 14, "land": 10}
    decisions = decide([GroupCount(k, v) for k, v in counts.items()], nested(counts))
    assert [(d.key, d.shown, d.reason, d.against) for d in decisions] == [
        ("all", True, "", ""),
        ("land", False, DIFFERENCING, "all"),
    ]


def test_a_group_identical_to_a_shown_one_is_not_shown_twice():
    counts = {"all": 9, "land": 9}
    decisions = decide([GroupCount(k, v) for k, v in counts.items()], nested(counts))
    assert decisions[1].reason == IDENTICAL


def test_chains_are_checked_against_every_shown_group():
    # Kreis 8 differs from Land 15 by 7 (fine) but from all 12 by 4: hidden.
    counts = {"all": 12, "land": 15, "kreis": 8}
    decisions = {d.key: d for d in decide([GroupCount(k, v) for k, v in counts.items()], nested(counts))}
    assert decisions["land"].shown and not decisions["all"].shown
    assert decisions["all"].reason == DIFFERENCING


def test_combining_filters_cannot_isolate_one_contributor():
    # Type ∩ Land overlap: type 10, Land 10, overlap 8 → 4 apart, so only one of them is shown.
    sizes = {"type": 10, "land": 10}
    decisions = decide(
        [GroupCount(k, v) for k, v in sizes.items()], lambda a, b: threshold.symmetric_difference(10, 10, 8)
    )
    assert sum(d.shown for d in decisions) == 1


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6))
def test_any_two_shown_nested_groups_differ_by_at_least_five(sizes):
    counts = {f"g{i}": size for i, size in enumerate(sizes)}
    decisions = decide([GroupCount(k, v) for k, v in counts.items()], nested(counts))
    shown = [counts[d.key] for d in decisions if d.shown]
    assert all(size >= threshold.MIN_OTHERS for size in shown)
    assert all(abs(a - b) >= threshold.MIN_OTHERS for i, a in enumerate(shown) for b in shown[i + 1 :])


def test_cells_below_five_are_hidden_and_a_lonely_hidden_cell_takes_a_neighbour_with_it():
    shown = suppress_cells({"Hessen": 12, "Bayern": 3, "Berlin": 7, "Bremen": 0})
    assert shown == {"Hessen": True, "Bayern": False, "Berlin": False, "Bremen": True, TOTAL: True}


def test_two_hidden_cells_need_no_secondary_suppression():
    assert suppress_cells({"a": 2, "b": 3, "c": 9}) == {"a": False, "b": False, "c": True, TOTAL: True}


def test_a_row_whose_only_contributor_cell_is_hidden_hides_its_total_too():
    assert suppress_cells({"a": 6, "b": 0}, with_total=False) == {"a": True, "b": True}
    assert suppress_cells({"a": 3, "b": 0})[TOTAL] is False


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(min_value=0, max_value=30), min_size=1))
def test_no_hidden_cell_follows_from_the_total(counts):
    shown = suppress_cells(counts)
    hidden = [key for key, visible in shown.items() if not visible and key != TOTAL]
    assert len(hidden) != 1 or not shown[TOTAL]
    assert all(shown[key] for key, count in counts.items() if count == 0)
    assert all(not shown[key] for key, count in counts.items() if 0 < count < threshold.MIN_OTHERS)


def test_published_statistics_are_whole_points():
    assert threshold.rounded(42.6) == 43
    assert threshold.rounded(None) is None
