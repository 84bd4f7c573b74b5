import pytest

from weltoffen.api import api as api_module
from weltoffen.peers import consent
from weltoffen.peers.models import PeerAggregate
from weltoffen.peers.tests.factories import contribute, gemeinde, kreis, land


@pytest.fixture
def region(catalogue):
    hessen = land()
    marburg = kreis(hessen)
    giessen = kreis(hessen, ags="06531", name="Gießen")
    marburg_rows = [contribute(gemeinde(marburg), {"steuerung": 30.0 + 4 * i}) for i in range(12)]
    giessen_rows = [contribute(gemeinde(giessen), {"steuerung": 60.0 + i}) for i in range(3)]
    return marburg_rows, giessen_rows


def test_the_catalogue_lists_every_version_and_both_languages(client, catalogue):
    versions = client.get("/api/v1/catalogue/versions").json()
    assert [v["key"] for v in versions] == [catalogue.key]
    detail = client.get(f"/api/v1/catalogue/versions/{catalogue.key}").json()
    assert detail["fields"][0]["title_en"] and detail["fields"][0]["questions"][0]["text"]
    assert client.get("/api/v1/catalogue/versions/gibt-es-nicht").status_code == 404


def test_only_published_groups_appear_with_whole_point_statistics(client, region):
    rows = client.get("/api/v1/aggregates?field=steuerung").json()["items"]
    groups = {row["group"] for row in rows}
    # all 15 and Hessen 15 are identical: Hessen is not published twice; Gießen has 3.
    assert groups == {"all", "kreis:06534"} or groups == {"all"}
    assert "kreis:06531" not in groups and "land:06" not in groups
    assert all(isinstance(row["median"], int) for row in rows)


def test_a_kreis_differing_from_its_land_by_fewer_than_five_is_not_published(client, region):
    marburg_rows, _ = region
    kreis_row = PeerAggregate.objects.get(field_key="steuerung", group="kreis:06534")
    assert kreis_row.count == 12 and not kreis_row.is_public  # Land has 15: only 3 apart
    assert kreis_row.hidden_reason == "differencing"


def test_withdrawal_is_respected_by_the_api_at_once(client, region):
    marburg_rows, giessen_rows = region
    assert client.get("/api/v1/aggregates?group=all").json()["count"] == 1
    for contribution in marburg_rows[:10]:
        consent.withdraw(contribution=contribution)
    assert client.get("/api/v1/aggregates?group=all").json()["count"] == 0


def test_combining_filters_never_reaches_a_hidden_group(client, region):
    for query in ("group=kreis:06531", "group=kreis:06531&field=steuerung", "group=land:06&version=v1"):
        assert client.get(f"/api/v1/aggregates?{query}").json()["items"] == []


def test_responses_carry_etag_and_answer_304_when_unchanged(client, region):
    first = client.get("/api/v1/aggregates")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v1/aggregates", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_cors_is_open_for_reading(client, catalogue):
    response = client.get("/api/v1/catalogue/versions", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/catalogue/versions", HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]


def test_the_api_is_rate_limited(client, catalogue, monkeypatch):
    monkeypatch.setattr(api_module.throttle, "num_requests", 3)
    statuses = [client.get("/api/v1/catalogue/versions").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429


def test_the_register_can_be_searched_and_tampered_input_is_harmless(client, region):
    found = client.get("/api/v1/municipalities?q=Gießen").json()
    assert found["items"][0]["short_name"] == "Gießen"
    for query in ("q=%00", "q=" + "x" * 5000, "page=0", "page=-1", "page=abc", "kind=%00"):
        assert client.get(f"/api/v1/municipalities?{query}").status_code < 500
    assert client.get("/api/v1/municipalities/00000000").status_code == 404


def test_the_docs_page_loads_its_assets_from_this_host(client, catalogue):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
