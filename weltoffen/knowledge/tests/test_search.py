import pytest

from django.db import connection

from weltoffen.knowledge.search import highlighted_snippet, stems
from weltoffen.municipalities.tests.factories import MunicipalityFactory

from .factories import article, practice_example


@pytest.fixture
def searchable(knowledge_site):
    town = MunicipalityFactory(ags="12054", short_name="Potsdam", name="Potsdam, Stadt", kind="kreisfreie_stadt")
    article(
        title="Ein Integrationsbeirat mit echten Rechten",
        lead="Wie der Beirat Einfluss auf Entscheidungen des Rates bekommt.",
        body=[("text", "<p>Die Mitglieder wollen sich beteiligen und mitentscheiden.</p>")],
        topics=("beteiligung",),
    )
    article(
        title="Mehrsprachige Bescheide",
        kind="praxistipp",
        lead="Verständliche Briefe der Ausländerbehörde.",
        body=[("text", "<p>Kurze Sätze und Übersetzungen.</p>")],
        topics=("kommunikation",),
    )
    practice_example(
        town,
        title="Beteiligungswerkstatt im Quartier",
        lead="Viele Beteiligungen: Nachbar:innen planen ihren Platz.",
        topics=("beteiligung",),
    )


def test_search_finds_pages_with_counts_per_type_and_highlighted_snippets(client, searchable):
    response = client.get("/suche/", {"q": "Beirat"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ein Integrationsbeirat mit echten Rechten" in content
    assert "<mark>Beirat</mark>" in content
    assert response.context["total"] == 1
    assert ("artikel", "Artikel", 1) in response.context["counts"]


def test_search_filters_by_type(client, searchable):
    response = client.get("/suche/", {"q": "Beteiligungswerkstatt", "art": "praxisbeispiel"})
    assert [hit.title for hit in response.context["page"].object_list] == ["Beteiligungswerkstatt im Quartier"]
    response = client.get("/suche/", {"q": "Beteiligungswerkstatt", "art": "artikel"})
    assert list(response.context["page"].object_list) == []


def test_the_municipality_register_is_searched_from_the_same_box(client, searchable):
    response = client.get("/suche/", {"q": "Potsdam"})
    assert [m.short_name for m in response.context["municipalities"]] == ["Potsdam"]
    assert 'href="/kommunen/12054/"' in response.content.decode()


def test_faq_entries_are_found(client, searchable):
    from weltoffen.knowledge.models import FAQEntry

    FAQEntry.objects.create(question="Kostet der Selbstcheck etwas?", answer="<p>Nein, er ist gebührenfrei.</p>")
    response = client.get("/suche/", {"q": "gebührenfrei"})
    assert [hit.title for hit in response.context["page"].object_list] == ["Kostet der Selbstcheck etwas?"]
    assert "/faq/#faq-" in response.content.decode()


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_shows_just_the_form(client, searchable, query):
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    assert "Treffer" not in response.content.decode()


def test_bad_search_input_is_a_400_not_an_error(client, searchable):
    assert client.get("/suche/", {"q": "x" * 500}).status_code == 400
    assert client.get("/suche/", {"q": "Beirat", "art": "<script>"}).status_code == 400


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="German stemming is PostgreSQL full-text search; CI runs this on PostgreSQL",
)
def test_german_stemming_finds_other_forms_of_a_word(client, searchable):
    # "Beteiligung", "beteiligen" and "Beteiligungen" share the German stem "beteilig".
    response = client.get("/suche/", {"q": "Beteiligung"})
    titles = [hit.title for hit in response.context["page"].object_list]
    assert "Ein Integrationsbeirat mit echten Rechten" in titles  # says only "beteiligen"
    assert "Beteiligungswerkstatt im Quartier" in titles  # says "Beteiligungen"
    assert "Mehrsprachige Bescheide" not in titles


def test_highlighting_marks_other_forms_and_escapes_html():
    snippet = highlighted_snippet("<b>Wir</b> wollen uns beteiligen. Beteiligung zählt.", "Beteiligung")
    assert "&lt;b&gt;Wir&lt;/b&gt;" in snippet
    assert "<mark>beteiligen</mark>" in snippet and "<mark>Beteiligung</mark>" in snippet
    assert stems("Beteiligungen Rat") == ["beteilig", "rat"]
