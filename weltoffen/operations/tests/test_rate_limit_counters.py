"""Rate limits hold under parallel requests when the cache is Redis (REDIS_URL), as in
production: its counters are atomic, so 16 threads racing for a limit of 50 get exactly 50."""

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django_ratelimit.core import is_ratelimited

from django.core.cache import caches
from django.test import RequestFactory, override_settings

REDIS_URL = os.environ.get("MULTISERVER_REDIS_URL", "redis://127.0.0.1:6379/14")
LIMIT = 50


@pytest.fixture
def redis_cache():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({error}); the counter test needs it.")
    prefix = f"counter-test-{uuid.uuid4().hex}"
    config = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=config):
        yield caches["default"]
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def test_parallel_requests_never_get_past_the_limit(redis_cache):
    request = RequestFactory().post("/selbstcheck/link-per-mail/", REMOTE_ADDR="203.0.113.9")

    def attempt(_):
        return not is_ratelimited(
            request, group="counter-proof", key=lambda group, request: "one-visitor", rate=f"{LIMIT}/h", increment=True
        )

    with ThreadPoolExecutor(max_workers=16) as pool:
        allowed = sum(pool.map(attempt, range(4 * LIMIT)))
    assert allowed == LIMIT
