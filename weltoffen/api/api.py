"""The open, read-only JSON API under /api/v1/ (django-ninja, OpenAPI 3).

Only public data: the catalogue (every version, German and English), published knowledge
content, the municipality register, the model municipalities, and the anonymised
aggregates that the threshold rule (peers/threshold.py) lets anyone see. No assessment,
answer or consent is reachable here.
"""

from datetime import date, datetime

from ninja import Field, NinjaAPI, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.throttling import AnonRateThrottle

from django.conf import settings
from django.db.models import Max

from weltoffen.catalogue.models import CatalogueVersion, Question
from weltoffen.knowledge.models import KnowledgePage
from weltoffen.municipalities.models import Municipality, ProgrammeParticipation
from weltoffen.peers import threshold
from weltoffen.peers.models import PeerAggregate

from .http import conditional

# Per client address; tests lower `throttle.num_requests` to prove it.
throttle = AnonRateThrottle(getattr(settings, "API_RATE_LIMIT", "120/m"))

api = NinjaAPI(
    title="Weltoffene Kommune – offene Schnittstelle",
    version="1.0.0",
    description=(
        "Read-only open data of the platform: question catalogue, knowledge content, municipality register, "
        "model municipalities and anonymised peer aggregates (shown only when at least 6 municipalities "
        "contribute and no published group differs from its enclosing group by fewer than 5)."
    ),
    urls_namespace="api",
    throttle=[throttle],
)


PAGE_SIZE = 50


class Pages(PageNumberPagination):
    """Page numbers are bounded: an offset beyond any table is a 422, not a database overflow."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=10_000)
        page_size: int | None = Field(None, ge=1, le=200)


def clean(text: str, limit: int = 100) -> str:
    """Query strings as the database can take them: no NUL bytes, bounded length."""
    return text.replace("\x00", "")[:limit]


class VersionOut(Schema):
    key: str
    label: str
    published_on: date
    is_current: bool


class QuestionOut(Schema):
    key: str
    position: int
    subtopic: str | None
    text: str
    text_en: str | None
    help_text: str
    help_text_en: str | None
    recommendation: str
    recommendation_en: str | None
    weight: int
    scale: str


class FieldOut(Schema):
    key: str
    number: int
    title: str
    title_en: str
    summary: str
    summary_en: str
    questions: list[QuestionOut]


class CatalogueOut(VersionOut):
    method: dict
    fields: list[FieldOut]


class KnowledgeOut(Schema):
    title: str
    kind: str
    lead: str
    date: date
    url: str
    topics: list[str]
    is_demo: bool

    @staticmethod
    def resolve_url(obj, context) -> str:
        return obj.get_full_url(context["request"]) or ""

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [topic.key for topic in obj.topics.all()]


class MunicipalityOut(Schema):
    ags: str
    name: str
    short_name: str
    kind: str
    size_class: str
    population: int
    land_ags: str | None
    parent_ags: str | None
    latitude: float
    longitude: float
    in_register: bool

    @staticmethod
    def resolve_land_ags(obj) -> str | None:
        return obj.land.ags if obj.land_id else None

    @staticmethod
    def resolve_parent_ags(obj) -> str | None:
        return obj.parent.ags if obj.parent_id else None


class ModelMunicipalityOut(Schema):
    municipality: MunicipalityOut
    role: str
    part_of_ags: str | None
    source_url: str


class AggregateOut(Schema):
    catalogue_version: str
    field_key: str
    group: str
    municipalities: int
    lower_quartile: int | None
    median: int | None
    upper_quartile: int | None
    updated_at: datetime

    @staticmethod
    def resolve_catalogue_version(obj) -> str:
        return obj.version.key

    @staticmethod
    def resolve_municipalities(obj) -> int:
        return obj.count

    @staticmethod
    def resolve_lower_quartile(obj) -> int | None:
        return threshold.rounded(obj.lower_quartile)

    @staticmethod
    def resolve_median(obj) -> int | None:
        return threshold.rounded(obj.median)

    @staticmethod
    def resolve_upper_quartile(obj) -> int | None:
        return threshold.rounded(obj.upper_quartile)


def catalogue_changed(request):
    return CatalogueVersion.objects.aggregate(last=Max("created_at"))["last"]


def aggregates_changed(request):
    return PeerAggregate.objects.aggregate(last=Max("updated_at"))["last"]


def english(obj, name: str) -> str | None:
    """The English text where the catalogue version has one (v1 questions are German only)."""
    return getattr(obj, f"{name}_en", None) or None


@api.get("/catalogue/versions", response=list[VersionOut], tags=["catalogue"])
@decorate_view(conditional(catalogue_changed))
def catalogue_versions(request):
    return list(CatalogueVersion.objects.order_by("-published_on", "key"))


@api.get("/catalogue/versions/{key}", response=CatalogueOut, tags=["catalogue"])
@decorate_view(conditional(catalogue_changed))
def catalogue_version(request, key: str):
    version = CatalogueVersion.objects.filter(key=clean(key, 20)).first()
    if version is None:
        raise HttpError(404, "Diese Katalogversion gibt es nicht.")
    questions = (
        Question.objects.filter(version=version).select_related("subtopic").order_by("field__number", "position")
    )
    by_field: dict[int, list] = {}
    for question in questions:
        by_field.setdefault(question.field_id, []).append(
            {
                "key": question.key,
                "position": question.position,
                "subtopic": question.subtopic.key if question.subtopic else None,
                "text": question.text,
                "text_en": english(question, "text"),
                "help_text": question.help_text,
                "help_text_en": english(question, "help_text"),
                "recommendation": question.recommendation,
                "recommendation_en": english(question, "recommendation"),
                "weight": question.weight,
                "scale": question.scale,
            }
        )
    return {
        "key": version.key,
        "label": version.label,
        "published_on": version.published_on,
        "is_current": version.is_current,
        "method": version.method,
        "fields": [
            {
                "key": f.key,
                "number": f.number,
                "title": f.title,
                "title_en": f.title_en,
                "summary": f.summary,
                "summary_en": f.summary_en,
                "questions": by_field.get(f.pk, []),
            }
            for f in version.fields.order_by("number")
        ],
    }


@api.get("/knowledge", response=list[KnowledgeOut], tags=["knowledge"])
@paginate(Pages, page_size=PAGE_SIZE, max_page_size=200)
def knowledge(request, topic: str = ""):
    pages = KnowledgePage.objects.live().public().order_by("-date", "pk").prefetch_related("topics")
    if topic:
        pages = pages.filter(topics__key=clean(topic, 40))
    return pages


class RegisterFilter(Schema):
    q: str = ""
    kind: str = ""
    land: str = ""


@api.get("/municipalities", response=list[MunicipalityOut], tags=["register"])
@paginate(Pages, page_size=PAGE_SIZE, max_page_size=200)
def municipalities(request, filters: Query[RegisterFilter]):
    rows = Municipality.objects.select_related("land", "parent")
    query = clean(filters.q)
    rows = rows.search(query) if query.strip() else rows.order_by("ags")
    if filters.kind:
        rows = rows.filter(kind=clean(filters.kind, 20))
    if filters.land:
        rows = rows.filter(land__ags=clean(filters.land, 2))
    return rows


@api.get("/municipalities/{ags}", response=MunicipalityOut, tags=["register"])
def municipality(request, ags: str):
    found = Municipality.objects.select_related("land", "parent").filter(ags=clean(ags, 8)).first()
    if found is None:
        raise HttpError(404, "Diesen Gemeindeschlüssel gibt es im Verzeichnis nicht.")
    return found


@api.get("/model-municipalities", response=list[ModelMunicipalityOut], tags=["register"])
def model_municipalities(request):
    participations = ProgrammeParticipation.objects.select_related(
        "municipality__land", "municipality__parent", "part_of"
    )
    return [
        {
            "municipality": p.municipality,
            "role": p.role,
            "part_of_ags": p.part_of.ags if p.part_of_id else None,
            "source_url": p.source_url,
        }
        for p in participations
    ]


class AggregateFilter(Schema):
    version: str = ""
    field: str = ""
    group: str = ""


@api.get("/aggregates", response=list[AggregateOut], tags=["comparison"])
@decorate_view(conditional(aggregates_changed))
@paginate(Pages, page_size=PAGE_SIZE, max_page_size=200)
def aggregates(request, filters: Query[AggregateFilter]):
    """Median and quartiles (whole points) of the field scores of published groups only.

    Groups: `all`, `land:<AGS>`, `kreis:<AGS>`, `type:<kind>:<size class>`. A group is
    published when at least 6 municipalities contribute and it differs from its enclosing
    group (Kreis → Land → all, type → all) by at least 5.
    """
    rows = (
        PeerAggregate.objects.filter(is_public=True)
        .select_related("version")
        .order_by("version__key", "field_key", "group")
    )
    if filters.version:
        rows = rows.filter(version__key=clean(filters.version, 20))
    if filters.field:
        rows = rows.filter(field_key=clean(filters.field, 40))
    if filters.group:
        rows = rows.filter(group=clean(filters.group, 60))
    return rows
