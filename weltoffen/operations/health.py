"""Probes for load balancers and process supervisors, outside the language prefixes.

- `/healthz/` (liveness): the process answers. It touches neither database nor cache, so
  an outage of either does not make a supervisor restart web processes that are fine.
- `/readyz/` (readiness): database, cache, task queue and file storage answer (django-health-check);
  a load balancer sends visitors only to instances that are ready.

Both say "ok" (200) or "unavailable" (503) as plain text and nothing more: which check
failed and why goes to the log (logger `health_check`), never to the public. For the details,
an operator runs `manage.py health_check readiness --no-http`.

- `/readyz/workers/`: the background workers (weltoffen/jobs) keep up: no task has waited
  longer than TASK_BACKLOG_SECONDS. It is separate so that stalled workers raise an alarm
  without taking the web instances out of the load balancer.
"""

import asyncio
import dataclasses
import datetime
import uuid

from django_tasks_db.models import DBTaskResult, get_date_max
from health_check.base import HealthCheck
from health_check.checks import Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

PROBE_PREFIX = ".readiness-probe-"


@dataclasses.dataclass
class MediaStorage(Storage):
    """django-health-check's storage check (write, read, delete), with its file at the top of
    the media folder: its own folder would stay behind, empty, after every probe."""

    def get_file_name(self):
        return f"{PROBE_PREFIX}{uuid.uuid4().hex}.txt"


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The queue's table answers, so requests can hand work to the workers."""

    def run(self):
        DBTaskResult.objects.ready().exists()


@dataclasses.dataclass
class WorkersKeepUp(HealthCheck):
    """No task waits longer than settings.TASK_BACKLOG_SECONDS: some worker serves the queue."""

    def run(self):
        limit = timezone.now() - datetime.timedelta(seconds=settings.TASK_BACKLOG_SECONDS)
        undeferred = get_date_max()  # the run_after of a task that may run at once
        late = Q(run_after__lte=limit) | Q(run_after=undeferred, enqueued_at__lte=limit)
        if DBTaskResult.objects.ready().filter(late).exists():
            raise ServiceUnavailable("tasks wait longer than TASK_BACKLOG_SECONDS")


READINESS_CHECKS = ("health_check.checks.Database", "health_check.checks.Cache", TaskQueue, MediaStorage)


def probe_response(ready: bool) -> HttpResponse:
    response = HttpResponse(
        "ok\n" if ready else "unavailable\n", content_type="text/plain; charset=utf-8", status=200 if ready else 503
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def liveness(request):
    return probe_response(True)


class ReadinessView(HealthCheckView):
    checks = READINESS_CHECKS
    http_method_names = ["get", "head"]

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        return probe_response(not any(result.error for result in results))


class WorkersView(ReadinessView):
    checks = (WorkersKeepUp,)
