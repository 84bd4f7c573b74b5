"""Behind a reverse proxy, rate limits count each visitor's address, not the proxy's."""

import pytest

from django.test import RequestFactory

from weltoffen.pages.models import BarrierReport
from weltoffen.pages.proxy import client_ip

REPORT = {"page_url": "/selbstcheck/", "message": "Der Kontrast ist zu schwach.", "email": ""}


@pytest.fixture
def behind_nginx(settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    settings.RATELIMIT_IP_META_KEY = "weltoffen.pages.proxy.client_ip"


def request_from(proxy="10.0.0.2", **headers):
    return RequestFactory().get("/", REMOTE_ADDR=proxy, headers=headers)


def test_without_a_configured_header_a_sent_one_is_ignored():
    assert client_ip(request_from(**{"X-Real-IP": "203.0.113.7"})) == "10.0.0.2"


@pytest.mark.parametrize(
    ("sent", "counted"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8::7", "2001:db8::7"),
        ("203.0.113.7, 10.0.0.2", "203.0.113.7"),
        ("not an address", "10.0.0.2"),
        ("", "10.0.0.2"),
    ],
)
def test_the_configured_header_gives_the_address_when_it_holds_one(behind_nginx, sent, counted):
    assert client_ip(request_from(**{"X-Real-IP": sent})) == counted


@pytest.mark.django_db
def test_visitors_behind_one_proxy_each_get_their_own_rate_limit(client, behind_nginx):
    for _ in range(5):
        assert client.post("/barriere-melden/", REPORT, headers={"X-Real-IP": "203.0.113.7"}).status_code == 302
    assert client.post("/barriere-melden/", REPORT, headers={"X-Real-IP": "203.0.113.7"}).status_code == 429
    assert client.post("/barriere-melden/", REPORT, headers={"X-Real-IP": "203.0.113.8"}).status_code == 302
    assert BarrierReport.objects.count() == 6


@pytest.mark.django_db
def test_without_the_setting_everyone_behind_the_proxy_shares_one_limit(client):
    """What DJANGO_CLIENT_IP_HEADER is for: the default counts the connection's address."""
    for number in range(5):
        client.post("/barriere-melden/", REPORT, headers={"X-Real-IP": f"203.0.113.{number}"})
    assert client.post("/barriere-melden/", REPORT, headers={"X-Real-IP": "203.0.113.99"}).status_code == 429
