"""Demo content for a fresh installation, marked as such on every item.

Idempotent: items are found by slug (pages), title (images) or their main text
(snippets); existing ones are left alone, so running the command twice changes nothing.
"""

import io
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify

from weltoffen.custom_media.models import CustomImage
from weltoffen.municipalities.models import Municipality
from weltoffen.pages.site_setup import stream_blocks

from .illustrations import draw
from .models import (
    ArticlePage,
    ContactPerson,
    EventIndexPage,
    EventPage,
    FAQEntry,
    KnowledgeIndexPage,
    PracticeExamplePage,
    PracticeIndexPage,
    ProjectPage,
    Testimonial,
    Topic,
)
from .site_setup import set_up_knowledge

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
BERLIN = ZoneInfo("Europe/Berlin")

# Demo details must reach no one: phone numbers from the range the Bundesnetzagentur keeps
# free for media ("drama numbers", never assigned: Berlin (0)30 23125 000–999, Amtsblatt
# 7/2021, Mitteilung 148/2021), and venues that say they are invented.
FICTITIOUS_PHONE = re.compile(r"\+49 30 23125 \d{3}")
FICTITIOUS_VENUE = "(fiktiver Veranstaltungsort)"
# What earlier versions of the demo content used instead: a real Berlin number block and two
# real town halls. Installations that loaded them get the fictitious values.
RETIRED_DETAILS = {
    "phone": {f"+49 30 123456-{n}": f"+49 30 23125 0{n}" for n in range(11, 15)},
    "location": {
        "Rathaus Kassel, Obere Königsstraße 8, 34117 Kassel": "Tagungshaus Beispielstadt, Am Musterplatz 1 (fiktiver Veranstaltungsort)",
        "Neues Rathaus Leipzig, Martin-Luther-Ring 4–6, 04109 Leipzig": "Bildungszentrum Musterhausen, Beispielallee 12 (fiktiver Veranstaltungsort)",
    },
}  # fmt: skip


def check_fictitious(*, phone: str = "", location: str = "", online: bool = False) -> None:
    """Refuse demo details that could send someone to a real person or place."""
    if phone and not FICTITIOUS_PHONE.fullmatch(phone):
        raise ValueError(f"Demo-Telefonnummer außerhalb des Bereichs für Medien: {phone}")
    if location and not online and not location.endswith(FICTITIOUS_VENUE):
        raise ValueError(f"Demo-Veranstaltungsort nicht als fiktiv gekennzeichnet: {location}")


def read(name: str) -> list | dict:
    return yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def load_demo_content() -> dict[str, int]:
    """Returns how many items of each kind were created."""
    set_up_knowledge()
    topics = {topic.key: topic for topic in Topic.objects.all()}
    created = {
        "articles": load_articles(topics),
        "practice_examples": load_practice_examples(topics),
        "faq": load_faq(topics),
        "events": load_events(topics),
        "contacts": load_contacts(topics),
        "testimonials": load_testimonials(),
    }
    link_project_contacts()
    retire_real_world_details()
    return created


def illustration(slug: str, spec: dict | None) -> CustomImage | None:
    if not spec:
        return None
    title = f"Illustration: {slug}"
    image = CustomImage.objects.filter(title=title).first()
    if image is None:
        data = draw(spec["motif"], spec["colour"], slug)
        image = CustomImage(title=title, alt_text=spec["alt"], credit="Illustration: Weltoffene Kommune (generiert)")
        image.file.save(f"{slugify(slug)}.png", ImageFile(io.BytesIO(data), name=f"{slugify(slug)}.png"), save=False)
        image.save()
    return image


def publish(parent, page, topics: dict, keys: list[str], tags: list[str] | None = None):
    parent.add_child(instance=page)
    page.topics.set([topics[key] for key in keys if key in topics])
    if tags is not None:
        page.tags.set(tags)
    page.save_revision().publish()


def load_articles(topics) -> int:
    index = KnowledgeIndexPage.objects.get()
    count = 0
    for item in read("articles.yaml"):
        if ArticlePage.objects.filter(slug=item["slug"]).exists():
            continue
        page = ArticlePage(
            title=item["title"],
            slug=item["slug"],
            article_type=item["type"],
            lead=item["lead"],
            author=item.get("author", ""),
            date=item["date"] if isinstance(item["date"], date) else date.fromisoformat(item["date"]),
            interviewee=item.get("interviewee", ""),
            interviewee_role=item.get("interviewee_role", ""),
            image=illustration(item["slug"], item.get("image")),
            body=article_blocks(item["body"]),
            is_demo=True,
        )
        publish(index, page, topics, item.get("topics", []), item.get("tags", []))
        count += 1
    return count


def article_blocks(body: list[dict]) -> list[tuple]:
    blocks = []
    for block in body:
        if "quote" in block:
            blocks.append(("quote", block["quote"]))
        elif "question" in block:
            blocks.append(("question", {"question": block["question"], "answer": block["answer"]}))
        else:
            blocks.extend(stream_blocks([block]))
    return blocks


def load_practice_examples(topics) -> int:
    index = PracticeIndexPage.objects.get()
    count = 0
    for item in read("practice_examples.yaml"):
        if PracticeExamplePage.objects.filter(slug=item["slug"]).exists():
            continue
        page = PracticeExamplePage(
            title=item["title"],
            slug=item["slug"],
            municipality=Municipality.objects.get(ags=str(item["municipality_ags"])),
            lead=item["summary"],
            year=item.get("year"),
            what_was_done=item["what_was_done"],
            what_it_achieved=item["what_it_achieved"],
            what_it_needed=item["what_it_needed"],
            contact_name=item.get("contact_name", ""),
            contact_role=item.get("contact_role", ""),
            contact_email=item.get("contact_email", ""),
            image=illustration(item["slug"], item.get("image")),
            date=date(int(item.get("year") or 2025), 6, 1),
            is_demo=True,
        )
        publish(index, page, topics, item.get("topics", []), item.get("tags", []))
        count += 1
    return count


def load_faq(topics) -> int:
    count = 0
    for order, item in enumerate(read("faq.yaml"), start=1):
        if FAQEntry.objects.filter(question=item["question"]).exists():
            continue
        entry = FAQEntry.objects.create(
            question=item["question"], answer=item["answer"], sort_order=order * 10, is_demo=True
        )
        entry.topics.set([topics[key] for key in item.get("topics") or [] if key in topics])
        count += 1
    return count


def load_events(topics) -> int:
    index = EventIndexPage.objects.get()
    count = 0
    for item in read("events.yaml"):
        check_fictitious(location=item["location"], online=item.get("online", False))
        if EventPage.objects.filter(slug=item["slug"]).exists():
            continue
        page = EventPage(
            title=item["title"],
            slug=item["slug"],
            start=aware(item["start"]),
            end=aware(item["end"]),
            online=item.get("online", False),
            location=item["location"],
            registration_url=item.get("registration_url", ""),
            description=item["description"],
            is_demo=True,
        )
        publish(index, page, topics, item.get("topics", []))
        count += 1
    return count


def aware(value) -> datetime:
    value = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return value.replace(tzinfo=BERLIN) if value.tzinfo is None else value


def load_contacts(topics) -> int:
    count = 0
    for item in read("contacts.yaml"):
        check_fictitious(phone=item.get("phone", ""))
        if ContactPerson.objects.filter(email=item["email"]).exists():
            continue
        person = ContactPerson.objects.create(
            name=item["name"],
            role=item["role"],
            organisation=item.get("organisation", ""),
            email=item["email"],
            phone=item.get("phone", ""),
            description=item.get("description", ""),
            on_home_page=True,
            is_demo=True,
        )
        person.topics.set([topics[key] for key in item.get("topics") or [] if key in topics])
        count += 1
    return count


def load_testimonials() -> int:
    count = 0
    for item in read("testimonials.yaml"):
        _testimonial, made = Testimonial.objects.get_or_create(
            quote=item["quote"],
            defaults={"person": item["person"], "role": item["role"], "on_home_page": True, "is_demo": True},
        )
        count += made
    return count


# Which demo contacts belong on which pillar page, by their fields of action.
PROJECT_TOPICS = {
    "selbstcheck-projekt": {"steuerung"},
    "dialog": {"beteiligung", "zusammenhalt"},
    "entscheiderinnen": {"kommunikation"},
}


def link_project_contacts() -> None:
    """Pillar pages without contact persons get the demo contacts of their fields."""
    contacts = list(ContactPerson.objects.filter(is_demo=True).prefetch_related("topics"))
    for page in ProjectPage.objects.all():
        if page.contacts.exists():
            continue
        wanted = PROJECT_TOPICS.get(page.slug, set())
        matching = [person for person in contacts if wanted & {topic.key for topic in person.topics.all()}]
        if matching:
            page.contacts.set(matching)
            page.save_revision().publish()


def retire_real_world_details() -> None:
    """Demo contacts and events loaded with a real phone number or venue get the fictitious
    ones; a value an editor changed is not in RETIRED_DETAILS and stays."""
    for old, new in RETIRED_DETAILS["phone"].items():
        ContactPerson.objects.filter(is_demo=True, phone=old).update(phone=new)
    for old, new in RETIRED_DETAILS["location"].items():
        for event in EventPage.objects.filter(is_demo=True, location=old):
            event.location = new
            event.save_revision().publish()  # a revision too, so the next edit keeps it
