"""Periodic tasks: settings.PERIODIC_TASKS names each task and how often it runs. The worker
(`manage.py run_worker`) calls `enqueue_due` between tasks; the retention purges run here,
not inside unrelated requests."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun


def enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue every periodic task whose period has passed; returns their paths."""
    now = now or timezone.now()
    started = []
    for task_path, period in settings.PERIODIC_TASKS.items():
        if claim_run(task_path=task_path, period=period, now=now):
            import_string(task_path).enqueue()
            started.append(task_path)
    return started


def claim_run(*, task_path: str, period: timedelta, now: datetime) -> bool:
    """True for exactly one caller per period, however many workers ask at once."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.get_or_create(task_path=task_path, defaults={"last_started_at": now - period})
    except IntegrityError:
        pass  # another worker created it a moment ago
    claimed = ScheduledRun.objects.filter(task_path=task_path, last_started_at__lte=now - period).update(
        last_started_at=now
    )
    return claimed == 1
