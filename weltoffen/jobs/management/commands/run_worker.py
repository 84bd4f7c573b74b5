import logging
import time

from django_tasks_db.management.commands.db_worker import Worker

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from weltoffen.jobs import schedule

logger = logging.getLogger("weltoffen.jobs")
# The shortest period is a minute; looking more often would only add writes on SQLite.
SCHEDULE_CHECK_SECONDS = 15


class Command(BaseCommand):
    help = (
        "Run background tasks (mail, purges) from the database queue and start the periodic ones when due. "
        "`make run` and `make serve` start one beside the web server; production runs one or more as services."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds to wait when there is nothing to do")
        parser.add_argument("--once", action="store_true", help="start what is due, run every waiting task, then exit")

    def handle(self, *, interval: float, once: bool, **options):
        # The library's worker says "starting" and "no more tasks" on every round of the loop.
        logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        worker_id = get_random_string(32)
        logger.info("Background worker started (%s periodic tasks)", len(settings.PERIODIC_TASKS))
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()  # SIGTERM lets the running task finish, then exits
        next_schedule_check = 0.0
        while True:
            if time.monotonic() >= next_schedule_check:
                schedule.enqueue_due()
                next_schedule_check = time.monotonic() + SCHEDULE_CHECK_SECONDS
            worker.run()  # returns once the queue is empty
            if once or not worker.running:
                return
            time.sleep(interval)
