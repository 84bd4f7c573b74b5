"""Logs never carry a secret link, and LOG_FORMAT=json gives one JSON object per line."""

import io
import json
import logging
import logging.config
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from weltoffen.operations import logs
from weltoffen.pages.secrets import scrub_text
from weltoffen.selfcheck.tokens import new_token

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "nPAwPgftDaFtPxrQCQx4uPTids7x1u9P98PXvLXCL8U"


def configured_logger(log_format: str) -> tuple[logging.Logger, io.StringIO]:
    """A logger wired like the settings' console handler, writing to a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.ScrubSecrets())
    formatter_config = dict(logs.FORMATTERS[log_format])
    if "()" in formatter_config:
        factory = formatter_config.pop("()")
        module, name = factory.rsplit(".", 1)
        formatter = getattr(__import__(module, fromlist=[name]), name)(**formatter_config)
    else:
        formatter = logging.Formatter(formatter_config["format"])
    handler.setFormatter(formatter)
    logger = logging.getLogger(f"weltoffen.tests.{log_format}.{id(stream)}")
    logger.handlers, logger.propagate, logger.level = [handler], False, logging.DEBUG
    return logger, stream


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        (f"Not Found: /selbstcheck/a/{TOKEN}/ergebnis/", "Not Found: /selbstcheck/a/…/ergebnis/"),
        (f"Forbidden: /en/selbstcheck/a/{TOKEN}/", "Forbidden: /en/selbstcheck/a/…/"),
        (f"Too Many Requests: /dialog/umfrage/{TOKEN}/danke", "Too Many Requests: /dialog/umfrage/…/danke"),
        (f"GET /x/?link={TOKEN}&page=2", "GET /x/?link=…&page=2"),
        (f"'{TOKEN}' is not a valid token", "'…' is not a valid token"),
        ("Not Found: /wissen/interkulturelle-oeffnung-der-verwaltung-2027/", None),
        ("sha256 3f7e8fd0e85ebb2a62bdaf96bd0e990f93b4c6bbaca68778df79b2cf1810884b", None),
        ("AnonymousPageCacheMiddleware raised", None),
    ],
)
def test_tokens_are_scrubbed_from_free_text_and_everything_else_stays(text, scrubbed):
    assert scrub_text(text) == (scrubbed or text)


@given(st.lists(st.sampled_from(["Not Found: ", "/selbstcheck/a/", "/", "?x=", " ", "ergebnis", "\n"]), max_size=8))
def test_no_newly_issued_token_survives_scrubbing_wherever_it_stands(parts):
    token = new_token()
    text = "".join(parts) + token + "".join(reversed(parts))
    assert token not in scrub_text(text)


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_a_logged_address_traceback_and_request_carry_no_token(log_format):
    logger, stream = configured_logger(log_format)
    request = RequestFactory().get(f"/selbstcheck/a/{TOKEN}/ergebnis/")
    try:
        raise ValueError(f"broken at /selbstcheck/a/{TOKEN}/")
    except ValueError:
        logger.exception("Internal Server Error: %s", request.path, extra={"request": request, "status_code": 500})
    output = stream.getvalue()
    assert TOKEN not in output
    assert "Internal Server Error: /selbstcheck/a/…/ergebnis/" in output
    assert "ValueError: broken at /selbstcheck/a/…/" in output


def test_json_lines_have_time_level_logger_message_and_extra_fields():
    logger, stream = configured_logger("json")
    logger.warning("Not Found: %s", f"/selbstcheck/a/{TOKEN}/", extra={"status_code": 404})
    logger.info("zweite Zeile")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["level"] == "WARNING"
    assert first["logger"].startswith("weltoffen.tests.json")
    assert first["message"] == "Not Found: /selbstcheck/a/…/"
    assert first["status_code"] == 404
    assert first["time"].endswith("+00:00")
    assert second["message"] == "zweite Zeile"


def test_an_unknown_log_format_is_refused_by_name():
    assert logs.checked_format(" JSON ") == "json"
    assert logs.checked_format("") == "text"
    with pytest.raises(ImproperlyConfigured, match="'xml'"):
        logs.checked_format("xml")


def test_gunicorns_error_log_is_scrubbed_and_follows_the_format():
    config = logs.gunicorn_logging("json")
    assert config["loggers"]["gunicorn.access"]["handlers"] == []  # no access log: addresses carry links
    config.pop("root")  # leave the test run's own logging as it is
    logging.config.dictConfig({**config, "loggers": {"weltoffen.tests.gunicorn": config["loggers"]["gunicorn.error"]}})
    handler = logging.getLogger("weltoffen.tests.gunicorn").handlers[0]
    stream = io.StringIO()
    handler.setStream(stream)
    logging.getLogger("weltoffen.tests.gunicorn").error("Error handling request /selbstcheck/a/%s/", TOKEN)
    assert json.loads(stream.getvalue())["message"] == "Error handling request /selbstcheck/a/…/"
    assert logs.gunicorn_logging("text")["handlers"]["error_console"]["formatter"] == "text"


def test_the_site_logs_json_lines_without_tokens_when_configured(tmp_path):
    """The settings, not a test double: a secret link that fails (here: on an empty database)."""
    script = (
        "from django.test import Client; Client(raise_request_exception=False).get('/selbstcheck/a/"
        + TOKEN
        + "/ergebnis/');"
        "import logging; logging.getLogger('weltoffen').warning('fertig')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "weltoffen.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "LOG_FORMAT": "json",
        },
        capture_output=True,
        text=True,
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert TOKEN not in result.stderr + result.stdout
    assert lines[0]["logger"] == "django.request"
    assert lines[0]["message"].endswith(": /selbstcheck/a/…/ergebnis/")
    assert lines[-1]["message"] == "fertig"
