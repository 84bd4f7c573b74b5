"""Secret links stay secret: no token in "Barriere melden" links or stored reports, and
no shared or history cache keeps a page opened by one."""

import pytest

from django.urls import reverse

from tests.test_fuzz import ROUTES
from weltoffen.pages.models import BarrierReport
from weltoffen.pages.secrets import without_secrets


def test_tokens_are_removed_from_addresses_and_slugs_stay():
    token = "nPAwPgftDaFtPxrQCQx4uPTids7x1u9P98PXvLXCL8U"
    assert without_secrets(f"/selbstcheck/a/{token}/ergebnis/?x=1") == "/selbstcheck/a/…/ergebnis/"
    assert (
        without_secrets(f"https://example.org/en/selbstcheck/a/{token}/") == "https://example.org/en/selbstcheck/a/…/"
    )
    assert without_secrets(f"/dialog/{token}/") == "/dialog/…/"
    slug = "/wissen/interkulturelle-oeffnung-der-verwaltung-2027/"
    assert without_secrets(slug) == slug


def test_the_barrier_link_on_a_token_page_carries_the_path_without_the_token(client, assessment):
    response = client.get(reverse("selfcheck:results", kwargs={"token": assessment.token}))
    content = response.content.decode()
    assert "seite=/selbstcheck/a/%E2%80%A6/ergebnis/" in content
    assert content.count(assessment.token) >= 1  # the page itself may show its link
    assert f"seite=/selbstcheck/a/{assessment.token}" not in content


def test_a_stored_report_never_holds_a_token(client, assessment, mailoutbox):
    page = f"/selbstcheck/a/{assessment.token}/ergebnis/"
    response = client.post(
        reverse("pages:barrier-report") + f"?seite={page}", {"page_url": page, "message": "Kontrast"}
    )
    assert response.status_code == 302
    report = BarrierReport.objects.get()
    assert report.page_url == "/selbstcheck/a/…/ergebnis/"
    assert all(assessment.token not in message.body for message in mailoutbox)


TOKEN_ROUTES = [route for route in ROUTES if "<str:token>" in route]


@pytest.mark.parametrize("route", TOKEN_ROUTES)
def test_every_page_opened_by_a_secret_link_is_private_and_not_stored(client, catalogue, route):
    from tests.test_fuzz import World, addresses

    world = World()
    response = client.get(addresses(world, route)[0])
    assert response.status_code < 500
    assert response["Cache-Control"] == "private, no-store"


def test_team_pages_are_private_and_not_stored(client, teams):
    ours, _ = teams
    client.force_login(ours.coordinator)
    for address in (reverse("teams:home"), reverse("teams:result", args=[ours.current_round().pk])):
        assert client.get(address)["Cache-Control"] == "private, no-store"
