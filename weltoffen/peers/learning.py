"""„Von wem lernen?“: for each weak field, Praxisbeispiele of that field from comparable
municipalities first, and municipalities strong in it that agreed to be named. Contact
goes through the operator's contact form; nobody's address is published here."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from weltoffen.knowledge.models import ContactPage, PracticeExamplePage

from .comparison import Comparison, FieldComparison
from .models import ContributedScore

WEAK_BELOW = 50  # Einstieg and Aufbau
STRONG_FROM = 75  # Vorreiter
PER_FIELD = 4


@dataclass
class StrongPeer:
    name: str
    place: str  # "Land Hessen", the register context
    contact_url: str


@dataclass
class LearningField:
    comparison: FieldComparison
    examples: list = field(default_factory=list)
    peers: list[StrongPeer] = field(default_factory=list)


def similarity(facts, kind: str, size_class: str, land: str) -> int:
    """0 = same type and size class in the same Land, 1 = same type and size, 2 = same Land, 3 = other."""
    same_type = kind == facts.kind and size_class == facts.size_class
    same_land = land == facts.land_ags
    return 0 if same_type and same_land else 1 if same_type else 2 if same_land else 3


def learning_for(comparison: Comparison, *, version_id: int, request=None) -> list[LearningField]:
    weak = [f for f in comparison.fields if f.own is not None and f.own < WEAK_BELOW]
    if not weak:
        return []
    facts = comparison.facts
    contact = ContactPage.objects.live().first()
    contact_url = contact.get_url(request) if contact else ""
    keys = [f.key for f in weak]
    examples = (
        PracticeExamplePage.objects.live()
        .public()
        .filter(topics__key__in=keys)
        .select_related("municipality__land")
        .prefetch_related("topics")
        .distinct()
    )
    strong = (
        ContributedScore.objects.filter(
            version_id=version_id, field_key__in=keys, score__gte=STRONG_FROM, contribution__named=True
        )
        .exclude(municipality_id=comparison.municipality.pk)
        .select_related("municipality__land")
        .order_by("municipality__short_name")
    )
    by_field_strong: dict[str, list] = {}
    for row in strong:
        by_field_strong.setdefault(row.field_key, []).append(row)
    result = []
    for weak_field in weak:
        own_examples = [page for page in examples if weak_field.key in {topic.key for topic in page.topics.all()}]
        own_examples.sort(
            key=lambda page: (
                similarity(facts, page.municipality.kind, page.municipality.size_class, page.municipality.ags[:2]),
                page.title,
            )
        )
        rows = sorted(
            by_field_strong.get(weak_field.key, []),
            key=lambda row: (similarity(facts, row.kind, row.size_class, row.land_ags), row.municipality.short_name),
        )
        peers = [
            StrongPeer(
                name=row.municipality.short_name,
                place=row.municipality.land.short_name if row.municipality.land_id else "",
                contact_url=contact_link(contact_url, row.municipality.short_name, weak_field.title),
            )
            for row in rows[:PER_FIELD]
        ]
        result.append(LearningField(comparison=weak_field, examples=own_examples[:PER_FIELD], peers=peers))
    return result


def contact_link(base: str, name: str, field_title: str) -> str:
    if not base:
        return ""
    message = _(
        "Wir möchten im Handlungsfeld „%(field)s“ von %(name)s lernen. Bitte vermitteln Sie uns den Kontakt."
    ) % {"field": field_title, "name": name}
    return f"{base}?{urlencode({'anliegen': message})}"
