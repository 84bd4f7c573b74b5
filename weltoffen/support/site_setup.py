"""Create the guide page of a fresh installation from `initial_content/`.

Idempotent like pages.site_setup: once the guide exists it belongs to the editors and
is left as they made it.
"""

from pathlib import Path

import yaml

from django.db import transaction

from weltoffen.pages.models import HomePage

from .models import SupportGuidePage

CONTENT_DIR = Path(__file__).resolve().parent / "initial_content"


def read_content(name: str) -> dict:
    path = CONTENT_DIR / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def guide_blocks(body: list[dict]) -> list[tuple[str, object]]:
    """YAML blocks → StreamField data: `heading`, `text` and `legal` (a mapping)."""
    return [next(iter(block.items())) for block in body or []]


@transaction.atomic
def set_up_support() -> list[str]:
    """Returns the titles of the pages it created."""
    if SupportGuidePage.objects.exists():
        return []
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("Die Startseite fehlt: zuerst setup_site ausführen.")
    german, english = read_content("leitfaden"), read_content("leitfaden.en")
    guide = SupportGuidePage(
        title=german["title"],
        slug=german["slug"],
        intro=german["intro"],
        body=guide_blocks(german["body"]),
        easy_summary=german["easy_summary"],
        title_en=english.get("title", ""),
        intro_en=english.get("intro", ""),
        body_en=guide_blocks(english.get("body")),
        easy_summary_en=english.get("easy_summary", ""),
    )
    home.add_child(instance=guide)
    guide.save_revision().publish()
    return [guide.title]
