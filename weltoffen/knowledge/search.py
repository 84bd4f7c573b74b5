"""Site search: all published pages and FAQ entries, plus the municipality register.

On PostgreSQL Wagtail's database backend searches with the German text-search
configuration, so "Beteiligung" also finds "beteiligen"; snippets around the first hit
are highlighted with <mark>.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from weltoffen.municipalities.models import Municipality

from .models import EventPage, FAQEntry, KnowledgePage

MAX_RESULTS = 200
SNIPPET_LENGTH = 220
CATEGORIES = {
    **dict(KnowledgePage.Kind.choices),
    "veranstaltung": _("Veranstaltung"),
    "faq": _("FAQ"),
    "seite": _("Seite"),
}
# Endings cut off for highlighting, so "Beteiligung" also marks "beteiligen".
GERMAN_ENDINGS = ("ungen", "ung", "ern", "en", "er", "es", "e", "n", "s")


@dataclass
class SearchHit:
    title: str
    url: str
    category: str
    snippet: str
    date: object = None

    @property
    def category_label(self):
        return CATEGORIES[self.category]


def category_of(page) -> str:
    if isinstance(page, KnowledgePage):
        return page.kind
    if isinstance(page, EventPage):
        return "veranstaltung"
    return "seite"


def page_text(page) -> str:
    parts = [
        getattr(page, name, "") for name in ("search_description", "lead", "intro", "description", "what_was_done")
    ]
    body = getattr(page, "body", None)
    if body:
        parts.append(strip_tags(body.render_as_block()))
    return " ".join(strip_tags(str(part)) for part in parts if part)


def stems(query: str) -> list[str]:
    result = []
    for word in re.findall(r"\w+", query.lower()):
        for ending in GERMAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
        result.append(word)
    return result


def highlighted_snippet(text: str, query: str) -> str:
    """About SNIPPET_LENGTH characters around the first hit, escaped, hits in <mark>."""
    text = " ".join(text.split())
    word_stems = stems(query)
    if not word_stems:
        return escape(text[:SNIPPET_LENGTH])
    pattern = re.compile(r"\b(" + "|".join(re.escape(stem) for stem in word_stems) + r")\w*", re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - 60) if match else 0
    excerpt = text[start : start + SNIPPET_LENGTH]
    prefix, suffix = ("… " if start else ""), (" …" if start + SNIPPET_LENGTH < len(text) else "")
    marked = pattern.sub(lambda m: f"\0{m.group(0)}\1", excerpt)
    return mark_safe(prefix + escape(marked).replace("\0", "<mark>").replace("\1", "</mark>") + suffix)  # noqa: S308 - escaped above


def search_site(query: str, request) -> list[SearchHit]:
    hits = []
    pages = Page.objects.live().public().exclude(depth__lte=2).specific().search(query, operator="and")[:MAX_RESULTS]
    for page in pages:
        hits.append(
            SearchHit(
                title=page.title,
                url=page.get_url(request),
                category=category_of(page),
                snippet=highlighted_snippet(page_text(page), query),
                date=getattr(page, "date", None) or getattr(page, "start", None),
            )
        )
    faq_url = Page.objects.live().filter(slug="faq").first()
    for entry in get_search_backend().search(query, FAQEntry, operator="and")[:50]:
        hits.append(
            SearchHit(
                title=entry.question,
                url=f"{faq_url.get_url(request) if faq_url else '/faq/'}#faq-{entry.pk}",
                category="faq",
                snippet=highlighted_snippet(strip_tags(entry.answer), query),
            )
        )
    return hits


def municipality_hits(query: str) -> list[Municipality]:
    return list(Municipality.objects.search(query).select_related("land")[:5])
