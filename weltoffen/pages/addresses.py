"""Absolute addresses that point at the site the visitor is on.

Pages link with relative URLs. Where a link must be absolute (mails, iCal, feeds, PDFs,
calendar subscriptions), it is built from the request, so a site served on any host and
port links to itself; without a request (a mail sent later, a PDF rendered by a background
task) `SITE_URL` is the public address. Wagtail would otherwise take the host and port of its Site record for every
absolute page URL.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from wagtail.models import Site


def absolute_url(path: str, request=None) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


def subscription_url(path: str, request=None) -> str:
    """The same address as `webcal://`, which calendar apps open as a subscription."""
    return urlunsplit(("webcal", *urlsplit(absolute_url(path, request))[1:]))


def site_domain() -> str:
    """A stable name for this installation (iCal UIDs), whatever host a visitor used."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


class RequestRootedUrlsMixin:
    """Absolute URLs of a page on the visitor's own site use the visitor's host and port."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or request is None:
            return parts
        site_id, root_url, page_path = parts
        current = Site.find_for_request(request)
        if current is not None and current.pk == site_id:
            root_url = f"{request.scheme}://{request.get_host()}"
        return site_id, root_url, page_path
