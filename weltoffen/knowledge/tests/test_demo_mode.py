"""Demo content cannot be mistaken for fact (weltoffen/pages/demo.py, knowledge/demo.py)."""

import re

import pytest

from weltoffen.knowledge import demo
from weltoffen.knowledge.models import ContactPerson, EventPage
from weltoffen.pages.tests.test_site import run_manage

from .factories import article, online_event


def sitemap_paths(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return {
        url.removeprefix("http://testserver") for url in re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    }


@pytest.fixture
def pages(knowledge_site):
    return {
        "demo": article(title="Ein erfundenes Beispiel", slug="erfunden", is_demo=True),
        "real": article(title="Ein echter Beitrag", slug="echt"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("demo_mode", [True, False])
def test_a_demo_page_says_noindex_in_either_mode_and_a_real_page_does_not(client, pages, settings, demo_mode):
    settings.WELTOFFEN_DEMO_MODE = demo_mode
    assert '<meta name="robots" content="noindex">' in client.get("/wissen/erfunden/").content.decode()
    assert 'name="robots"' not in client.get("/wissen/echt/").content.decode()


@pytest.mark.django_db
def test_the_sitemap_lists_demo_pages_only_in_demo_mode(client, pages, settings):
    settings.WELTOFFEN_DEMO_MODE = False
    listed = sitemap_paths(client)
    assert "/wissen/echt/" in listed and "/" in listed and "/impressum/" in listed
    assert "/wissen/erfunden/" not in listed
    settings.WELTOFFEN_DEMO_MODE = True
    assert "/wissen/erfunden/" in sitemap_paths(client)


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["/wissen/feed/rss/", "/wissen/feed/atom/"])
def test_the_feeds_carry_demo_articles_only_in_demo_mode(client, pages, settings, feed):
    settings.WELTOFFEN_DEMO_MODE = False
    content = client.get(feed).content.decode()
    assert "/wissen/echt/" in content and "/wissen/erfunden/" not in content
    if feed.endswith("rss/"):
        assert "<guid>http://testserver/wissen/echt/</guid>" in content
    settings.WELTOFFEN_DEMO_MODE = True
    assert "/wissen/erfunden/" in client.get(feed).content.decode()


@pytest.mark.django_db
def test_the_events_calendar_carries_demo_events_only_in_demo_mode(client, knowledge_site, settings):
    online_event("Erfundener Fachtag", is_demo=True)
    online_event("Echter Fachtag")
    settings.WELTOFFEN_DEMO_MODE = False
    calendar = client.get("/veranstaltungen/ical/").content.decode()
    assert "Echter Fachtag" in calendar and "Erfundener Fachtag" not in calendar
    settings.WELTOFFEN_DEMO_MODE = True
    assert "Erfundener Fachtag" in client.get("/veranstaltungen/ical/").content.decode()


@pytest.mark.parametrize(("environment", "expected"), [({}, "False"), ({"WELTOFFEN_DEMO_MODE": "true"}, "True")])
def test_production_leaves_demo_mode_off_unless_the_operator_switches_it_on(environment, expected):
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.WELTOFFEN_DEMO_MODE)",
        DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="kommune.example", **environment,
    )  # fmt: skip
    assert result.stdout.split()[-1] == expected, result.stderr


def test_every_demo_phone_number_is_one_no_one_can_be_given():
    for person in demo.read("contacts.yaml"):
        assert demo.FICTITIOUS_PHONE.fullmatch(person["phone"]), person["name"]


def test_every_demo_event_is_online_or_at_a_venue_that_says_it_is_invented():
    for item in demo.read("events.yaml"):
        assert item["online"] or item["location"].endswith(demo.FICTITIOUS_VENUE), item["slug"]
        assert "Rathaus" not in item["location"]


@pytest.mark.parametrize(
    ("details", "accepted"),
    [
        ({"phone": "+49 30 23125 000"}, True),
        ({"phone": "+49 30 23125 999"}, True),
        ({"phone": "+49 30 123456-11"}, False),
        ({"phone": "+49 30 23125 0000"}, False),
        ({"phone": "+49 69 23125 011"}, False),
        ({"location": "Rathaus Kassel, Obere Königsstraße 8, 34117 Kassel"}, False),
        ({"location": "Tagungshaus Beispielstadt (fiktiver Veranstaltungsort)"}, True),
        ({"location": "Online (Zugangsdaten nach Anmeldung)", "online": True}, True),
    ],
)
def test_the_loader_refuses_demo_details_that_could_reach_someone_real(details, accepted):
    if accepted:
        demo.check_fictitious(**details)
    else:
        with pytest.raises(ValueError, match="Demo-"):
            demo.check_fictitious(**details)


@pytest.mark.django_db
def test_an_installation_with_the_earlier_real_world_demo_details_gets_fictitious_ones(register, knowledge_site):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    person = ContactPerson.objects.get(email="m.sahin@example.org")
    person.phone = "+49 30 123456-12"
    person.save()
    edited = ContactPerson.objects.get(email="k.novak@example.org")
    edited.phone = "+49 30 23125 999"
    edited.save()
    workshop = EventPage.objects.get(slug="werkstatt-selbstcheck-workshops-moderieren-2027")
    workshop.location = "Rathaus Kassel, Obere Königsstraße 8, 34117 Kassel"
    workshop.save_revision().publish()

    call_command("load_demo_content", verbosity=0)

    assert ContactPerson.objects.get(pk=person.pk).phone == "+49 30 23125 012"
    assert ContactPerson.objects.get(pk=edited.pk).phone == "+49 30 23125 999"
    workshop = EventPage.objects.get(pk=workshop.pk)
    assert workshop.location.endswith(demo.FICTITIOUS_VENUE)
    assert workshop.get_latest_revision_as_object().location == workshop.location
