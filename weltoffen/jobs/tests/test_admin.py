"""Staff see failed mail in the Wagtail admin; nobody can read, add, edit or delete a mail there."""

import pytest

from django.contrib.auth.models import Permission

from weltoffen.jobs import mailing
from weltoffen.jobs.models import OutgoingMail

pytestmark = pytest.mark.django_db

INDEX = "/admin/outgoing_mail/"


@pytest.fixture
def failed_mail(unreachable_mail_server):
    row = mailing.queue_mail(
        kind="invitation", subject="Einladung", body="Link: geheim-123", recipients=["kim@kommune.example"]
    )
    OutgoingMail.objects.filter(pk=row.pk).update(status=OutgoingMail.Status.FAILED)
    return row


def test_staff_see_the_failed_mail_with_kind_masked_address_and_error(staff_client, failed_mail):
    response = staff_client.get(INDEX, follow=True)
    page = response.content.decode()
    assert response.status_code == 200, response.redirect_chain
    assert "Einladung zu einer Runde" in page
    assert "k…@kommune.example" in page
    assert "SMTPServerDisconnected" in page
    assert "geheim-123" not in page and "kim@kommune.example" not in page


@pytest.mark.parametrize("action", ["new/", "edit/{pk}/", "delete/{pk}/"])
def test_nobody_adds_edits_or_deletes_mail_in_the_admin(staff_client, failed_mail, action):
    response = staff_client.post(INDEX + action.format(pk=failed_mail.pk), {"kind": "x", "recipient_hint": "y"})
    assert response.status_code in (302, 403, 404)
    failed_mail.refresh_from_db()
    assert failed_mail.kind == "invitation"
    assert OutgoingMail.objects.count() == 1


def test_editors_without_the_permission_do_not_see_mail(client, django_user_model, failed_mail):
    editor = django_user_model.objects.create_user("redaktion", "r@kommune.example", "ein-langes-passwort-123")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(INDEX)
    assert response.status_code in (302, 403)
    assert "k…@kommune.example" not in response.content.decode()
