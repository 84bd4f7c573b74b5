from django_tasks import task

from . import requests


@task()
def purge_expired_help_requests() -> int:
    return requests.purge_expired_help_requests()
