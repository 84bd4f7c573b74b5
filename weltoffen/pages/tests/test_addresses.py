"""A site served on any host and port links to itself, never to the address in its Site record."""

import io
import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Page, Site

from weltoffen.pages.addresses import RequestRootedUrlsMixin, absolute_url, subscription_url
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput

SERVED_AT = "localhost:8765"
HREF = re.compile(r'href="([^"#]+)')


@pytest.fixture
def served_elsewhere(client, knowledge_site, assessment):
    """The Site record says 127.0.0.1:8000, as after `make data`; the server runs on another port."""
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)
    client.defaults["HTTP_HOST"] = SERVED_AT
    from weltoffen.knowledge.models import EventIndexPage, EventPage

    berlin = ZoneInfo("Europe/Berlin")
    event = EventPage(
        title="Fachtag Beteiligung",
        start=datetime(2027, 3, 10, 10, tzinfo=berlin),
        end=datetime(2027, 3, 10, 16, tzinfo=berlin),
        location="Online",
        description="<p>Programm.</p>",
    )
    EventIndexPage.objects.get().add_child(instance=event)
    event.save_revision().publish()
    for question in assessment.version.questions.all():
        answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("1", ""))
    return event


def follow_every_link(client, content: str) -> list[str]:
    """Every link of a page: absolute ones must point here, and each one must answer."""
    links = [link for link in HREF.findall(content) if not link.startswith(("mailto:", "tel:"))]
    for link in links:
        address = urlsplit(link)
        if address.scheme in ("http", "https", "webcal"):
            assert address.netloc == SERVED_AT, link
        if address.netloc in ("", SERVED_AT) and not address.path.startswith("/static/"):
            status = client.get(address.path + (f"?{address.query}" if address.query else "")).status_code
            assert status in (200, 302), f"{link} answered {status}"
    return links


@pytest.mark.django_db
def test_the_results_page_its_pdf_an_event_page_and_the_ical_feed_link_to_the_host_they_were_served_at(
    client, served_elsewhere, assessment
):
    results = client.get(reverse("selfcheck:results", kwargs={"token": assessment.token})).content.decode()
    assert len(follow_every_link(client, results)) > 20
    assert "127.0.0.1:8000" not in results

    event_page = client.get(served_elsewhere.url).content.decode()
    assert "127.0.0.1:8000" not in event_page
    follow_every_link(client, event_page)

    feed_page = client.get("/veranstaltungen/").content.decode()
    assert f'href="webcal://{SERVED_AT}/veranstaltungen/ical/" type="text/calendar"' in feed_page
    assert 'href="/veranstaltungen/ical/" type="text/calendar" download' in feed_page
    follow_every_link(client, feed_page)

    feed = Calendar.from_ical(client.get("/veranstaltungen/ical/").content)
    (entry,) = feed.walk("VEVENT")
    assert str(entry["URL"]) == f"http://{SERVED_AT}{served_elsewhere.url}"
    assert client.get(urlsplit(str(entry["URL"])).path).status_code == 200
    assert str(entry["UID"]) == f"event-{served_elsewhere.pk}@testserver"  # stable: from SITE_URL

    pdf = client.get(reverse("selfcheck:report", kwargs={"token": assessment.token})).content
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots") or []
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    assert uris and all(urlsplit(uri).netloc == SERVED_AT for uri in uris if uri.startswith("http")), uris


@pytest.mark.django_db
def test_every_page_type_of_the_project_links_from_the_visitors_host():
    project_pages = [model for model in Page.__subclasses__() if model.__module__.startswith("weltoffen.")]
    assert project_pages
    for model in project_pages:
        assert issubclass(model, RequestRootedUrlsMixin), model


@override_settings(SITE_URL="https://weltoffen.example")
def test_without_a_request_addresses_come_from_site_url(rf):
    assert absolute_url("/selbstcheck/") == "https://weltoffen.example/selbstcheck/"
    assert subscription_url("/veranstaltungen/ical/") == "webcal://weltoffen.example/veranstaltungen/ical/"
    request = rf.get("/", HTTP_HOST=SERVED_AT)
    assert absolute_url("/x/", request) == f"http://{SERVED_AT}/x/"


@pytest.mark.django_db
@override_settings(SITE_URL="http://127.0.0.1:8765")
def test_setting_up_the_site_follows_host_and_port(knowledge_site):
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)
    call_command("follow_site_address", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8765)
    call_command("setup_site", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).port == 8765
