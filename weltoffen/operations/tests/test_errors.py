"""Error reports: off unless SENTRY_DSN is set, and never carrying a secret link or personal data."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from weltoffen.operations.errors import configure_error_reporting, scrub_event

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "nPAwPgftDaFtPxrQCQx4uPTids7x1u9P98PXvLXCL8U"
OPTIONS = (
    "import sentry_sdk, json; client = sentry_sdk.get_client(); options = client.options;"
    "print(json.dumps({'active': client.is_active(), 'dsn': options['dsn'], 'pii': options['send_default_pii'],"
    "'locals': options['include_local_variables'], 'body': options['max_request_body_size'],"
    "'traces': options['traces_sample_rate'], 'before_send': getattr(options['before_send'], '__name__', None)}))"
)


def production_client(**environment) -> dict:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", OPTIONS],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")},
            "DJANGO_SETTINGS_MODULE": "weltoffen.settings.production",
            "DJANGO_SECRET_KEY": "k" * 20 + "Zq8#v!2Lm@9xR$4tW&7yB*1nC^5pD%3s",
            "DJANGO_ALLOWED_HOSTS": "kommune.example",
            **environment,
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_sentry_dsn_production_reports_to_no_one():
    client = production_client()
    assert client["active"] is False
    assert client["dsn"] is None


def test_with_sentry_dsn_reports_go_there_without_personal_data_and_through_the_scrubber():
    client = production_client(SENTRY_DSN="https://public@errors.kommune.example/1")
    assert client == {
        "active": True,
        "dsn": "https://public@errors.kommune.example/1",
        "pii": False,
        "locals": False,
        "body": "never",
        "traces": 0,
        "before_send": "scrub_event",
    }


def test_without_a_dsn_nothing_is_started():
    assert configure_error_reporting("") is False
    assert configure_error_reporting(None) is False


def test_a_dsn_without_sentry_sdk_installed_stops_the_start_with_the_command_to_run(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # as if it were not installed
    with pytest.raises(ImproperlyConfigured, match="uv sync --extra errors"):
        configure_error_reporting("https://public@errors.kommune.example/1")


def test_a_report_leaves_with_no_token_no_query_no_cookies_and_no_form_data():
    event = {
        "request": {
            "url": f"https://kommune.example/selbstcheck/a/{TOKEN}/ergebnis/",
            "query_string": "seite=2",
            "method": "POST",
            "headers": {"Referer": f"https://kommune.example/selbstcheck/a/{TOKEN}/", "User-Agent": "Firefox"},
            "cookies": {"sessionid": "abc"},
            "data": {"note:q1": "vertraulich"},
        },
        "exception": {"values": [{"type": "ValueError", "value": f"kein Selbstcheck für {TOKEN}"}]},
        "breadcrumbs": {"values": [{"message": f"Not Found: /dialog/umfrage/{TOKEN}/"}]},
        "extra": {f"/selbstcheck/a/{TOKEN}/": ("tuple", TOKEN)},
        "level": "error",
    }
    report = scrub_event(event, {})
    assert TOKEN not in json.dumps(report)
    assert report["request"] == {
        "url": "https://kommune.example/selbstcheck/a/…/ergebnis/",
        "method": "POST",
        "headers": {"Referer": "https://kommune.example/selbstcheck/a/…/", "User-Agent": "Firefox"},
    }
    assert report["exception"]["values"][0]["value"] == "kein Selbstcheck für …"
    assert report["breadcrumbs"]["values"][0]["message"] == "Not Found: /dialog/umfrage/…/"
    assert report["level"] == "error"
