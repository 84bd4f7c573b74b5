from django_tasks import task

from django.core.management import call_command

from . import mailing


@task()
def deliver_mail(mail_id: int) -> None:
    mailing.deliver(mail_id=mail_id)


@task()
def retry_due_mail() -> int:
    return mailing.retry_due_mail()


@task()
def purge_sent_mail() -> int:
    return mailing.purge_sent_mail()


@task()
def prune_task_results() -> None:
    """Finished task rows hold only ids and return values; two weeks are enough to debug."""
    call_command("prune_db_task_results", "--queue-name=*", "--min-age-days=14", verbosity=0)
