"""The dashboard's choropleths show exactly what their tables show, under the threshold rule."""

import re

import pytest

from weltoffen.municipalities import map as outlines
from weltoffen.peers import dashboard, maps
from weltoffen.peers.dashboard import HIDDEN, CountedCells

from .factories import contribute, gemeinde, kreis, land
from .test_dashboard import URL, contributions  # noqa: F401 - a fixture


@pytest.mark.parametrize(
    ("count", "shown", "fill"),
    [
        (0, True, maps.EMPTY_FILL),
        (3, False, maps.HIDDEN_FILL),
        (5, True, maps.FILLS[0]),
        (9, True, maps.FILLS[0]),
        (10, True, maps.FILLS[1]),
        (24, True, maps.FILLS[1]),
        (25, True, maps.FILLS[2]),
        (100, True, maps.FILLS[3]),
        (4000, True, maps.FILLS[3]),
    ],
)
def test_each_count_falls_in_its_class(count, shown, fill):
    assert maps.shade(count, shown) == fill


def test_the_legend_names_every_class_once_in_order():
    labels = [entry.label for entry in maps.legend()]
    assert labels == ["keine", "ausgeblendet (Schutzregel)", "5–9", "10–24", "25–99", "100 und mehr"]
    assert len({entry.fill for entry in maps.legend()}) == len(labels)


def test_a_hidden_cell_is_hatched_and_its_tooltip_says_no_more_than_the_table():
    cells = CountedCells.of({"06": 8, "09": 2, "03": 6})
    areas = {area.ags: area for area in maps.choropleth("land", "Karte", outlines.land_paths(), cells).areas}
    assert len(areas) == 16
    assert areas["09"].fill == maps.HIDDEN_FILL and areas["09"].label == f"Bayern: {HIDDEN}"
    # secondary suppression: Niedersachsen's 6 would reveal Bayern's 2 through the total
    assert areas["03"].fill == maps.HIDDEN_FILL and "6" not in areas["03"].label
    assert areas["06"].fill == maps.FILLS[0] and areas["06"].label == "Hessen: 8"
    assert areas["01"].fill == maps.EMPTY_FILL and areas["01"].label == "Schleswig-Holstein: 0"


def test_every_kreis_outline_is_drawn_and_keyed_by_its_five_digit_ags():
    paths = outlines.kreis_paths()
    assert len(paths) == 400
    assert all(re.fullmatch(r"\d{5}", path["ags"]) and path["d"].startswith("M") for path in paths)


@pytest.mark.django_db
def test_a_kreisfreie_stadt_and_a_kreis_doing_their_own_selfcheck_count_for_their_own_area(catalogue):
    from weltoffen.municipalities.models import Municipality

    hessen = land()
    marburg = kreis(hessen)
    fields = list(catalogue.fields.values_list("key", flat=True))
    frankfurt = gemeinde(hessen, kind=Municipality.Kind.KREISFREIE_STADT)
    for municipality in (frankfurt, marburg, gemeinde(marburg)):
        contribute(municipality, dict.fromkeys(fields, 50.0))
    counts = dashboard.participation()["kreis"].counts
    assert counts == {frankfurt.ags: 1, marburg.ags: 2}


def test_the_dashboard_draws_both_maps_beside_their_tables(staff_client, contributions):  # noqa: F811
    page = staff_client.get(URL).content.decode()
    land_map = page.split('id="map-land-title"')[1].split("</svg>")[0]
    kreis_map = page.split('id="map-kreis-title"')[1].split("</svg>")[0]
    assert land_map.count("<path ") == 16 and kreis_map.count("<path ") == 400
    assert "<title>Hessen: 8</title>" in land_map
    assert "<title>Bayern: &lt;5</title>" in land_map and "Bayern: 2" not in page
    # Bad Tölz's 2 is hidden, so Marburg's 8 is too: otherwise the total would reveal the 2.
    assert "<title>Marburg-Biedenkopf: &lt;5</title>" in kreis_map
    assert "<title>Bad Tölz-Wolfratshausen: &lt;5</title>" in kreis_map
    assert (
        page.index('id="table-kreis"')
        < page.index('id="map-kreis-title"')
        < page.index("<table", page.index('id="table-kreis"'))
    )
    assert staff_client.get(URL + "?csv=kreis").content.decode().startswith("Gruppe;Kommunen")
