"""What the site search finds, kept current in `SearchEntry` rows.

Indexed, in German and, where the text exists, in English: every live public page below the
home page (its title, its Wagtail `search_fields`, headings of its body apart), the FAQ
entries, and from the current catalogue each field of action, each question (text, help
text, answer examples, recommendation; linked to its anchor on the field page) and each
section of the Methodik page (rendered from the same template as the page).

Publishing, unpublishing, moving and restricting a page, saving an FAQ entry and loading the
catalogue update the rows after the transaction commits; deleting a page or an FAQ entry
deletes them with it. `manage.py build_search_index` rebuilds everything (`make data`).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from weltoffen import page_cache
from weltoffen.catalogue import methodology
from weltoffen.catalogue.loading import catalogue_loaded
from weltoffen.catalogue.models import CatalogueVersion

from . import terms
from .models import EventPage, FAQEntry, FAQPage, KnowledgePage, SearchEntry

CATALOGUE_KEYS = ("field:", "question:", "method:")
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "caption", "summary"}
# Tags that end a run of words; inline tags (<b>, <a>) do not, so "<b>Bei</b>rat" stays one word.
BLOCK_TAGS = {"p", "br", "li", "ul", "ol", "td", "th", "tr", "div", "blockquote", "figcaption", "dd", "dt"}
SKIPPED_TAGS = {"script", "style", "nav", "template"}


@dataclass
class Document:
    """An entry before its terms are computed."""

    key: str
    language: str
    kind: str
    title: str
    url: str
    context: str = ""
    date: object = None
    headings: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    page: Page | None = None
    faq_entry: FAQEntry | None = None
    # False where the title is a long sentence that is indexed as a heading (a question).
    title_ranks_as_title: bool = True

    def add_html(self, html: str) -> None:
        parsed = parse_html(html)
        for section in parsed:
            self.headings.extend(filter(None, [section.title, *section.headings]))
            self.body.append(section.text)

    def entry(self, *, has_english: bool = False) -> SearchEntry:
        text = " ".join(" ".join(part.split()) for part in self.body if part)
        return SearchEntry(
            key=self.key,
            language=self.language,
            has_english=has_english,
            kind=self.kind,
            title=self.title[:500],
            context=self.context[:300],
            url=self.url,
            date=self.date,
            text=text,
            title_terms=terms.joined(terms.index_terms(self.title, self.language)) if self.title_ranks_as_title else "",
            heading_terms=terms.joined(terms.index_terms(" ".join(self.headings), self.language)),
            body_terms=terms.joined(terms.index_terms(text, self.language)),
            page=self.page,
            faq_entry=self.faq_entry,
        )


def entries(documents: list[Document]) -> list[SearchEntry]:
    """German documents learn whether an English one of the same key exists."""
    english = {doc.key for doc in documents if doc.language == "en"}
    return [doc.entry(has_english=doc.language == "de" and doc.key in english) for doc in documents]


# --- HTML ------------------------------------------------------------------------------------


@dataclass
class Section:
    anchor: str  # the id of its heading, "" for what precedes the first <section>
    title: str = ""
    headings: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class _SectionParser(HTMLParser):
    """Splits HTML into its <section aria-labelledby> parts, headings apart from the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [Section(anchor="")]
        self.heading: list[str] | None = None
        self.heading_tag = ""
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "section" and not self.skipping:
            self.sections.append(Section(anchor=dict(attrs).get("aria-labelledby") or ""))
        elif tag in HEADING_TAGS and self.heading is None:
            self.heading, self.heading_tag = [], tag
        elif tag in BLOCK_TAGS:
            self.handle_data(" ")

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag == self.heading_tag and self.heading is not None:
            text = " ".join("".join(self.heading).split())
            section = self.sections[-1]
            if not section.title and tag in {"h1", "h2"}:
                section.title = text
            else:
                section.headings.append(text)
            self.heading, self.heading_tag = None, ""
        elif tag == "section" and len(self.sections) > 1:
            # Text after a section belongs to the page again.
            self.sections.append(Section(anchor=""))
        elif tag in BLOCK_TAGS:
            self.handle_data(" ")

    def handle_data(self, data):
        if self.skipping:
            return
        if self.heading is not None:
            self.heading.append(data)
        else:
            self.sections[-1].parts.append(data)


def parse_html(html: str) -> list[Section]:
    parser = _SectionParser()
    parser.feed(html)
    parser.close()
    sections = [section for section in parser.sections if section.title or section.headings or section.text]
    # Text after a section closed joins the page part before it (anchor "").
    merged: dict[str, Section] = {}
    for section in sections:
        if section.anchor in merged:
            merged[section.anchor].headings += section.headings
            merged[section.anchor].parts += section.parts
            merged[section.anchor].title = merged[section.anchor].title or section.title
        else:
            merged[section.anchor] = section
    return list(merged.values())


# --- Pages -----------------------------------------------------------------------------------


def indexable_pages():
    return Page.objects.live().public().filter(depth__gt=2)


def page_kind(page) -> str:
    if isinstance(page, KnowledgePage):
        return page.kind
    if isinstance(page, EventPage):
        return SearchEntry.Kind.EVENT
    return SearchEntry.Kind.PAGE


def page_date(page):
    if isinstance(page, EventPage):
        return timezone.localtime(page.start).date()
    return getattr(page, "date", None)


def page_path(page, language: str) -> str | None:
    with translation.override(language):
        parts = page.get_url_parts()
    return parts[2] if parts else None


def add_value(document: Document, page, name: str, value) -> None:
    if not value:
        return
    if hasattr(value, "stream_block"):  # a StreamField
        for child in value:
            if child.block_type == "heading":
                document.headings.append(str(child.value))
            elif isinstance(child.value, RichText):
                document.add_html(child.value.source)
            else:
                document.body.extend(str(text) for text in child.block.get_searchable_content(child.value))
        return
    model_field = page._meta.get_field(name)
    if isinstance(model_field, RichTextField):
        document.add_html(str(value))
    else:
        document.body.append(str(value))


def related_keywords(page, related: index.RelatedFields) -> list[str]:
    """Tags and the municipality of a practice example: keywords, weighted as headings."""
    value = getattr(page, related.field_name, None)
    if value is None:
        return []
    objects = value.all() if hasattr(value, "all") else [value]
    names = [f.field_name for f in related.fields if isinstance(f, index.SearchField)]
    return [str(getattr(obj, name)) for obj in objects for name in names if getattr(obj, name, "")]


def page_documents(page) -> list[Document]:
    """The German document of a page and, where it has an English title, the English one."""
    page = page.specific
    documents = []
    for language in ("de", "en"):
        suffix = "_en" if language == "en" else ""
        title = getattr(page, f"title{suffix}", "") if suffix else page.title
        url = page_path(page, language)
        if not title or url is None:
            continue
        document = Document(
            key=f"page:{page.pk}",
            language=language,
            kind=page_kind(page),
            title=title,
            url=url,
            date=page_date(page),
            page=page,
        )
        if language == "de" and page.search_description:
            document.body.append(page.search_description)
        for search_field in page.search_fields:
            if isinstance(search_field, index.RelatedFields):
                if language == "de":
                    document.headings.extend(related_keywords(page, search_field))
            elif isinstance(search_field, index.SearchField) and search_field.field_name != "title":
                name = search_field.field_name + suffix
                if hasattr(page, name):
                    add_value(document, page, name, getattr(page, name))
        documents.append(document)
    return documents


@transaction.atomic
def index_page(*, page: Page) -> None:
    """Replace a page's entries; when its address changed, its descendants' as well."""
    transaction.on_commit(page_cache.invalidate)  # the search page shows the new entries
    old_urls = set(SearchEntry.objects.filter(page=page).values_list("url", flat=True))
    SearchEntry.objects.filter(page=page).delete()
    if not indexable_pages().filter(pk=page.pk).exists():
        return
    created = SearchEntry.objects.bulk_create(entries(page_documents(page)))
    if old_urls and old_urls != {entry.url for entry in created}:
        for descendant in indexable_pages().descendant_of(page).filter(pk__in=indexed_page_ids()).specific():
            index_page(page=descendant)


def indexed_page_ids():
    return SearchEntry.objects.filter(page__isnull=False).values("page_id")


@transaction.atomic
def index_subtree(*, page: Page) -> None:
    """After a move or a changed view restriction: the page and everything below it."""
    transaction.on_commit(page_cache.invalidate)
    SearchEntry.objects.filter(page__in=Page.objects.descendant_of(page, inclusive=True)).delete()
    pages = indexable_pages().descendant_of(page, inclusive=True).specific()
    SearchEntry.objects.bulk_create(entries([doc for each in pages for doc in page_documents(each)]))


# --- FAQ entries -----------------------------------------------------------------------------


def faq_url() -> str:
    faq_page = FAQPage.objects.live().first()
    return (page_path(faq_page, "de") if faq_page else None) or "/faq/"


def faq_document(entry: FAQEntry, url: str) -> Document:
    document = Document(
        key=f"faq:{entry.pk}",
        language="de",
        kind=SearchEntry.Kind.FAQ,
        title=entry.question,
        url=f"{url}#faq-{entry.pk}",
        faq_entry=entry,
    )
    document.add_html(entry.answer)
    return document


@transaction.atomic
def index_faq_entry(*, entry: FAQEntry) -> None:
    transaction.on_commit(page_cache.invalidate)
    SearchEntry.objects.filter(faq_entry=entry).delete()
    SearchEntry.objects.bulk_create(entries([faq_document(entry, faq_url())]))


# --- Catalogue -------------------------------------------------------------------------------


def catalogue_documents(version: CatalogueVersion) -> list[Document]:
    fields = version.fields.prefetch_related("subtopics", "questions")
    documents = []
    for language in ("de", "en"):
        with translation.override(language):
            for field_of_action in fields:
                documents.extend(field_documents(field_of_action, language))
            documents.extend(method_documents(version, language))
    return documents


def field_documents(field_of_action, language: str) -> list[Document]:
    """A field of action and its questions, in German, or in English where translated."""
    english = language == "en"
    if english and not field_of_action.title_en:
        return []
    url = reverse("catalogue:field", args=[field_of_action.key])
    context = _("Handlungsfeld %(number)s: %(title)s") % {
        "number": field_of_action.number,
        "title": field_of_action.display_title,
    }
    document = Document(
        key=f"field:{field_of_action.key}",
        language=language,
        kind=SearchEntry.Kind.FIELD,
        title=field_of_action.display_title,
        url=url,
        context=_("Handlungsfeld %(number)s") % {"number": field_of_action.number},
        headings=[subtopic.display_title for subtopic in field_of_action.subtopics.all()],
        body=[field_of_action.display_summary, field_of_action.display_description],
    )
    documents = [document]
    for question in field_of_action.questions.all():
        if english and not question.text_en:
            continue
        anchors = question.anchors_en if english and question.anchors_en else question.anchors
        documents.append(
            Document(
                key=f"question:{question.key}",
                language=language,
                kind=SearchEntry.Kind.QUESTION,
                title=question.display_text,
                url=f"{url}#frage-{question.key}",
                context=context,
                # The question is a heading on the field page; ranked as one, so that a long
                # question does not outweigh the title of an article.
                title_ranks_as_title=False,
                headings=[question.display_text],
                body=[question.display_help_text, question.display_recommendation, *anchors.values(), *question.tags],
            )
        )
    return documents


def method_documents(version: CatalogueVersion, language: str) -> list[Document]:
    """The Methodik page as one entry for its introduction and one per section."""
    html = render_to_string(methodology.TEMPLATE, methodology.method_context(version))
    url = reverse("catalogue:method")
    sections = parse_html(html)
    page_title = next((section.title for section in sections if not section.anchor), "") or _("Methodik")
    documents = []
    for section in sections:
        document = Document(
            key=f"method:{section.anchor}",
            language=language,
            kind=SearchEntry.Kind.METHOD,
            title=section.title or page_title,
            url=f"{url}#{section.anchor}" if section.anchor else url,
            context=page_title if section.anchor else "",
            headings=section.headings,
            body=[section.text],
        )
        documents.append(document)
    return documents


def catalogue_entries():
    condition = Q()
    for prefix in CATALOGUE_KEYS:
        condition |= Q(key__startswith=prefix)
    return SearchEntry.objects.filter(condition)


@transaction.atomic
def index_catalogue() -> int:
    """Replace the entries of the catalogue with those of the current version."""
    transaction.on_commit(page_cache.invalidate)
    catalogue_entries().delete()
    version = CatalogueVersion.objects.filter(is_current=True).first()
    if version is None:
        return 0
    return len(SearchEntry.objects.bulk_create(entries(catalogue_documents(version))))


# --- Everything ------------------------------------------------------------------------------


@transaction.atomic
def rebuild_index() -> dict[str, int]:
    """Every entry anew; returns the number of entries per kind."""
    SearchEntry.objects.all().delete()
    documents = [doc for page in indexable_pages().specific() for doc in page_documents(page)]
    url = faq_url()
    documents += [faq_document(entry, url) for entry in FAQEntry.objects.all()]
    SearchEntry.objects.bulk_create(entries(documents), batch_size=200)
    index_catalogue()  # and, after the commit, a new page-cache generation
    return dict(SearchEntry.objects.values_list("kind").annotate(n=Count("id")).order_by())


# --- Keeping it current ----------------------------------------------------------------------


def _after_commit(function, argument: str, model, pk) -> None:
    """Run `function(argument=<row>)` after the commit, with the row as committed; a row
    deleted in the same transaction took its entries with it."""

    def run():
        row = model.objects.filter(pk=pk).first()
        if row is not None:
            function(**{argument: row})

    transaction.on_commit(run)


def _page_published(sender, instance, **kwargs):
    _after_commit(index_page, "page", Page, instance.pk)


def _page_unpublished(sender, instance, **kwargs):
    _after_commit(index_page, "page", Page, instance.pk)


def _page_moved(sender, instance, **kwargs):
    _after_commit(index_subtree, "page", Page, instance.pk)


def _restriction_changed(sender, instance, **kwargs):
    _after_commit(index_subtree, "page", Page, instance.page_id)


def _faq_entry_saved(sender, instance, **kwargs):
    _after_commit(index_faq_entry, "entry", FAQEntry, instance.pk)


def _catalogue_loaded(sender, **kwargs):
    transaction.on_commit(index_catalogue)


def connect_signals() -> None:
    page_published.connect(_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search-page-moved")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-deleted")
    post_save.connect(_faq_entry_saved, sender=FAQEntry, dispatch_uid="search-faq-saved")
    catalogue_loaded.connect(_catalogue_loaded, dispatch_uid="search-catalogue-loaded")
