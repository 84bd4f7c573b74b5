import pytest


@pytest.fixture
def database_queue(settings):
    """The queue as `make run` and production have it: requests store, a worker sends."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings
