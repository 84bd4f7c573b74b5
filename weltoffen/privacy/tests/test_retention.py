"""Every retention period the privacy page promises is kept by a periodic task of the
worker, not by whichever request happens to come next."""

from datetime import timedelta

import pytest

from django.core.management import call_command
from django.utils import timezone

from weltoffen.knowledge.models import ContactMessage
from weltoffen.pages.models import BarrierReport
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.models import Assessment
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.support.models import HelpRequest

pytestmark = pytest.mark.usefixtures("catalogue")


def expired_and_fresh():
    """One row past its model's retention and one just inside it, per kind of personal data."""
    rows = {
        Assessment: (AssessmentFactory(), AssessmentFactory(), "last_activity_at"),
        HelpRequest: tuple(
            HelpRequest.objects.create(message="Hilfe", contact_channel="email", contact="a@kommune.example")
            for _ in range(2)
        )
        + ("updated_at",),
        ContactMessage: tuple(
            ContactMessage.objects.create(name="Kim", email="k@kommune.example", message="Frage") for _ in range(2)
        )
        + ("created_at",),
        BarrierReport: tuple(BarrierReport.objects.create(message="Kontrast") for _ in range(2)) + ("created_at",),
    }
    now = timezone.now()
    for model, (expired, fresh, field) in rows.items():
        model.objects.filter(pk=expired.pk).update(**{field: now - model.RETENTION - timedelta(days=1)})
        model.objects.filter(pk=fresh.pk).update(**{field: now - model.RETENTION + timedelta(days=1)})
    return {model: (expired.pk, fresh.pk) for model, (expired, fresh, _field) in rows.items()}


def test_the_worker_deletes_what_is_past_its_retention_and_keeps_the_rest(database_queue):
    rows = expired_and_fresh()
    call_command("run_worker", "--once")
    for model, (expired, fresh) in rows.items():
        assert not model.objects.filter(pk=expired).exists(), model
        assert model.objects.filter(pk=fresh).exists(), model


def test_new_submissions_no_longer_delete_old_rows_in_passing():
    rows = expired_and_fresh()
    answering.start_assessment(municipality=None, title="Neu")
    for model, (expired, _fresh) in rows.items():
        assert model.objects.filter(pk=expired).exists(), model
