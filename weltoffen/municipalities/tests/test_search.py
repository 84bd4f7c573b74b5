import pytest

from weltoffen.municipalities.models import Municipality

from .factories import MunicipalityFactory


@pytest.fixture
def places(db):
    bayern = MunicipalityFactory(
        ags="09", name="Bayern", short_name="Bayern", kind="land", designation="Land", population=13_000_000
    )
    dachau_kreis = MunicipalityFactory(
        ags="09174",
        name="Dachau",
        short_name="Dachau",
        kind="kreis",
        designation="Landkreis",
        population=160_000,
        parent=bayern,
        land=bayern,
    )
    return {
        "muenchen": MunicipalityFactory(
            ags="09162",
            municipal_ags="09162000",
            name="München, Landeshauptstadt",
            short_name="München",
            kind="kreisfreie_stadt",
            designation="Kreisfreie Stadt",
            population=1_500_000,
            parent=bayern,
            land=bayern,
            postal_code="80331",
        ),
        "dachau_kreis": dachau_kreis,
        "dachau": MunicipalityFactory(
            ags="09174115",
            name="Dachau, GKSt",
            short_name="Dachau",
            kind="stadt",
            designation="Große Kreisstadt",
            population=48_000,
            parent=dachau_kreis,
            land=bayern,
        ),
        "muenchsmuenster": MunicipalityFactory(
            ags="09186143",
            name="Münchsmünster",
            short_name="Münchsmünster",
            kind="gemeinde",
            designation="Kreisangehörige Gemeinde",
            population=3_000,
            land=bayern,
        ),
        "goerlitz": MunicipalityFactory(
            ags="14626110", name="Görlitz, Stadt", short_name="Görlitz", kind="stadt", population=56_000
        ),
        "bautzen": MunicipalityFactory(
            ags="14625020", name="Bautzen/Budyšin, Stadt", short_name="Bautzen/Budyšin", kind="stadt", population=38_000
        ),
    }


def ags(results) -> list[str]:
    return [m.ags for m in results]


@pytest.mark.parametrize("query", ["München", "Muenchen", "Munchen", "münchen", "MÜNCHEN", "muen", "ünch"])
def test_umlauts_can_be_typed_either_way(places, query):
    assert "09162" in ags(Municipality.objects.search(query))


def test_partial_names_match_and_exact_names_come_first(places):
    assert ags(Municipality.objects.search("Münch"))[:2] == ["09162", "09186143"]
    assert ags(Municipality.objects.search("Münchsmünster"))[0] == "09186143"


def test_the_larger_municipality_comes_first_among_equal_names(places):
    assert ags(Municipality.objects.search("Dachau")) == ["09174", "09174115"]


def test_every_word_must_match(places):
    assert ags(Municipality.objects.search("Landkreis Dachau")) == ["09174"]
    assert ags(Municipality.objects.search("Dachau Kreisstadt")) == ["09174115"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("09162", ["09162"]), ("0917", ["09174", "09174115"]), ("09162000", ["09162"]), ("80331", ["09162"])],
)
def test_numbers_find_by_ags_prefix_municipal_key_or_postcode(places, query, expected):
    assert ags(Municipality.objects.search(query)) == expected


def test_accents_in_bilingual_names_are_folded(places):
    assert ags(Municipality.objects.search("Budysin")) == ["14625020"]
    assert ags(Municipality.objects.search("Goerlitz")) == ["14626110"]


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "--"])
def test_empty_or_wildcard_only_queries_find_nothing(places, query):
    assert list(Municipality.objects.search(query)) == []
