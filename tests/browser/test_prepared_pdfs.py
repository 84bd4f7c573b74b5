"""The workshop documentation PDF, prepared in the background, with JavaScript off and on
and in both languages, axe-checked: the button, the status page while the file is
prepared (htmx swaps in the download link, or the link asks again), and the download."""

import re

import pytest

from .test_workshop import assert_accessible, sign_in_with_a_round

PENDING_DOCUMENT = """
from weltoffen.selfcheck.models import PreparedDocument
document = PreparedDocument.objects.create(assessment_id={pk}, kind="workshop-documentation", language={language!r}, filename="workshop.pdf")
print(document.pk)
"""

RENDER = """
from weltoffen.selfcheck.documents import render_document
render_document(document_id={document!r}, build=lambda assessment: b"%PDF-1.7 prepared in the background")
"""

TEXT = {
    "de": {
        "button": "Dokumentation als PDF erstellen",
        "ready": "Die PDF-Datei ist fertig",
        "download": "PDF herunterladen",
        "pending": "Die PDF-Datei wird erstellt",
        "refresh": "Status aktualisieren",
        "filename": "workshop-dokumentation-workshop-runde-1.pdf",
    },
    "en": {
        "button": "Create documentation as PDF",
        "ready": "The PDF file is ready",
        "download": "Download PDF",
        "pending": "The PDF file is being prepared",
        "refresh": "Update status",
        "filename": "workshop-dokumentation-workshop-round-1.pdf",  # the round's title is translated
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_documentation_is_prepared_then_downloaded(page, axe, manage, javascript, language):
    text = TEXT[language]
    prefix = "/en" if language == "en" else ""
    pk = sign_in_with_a_round(page, manage, javascript)
    page.goto(f"{prefix}/dialog/runde-{pk}/workshop/")
    page.get_by_role("button", name=text["button"]).click()
    page.get_by_text(text["ready"]).wait_for()
    assert re.search(r"/workshop/dokumentation/[0-9a-f-]{36}/$", page.url)
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert_accessible(page, axe)
    with page.expect_download() as download:
        page.get_by_role("link", name=text["download"]).click()
    assert download.value.suggested_filename == text["filename"]

    # While a worker still renders it: the status page, then the file once it is there.
    document = manage("shell", "-c", PENDING_DOCUMENT.format(pk=pk, language=language)).strip().splitlines()[-1]
    page.goto(f"{prefix}/dialog/runde-{pk}/workshop/dokumentation/{document}/")
    page.get_by_text(text["pending"]).wait_for()
    assert page.get_by_role("link", name=text["download"]).count() == 0
    assert_accessible(page, axe)
    manage("shell", "-c", RENDER.format(document=document))
    if not javascript:
        page.get_by_role("link", name=text["refresh"]).click()
    page.get_by_role("link", name=text["download"]).wait_for(timeout=10_000)
    assert page.get_by_text(text["ready"]).is_visible()
    assert_accessible(page, axe)
