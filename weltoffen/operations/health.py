"""Probes for load balancers and process supervisors, outside the language prefixes.

- `/healthz/` (liveness): the process answers. It touches neither database nor cache, so
  an outage of either does not make a supervisor restart web processes that are fine.
- `/readyz/` (readiness): database, cache and file storage answer (django-health-check);
  a load balancer sends visitors only to instances that are ready.

Both say "ok" (200) or "unavailable" (503) as plain text and nothing more: which check
failed and why goes to the log (logger `health_check`), never to the public. For the details,
an operator runs `manage.py health_check readiness --no-http`.

A check for the task queue belongs here once the project has one (django-tasks): its worker
would report in, and readiness of the workers is then a check of its own.
"""

import asyncio
import dataclasses
import uuid

from health_check.checks import Storage
from health_check.views import HealthCheckView

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

PROBE_PREFIX = ".readiness-probe-"


@dataclasses.dataclass
class MediaStorage(Storage):
    """django-health-check's storage check (write, read, delete), with its file at the top of
    the media folder: its own folder would stay behind, empty, after every probe."""

    def get_file_name(self):
        return f"{PROBE_PREFIX}{uuid.uuid4().hex}.txt"


READINESS_CHECKS = ("health_check.checks.Database", "health_check.checks.Cache", MediaStorage)


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
