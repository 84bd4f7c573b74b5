import re
from datetime import timedelta

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from weltoffen.jobs.models import OutgoingMail
from weltoffen.pages.models import BarrierReport
from weltoffen.pages.tasks import purge_expired_barrier_reports

URL = "/barriere-melden/"
VALID = {
    "page_url": "/selbstcheck/",
    "message": "Die Tabelle lässt sich mit dem Screenreader nicht lesen.",
    "email": "a@example.org",
}


@pytest.mark.django_db
def test_a_report_is_stored_and_mailed_to_the_configured_address(client, settings):
    settings.FEEDBACK_EMAIL = "barrieren@kommune.example"
    response = client.post(URL, VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:barrier-report-thanks")
    report = BarrierReport.objects.get()
    assert (report.page_url, report.email) == ("/selbstcheck/", "a@example.org")
    assert mail.outbox[0].to == ["barrieren@kommune.example"]
    assert "Screenreader" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_form_is_prefilled_with_the_page_the_visitor_came_from(client):
    content = client.get(URL, {"seite": "/selbstcheck/methodik/"}).content.decode()
    assert 'value="/selbstcheck/methodik/"' in content


@pytest.mark.django_db
def test_a_foreign_address_is_not_prefilled(client):
    content = client.get(URL, {"seite": "https://evil.example/"}).content.decode()
    page_field = re.search(r'<input[^>]*id="id_page_url"[^>]*>', content).group(0)
    assert "value=" not in page_field


@pytest.mark.django_db
def test_an_empty_report_gets_a_clear_german_message_and_400(client):
    response = client.post(URL, {"message": ""})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie die Barriere." in response.content.decode()
    assert BarrierReport.objects.count() == 0


@pytest.mark.django_db
def test_an_invalid_email_or_oversized_message_is_refused_with_what_was_typed_kept(client):
    response = client.post(URL, {**VALID, "email": "keine-adresse", "message": "x" * 6000})
    content = response.content.decode()
    assert response.status_code == 400
    assert "gültige E-Mail-Adresse" in content
    assert "höchstens 5000 Zeichen" in content
    assert "keine-adresse" in content


@pytest.mark.django_db
def test_bots_filling_the_honeypot_are_thanked_but_not_stored(client):
    response = client.post(URL, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert BarrierReport.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_more_than_five_reports_an_hour_are_rate_limited_without_losing_the_text(client):
    for _ in range(5):
        assert client.post(URL, VALID).status_code == 302
    response = client.post(URL, {**VALID, "message": "Noch eine Meldung"})
    assert response.status_code == 429
    content = response.content.decode()
    assert "Zu viele Meldungen" in content
    assert "Noch eine Meldung" in content
    assert BarrierReport.objects.count() == 5


@pytest.mark.django_db
def test_a_failing_mail_server_does_not_lose_the_report(client, unreachable_mail_server):
    response = client.post(URL, VALID)
    assert response.status_code == 302
    assert BarrierReport.objects.count() == 1
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.RETRYING


@pytest.mark.django_db
def test_reports_older_than_the_retention_period_are_deleted(client):
    old = BarrierReport.objects.create(message="alt")
    BarrierReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=366))
    client.post(URL, VALID)
    assert purge_expired_barrier_reports.call() == 1  # the worker's daily task (settings.PERIODIC_TASKS)
    assert not BarrierReport.objects.filter(pk=old.pk).exists()
    assert BarrierReport.objects.count() == 1


@pytest.mark.django_db
def test_staff_see_the_reports_in_the_admin(staff_client):
    BarrierReport.objects.create(page_url="/kommunen/09162/", message="Das Menü ist nicht per Tastatur erreichbar.")
    response = staff_client.get("/admin/barrier_reports/")
    assert response.status_code == 200
    assert "/kommunen/09162/" in response.content.decode()


def test_the_admin_shows_no_avatar_from_another_host(staff_client):
    # Wagtail would otherwise load each editor's picture from gravatar.com, with a hash of the address.
    response = staff_client.get("/admin/")
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode()
