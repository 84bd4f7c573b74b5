"""The home page's sections from the knowledge platform (knowledge/home.py)."""

import pytest

from weltoffen.knowledge import models
from weltoffen.knowledge.models import ContactPerson, ProjectPage
from weltoffen.knowledge.site_setup import link_home_pillars
from weltoffen.pages.models import HomePage

from .factories import online_event


def quote_for_home(quote: str, *, on_home_page: bool = True) -> models.Testimonial:
    return models.Testimonial.objects.create(
        quote=quote, person="Eine Person", role="Amtsleitung", on_home_page=on_home_page
    )


def section(content: str, heading_id: str) -> str:
    start = content.index(f'id="{heading_id}"')
    return content[start : content.index("</section>", start)]


@pytest.mark.django_db
def test_the_home_page_shows_the_next_event(client, knowledge_site):
    online_event("Fachtag im Herbst", days_from_now=60)
    online_event("Werkstatt im Frühjahr", days_from_now=10)
    online_event("Rückblick", days_from_now=-10)
    online_event("Entwurf", days_from_now=5, live=False)
    shown = section(client.get("/").content.decode(), "home-event-heading")
    assert "Nächste Veranstaltung" in shown and "Werkstatt im Frühjahr" in shown
    assert "Fachtag im Herbst" not in shown and "Entwurf" not in shown
    assert 'href="/veranstaltungen/">Alle Veranstaltungen</a>' in shown


@pytest.mark.django_db
def test_with_no_event_ahead_the_home_page_shows_the_last_one(client, knowledge_site):
    online_event("Vorletzte Tagung", days_from_now=-40)
    online_event("Letzte Tagung", days_from_now=-5)
    shown = section(client.get("/").content.decode(), "home-event-heading")
    assert "Letzte Veranstaltung" in shown and "Letzte Tagung" in shown and "Vorletzte" not in shown
    assert "Last event" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_without_any_event_there_is_no_event_section(client, knowledge_site):
    assert 'id="home-event-heading"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_testimonials_editors_marked_appear_at_most_three(client, knowledge_site):
    for number in range(1, 5):
        quote_for_home(f"Zitat Nummer {number}")
    quote_for_home("Nicht für die Startseite", on_home_page=False)
    shown = section(client.get("/").content.decode(), "home-testimonials-heading")
    assert "Was sagen andere?" in shown
    assert [n for n in range(1, 5) if f"Zitat Nummer {n}" in shown] == [1, 2, 3]
    assert "Nicht für die Startseite" not in shown
    models.Testimonial.objects.filter(quote="Zitat Nummer 1").update(on_home_page=False)
    assert "Zitat Nummer 4" in client.get("/").content.decode()


@pytest.mark.django_db
def test_without_marked_testimonials_there_is_no_testimonials_section(client, knowledge_site):
    quote_for_home("Nur im Archiv", on_home_page=False)
    assert 'id="home-testimonials-heading"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_contact_persons_show_name_organisation_email_and_phone(client, knowledge_site):
    ContactPerson.objects.create(
        name="Dr. Erika Beispiel",
        role="Referentin",
        organisation="Programmteam Beispiel",
        email="e.beispiel@example.org",
        phone="+49 30 23125 001",
        on_home_page=True,
    )
    ContactPerson.objects.create(name="Nicht gezeigt", role="Referent", on_home_page=False)
    shown = section(client.get("/").content.decode(), "home-contacts-heading")
    assert "Was können wir für Sie tun?" in shown
    for detail in (
        "Dr. Erika Beispiel",
        "Programmteam Beispiel",
        'href="mailto:e.beispiel@example.org"',
        "+49 30 23125 001",
    ):
        assert detail in shown
    assert "Nicht gezeigt" not in shown
    assert 'href="/kontakt/">Zum Kontaktformular</a>' in shown
    english = section(client.get("/en/").content.decode(), "home-contacts-heading")
    assert "What can we do for you?" in english and 'href="/en/kontakt/"' in english


@pytest.mark.django_db
def test_section_headings_follow_what_editors_wrote(client, knowledge_site):
    quote_for_home("Ein Zitat")
    home = HomePage.objects.get()
    home.testimonials_heading, home.testimonials_heading_en = "Stimmen aus den Kommunen", "Voices"
    home.save_revision().publish()
    assert "Stimmen aus den Kommunen" in client.get("/").content.decode()
    assert '<h2 class="kern-heading-large" id="home-testimonials-heading" lang="en">Voices</h2>' in (
        client.get("/en/").content.decode()
    )


@pytest.mark.django_db
def test_the_pillar_cards_link_to_their_own_pillar_pages(client, knowledge_site):
    home = HomePage.objects.get()
    linked = {block.value["link_label"]: block.value["link_page"] for block in [*home.pillars, *home.pillars_en]}
    dialogue, support = ProjectPage.objects.get(slug="dialog"), ProjectPage.objects.get(slug="entscheiderinnen")
    assert linked["Mehr zum Dialog"].pk == linked["More about the dialogue"].pk == dialogue.pk
    assert linked["Mehr zur Unterstützung"].pk == linked["More about support"].pk == support.pk
    content = client.get("/").content.decode()
    assert 'href="/ueber-das-projekt/dialog/">Mehr zum Dialog</a>' in content
    assert 'href="/ueber-das-projekt/entscheiderinnen/">Mehr zur Unterstützung</a>' in content
    assert client.get("/ueber-das-projekt/dialog/").status_code == 200
    assert link_home_pillars(HomePage.objects.get()) is False  # once linked, setup leaves them alone
