import logging
from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from weltoffen.jobs.models import OutgoingMail
from weltoffen.support.models import HelpRequest
from weltoffen.teams.tests.factories import UserFactory

NEW = reverse("support:request-new")
TEAM = reverse("support:team-requests")
SECRET = "Mein Nachbar Herr Beispiel droht mir seit Wochen"
DATA = {"message": SECRET, "contact_channel": "phone", "contact": "0170 1234567"}


@pytest.fixture
def support_member(db):
    member = UserFactory(email="unterstuetzung@example.org")
    member.groups.add(Group.objects.get(name="Unterstützung"))
    Authenticator.objects.create(user=member, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return member


def sign_in_with_second_factor(client, user):
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": 0}, {"method": "mfa", "at": 0}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def test_the_support_group_exists_after_migrating(db):
    assert Group.objects.filter(name="Unterstützung").exists()


def test_anyone_can_send_a_request_with_the_minimum_of_data(client, support_member):
    response = client.post(NEW, DATA)
    assert response.status_code == 302
    request = HelpRequest.objects.get()
    assert (request.message, request.contact_channel, request.requester) == (SECRET, "phone", None)


def test_the_notification_mail_says_only_that_a_request_arrived(
    client, support_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(NEW, {**DATA, "contact_channel": "email", "contact": "bm@example.org"})
    (message,) = mail.outbox
    assert message.to == ["unterstuetzung@example.org"]
    text = message.subject + message.body
    assert "Neue vertrauliche Anfrage" in message.subject
    for secret in (SECRET, "Beispiel", "bm@example.org", str(HelpRequest.objects.get().pk)):
        assert secret not in text


def test_request_content_reaches_no_log(client, support_member, caplog, django_capture_on_commit_callbacks):
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        client.post(NEW, DATA)
    assert SECRET not in caplog.text and "0170 1234567" not in caplog.text


def test_a_failing_mail_keeps_the_request_and_logs_no_content(client, support_member, caplog, unreachable_mail_server):
    with caplog.at_level(logging.WARNING):
        client.post(NEW, DATA)
    assert HelpRequest.objects.count() == 1
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.RETRYING
    assert "failed on attempt 1" in caplog.text and SECRET not in caplog.text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"contact_channel": "email", "contact": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"contact": "ruf mich an"}, "Telefonnummer"),
        ({"contact_channel": "brieftaube"}, "Bitte eine gültige Auswahl treffen."),
        ({"message": "a\x00b"}, "Nullzeichen sind nicht erlaubt."),
        ({"message": "x" * 3001}, "höchstens 3000 Zeichen"),
        ({"message": ""}, "Dieses Feld muss ausgefüllt werden."),
    ],
)
def test_bad_input_is_a_german_400_and_stores_nothing(client, db, change, message):
    response = client.post(NEW, {**DATA, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_requests_are_rate_limited(client, support_member):
    for _ in range(5):
        client.post(NEW, DATA)
    response = client.post(NEW, DATA)
    assert response.status_code == 429
    assert HelpRequest.objects.count() == 5


def test_a_bot_filling_the_honeypot_stores_nothing(client, db):
    client.post(NEW, {**DATA, "website": "http://spam.example"})
    assert not HelpRequest.objects.exists()


def test_a_signed_in_requester_sees_the_status_of_their_own_requests_only(client, support_member):
    requester = UserFactory()
    client.force_login(requester)
    client.post(NEW, DATA)
    HelpRequest.objects.create(message="fremd", contact_channel="phone", contact="0170 7654321", status="closed")
    HelpRequest.objects.filter(requester=requester).update(status="in_progress")
    content = client.get(NEW).content.decode()
    assert "in Bearbeitung" in content and "abgeschlossen" not in content
    assert SECRET not in content


@pytest.fixture
def help_request(db):
    return HelpRequest.objects.create(message=SECRET, contact_channel="phone", contact="0170 1234567")


def test_the_support_team_reads_requests_signed_in_with_a_second_factor(client, support_member, help_request):
    sign_in_with_second_factor(client, support_member)
    assert client.get(TEAM).status_code == 200
    detail = reverse("support:team-request", kwargs={"pk": help_request.pk})
    assert SECRET in client.get(detail).content.decode()
    client.post(detail, {"status": "in_progress"})
    help_request.refresh_from_db()
    assert help_request.status == "in_progress"


@pytest.mark.parametrize("who", ["another account", "staff", "superuser with two factors"])
def test_nobody_outside_the_support_group_sees_requests(client, help_request, who):
    user = {
        "another account": lambda: UserFactory(),
        "staff": lambda: UserFactory(is_staff=True),
        "superuser with two factors": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[who]()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    sign_in_with_second_factor(client, user)
    detail = reverse("support:team-request", kwargs={"pk": help_request.pk})
    assert client.get(TEAM).status_code == 404
    assert client.get(detail).status_code == 404
    assert client.post(detail, {"status": "closed"}).status_code == 404
    help_request.refresh_from_db()
    assert help_request.status == "new"


def test_a_group_member_without_an_authenticator_is_sent_to_set_one_up(client, help_request):
    member = UserFactory()
    member.groups.add(Group.objects.get(name="Unterstützung"))
    client.force_login(member)
    response = client.get(TEAM)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_a_session_opened_without_the_second_factor_is_refused(client, support_member, help_request):
    client.force_login(support_member)
    response = client.get(reverse("support:team-request", kwargs={"pk": help_request.pk}))
    assert response.status_code == 403
    assert SECRET not in response.content.decode()


def test_a_tampered_status_changes_nothing(client, support_member, help_request):
    sign_in_with_second_factor(client, support_member)
    client.post(reverse("support:team-request", kwargs={"pk": help_request.pk}), {"status": "geloescht"})
    help_request.refresh_from_db()
    assert help_request.status == "new"


def test_requests_are_deleted_180_days_after_their_last_change(help_request):
    kept = HelpRequest.objects.create(message="neu", contact_channel="phone", contact="0170 1")
    HelpRequest.objects.filter(pk=help_request.pk).update(updated_at=timezone.now() - timedelta(days=181))
    out = StringIO()
    call_command("purge_help_requests", stdout=out)
    assert "gelöscht: 1" in out.getvalue()
    assert list(HelpRequest.objects.all()) == [kept]


def test_requests_are_not_in_the_admin(staff_client, help_request):
    content = staff_client.get("/admin/").content.decode()
    assert "Anfrage" not in content or "Kontaktanfragen" in content
    assert "helprequest" not in content.lower()


def test_deleting_the_account_deletes_its_requests(client, db):
    requester = UserFactory()
    HelpRequest.objects.create(requester=requester, message=SECRET, contact_channel="phone", contact="0170 1")
    requester.delete()
    assert not HelpRequest.objects.exists()
