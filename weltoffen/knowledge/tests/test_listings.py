from datetime import date

import feedparser
import pytest
from icalendar import Calendar

from weltoffen.municipalities.tests.factories import MunicipalityFactory

from .factories import article, practice_example


@pytest.fixture
def content(knowledge_site):
    MunicipalityFactory(ags="09", short_name="Bayern", kind="land", population=13_000_000)
    MunicipalityFactory(ags="14", short_name="Sachsen", kind="land", population=4_000_000)
    bavarian_city = MunicipalityFactory(
        ags="09162", short_name="München", kind="kreisfreie_stadt", population=1_500_000
    )
    saxon_village = MunicipalityFactory(ags="14625999", short_name="Dorf", kind="gemeinde", population=2_000)
    return {
        "leitbild": article(title="Leitbild", topics=("steuerung",), date=date(2026, 5, 1)),
        "interview": article(
            title="Interview Beirat", kind="interview", topics=("beteiligung",), date=date(2026, 6, 1)
        ),
        "tipp": article(
            title="Tipp Mehrsprachigkeit",
            kind="praxistipp",
            topics=("kommunikation", "steuerung"),
            date=date(2026, 7, 1),
        ),
        "gross": practice_example(bavarian_city, title="Großstadt-Beispiel", topics=("arbeit",)),
        "dorf": practice_example(saxon_village, title="Dorf-Beispiel", topics=("arbeit", "zusammenhalt")),
    }


def titles(response) -> list[str]:
    return [item.title for item in response.context["results"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Tipp Mehrsprachigkeit", "Interview Beirat", "Leitbild"]),
        ({"thema": "steuerung"}, ["Tipp Mehrsprachigkeit", "Leitbild"]),
        ({"art": "interview"}, ["Interview Beirat"]),
        ({"thema": "steuerung", "art": "praxistipp"}, ["Tipp Mehrsprachigkeit"]),
        ({"thema": "zusammenhalt"}, []),
        ({"thema": "erfunden", "art": "<script>"}, ["Tipp Mehrsprachigkeit", "Interview Beirat", "Leitbild"]),
    ],
)
def test_magazine_filters_combine(client, content, query, expected):
    response = client.get("/wissen/", query)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"land": "09"}, ["Großstadt-Beispiel"]),
        ({"groesse": "landgemeinde"}, ["Dorf-Beispiel"]),
        ({"thema": "zusammenhalt", "land": "14"}, ["Dorf-Beispiel"]),
        ({"thema": "zusammenhalt", "land": "09"}, []),
    ],
)
def test_practice_examples_filter_by_field_land_and_size_class(client, content, query, expected):
    assert titles(client.get("/praxisbeispiele/", query)) == expected


def test_listings_paginate_and_keep_their_filters(client, knowledge_site):
    for number in range(14):
        article(title=f"Beitrag {number:02d}", topics=("oeffnung",), date=date(2026, 1, number + 1))
    first = client.get("/wissen/", {"thema": "oeffnung"})
    assert len(titles(first)) == 12
    assert "thema=oeffnung&amp;seite=2" in first.content.decode()
    second = client.get("/wissen/", {"thema": "oeffnung", "seite": 2})
    assert titles(second) == ["Beitrag 01", "Beitrag 00"]
    assert client.get("/wissen/", {"seite": "999"}).status_code == 200


def test_rss_and_atom_feeds_parse_and_list_the_magazine(client, content):
    for path, version in (("/wissen/feed/rss/", "rss20"), ("/wissen/feed/atom/", "atom10")):
        feed = feedparser.parse(client.get(path).content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert [entry.title for entry in feed.entries] == ["Tipp Mehrsprachigkeit", "Interview Beirat", "Leitbild"]
        assert feed.entries[0].link.endswith("/wissen/tipp-mehrsprachigkeit/")


def test_events_have_ical_files_and_a_feed_that_parse(client, knowledge_site):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from weltoffen.knowledge.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    berlin = ZoneInfo("Europe/Berlin")
    for day, title in ((10, "Fachtag Beteiligung"), (20, "Online-Werkstatt")):
        page = EventPage(
            title=title,
            start=datetime(2027, 3, day, 10, tzinfo=berlin),
            end=datetime(2027, 3, day, 16, tzinfo=berlin),
            location="Rathaus, Markt 1, 12345 Musterstadt",
            registration_url="https://example.org/anmeldung",
            description="<p>Programm und Austausch.</p>",
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    single = Calendar.from_ical(client.get(f"{page.url}ical/").content)
    events = single.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Online-Werkstatt"
    assert events[0].decoded("DTSTART") == datetime(2027, 3, 20, 10, tzinfo=berlin)
    assert "https://example.org/anmeldung" in str(events[0]["DESCRIPTION"])
    feed = Calendar.from_ical(client.get("/veranstaltungen/ical/").content)
    assert [str(event["SUMMARY"]) for event in feed.walk("VEVENT")] == ["Fachtag Beteiligung", "Online-Werkstatt"]
    listing = client.get("/veranstaltungen/").content.decode()
    assert listing.index("Fachtag Beteiligung") < listing.index("Online-Werkstatt")
