"""The page structure of the knowledge platform: listings, FAQ, contact, pillar pages.

Idempotent like pages.site_setup: missing pages are created, existing ones are left
as editors made them. Texts of the pillar and contact pages come from demo_content/
(projects.yaml, contact.yaml), which editors then own.
"""

from pathlib import Path

import yaml

from django.db import transaction

from wagtail.models import Page

from weltoffen.pages.models import HomePage
from weltoffen.pages.site_setup import stream_blocks

from .models import ContactPage, EventIndexPage, FAQPage, KnowledgeIndexPage, PracticeIndexPage, ProjectPage
from .topics import sync_topics

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"

INDEX_PAGES = (
    (KnowledgeIndexPage, "wissen", "Wissen", "Magazin, Interviews und Praxistipps für die Integrations- und Vielfaltsarbeit in Kommunen.", True),
    (PracticeIndexPage, "praxisbeispiele", "Praxisbeispiele", "Was Kommunen gemacht haben, was es bewirkt hat und was dafür nötig war – zum Nachmachen.", True),
    (EventIndexPage, "veranstaltungen", "Veranstaltungen", "Workshops, Fachtage und Online-Formate zur Integrations- und Vielfaltsarbeit.", False),
    (FAQPage, "faq", "Häufige Fragen", "Antworten auf häufige Fragen zur Plattform und zum Selbstcheck.", False),
)  # fmt: skip
# The section pages' English title and intro; their entries (articles, events) stay German.
ENGLISH_TEXTS = {
    "wissen": ("Knowledge", "Magazine, interviews and practical tips for municipal integration and diversity work (in German)."),
    "praxisbeispiele": ("Good-practice examples", "What municipalities did, what it achieved and what it needed (in German)."),
    "veranstaltungen": ("Events", "Workshops, conferences and online formats on integration and diversity work (in German)."),
    "faq": ("Frequently asked questions", "Answers to frequent questions about the platform and the Selbstcheck (in German)."),
    "kontakt": ("Contact", ""),
}  # fmt: skip


def read(name: str):
    path = CONTENT_DIR / name
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


@transaction.atomic
def set_up_knowledge() -> list[str]:
    """Returns the titles of the pages it created."""
    sync_topics()
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("Die Startseite fehlt: zuerst setup_site ausführen.")
    created = []
    for model, slug, title, intro, in_menu in INDEX_PAGES:
        if not Page.objects.filter(slug=slug, depth=home.depth + 1).exists():
            page = model(title=title, slug=slug, intro=intro, show_in_menus=in_menu)
            page.title_en, page.intro_en = ENGLISH_TEXTS[slug]
            home.add_child(instance=page)
            page.save_revision().publish()
            created.append(title)
    contact = read("contact.yaml")
    if contact and not ContactPage.objects.exists():
        page = ContactPage(
            title=contact["title"], title_en=ENGLISH_TEXTS["kontakt"][0], slug="kontakt", intro=contact["intro"]
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(page.title)
    fill_english_texts()
    about = Page.objects.filter(slug="ueber-das-projekt", depth=home.depth + 1).first() or home
    for project in read("projects.yaml") or []:
        if not ProjectPage.objects.filter(slug=project["slug"]).exists():
            page = ProjectPage(
                title=project["title"], slug=project["slug"], lead=project["lead"], body=stream_blocks(project["body"])
            )
            about.add_child(instance=page)
            page.save_revision().publish()
            created.append(page.title)
    link_home_pillars(HomePage.objects.get(pk=home.pk))
    return created


def link_home_pillars(home: HomePage) -> bool:
    """The home page's pillar cards that name a pillar page by its address link to the page
    itself, so they keep working when editors move or rename it. Returns whether any changed."""
    pillar_pages = {parts[2]: page for page in ProjectPage.objects.all() if (parts := page.get_url_parts())}

    def link_page(stream: str, card: dict) -> bool:
        if card["link_page"] or card["link_url"] not in pillar_pages:
            return False
        card["link_page"], card["link_url"] = pillar_pages[card["link_url"]], ""
        return True

    changed = home.edit_pillar_cards(link_page)
    if changed:
        home.save_revision().publish()
    return changed


def fill_english_texts() -> None:
    """Installations set up before the section pages had English texts get them; what
    editors wrote is kept."""
    for model in (KnowledgeIndexPage, PracticeIndexPage, EventIndexPage, FAQPage, ContactPage):
        for page in model.objects.filter(slug__in=ENGLISH_TEXTS, title_en=""):
            title_en, intro_en = ENGLISH_TEXTS[page.slug]
            page.title_en = title_en
            if hasattr(page, "intro_en") and not page.intro_en:
                page.intro_en = intro_en
            page.save_revision().publish()  # a revision too, so the next edit keeps them
