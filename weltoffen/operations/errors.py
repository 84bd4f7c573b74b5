"""Optional error reports to a Sentry-compatible service (Sentry, GlitchTip), switched on only
by the environment variable SENTRY_DSN: without it nothing is sent anywhere.

sentry-sdk is not a dependency of the site; an operator who wants reports installs it with
`uv sync --extra errors` (the lock file pins it). A report carries the exception with its
stack but without local variables, and the request's method, address and headers with every
secret link token replaced by "…" and the query string dropped; no cookies, no user, no IP
address (send_default_pii=False), no form data, no performance traces.
"""

from django.core.exceptions import ImproperlyConfigured

from weltoffen.pages.secrets import scrub_text, without_secrets


def scrubbed(value):
    """`value` (an event or any part of it) with every string scrubbed of secret links."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {scrubbed(key): scrubbed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [scrubbed(item) for item in value]
    return value


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """sentry-sdk's `before_send`: the last look at a report before it leaves the server."""
    event = scrubbed(event)
    request = event.get("request")
    if isinstance(request, dict):
        if request.get("url"):
            request["url"] = without_secrets(request["url"])
        request.pop("query_string", None)
        request.pop("cookies", None)
        request.pop("data", None)
    return event


def configure_error_reporting(dsn: str | None, *, environment: str = "production") -> bool:
    """Start sentry-sdk when `dsn` is set; True if it was started."""
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set, but sentry-sdk is not installed: run `uv sync --extra errors`, or unset SENTRY_DSN."
        ) from error
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=scrub_event,
    )
    return True
