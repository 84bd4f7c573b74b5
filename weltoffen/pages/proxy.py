"""The visitor's address behind a reverse proxy, for rate limits.

Behind nginx every request comes from nginx's address, so all visitors would share one rate
limit. With DJANGO_CLIENT_IP_HEADER (e.g. `X-Real-IP`) production reads the visitor's address
from that header instead, for django-ratelimit, allauth and the survey's own limit alike. Set
it only when a proxy in front always overwrites the header (deploy/nginx.conf does): a visitor
could send it too.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address in CLIENT_IP_HEADER when it is a valid IP address, else the connection's."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        value = request.headers.get(header, "").split(",")[0].strip()
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")
