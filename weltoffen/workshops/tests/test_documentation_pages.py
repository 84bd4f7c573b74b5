"""The documentation PDF is prepared in the background: a button, a status page that works
without JavaScript and polls with htmx, a download, and a clear message when it failed."""

import pytest

from django.core.management import call_command
from django.urls import reverse

from weltoffen.selfcheck.models import PreparedDocument
from weltoffen.selfcheck.tests.documents import DOWNLOAD_LINK, ready_document, status_page

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def request_url(ref):
    return reverse("workshops:documentation", args=[ref])


def test_the_overview_offers_a_button_that_posts(client, link_assessment):
    page = client.get(reverse("workshops:overview", args=[link_assessment.token])).text
    form = page.split(f'action="{request_url(link_assessment.token)}"', 1)
    assert len(form) == 2 and 'method="post"' in form[0][-40:]
    assert "csrfmiddlewaretoken" in form[1].split("</form>", 1)[0]
    assert "Dokumentation als PDF erstellen" in form[1].split("</form>", 1)[0]


def test_without_javascript_the_post_leads_to_the_status_page_and_the_download(client, link_assessment):
    page = status_page(client, request_url(link_assessment.token))
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert "Die PDF-Datei ist fertig" in page.text and "Stand: " in page.text
    assert 'http-equiv="refresh"' not in page.text and "hx-trigger" not in page.text
    document = PreparedDocument.objects.get()
    assert document.kind == "workshop-documentation" and document.language == "de"
    download = client.get(DOWNLOAD_LINK.search(page.text).group(1))
    assert (
        download["Content-Disposition"] == 'attachment; filename="workshop-dokumentation-selbstcheck-musterstadt.pdf"'
    )
    assert download["Cache-Control"] == "private, no-store"
    assert download.getvalue().startswith(b"%PDF")


def test_with_a_worker_the_status_page_says_it_is_prepared_and_htmx_asks_again(client, database_queue, link_assessment):
    page = status_page(client, request_url(link_assessment.token))
    status_url = page.request["PATH_INFO"]
    assert "Die PDF-Datei wird erstellt" in page.text
    assert f'<a class="kern-link" href="{status_url}">Status aktualisieren</a>' in page.text
    assert f'hx-get="{status_url}" hx-trigger="every 2s"' in page.text
    assert 'aria-live="polite"' in page.text and not DOWNLOAD_LINK.search(page.text)
    assert 'http-equiv="refresh"' not in page.text

    fragment = client.get(status_url, **HTMX)
    assert "<html" not in fragment.text and 'hx-trigger="every 2s"' in fragment.text

    call_command("run_worker", "--once")
    fragment = client.get(status_url, **HTMX).text
    assert "Die PDF-Datei ist fertig" in fragment and "hx-trigger" not in fragment
    assert client.get(DOWNLOAD_LINK.search(fragment).group(1)).getvalue().startswith(b"%PDF")


def test_a_download_asked_for_before_it_is_ready_leads_to_the_status_page(client, database_queue, link_assessment):
    page = status_page(client, request_url(link_assessment.token))
    document = PreparedDocument.objects.get()
    download_url = reverse("workshops:documentation-download", args=[link_assessment.token, document.pk])
    response = client.get(download_url)
    assert response.status_code == 302 and response["Location"] == page.request["PATH_INFO"]


def test_a_failed_render_says_so_and_lets_the_user_try_again(client, link_assessment, monkeypatch):
    def broken(view):
        raise OSError("fonts missing")

    monkeypatch.setattr("weltoffen.workshops.tasks.workshop_documentation", broken)
    page = status_page(client, request_url(link_assessment.token))
    assert page.status_code == 200
    assert "Die PDF-Datei konnte nicht erstellt werden" in page.text and 'role="alert"' in page.text
    assert "fonts missing" not in page.text
    retry = page.text.split('id="document-status"', 1)[1]
    assert f'action="{request_url(link_assessment.token)}"' in retry and "Erneut versuchen" in retry

    monkeypatch.undo()
    page = status_page(client, request_url(link_assessment.token))
    assert "Die PDF-Datei ist fertig" in page.text
    assert list(PreparedDocument.objects.values_list("status", flat=True)) == ["ready", "failed"]


def test_a_ready_document_whose_file_is_gone_can_be_prepared_again(client, link_assessment):
    document = ready_document(link_assessment, kind="workshop-documentation")
    document.file.storage.delete(document.file.name)
    download_url = reverse("workshops:documentation-download", args=[link_assessment.token, document.pk])
    response = client.get(download_url, follow=True)
    assert "Die PDF-Datei konnte nicht erstellt werden" in response.text and "Erneut versuchen" in response.text


def test_the_old_pdf_address_and_the_page_lead_to_the_latest_document(client, link_assessment):
    token = link_assessment.token
    old = client.get(reverse("workshops:documentation-pdf", args=[token]))
    assert old.status_code == 302 and old["Location"] == request_url(token)
    page = client.get(request_url(token)).text
    assert "PDF erstellen" in page and "gelöscht" in page and 'method="post"' in page
    document = ready_document(link_assessment, kind="workshop-documentation")
    latest = client.get(request_url(token))
    assert latest["Location"] == reverse("workshops:documentation-status", args=[token, document.pk])


def test_another_assessments_document_is_a_404_under_our_link(client, link_assessment, team_round):
    theirs = ready_document(team_round, kind="workshop-documentation")
    for name in ("documentation-status", "documentation-download"):
        assert client.get(reverse(f"workshops:{name}", args=[link_assessment.token, theirs.pk])).status_code == 404


def test_the_status_page_is_in_english_under_en(client, link_assessment):
    page = status_page(client, request_url(link_assessment.token), prefix="/en")
    assert page.request["PATH_INFO"].startswith("/en/")
    assert "The PDF file is ready" in page.text and "Download PDF" in page.text
    assert PreparedDocument.objects.get().language == "en"


def test_a_post_beyond_the_hourly_limit_is_a_429_and_prepares_nothing(client, link_assessment, monkeypatch):
    monkeypatch.setattr(PreparedDocument, "MAX_PER_HOUR", 1)
    assert client.post(request_url(link_assessment.token)).status_code == 302
    response = client.post(request_url(link_assessment.token))
    assert response.status_code == 429
    assert "schon 1 PDF-Datei erstellt" in response.text and "Gerade keine neue PDF-Datei" in response.text
    assert PreparedDocument.objects.count() == 1
