import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from weltoffen.knowledge.indexing import rebuild_index
from weltoffen.knowledge.models import FAQEntry, SearchEntry
from weltoffen.knowledge.search import highlighted_snippet, search_site
from weltoffen.municipalities.tests.factories import MunicipalityFactory

from .factories import article, practice_example


@pytest.fixture
def searchable(knowledge_site):
    """Three pages and an FAQ entry, indexed without the catalogue (tested on its own below)."""
    town = MunicipalityFactory(ags="12054", short_name="Potsdam", name="Potsdam, Stadt", kind="kreisfreie_stadt")
    article(
        title="Ein Seniorenbeirat mit Biss",
        lead="Wie der Beirat im Stadtparlament mitredet.",
        body=[("text", "<p>Die Mitglieder wollen sich einmischen und mitentscheiden.</p>")],
        topics=("beteiligung",),
    )
    article(
        title="Verständliche Bescheide",
        kind="praxistipp",
        lead="Briefe der Ausländerbehörde.",
        body=[("heading", "Kurze Sätze"), ("text", "<p>Übersetzungen helfen.</p>")],
        topics=("kommunikation",),
    )
    practice_example(
        town,
        title="Einmischungsbörse im Quartier",
        lead="Viele Einmischungen: Nachbar:innen planen ihren Platz.",
        topics=("beteiligung",),
    )
    FAQEntry.objects.create(question="Kostet der Selbstcheck etwas?", answer="<p>Nein, er ist gebührenfrei.</p>")
    index_pages_only()


def index_pages_only():
    rebuild_index()
    SearchEntry.objects.filter(kind__in=["frage", "handlungsfeld", "methodik"]).delete()


def titles(response) -> list[str]:
    return [hit.title for hit in response.context["page"].object_list]


def test_search_finds_pages_with_counts_per_type_and_highlighted_snippets(client, searchable):
    response = client.get("/suche/", {"q": "Stadtparlaments"})
    content = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["Ein Seniorenbeirat mit Biss"]
    assert "<mark>Stadtparlament</mark>" in content
    assert response.context["total"] == 1
    assert ("artikel", "Artikel", 1) in response.context["counts"]


def test_search_filters_by_type(client, searchable):
    response = client.get("/suche/", {"q": "Einmischungsbörse", "art": "praxisbeispiel"})
    assert titles(response) == ["Einmischungsbörse im Quartier"]
    response = client.get("/suche/", {"q": "Einmischungsbörse", "art": "artikel"})
    assert list(response.context["page"].object_list) == []


def test_the_municipality_register_is_searched_from_the_same_box(client, searchable):
    response = client.get("/suche/", {"q": "Potsdam"})
    assert [m.short_name for m in response.context["municipalities"]] == ["Potsdam"]
    assert 'href="/kommunen/12054/"' in response.content.decode()


def test_faq_entries_are_found_with_their_anchor(client, searchable):
    response = client.get("/suche/", {"q": "gebührenfrei"})
    entry = FAQEntry.objects.get()
    assert titles(response) == ["Kostet der Selbstcheck etwas?"]
    assert f'href="/faq/#faq-{entry.pk}"' in response.content.decode()


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_shows_just_the_form(client, searchable, query):
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    assert "Treffer" not in response.content.decode()


def test_bad_search_input_is_a_400_not_an_error(client, searchable):
    assert client.get("/suche/", {"q": "x" * 500}).status_code == 400
    assert client.get("/suche/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/suche/", {"q": "Beirat", "art": "<script>"}).status_code == 400


@pytest.mark.parametrize("query", ["!!! ??? ...", "%", "_", "%_%", "' OR 1=1 --", "ß", "😀", "der die das"])
def test_punctuation_and_wildcards_answer_normally_and_find_nothing(client, searchable, query):
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    assert response.context["total"] == 0


def test_a_letter_that_lower_cases_to_two_characters_is_searched_as_typed(client, searchable):
    # "İ".lower() is "i" and a combining dot: the search-as-you-type prefix "i".
    response = client.get("/suche/", {"q": "İ"})
    assert response.status_code == 200
    assert [hit.title for hit in search_site("İ")] == [hit.title for hit in search_site("i")] != []


def test_other_forms_of_a_word_are_found_on_every_database(client, searchable):
    # "Einmischung", "einmischen" and "Einmischungen" share the German stem "einmisch".
    response = client.get("/suche/", {"q": "Einmischung"})
    assert set(titles(response)) == {"Ein Seniorenbeirat mit Biss", "Einmischungsbörse im Quartier"}


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(client, searchable):
    # The practice example has the word in its title, the article only in its text.
    response = client.get("/suche/", {"q": "einmischen"})
    assert titles(response) == ["Einmischungsbörse im Quartier", "Ein Seniorenbeirat mit Biss"]


def test_a_heading_ranks_above_the_text(searchable):
    article(title="Briefe", lead="Kurze Sätze und einfache Wörter.", body=[("text", "<p>Viel Text.</p>")])
    index_pages_only()
    assert [hit.title for hit in search_site("Kurze Sätze")] == ["Verständliche Bescheide", "Briefe"]


def test_every_word_of_the_query_must_match(searchable):
    assert [hit.title for hit in search_site("Beirat Stadtparlament")] == ["Ein Seniorenbeirat mit Biss"]
    assert search_site("Stadtparlament Quartier") == []


def test_the_word_being_typed_matches_as_a_prefix(searchable):
    assert [hit.title for hit in search_site("Einmischungsb")] == ["Einmischungsbörse im Quartier"]
    assert [hit.title for hit in search_site("Seniorenbei")] == ["Ein Seniorenbeirat mit Biss"]


def test_a_compound_is_found_by_its_last_part(searchable):
    assert [hit.title for hit in search_site("Börsen")] == ["Einmischungsbörse im Quartier"]
    assert search_site("Beirat")[0].title == "Ein Seniorenbeirat mit Biss"


def test_a_short_word_before_the_last_one_matches_only_itself(searchable):
    # "Bi" is still being typed as the last word, but not in the middle of a query.
    assert search_site("Bi Stadtparlament") == []
    assert [hit.title for hit in search_site("Stadtparlament Bi")] == ["Ein Seniorenbeirat mit Biss"]


def test_a_search_is_a_fixed_handful_of_queries(client, searchable):
    for n in range(20):
        article(title=f"Einmischung Nummer {n}", tags=())
    index_pages_only()
    with CaptureQueriesContext(connection) as layout:
        client.get("/suche/")
    with CaptureQueriesContext(connection) as few:
        client.get("/suche/", {"q": "Stadtparlament"})
    with CaptureQueriesContext(connection) as many:
        response = client.get("/suche/", {"q": "Einmischung"})
    assert response.context["total"] == 22
    # The page's frame, then the entries, the snippets of the page shown and the register.
    assert len(many) == len(few) == len(layout) + 3


def test_hits_carry_their_language_and_context(client, catalogue):
    rebuild_index()
    content = client.get("/suche/", {"q": "Integrationsbeauftragte"}).content.decode()
    assert "Frage im Selbstcheck" in content
    assert '<h3 class="kern-heading-small" lang="de">' in content
    assert "Handlungsfeld 1: " in content


def test_english_searches_english_texts_and_german_only_ones_in_german(client, searchable, catalogue_v2):
    rebuild_index()
    with translation.override("en"):
        # The test catalogue's English twins begin with "EN"; German pages have "en" in many words.
        questions = [hit for hit in search_site("EN") if hit.category == "frage"]
        german_only = search_site("Einmischungsbörse")
    assert questions and {hit.language for hit in questions} == {"en"}
    assert all(hit.url.startswith("/en/selbstcheck/") for hit in questions)
    assert [(hit.title, hit.language, hit.url) for hit in german_only] == [
        ("Einmischungsbörse im Quartier", "de", "/en/praxisbeispiele/einmischungsborse-im-quartier/")
    ]


def test_an_english_search_does_not_find_the_german_twin_of_an_english_entry(catalogue_v2):
    rebuild_index()
    question = catalogue_v2.questions.get(key="steuerung.leitbild")
    # The test catalogue's English text is "EN " and the German text, so both entries match.
    with translation.override("en"):
        hits = [hit for hit in search_site(question.text) if hit.category == "frage"]
    assert hits[0].title == question.text_en
    assert {hit.language for hit in hits} == {"en"}


def test_the_english_search_page_labels_types_in_english(client, catalogue_v2):
    rebuild_index()
    content = client.get("/en/suche/", {"q": "EN"}).content.decode()
    assert "Question in the self-check" in content
    assert 'lang="en"' in content


def test_highlighting_marks_other_forms_and_compounds_and_escapes_html():
    snippet = highlighted_snippet("<b>Wir</b> wollen uns beteiligen. Beteiligung zählt.", "Beteiligung")
    assert "&lt;b&gt;Wir&lt;/b&gt;" in snippet
    assert "<mark>beteiligen</mark>" in snippet and "<mark>Beteiligung</mark>" in snippet
    assert "<mark>Beteiligungswerkstatt</mark>" in highlighted_snippet("Die Beteiligungswerkstatt", "Werkstatt")
    assert "<mark>" not in highlighted_snippet("Die Einwohner:innen", "Wohnen")


def test_a_snippet_starts_near_the_first_hit_at_a_word():
    text = "Anfang " + "Füllwort " * 40 + "Diskussionsbedarf am Ende."
    snippet = highlighted_snippet(text, "Diskussionsbedarf")
    assert snippet.startswith("… Füllwort")
    assert "<mark>Diskussionsbedarf</mark>" in snippet
    assert "Anfang" not in snippet
    assert highlighted_snippet("Wort " * 100, "Wort").endswith("<mark>Wort</mark> …")
