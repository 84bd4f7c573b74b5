import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weltoffen.municipalities.map import HEIGHT, MARKER_DISTANCE, WIDTH, point, separate

DISTANCE = MARKER_DISTANCE
coordinates = st.tuples(
    st.floats(min_value=DISTANCE / 2, max_value=WIDTH - DISTANCE / 2).map(lambda v: round(v, 1)),
    st.floats(min_value=DISTANCE / 2, max_value=HEIGHT - DISTANCE / 2).map(lambda v: round(v, 1)),
)


def closest_pair(positions):
    return min(
        (math.dist(a, b) for i, a in enumerate(positions) for b in positions[i + 1 :]),
        default=math.inf,
    )


@given(st.lists(coordinates, max_size=30))
def test_separated_markers_never_overlap_and_stay_near_their_place(points):
    positions = separate(points)
    assert len(positions) == len(points)
    assert closest_pair(positions) >= DISTANCE
    for (x, y), (px, py) in zip(points, positions, strict=True):
        assert DISTANCE / 2 <= px <= WIDTH - DISTANCE / 2
        assert DISTANCE / 2 <= py <= HEIGHT - DISTANCE / 2
        # No farther than the rings the markers before it can fill.
        assert math.dist((x, y), (px, py)) <= DISTANCE * (1 + math.sqrt(3 * len(points)))


@given(st.lists(coordinates, max_size=30))
def test_separation_leaves_separated_markers_alone(points):
    positions = separate(points)
    assert separate(positions) == positions


@given(coordinates, st.integers(min_value=2, max_value=8))
def test_markers_on_one_spot_form_a_tight_cluster_around_it(spot, count):
    positions = separate([spot] * count)
    assert positions[0] == spot
    assert closest_pair(positions) >= DISTANCE
    # Six neighbours fit on the first ring; the map's edge may push a few to the second.
    assert max(math.dist(spot, position) for position in positions) <= 3 * DISTANCE + 0.1


def test_markers_far_apart_keep_their_exact_places():
    points = [(50.0, 50.0), (300.0, 400.0), (500.0, 700.0)]
    assert separate(points) == points


def test_a_marker_at_the_edge_moves_inside_the_map():
    (x, y), (x2, y2) = separate([(2.0, 300.0), (WIDTH - 1, HEIGHT - 1)])
    assert x >= DISTANCE / 2 and y == pytest.approx(300.0, abs=DISTANCE)
    assert x2 <= WIDTH - DISTANCE / 2 and y2 <= HEIGHT - DISTANCE / 2


def test_a_map_too_small_for_its_markers_says_so():
    with pytest.raises(ValueError, match="no room"):
        separate([(20.0, 20.0)] * 3, width=DISTANCE, height=DISTANCE)


def test_points_in_germany_fall_inside_the_map():
    x, y = point(52.52, 13.40)  # Berlin
    assert 0 < x < WIDTH
    assert 0 < y < HEIGHT
