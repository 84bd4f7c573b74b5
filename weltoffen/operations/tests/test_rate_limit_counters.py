"""Rate limits hold under parallel requests when the cache is Redis (REDIS_URL), as in
production: its counters are atomic, so 16 threads racing for a limit of 50 get exactly 50."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django_ratelimit.core import is_ratelimited

from django.core.cache import caches
from django.test import RequestFactory, override_settings

from .conftest import REDIS_URL

LIMIT = 50


@pytest.fixture
def redis_cache(redis_prefix):
    config = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": redis_prefix,
        }
    }
    with override_settings(CACHES=config):
        yield caches["default"]


def test_parallel_requests_never_get_past_the_limit(redis_cache):
    request = RequestFactory().post("/selbstcheck/link-per-mail/", REMOTE_ADDR="203.0.113.9")

    def attempt(_):
        return not is_ratelimited(
            request, group="counter-proof", key=lambda group, request: "one-visitor", rate=f"{LIMIT}/h", increment=True
        )

    with ThreadPoolExecutor(max_workers=16) as pool:
        allowed = sum(pool.map(attempt, range(4 * LIMIT)))
    assert allowed == LIMIT
