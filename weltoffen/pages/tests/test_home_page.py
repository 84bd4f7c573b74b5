"""The home page's sections come from content editors can change (HomePage, home.yaml)."""

import re

import pytest

from django.core.management import call_command

from weltoffen.municipalities.models import ProgrammeParticipation
from weltoffen.municipalities.tests.factories import MunicipalityFactory
from weltoffen.pages.models import HomePage
from weltoffen.pages.site_setup import HOME_SECTION_FIELDS, RETIRED_PILLAR_LINK, fill_home_sections


@pytest.fixture
def site(db):
    call_command("setup_site")
    return HomePage.objects.get()


def model_municipality(name: str, role=ProgrammeParticipation.Role.MODEL) -> ProgrammeParticipation:
    return ProgrammeParticipation.objects.create(
        municipality=MunicipalityFactory(name=name), role=role, source_url="https://example.org/quelle"
    )


def pillar_links(content: str) -> dict[str, str]:
    cards = re.findall(r'<footer class="kern-card__footer"><a class="kern-link" href="([^"]+)">([^<]+)</a>', content)
    return {label: href for href, label in cards}


def test_a_fresh_home_page_has_every_section_in_german_and_english(site):
    for name in HOME_SECTION_FIELDS:
        assert getattr(site, name), name
        assert getattr(site, f"{name}_en"), f"{name}_en"
    assert site.project_page.slug == "ueber-das-projekt"


@pytest.mark.django_db
def test_the_project_section_introduces_the_programme_and_links_to_its_page(client, site):
    content = client.get("/").content.decode()
    assert "Das Modellprojekt" in content and "2019 bis 2022" in content
    assert '<a class="kern-link" href="/ueber-das-projekt/" lang="de">Mehr über das Modellprojekt</a>' in content
    english = client.get("/en/").content.decode()
    assert "The model project" in english
    assert 'href="/en/ueber-das-projekt/" lang="en">More about the model project</a>' in english


@pytest.mark.django_db
def test_changing_a_section_in_the_admin_changes_the_page(client, site):
    site.project_heading = "Worum es geht"
    site.project_text = "Ein neuer Text der Redaktion."
    site.municipalities_heading = "Diese Kommunen machen mit"
    site.save_revision().publish()
    content = client.get("/").content.decode()
    assert "Worum es geht" in content and "Ein neuer Text der Redaktion." in content
    assert "Das Modellprojekt" not in content
    model_municipality("Beispielstadt")
    assert "Diese Kommunen machen mit" in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_emptied_heading_removes_its_section_and_setup_does_not_bring_it_back(client, site):
    site.project_heading = ""
    site.save_revision().publish()
    call_command("setup_site")
    assert 'id="project-heading"' not in client.get("/").content.decode()
    assert HomePage.objects.get().project_heading == ""


@pytest.mark.django_db
def test_the_model_municipalities_show_their_count_a_few_names_and_the_map(client, site):
    names = [f"Modellstadt {letter}" for letter in "ABCDEFGH"]
    for name in names:
        model_municipality(name)
    model_municipality("Pilotdorf", role=ProgrammeParticipation.Role.PILOT)
    content = client.get("/").content.decode()
    assert "Welche Kommunen sind dabei?" in content
    assert "8 Modellkommunen sind in öffentlichen Quellen namentlich belegt" in content
    shown = [name for name in names if name in content]
    assert shown == names[:6]
    assert "Pilotdorf" not in content
    assert 'href="/modellkommunen/">Alle Modellkommunen auf der Karte</a>' in content
    english = client.get("/en/").content.decode()
    assert "Which municipalities take part?" in english and 'href="/en/modellkommunen/"' in english


@pytest.mark.django_db
def test_without_named_model_municipalities_the_section_is_left_out(client, site):
    assert 'id="municipalities-heading"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_home_page_from_before_the_sections_gets_them_and_keeps_what_editors_wrote(site):
    for name in HOME_SECTION_FIELDS:
        setattr(site, name, "")
    site.lead = "Die Einleitung der Redaktion."
    site.pillars = [
        ("pillar", {"title": "Dialog", "text": "…", "link_url": RETIRED_PILLAR_LINK, "link_label": "Mehr zum Dialog"}),
        ("pillar", {"title": "Eigenes", "text": "…", "link_url": RETIRED_PILLAR_LINK, "link_label": "Eigener Link"}),
    ]
    site.save_revision().publish()

    assert fill_home_sections(HomePage.objects.get()) is True

    home = HomePage.objects.get()
    assert home.project_heading == "Das Modellprojekt" and home.contacts_heading_en == "What can we do for you?"
    assert home.lead == "Die Einleitung der Redaktion."
    assert [block.value["link_url"] for block in home.pillars] == ["/ueber-das-projekt/dialog/", RETIRED_PILLAR_LINK]
    assert home.get_latest_revision_as_object().project_heading == "Das Modellprojekt"
    assert fill_home_sections(home) is False


@pytest.mark.django_db
def test_the_dialogue_and_support_cards_lead_to_different_pages(client, site):
    links = pillar_links(client.get("/").content.decode())
    assert links["Mehr zum Dialog"] != links["Mehr zur Unterstützung"]
    assert RETIRED_PILLAR_LINK not in (links["Mehr zum Dialog"], links["Mehr zur Unterstützung"])
    english = pillar_links(client.get("/en/").content.decode())
    assert english["More about the dialogue"] != english["More about support"]
