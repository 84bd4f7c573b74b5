"""Create the page tree of a fresh installation from `initial_content/`.

Idempotent: pages that exist (by slug) are left as editors made them; only missing
pages are created. The initial texts are German with optional English versions in
`<slug>.en.yaml`.
"""

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from django.conf import settings
from django.db import transaction

from wagtail.models import Page, Site

from .models import HomePage, OperatorSettings, StandardPage

CONTENT_DIR = Path(__file__).resolve().parent / "initial_content"
STANDARD_PAGES = ("ueber-das-projekt", "leichte-sprache", "impressum", "datenschutz", "barrierefreiheit")
# Pages shown in the main navigation; the legal pages live in the footer.
MENU_PAGES = {"ueber-das-projekt"}
# The home page's sections below the introduction (their texts are in home.yaml).
HOME_SECTION_FIELDS = (
    "project_heading", "project_text", "project_link_label", "municipalities_heading", "municipalities_text",
    "testimonials_heading", "contacts_heading", "contacts_text",
)  # fmt: skip
# Where the pillar cards "Mehr zum Dialog" and "Mehr zur Unterstützung" led before the
# pillars had pages of their own.
RETIRED_PILLAR_LINK = "/ueber-das-projekt/"


def read_content(name: str) -> dict:
    path = CONTENT_DIR / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def stream_blocks(body: list[dict]) -> list[tuple[str, str]]:
    return [("heading", block["heading"]) if "heading" in block else ("text", block["text"]) for block in body or []]


def site_address() -> tuple[str, int]:
    """Host name and port of the public address (SITE_URL), for Wagtail's Site record."""
    address = urlsplit(settings.SITE_URL)
    return address.hostname or "localhost", address.port or (443 if address.scheme == "https" else 80)


def follow_site_address(site: Site | None = None) -> bool:
    """Keep the default Site record on the address the site is served at (SITE_URL, which
    `make run`/`make serve` derive from HOST and PORT). Returns whether it changed."""
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == site_address():
        return False
    site.hostname, site.port = site_address()
    site.save(update_fields=["hostname", "port"])
    return True


@transaction.atomic
def set_up_site() -> list[str]:
    """Returns the titles of the pages it created."""
    hostname, port = site_address()
    created = []
    home = HomePage.objects.first()
    if home is None:
        home = create_home_page()
        created.append(home.title)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Weltoffene Kommune"
        )
    elif site.root_page_id != home.pk:
        # Wagtail's own first site points at its welcome page on localhost: take it over.
        site.root_page, site.hostname, site.port = home, hostname, port
        site.site_name = "Weltoffene Kommune"
        site.save()
    else:
        follow_site_address(site)
    remove_wagtail_welcome_page(home)
    for slug in STANDARD_PAGES:
        if not Page.objects.filter(slug=slug).exists():
            created.append(create_standard_page(home, slug).title)
    fill_home_sections(home)
    set_up_operator(Site.objects.get(is_default_site=True))
    return created


def create_home_page() -> HomePage:
    content = read_content("home")
    root = Page.get_first_root_node()
    home = HomePage(
        title=content["title"],
        title_en=content.get("title_en", ""),
        slug="start",
        lead=content["lead"],
        lead_en=content.get("lead_en", ""),
        selfcheck_heading=content["selfcheck_heading"],
        selfcheck_heading_en=content.get("selfcheck_heading_en", ""),
        selfcheck_text=content["selfcheck_text"],
        selfcheck_text_en=content.get("selfcheck_text_en", ""),
        pillars=[("pillar", pillar) for pillar in content.get("pillars", [])],
        pillars_en=[("pillar", pillar) for pillar in content.get("pillars_en", [])],
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def fill_home_sections(home: HomePage) -> bool:
    """A home page set up before it had its sections gets them; pillar cards that still lead
    to the retired address lead to their own pages. What editors wrote is kept, and a
    section an editor emptied later stays empty. Returns whether the page changed."""
    content = read_content("home")
    changed = False
    if not any(getattr(home, name) for name in HOME_SECTION_FIELDS):
        for name in HOME_SECTION_FIELDS:
            setattr(home, name, content.get(name, ""))
            setattr(home, f"{name}_en", content.get(f"{name}_en", ""))
        home.project_page = Page.objects.filter(slug=content.get("project_page"), depth=home.depth + 1).first()
        changed = True
    new_links = {
        stream: {pillar["link_label"]: pillar["link_url"] for pillar in content.get(stream, [])}
        for stream in ("pillars", "pillars_en")
    }

    def lead_to_own_page(stream: str, card: dict) -> bool:
        retired = card["link_url"] == RETIRED_PILLAR_LINK and not card["link_page"]
        if retired and card["link_label"] in new_links[stream]:
            card["link_url"] = new_links[stream][card["link_label"]]
            return True
        return False

    changed = home.edit_pillar_cards(lead_to_own_page) or changed
    if changed:
        home.save_revision().publish()  # a revision too, so the next edit keeps them
    return changed


def remove_wagtail_welcome_page(home: HomePage) -> None:
    """Wagtail's initial migration creates a "Welcome" page; the home page replaces it."""
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").exclude(
        pk=home.pk
    ).delete()


def create_standard_page(home: HomePage, slug: str) -> StandardPage:
    german, english = read_content(slug), read_content(f"{slug}.en")
    page = StandardPage(
        title=german["title"],
        slug=slug,
        seo_title="",
        search_description=german.get("search_description", ""),
        intro=german.get("intro", ""),
        body=stream_blocks(german.get("body")),
        title_en=english.get("title", ""),
        intro_en=english.get("intro", ""),
        body_en=stream_blocks(english.get("body")),
        is_easy_language=slug == "leichte-sprache",
        show_in_menus=slug in MENU_PAGES,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def set_up_operator(site: Site) -> None:
    """A demo operator until the real one fills in its details in the admin."""
    OperatorSettings.objects.get_or_create(
        site=site,
        defaults={
            "name": "Demo-Betrieb Weltoffene Kommune",
            "address": "Diese Angaben sind Beispieldaten einer Demo-Installation.\nDer Betreiber trägt seine Anschrift unter Einstellungen → Betreiberangaben ein.",
            "email": "kontakt@example.org",
            "is_demo": True,
        },
    )
