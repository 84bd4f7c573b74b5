"""The site search on the real content of `make data`: what people type, and what it must find.

Runs on whichever database is configured; CI runs it on SQLite and on PostgreSQL, and the
index (terms.py) is built in Python, so both must give the same hits.
"""

import pytest

from django.core.management import call_command
from django.db import transaction

from weltoffen.catalogue.loading import DATA_DIR, load_all
from weltoffen.knowledge.indexing import rebuild_index
from weltoffen.knowledge.search import search_site

FIELD = "/selbstcheck/handlungsfelder/"
METHOD = "/selbstcheck/methodik/"


@pytest.fixture(scope="module")
def site_content(register, django_db_blocker):
    """Catalogue v1 and v2, site pages, demo content, the support guide and the index, once per
    module, inside a transaction that is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_all(DATA_DIR)
        for command in ("setup_site", "setup_knowledge", "load_demo_content", "setup_support"):
            call_command(command, verbosity=0)
        rebuild_index()
        yield
        transaction.set_rollback(True)


def located(hit) -> str:
    """A hit's address; an FAQ entry's anchor holds its id, which differs between databases."""
    return f"FAQ: {hit.title}" if hit.category == "faq" else hit.url


# (query, addresses that must be among the hits, address of the best hit or None)
TABLE = [
    # Inflections: all forms share a stem.
    ("beteiligen", [f"{FIELD}beteiligung/", "/wissen/integrationskonzept-mit-beteiligung/"], None),
    ("Beteiligung", [f"{FIELD}beteiligung/", "/wissen/integrationskonzept-mit-beteiligung/"], None),
    ("Beteiligungen", [f"{FIELD}beteiligung/", "/wissen/integrationskonzept-mit-beteiligung/"], None),
    (
        "Wohnen",
        [f"{FIELD}teilhabe/#frage-teilhabe.wohnungssuche", f"{FIELD}teilhabe/#frage-teilhabe.faire-wohnungsvergabe"],
        None,
    ),
    ("Wohnungen", [f"{FIELD}teilhabe/#frage-teilhabe.faire-wohnungsvergabe"], None),
    (
        "Bürgermeisterin",
        ["/praxisbeispiele/saalfeld-rudolstadt-schutznetz-buergermeister/"],
        "/praxisbeispiele/saalfeld-rudolstadt-schutznetz-buergermeister/",
    ),
    # Partial words, as typed into the search box.
    ("beteilig", [f"{FIELD}beteiligung/"], None),
    ("Beteiligu", ["/wissen/integrationskonzept-mit-beteiligung/"], None),
    ("Diskussionsbed", [f"{METHOD}#team"], f"{METHOD}#team"),
    (
        "Sprachmitt",
        ["/wissen/sprachmittlung-kurzfristig-organisieren/", f"{FIELD}oeffnung/#frage-oeffnung.sprachmittlung"],
        "/wissen/sprachmittlung-kurzfristig-organisieren/",
    ),
    (
        "Einbürg",
        ["/praxisbeispiele/saarlouis-einbuergerung-aktiv-bewerben/"],
        "/praxisbeispiele/saarlouis-einbuergerung-aktiv-bewerben/",
    ),
    (
        "Videodolmetscher",
        ["/praxisbeispiele/marburg-biedenkopf-videodolmetschen/"],
        "/praxisbeispiele/marburg-biedenkopf-videodolmetschen/",
    ),
    # Compounds: the head of a compound, its first part, the whole.
    (
        "Werkstatt",
        [
            "/praxisbeispiele/greifswald-integrationskonzept-mit-werkstaetten/",
            "/praxisbeispiele/wiesenburg-mobil-auf-dem-land/",
        ],
        None,
    ),
    (
        "Beirat",
        ["/praxisbeispiele/neumuenster-beirat-mit-antragsrecht/", "/wissen/integrationsbeirat-mit-rechten/"],
        "/praxisbeispiele/neumuenster-beirat-mit-antragsrecht/",
    ),
    ("Integrationsbeirat", ["/wissen/integrationsbeirat-mit-rechten/"], "/wissen/integrationsbeirat-mit-rechten/"),
    ("Fahrrad", ["/praxisbeispiele/wiesenburg-mobil-auf-dem-land/"], "/praxisbeispiele/wiesenburg-mobil-auf-dem-land/"),
    (
        "Kurs",
        [
            f"{FIELD}teilhabe/#frage-teilhabe.sprachkurskoordination",
            f"{FIELD}teilhabe/#frage-teilhabe.deutschkurs-angebot",
        ],
        None,
    ),
    # Umlauts, ß and their ASCII spellings.
    (
        "Einbuergerung",
        [
            "/praxisbeispiele/saarlouis-einbuergerung-aktiv-bewerben/",
            f"{FIELD}beteiligung/#frage-beteiligung.einbuergerungsfeier",
        ],
        "/praxisbeispiele/saarlouis-einbuergerung-aktiv-bewerben/",
    ),
    ("Oeffnung", ["/wissen/interkulturelle-oeffnung-personalgewinnung/", f"{FIELD}oeffnung/"], None),
    ("Gefluechtete", [f"{FIELD}teilhabe/#frage-teilhabe.gesundheitskarte"], None),
    ("Groessenklassen", [f"{METHOD}#groessenklassen"], f"{METHOD}#groessenklassen"),
    ("heissen", ["/wissen/neuzugewanderte-willkommen-heissen/"], None),
    # The Methodik page, section by section, and the catalogue's help texts.
    ("Diskussionsbedarf", [f"{METHOD}#team"], f"{METHOD}#team"),
    ("Abdeckung", [f"{METHOD}#abdeckung"], f"{METHOD}#abdeckung"),
    ("Dringlichkeit", [f"{METHOD}#empfehlungen"], f"{METHOD}#empfehlungen"),
    ("Methodik", [METHOD], METHOD),
    (
        "Antidiskriminierungsberatung",
        [f"{FIELD}teilhabe/#frage-teilhabe.antidiskriminierungsberatung"],
        f"{FIELD}teilhabe/#frage-teilhabe.antidiskriminierungsberatung",
    ),
    # Several words: every one must match; titles rank above text.
    (
        "interkulturelle Öffnung",
        ["/wissen/interkulturelle-oeffnung-personalgewinnung/", f"{FIELD}oeffnung/"],
        "/wissen/interkulturelle-oeffnung-personalgewinnung/",
    ),
    (
        "Anfeindungen Schutz",
        ["/veranstaltungen/fachtag-sicher-im-amt-2027/", "/wissen/schutzkonzept-gegen-anfeindungen/"],
        "/veranstaltungen/fachtag-sicher-im-amt-2027/",
    ),
    (
        "Leichte Sprache",
        ["/leichte-sprache/", "FAQ: Gibt es die Plattform auch auf Englisch oder in Leichter Sprache?"],
        "/leichte-sprache/",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected", "best"), TABLE, ids=[row[0] for row in TABLE])
def test_german_queries_find_what_people_mean(site_content, query, expected, best):
    urls = [located(hit) for hit in search_site(query)]
    missing = [url for url in expected if url not in urls]
    assert not missing, f"{query!r} misses {missing}; found {urls[:10]}"
    if best:
        assert urls[0] == best


@pytest.mark.django_db
def test_wohnen_no_longer_puts_the_easy_language_page_first(site_content):
    urls = [hit.url for hit in search_site("Wohnen")]
    assert urls.index("/leichte-sprache/") > 2


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["xyzxyz", "Schwimmkurs Quantenphysik", "!!!", "der die das"])
def test_queries_without_a_match_find_nothing(site_content, query):
    assert search_site(query) == []
