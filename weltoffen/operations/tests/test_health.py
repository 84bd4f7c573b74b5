"""Liveness and readiness: plain "ok" or "unavailable", never a detail, never cached."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.management import call_command
from django.test import RequestFactory

from weltoffen.page_cache import request_is_cacheable

ROOT = Path(__file__).resolve().parents[3]
DETAILS = ("Database", "Cache", "Storage", "Redis", "redis", "127.0.0.1", "Connection", "Error", "alias")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_liveness_answers_without_touching_the_database(client, settings):
    settings.PAGE_CACHE_SECONDS = 600  # the page cache would look up its generation first
    response = client.get("/healthz/")  # no django_db mark: any query would fail the test
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_readiness_is_ok_when_database_cache_and_storage_answer(client, db, media):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert list(media.iterdir()) == []  # the storage probe removed its file and left no folder


@pytest.mark.parametrize("path", ["/healthz/", "/readyz/"])
def test_probes_are_never_cached_nor_indexed_nor_set_cookies(client, db, media, path):
    response = client.get(path)
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert not response.cookies
    assert not request_is_cacheable(RequestFactory().get(path))


@pytest.mark.parametrize("path", ["/en/healthz/", "/en/readyz/"])
def test_probes_live_outside_the_language_prefixes(client, db, path):
    assert client.get(path).status_code == 404


def test_readiness_reports_an_unreachable_cache_as_unavailable_without_details(client, db, media, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with caplog.at_level(logging.WARNING, logger="health_check"):
        response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    assert "Cache" in caplog.text  # the operator finds the reason in the log


def test_readiness_reports_storage_that_cannot_be_written_as_unavailable(client, db, settings, tmp_path):
    not_a_folder = tmp_path / "media"
    not_a_folder.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = not_a_folder
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert not any(word in response.content.decode() for word in DETAILS)


@pytest.mark.parametrize("accept", ["application/json", "text/html", "application/openmetrics-text", "*/*"])
def test_readiness_says_the_same_whatever_format_is_asked_for(client, db, media, accept):
    for query in ("", "?format=json", "?format=openmetrics", "?format=atom"):
        response = client.get(f"/readyz/{query}", headers={"accept": accept})
        assert response.content == b"ok\n"
        assert not any(word in response.content.decode() for word in DETAILS)


def test_readiness_accepts_only_reading(client, db, media):
    assert client.post("/readyz/").status_code == 405
    assert client.head("/readyz/").status_code == 200


def test_the_operator_command_prints_each_check_with_its_result(db, media, capsys):
    with pytest.raises(SystemExit) as exit_code:
        call_command("health_check", "readiness", "--no-http")
    assert exit_code.value.code == 0
    output = capsys.readouterr().out
    assert "Database(alias='default'): OK" in output
    assert "Cache(alias='default'): OK" in output
    assert "MediaStorage(alias='default'): OK" in output


def test_under_production_settings_probes_answer_plain_http_while_the_site_redirects_to_https(tmp_path):
    script = (
        "from django.test import Client; client = Client();"
        "print(*(client.get(path).status_code for path in ('/healthz/', '/readyz/', '/selbstcheck/')))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "weltoffen.settings.production",
            "DJANGO_SECRET_KEY": "k" * 20 + "Zq8#v!2Lm@9xR$4tW&7yB*1nC^5pD%3s",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "true",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        },
        capture_output=True,
        text=True,
    )
    liveness, readiness, page = result.stdout.strip().splitlines()[-1].split()
    assert (liveness, page) == ("200", "301"), result.stderr
    assert readiness == "503"  # an empty database has no cache table yet: not ready, and not redirected


def test_workers_probe_is_ok_while_the_queue_keeps_up(client, transactional_db, database_queue):
    from weltoffen.jobs.tasks import purge_sent_mail

    purge_sent_mail.enqueue()
    response = client.get("/readyz/workers/")
    assert response.status_code == 200 and response.content == b"ok\n"


@pytest.mark.parametrize("waited", ["enqueued_at", "run_after"])
def test_workers_probe_fails_when_a_task_waits_too_long_without_saying_why(
    client, transactional_db, database_queue, waited
):
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult

    from django.utils import timezone

    from weltoffen.jobs.tasks import purge_sent_mail

    if waited == "run_after":
        purge_sent_mail.using(run_after=timezone.now() - timedelta(hours=1)).enqueue()
    else:
        purge_sent_mail.enqueue()
    long_ago = timezone.now() - timedelta(seconds=database_queue.TASK_BACKLOG_SECONDS + 1)
    DBTaskResult.objects.update(enqueued_at=long_ago)
    response = client.get("/readyz/workers/")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    assert client.get("/readyz/").status_code == 200  # web instances stay in the load balancer
