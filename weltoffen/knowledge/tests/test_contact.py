from datetime import timedelta

import pytest

from django.core import mail, signing
from django.utils import timezone

from weltoffen.jobs.models import OutgoingMail
from weltoffen.knowledge.models import ContactMessage, ContactPage

VALID = {
    "name": "Aylin Beispiel",
    "email": "aylin@kommune.example",
    "organisation": "Stadt Musterhausen",
    "message": "Wir möchten einen Workshop planen.",
}


def started(seconds_ago: int) -> str:
    return signing.dumps((timezone.now() - timedelta(seconds=seconds_ago)).timestamp(), salt="contact-form")


@pytest.fixture
def contact_page(knowledge_site):
    return ContactPage.objects.get()


def test_a_message_is_stored_and_mailed(client, contact_page, settings):
    settings.CONTACT_EMAIL = "team@operator.example"
    response = client.post(contact_page.url, {**VALID, "started": started(30)})
    assert response.status_code == 302
    assert ContactMessage.objects.get().organisation == "Stadt Musterhausen"
    assert mail.outbox[0].to == ["team@operator.example"]


@pytest.mark.parametrize(
    "bot_signs",
    [
        lambda: {"website": "https://spam.example", "started": started(30)},  # filled the hidden field
        lambda: {"started": started(0)},  # sent within a second of loading
        lambda: {"started": "gefälscht"},  # forged the timestamp
    ],
)
def test_bots_are_thanked_but_nothing_is_stored(client, contact_page, bot_signs):
    response = client.post(contact_page.url, {**VALID, **bot_signs()})
    assert response.status_code == 302
    assert not ContactMessage.objects.exists()


def test_missing_fields_get_german_messages_and_400(client, contact_page):
    response = client.post(contact_page.url, {"started": started(30)})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Bitte geben Sie Ihren Namen an." in content
    assert "Bitte schreiben Sie uns Ihr Anliegen." in content


def test_the_contact_form_is_rate_limited_and_keeps_the_text(client, contact_page):
    for _ in range(5):
        client.post(contact_page.url, {**VALID, "started": started(30)})
    response = client.post(contact_page.url, {**VALID, "message": "Sechste Nachricht", "started": started(30)})
    assert response.status_code == 429
    assert "Sechste Nachricht" in response.content.decode()
    assert ContactMessage.objects.count() == 5


def test_a_mail_failure_keeps_the_message_and_the_mail_waits_for_a_retry(client, contact_page, unreachable_mail_server):
    client.post(contact_page.url, {**VALID, "started": started(30)})
    assert ContactMessage.objects.count() == 1
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.RETRYING
