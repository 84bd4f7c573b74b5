import shutil

import pytest

from django.core.management import call_command
from django.utils import translation

from wagtail.models import Page, PageViewRestriction

from weltoffen import page_cache
from weltoffen.catalogue.loading import DATA_DIR, load_all
from weltoffen.knowledge.indexing import index_catalogue, parse_html, rebuild_index
from weltoffen.knowledge.models import ArticlePage, FAQEntry, SearchEntry
from weltoffen.knowledge.search import search_site
from weltoffen.pages.models import StandardPage

from .factories import article


def entry(key: str, language: str = "de") -> SearchEntry:
    return SearchEntry.objects.get(key=key, language=language)


def page_entry(page, language: str = "de") -> SearchEntry:
    return entry(f"page:{page.pk}", language)


@pytest.fixture
def indexed_site(knowledge_site, django_capture_on_commit_callbacks):
    rebuild_index()
    return django_capture_on_commit_callbacks


def test_publishing_a_page_indexes_it_after_the_commit(indexed_site):
    with indexed_site(execute=True) as callbacks:
        page = article(title="Ein Seniorenbeirat mit Biss", tags=("beirat", "senioren"))
    assert callbacks, "indexing waits for the commit"
    indexed = page_entry(page)
    assert (indexed.kind, indexed.url, indexed.date) == ("artikel", "/wissen/ein-seniorenbeirat-mit-biss/", page.date)
    assert " seniorenbeirat " in indexed.title_terms
    assert " senior " in indexed.heading_terms  # tags weigh as headings


def test_nothing_is_indexed_before_the_commit(indexed_site):
    with indexed_site(execute=False):
        page = article(title="Ein Seniorenbeirat mit Biss")
        assert not SearchEntry.objects.filter(page=page).exists()


def test_a_new_revision_replaces_the_entry(indexed_site):
    with indexed_site(execute=True):
        page = article(title="Ein Seniorenbeirat mit Biss")
        page.title = "Ein Jugendbeirat mit Biss"
        page.save_revision().publish()
    assert [hit.title for hit in search_site("Jugendbeirat")] == ["Ein Jugendbeirat mit Biss"]
    assert search_site("Seniorenbeirat") == []
    assert SearchEntry.objects.filter(page=page).count() == 1


def test_unpublishing_and_deleting_a_page_remove_it(indexed_site):
    with indexed_site(execute=True):
        kept = article(title="Ein Seniorenbeirat mit Biss")
        gone = article(title="Ein Jugendbeirat mit Biss")
        kept.unpublish()
    assert not SearchEntry.objects.filter(page=kept).exists()
    gone.delete()
    assert not SearchEntry.objects.filter(key=f"page:{gone.pk}").exists()


def test_a_new_address_moves_the_descendants_along(indexed_site):
    about = Page.objects.get(slug="ueber-das-projekt").specific
    child = Page.objects.child_of(about).get(slug="dialog")
    with indexed_site(execute=True):
        about.slug = "projekt"
        about.save_revision().publish()
    assert page_entry(about).url == "/projekt/"
    assert page_entry(child).url == "/projekt/dialog/"


def test_moving_a_page_moves_its_entry(indexed_site):
    about = Page.objects.get(slug="ueber-das-projekt")
    page = Page.objects.get(slug="impressum")
    with indexed_site(execute=True):
        page.move(about, pos="last-child")
    assert page_entry(page).url == "/ueber-das-projekt/impressum/"


def test_a_page_behind_a_password_is_not_found_and_returns_when_it_is_open(indexed_site):
    about = Page.objects.get(slug="ueber-das-projekt")
    child = Page.objects.child_of(about).get(slug="dialog")
    with indexed_site(execute=True):
        restriction = PageViewRestriction.objects.create(page=about, restriction_type="password", password="geheim")
    assert not SearchEntry.objects.filter(page__in=[about, child]).exists()
    rebuild_index()
    assert not SearchEntry.objects.filter(page__in=[about, child]).exists()
    with indexed_site(execute=True):
        restriction.delete()
    assert SearchEntry.objects.filter(page=child).exists()


def test_the_home_page_and_drafts_are_not_indexed(indexed_site):
    assert not SearchEntry.objects.filter(page__depth__lte=2).exists()
    draft = ArticlePage(title="Entwurf", lead="Noch nicht fertig.", body=[], live=False)
    with indexed_site(execute=True):
        Page.objects.get(slug="wissen").add_child(instance=draft)
        draft.save_revision()
    rebuild_index()
    assert not SearchEntry.objects.filter(title="Entwurf").exists()


def test_headings_of_the_body_are_indexed_apart_from_its_text(indexed_site):
    body = [("heading", "Zwischenüberschrift"), ("text", "<h3>Kleine Überschrift</h3><p>Fließtext &amp; mehr.</p>")]
    with indexed_site(execute=True):
        page = article(title="Seite", body=body)
    indexed = page_entry(page)
    assert " zwischenuberschrift " in indexed.heading_terms and " klein " in indexed.heading_terms
    assert "Fließtext & mehr." in indexed.text
    assert "Zwischenüberschrift" not in indexed.text


def test_a_page_with_an_english_title_is_indexed_in_both_languages(indexed_site):
    page = StandardPage.objects.get(slug="impressum")
    german, english = page_entry(page, "de"), page_entry(page, "en")
    assert german.has_english and not english.has_english
    assert (english.title, english.url) == (page.title_en, "/en/impressum/")
    assert english.text and english.text != german.text


def test_saving_and_deleting_an_faq_entry(indexed_site):
    with indexed_site(execute=True):
        faq = FAQEntry.objects.create(question="Kostet es etwas?", answer="<p>Es ist gebührenfrei.</p>")
    assert (entry(f"faq:{faq.pk}").url, entry(f"faq:{faq.pk}").text) == (f"/faq/#faq-{faq.pk}", "Es ist gebührenfrei.")
    with indexed_site(execute=True):
        faq.question = "Was kostet es?"
        faq.save()
    assert entry(f"faq:{faq.pk}").title == "Was kostet es?"
    faq.delete()
    assert not SearchEntry.objects.filter(key=f"faq:{faq.pk}").exists()


def test_questions_of_the_current_catalogue_link_to_their_anchor(catalogue):
    index_catalogue()
    question = catalogue.questions.select_related("field").get(key="steuerung.leitbild")
    german, english = entry("question:steuerung.leitbild"), entry("question:steuerung.leitbild", "en")
    assert german.url == "/selbstcheck/handlungsfelder/steuerung/#frage-steuerung.leitbild"
    assert english.url == "/en/selbstcheck/handlungsfelder/steuerung/#frage-steuerung.leitbild"
    assert (german.kind, german.title, german.title_terms) == ("frage", question.text, "")
    assert question.help_text in german.text and question.recommendation in german.text
    assert german.context == "Handlungsfeld 1: Management und Steuerung"
    assert english.context == "Field of action 1: Management and governance"
    assert german.has_english and english.title == question.text_en


def test_a_question_without_english_text_is_only_indexed_in_german(catalogue):
    catalogue.questions.filter(key="steuerung.leitbild").update(text_en="")
    index_catalogue()
    assert not SearchEntry.objects.filter(key="question:steuerung.leitbild", language="en").exists()
    assert not entry("question:steuerung.leitbild").has_english


def test_the_fields_of_action_are_indexed_with_their_sub_topics(catalogue):
    index_catalogue()
    field = entry("field:teilhabe")
    assert (field.kind, field.url, field.context) == (
        "handlungsfeld",
        "/selbstcheck/handlungsfelder/teilhabe/",
        "Handlungsfeld 3",
    )
    assert field.heading_terms  # the sub-topics
    assert SearchEntry.objects.filter(kind="handlungsfeld", language="de").count() == 7


def test_the_methodik_page_is_indexed_section_by_section(catalogue):
    index_catalogue()
    intro, team = entry("method:"), entry("method:team")
    assert (intro.title, intro.url) == ("Methodik des Selbstchecks", "/selbstcheck/methodik/")
    assert (team.title, team.url, team.context) == (
        "Mehrere Antwortende",
        "/selbstcheck/methodik/#team",
        "Methodik des Selbstchecks",
    )
    assert "Diskussionsbedarf" in team.text
    assert "Antwortskalen" not in intro.text  # the table of contents is left out
    with translation.override("en"):
        assert entry("method:team", "en").title == "Several respondents"


def test_loading_the_catalogue_replaces_its_entries_after_the_commit(db, tmp_path, django_capture_on_commit_callbacks):
    shutil.copytree(DATA_DIR / "v1", tmp_path / "data" / "v1")
    with django_capture_on_commit_callbacks(execute=True):
        load_all(tmp_path / "data")
    assert SearchEntry.objects.filter(kind="frage", language="de").count() == 108
    assert entry("question:teilhabe.deutschkurse")  # only in v1
    shutil.copytree(DATA_DIR / "v2", tmp_path / "data" / "v2")
    with django_capture_on_commit_callbacks(execute=True):
        load_all(tmp_path / "data")
    assert SearchEntry.objects.filter(kind="frage", language="de").count() == 126
    assert not SearchEntry.objects.filter(key="question:teilhabe.deutschkurse").exists()
    assert entry("question:teilhabe.wohnungssuche").url.endswith("#frage-teilhabe.wohnungssuche")


def test_the_index_command_rebuilds_everything_and_says_what(indexed_site, capsys):
    SearchEntry.objects.all().delete()
    call_command("build_search_index")
    first = SearchEntry.objects.count()
    call_command("build_search_index")
    output = capsys.readouterr().out
    assert SearchEntry.objects.count() == first > 0
    assert "Suchindex aufgebaut" in output and "Frage im Selbstcheck: " in output and "Methodik: " in output


def test_html_is_split_into_sections_with_headings_apart():
    html = """<nav><a>Inhalt</a></nav><h1>Titel</h1><p>Vorweg.</p>
    <section aria-labelledby="a"><h2 id="a">Erster Teil</h2><p>Text <b>eins</b>.</p><h3>Unter</h3><table><caption>Tabelle</caption><tr><td>1</td></tr></table></section>
    <p>Danach.</p><script>var x = 1;</script>"""
    sections = parse_html(html)
    assert [(s.anchor, s.title, s.headings, s.text) for s in sections] == [
        ("", "Titel", [], "Vorweg. Danach."),
        ("a", "Erster Teil", ["Unter", "Tabelle"], "Text eins. 1"),
    ]


def test_a_changed_index_starts_a_new_page_cache_generation(catalogue, django_capture_on_commit_callbacks):
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        index_catalogue()
    assert page_cache.generation() != before


def test_a_page_published_and_deleted_in_one_transaction_leaves_nothing(indexed_site):
    with indexed_site(execute=True):
        page = article(title="Gleich wieder weg")
        page_id = page.pk
        page.delete()
    assert not SearchEntry.objects.filter(key=f"page:{page_id}").exists()
