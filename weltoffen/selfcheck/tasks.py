from django_tasks import task

from . import answering, documents


@task()
def purge_inactive_assessments() -> int:
    return answering.purge_inactive_assessments()


@task()
def purge_expired_documents() -> int:
    return documents.purge_expired_documents()
