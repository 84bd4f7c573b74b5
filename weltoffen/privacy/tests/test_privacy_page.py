"""The privacy page says what each deletion removes and keeps, from the same declaration
the deletion test checks every table against."""

import html

import pytest

from django.utils import translation

from weltoffen.pages.models import StandardPage
from weltoffen.privacy.deletion import DELETIONS


def sentences(deletion) -> list[str]:
    return [str(deletion.title), str(deletion.how)] + [str(o.text) for o in (*deletion.removed, *deletion.kept)]


@pytest.mark.parametrize(("prefix", "language"), [("", "de"), ("/en", "en")])
def test_the_privacy_page_lists_every_deletion_with_what_it_removes_and_keeps(client, knowledge_site, prefix, language):
    content = html.unescape(client.get(f"{prefix}/datenschutz/").content.decode())
    with translation.override(language):
        for deletion in DELETIONS:
            for sentence in sentences(deletion):
                assert sentence in content, sentence
    assert content.count('id="loeschen-') == len(DELETIONS) + 1


def test_the_overview_follows_the_declaration_even_where_editors_changed_the_page(client, knowledge_site):
    page = StandardPage.objects.get(slug="datenschutz")
    page.body = []
    page.save_revision().publish()
    content = html.unescape(client.get("/datenschutz/").content.decode())
    assert str(DELETIONS[0].removed[0].text) in content


def test_other_standard_pages_show_no_deletion_overview(client, knowledge_site):
    content = client.get("/impressum/").content.decode()
    assert 'id="loeschen-' not in content


def test_the_initial_privacy_text_tells_of_the_exports_and_where_the_overview_is(client, knowledge_site):
    content = html.unescape(client.get("/datenschutz/").content.decode())
    assert "ZIP-Datei mit CSV- und JSON-Dateien" in content and "„Meine Daten“" in content
    assert "„Was beim Löschen entfernt wird und was bleibt“" in content
    english = html.unescape(client.get("/en/datenschutz/").content.decode())
    assert "ZIP file with CSV and JSON files" in english and "“What deleting removes and what stays”" in english
