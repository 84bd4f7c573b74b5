from django_tasks import task

from . import answering


@task()
def purge_inactive_assessments() -> int:
    return answering.purge_inactive_assessments()
