"""Log records without secret links, as plain text or, with LOG_FORMAT=json, as JSON lines.

Django logs the address of every answer with status 400 or more ("Not Found: /selbstcheck/a/<token>/"),
and an error's traceback or an extra field (the request) may carry one too. `ScrubSecrets`
sits on every handler and replaces each token by "…" with the rule of `pages/secrets.py`,
before any formatter sees the record. The same filter and formats serve Django's logging
(settings) and gunicorn's own (gunicorn.conf.py).
"""

import logging

from django.core.exceptions import ImproperlyConfigured

from weltoffen.pages.secrets import scrub_text

LOG_FORMATS = ("text", "json")
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
PLAIN_VALUES = (int, float, bool, type(None))

FILTERS = {"scrub_secrets": {"()": "weltoffen.operations.logs.ScrubSecrets"}}
FORMATTERS = {
    "text": {"format": "%(levelname)s %(name)s: %(message)s"},
    # One JSON object per line: time (UTC, ISO 8601), level, logger, message, and extra fields.
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "{levelname}{name}{message}",
        "style": "{",
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": "time",
        "json_ensure_ascii": False,
    },
}


class ScrubSecrets(logging.Filter):
    """Replace secret link tokens in a record's message, traceback and extra fields by "…"."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = scrub_text(record.getMessage()), ()
        if record.exc_info:
            record.exc_text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            # A formatter would render the traceback again from exc_info, tokens included.
            record.exc_info = None
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        for name, value in list(vars(record).items()):
            if name not in STANDARD_ATTRIBUTES and not isinstance(value, PLAIN_VALUES):
                setattr(record, name, scrub_text(value if isinstance(value, str) else str(value)))
        return True


def checked_format(log_format: str) -> str:
    log_format = (log_format or "text").strip().lower()
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}.")
    return log_format


def gunicorn_logging(log_format: str) -> dict:
    """gunicorn's `logconfig_dict`: its error log (worker starts and stops, timeouts, errors
    that escape the application) scrubbed and formatted like the site's."""
    generic = {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s", "datefmt": "[%Y-%m-%d %H:%M:%S %z]"}
    log_format = checked_format(log_format)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": FILTERS,
        "formatters": {"text": generic, "json": FORMATTERS["json"]},
        "handlers": {
            "error_console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": log_format,
                "filters": ["scrub_secrets"],
            }
        },
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            # No access log: addresses carry secret links, and the proxy in front keeps its own.
            "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
        },
    }
