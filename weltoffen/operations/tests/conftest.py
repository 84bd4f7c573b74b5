import os
import secrets

import pytest

# The Redis the operations tests use: database 14, so they keep clear of a site's own data.
REDIS_URL = os.environ.get("MULTISERVER_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def redis_prefix(request):
    """A key prefix of this test's own in Redis; its keys are removed afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({error}); {request.node.name} needs it.")
    prefix = f"{request.module.__name__.rsplit('.', 1)[-1]}-{secrets.token_hex(6)}"
    yield prefix
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
