import io
from datetime import date, timedelta

from PIL import Image

from django.core.files.images import ImageFile
from django.utils import timezone

from weltoffen.custom_media.models import CustomImage
from weltoffen.knowledge.models import (
    ArticlePage,
    EventIndexPage,
    EventPage,
    KnowledgeIndexPage,
    PracticeExamplePage,
    PracticeIndexPage,
    Topic,
)


def make_image(*, alt_text="Abstrakte Grafik: zwei Kreise", decorative=False, title="Testbild") -> CustomImage:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#0b3d91").save(buffer, format="PNG")
    image = CustomImage(title=title, alt_text=alt_text, is_decorative=decorative)
    image.file.save("test.png", ImageFile(buffer, name="test.png"), save=False)
    image.save()
    return image


def publish(parent, page, *, topics=(), tags=()):
    parent.add_child(instance=page)
    page.topics.set(Topic.objects.filter(key__in=topics))
    page.tags.set(list(tags))
    page.save_revision().publish()
    return page


def article(
    *,
    title="Ein Leitbild mit Beteiligung",
    kind="artikel",
    topics=("steuerung",),
    tags=("leitbild",),
    body=None,
    **fields,
):
    page = ArticlePage(
        title=title,
        article_type=kind,
        lead=fields.pop("lead", "Wie Kommunen ein Leitbild gemeinsam mit der Stadtgesellschaft erarbeiten."),
        date=fields.pop("date", date(2026, 9, 1)),
        body=body or [("text", "<p>Die Beteiligung der Einwohner:innen beginnt früh.</p>")],
        **fields,
    )
    return publish(KnowledgeIndexPage.objects.get(), page, topics=topics, tags=tags)


def practice_example(
    municipality, *, title="Welcome Center im Rathaus", topics=("zusammenhalt",), tags=("willkommen",), **fields
):
    page = PracticeExamplePage(
        title=title,
        municipality=municipality,
        lead=fields.pop("lead", "Ein Ort für alle, die neu ankommen."),
        what_was_done="<p>Eine Anlaufstelle für Neuzugewanderte.</p>",
        what_it_achieved="<p>Kürzere Wege.</p>",
        what_it_needed="<p>Zwei Stellen.</p>",
        **fields,
    )
    return publish(PracticeIndexPage.objects.get(), page, topics=topics, tags=tags)


def online_event(title: str, *, days_from_now: int = 30, live: bool = True, is_demo: bool = False) -> EventPage:
    """An online event under the events index, published unless `live` is False."""
    start = timezone.now() + timedelta(days=days_from_now)
    page = EventPage(
        title=title,
        start=start,
        end=start + timedelta(hours=2),
        online=True,
        location="Online",
        description="<p>Ein Austausch.</p>",
        live=live,
        is_demo=is_demo,
    )
    EventIndexPage.objects.get().add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page
