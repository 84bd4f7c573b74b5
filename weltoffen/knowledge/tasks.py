from django_tasks import task

from . import contact


@task()
def purge_expired_contact_messages() -> int:
    return contact.purge_expired_contact_messages()
