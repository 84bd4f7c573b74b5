from datetime import date

import pytest

from django.urls import reverse

from weltoffen.municipalities.tests.factories import MunicipalityFactory
from weltoffen.support.models import SupportService

from .factories import SupportServiceFactory, land

URL = reverse("support:help-by-land")


@pytest.fixture
def services(db):
    bayern, hessen = land("09", "Bayern"), land("06", "Hessen")
    dachau = MunicipalityFactory(ags="09174115", short_name="Dachau", name="Dachau", parent=bayern, land=bayern)
    SupportServiceFactory(name="Beratung Bayern", land=bayern)
    SupportServiceFactory(name="Meldestelle Hessen", land=hessen, kind=SupportService.Kind.POLICE_ONLINE_HATE)
    SupportServiceFactory(name="Bundesweite Stelle", kind=SupportService.Kind.FEDERAL_OFFICIALS, phone="0800 300 99 44")
    SupportServiceFactory(name="Abgeschaltet", land=bayern, is_active=False)
    return {"bayern": bayern, "hessen": hessen, "dachau": dachau}


def test_without_a_choice_only_nationwide_services_are_shown(client, services):
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Bundesweite Stelle" in content
    assert "Beratung Bayern" not in content and "Meldestelle Hessen" not in content


def test_a_chosen_land_shows_its_services_and_the_nationwide_ones(client, services):
    content = client.get(URL, {"land": "06"}).content.decode()
    assert "Meldestelle Hessen" in content and "Bundesweite Stelle" in content
    assert "Beratung Bayern" not in content


def test_a_municipality_chosen_in_the_combobox_shows_its_lands_services(client, services):
    content = client.get(URL, {"municipality": "09174115", "municipality_name": "Dachau"}).content.decode()
    assert "Angebote für Dachau in Bayern" in content
    assert "Beratung Bayern" in content and "Meldestelle Hessen" not in content


def test_a_typed_municipality_name_without_javascript_finds_its_land(client, services):
    content = client.get(URL, {"municipality_name": "dachau"}).content.decode()
    assert "Beratung Bayern" in content


def test_inactive_services_are_never_shown(client, services):
    assert "Abgeschaltet" not in client.get(URL, {"land": "09"}).content.decode()


def test_several_matching_municipalities_are_offered_as_links(client, services):
    MunicipalityFactory(ags="09174999", short_name="Dachauer Moos", name="Dachauer Moos", land=services["bayern"])
    MunicipalityFactory(ags="09174998", short_name="Dachauer Land", name="Dachauer Land", land=services["bayern"])
    content = client.get(URL, {"municipality_name": "dachauer"}).content.decode()
    assert "Welche Kommune meinen Sie?" in content
    assert "?municipality=09174999" in content


def test_an_unknown_municipality_is_a_german_400(client, services):
    response = client.get(URL, {"municipality_name": "Xyzzyville"})
    assert response.status_code == 400
    assert "Keine Kommune gefunden" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"land": "99"},
        {"municipality": "00000000"},
        {"municipality_name": "x" * 500},
        {"municipality": "123456789"},
    ],
)
def test_tampered_choices_are_a_400_never_a_500(client, services, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert "Bundesweite Stelle" in response.content.decode()


def test_a_nul_byte_in_the_query_is_a_german_400(client, services):
    response = client.get(URL, {"land": "09\x00"})
    assert response.status_code == 400
    assert "Nullzeichen sind nicht erlaubt" in response.content.decode()


def test_the_land_itself_chosen_as_municipality_counts_as_the_land(client, services):
    content = client.get(URL, {"municipality": "09"}).content.decode()
    assert "Angebote in Bayern" in content


def test_each_service_shows_its_source_and_check_date(client, services):
    content = client.get(URL).content.decode()
    assert "Geprüft am 01.12.2026" in content
    assert 'href="https://example.org/quelle"' in content
    assert 'href="tel:08003009944"' in content


def test_a_stale_service_is_marked_on_the_page(client, services):
    SupportService.objects.filter(name="Bundesweite Stelle").update(checked_on=date(2020, 1, 1))
    assert "über ein Jahr alt" in client.get(URL).content.decode()


def test_the_english_page_shows_english_descriptions_where_present(client, services):
    SupportService.objects.filter(name="Bundesweite Stelle").update(description_en="Advises office holders.")
    content = client.get("/en" + URL).content.decode()
    assert "Advises office holders." in content
    assert "Nationwide services" in content or "Bundesweite Angebote" in content


def test_the_page_links_every_page_of_the_pillar(client, services):
    content = client.get(URL).content.decode()
    assert 'aria-current="page"' in content
    assert f'href="{URL}"' in content


def test_more_services_cost_no_more_queries(client, services):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(URL, {"land": "09"})  # warms the caches of the page frame
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"land": "09"})
    SupportServiceFactory.create_batch(10, land=services["bayern"])
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"land": "09"})
    assert len(many) == len(few)
