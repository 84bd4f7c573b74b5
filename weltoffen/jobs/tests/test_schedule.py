"""Periodic tasks start once per period, however many workers ask, and every configured
path names a real task."""

from datetime import timedelta

import pytest
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string

from weltoffen.jobs import mailing, schedule
from weltoffen.jobs.models import OutgoingMail, ScheduledRun

pytestmark = pytest.mark.django_db

MINUTE, DAY = timedelta(minutes=1), timedelta(days=1)


@pytest.fixture
def two_tasks(settings):
    settings.PERIODIC_TASKS = {
        "weltoffen.jobs.tasks.retry_due_mail": MINUTE,
        "weltoffen.jobs.tasks.purge_sent_mail": DAY,
    }


@pytest.mark.parametrize("task_path", settings.PERIODIC_TASKS)
def test_every_periodic_task_is_a_task(task_path):
    assert isinstance(import_string(task_path), Task)


def test_each_task_starts_once_per_period(two_tasks, database_queue):
    now = timezone.now()
    assert set(schedule.enqueue_due(now=now)) == {
        "weltoffen.jobs.tasks.retry_due_mail",
        "weltoffen.jobs.tasks.purge_sent_mail",
    }
    assert schedule.enqueue_due(now=now + timedelta(seconds=30)) == []
    assert schedule.enqueue_due(now=now + MINUTE) == ["weltoffen.jobs.tasks.retry_due_mail"]
    assert set(schedule.enqueue_due(now=now + DAY)) == {
        "weltoffen.jobs.tasks.retry_due_mail",
        "weltoffen.jobs.tasks.purge_sent_mail",
    }
    assert DBTaskResult.objects.count() == 5


@hypothesis_settings(max_examples=30, deadline=None)
@given(askers=st.integers(min_value=1, max_value=6), offset=st.integers(min_value=0, max_value=10_000))
def test_of_several_workers_asking_at_once_exactly_one_claims_the_run(askers, offset):
    ScheduledRun.objects.all().delete()
    now = timezone.now() + timedelta(seconds=offset)
    claims = [
        schedule.claim_run(task_path="weltoffen.jobs.tasks.purge_sent_mail", period=DAY, now=now) for _ in range(askers)
    ]
    assert claims.count(True) == 1


def test_the_worker_starts_what_is_due_and_runs_it(database_queue):
    finished = OutgoingMail.objects.create(kind="contact", recipient_hint="…", status=OutgoingMail.Status.SENT)
    OutgoingMail.objects.filter(pk=finished.pk).update(created_at=timezone.now() - mailing.KEEP_SENT - DAY)
    call_command("run_worker", "--once")
    assert not OutgoingMail.objects.exists()  # purge_sent_mail ran
    assert set(ScheduledRun.objects.values_list("task_path", flat=True)) == set(settings.PERIODIC_TASKS)
    assert not DBTaskResult.objects.ready().exists()
