from django_tasks import task

from django.core.management import call_command

from . import models


@task()
def purge_expired_barrier_reports() -> int:
    return models.purge_expired_barrier_reports()


@task()
def publish_scheduled_pages() -> None:
    """Wagtail's scheduled publishing, as a periodic task of the worker instead of a cron job."""
    call_command("publish_scheduled", verbosity=0)
