"""Site search over `SearchEntry` (indexing.py), plus the municipality register.

A hit must match every word of the query (terms.py: same stem, a longer word that starts
with it, or a compound that ends with it). The database only filters, with substring
tests that behave the same on SQLite and PostgreSQL; ranking happens here: a word in the
title counts more than one in a heading, and that more than one in the text; an exact stem
more than a longer word or a compound.

In English, entries with an English text are searched in English, the others (German
only) in German.
"""

import math
import re
from dataclasses import dataclass

from django.db.models import Q
from django.urls import translate_url
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from weltoffen.municipalities.models import Municipality

from . import terms
from .models import SearchEntry

MAX_RESULTS = 200
SNIPPET_LENGTH = 220
CATEGORIES = dict(SearchEntry.Kind.choices)
FIELD_WEIGHTS = {"title_terms": 10.0, "heading_terms": 4.0, "body_terms": 1.0}
MATCH_WEIGHTS = {terms.Match.EXACT: 1.0, terms.Match.PREFIX: 0.7, terms.Match.SUFFIX: 0.5}
OTHER_FIELDS = 0.2
LISTED_FIELDS = ("pk", "language", "kind", "title", "context", "url", "date", *FIELD_WEIGHTS)


@dataclass
class SearchHit:
    pk: int
    title: str
    url: str
    category: str
    language: str
    score: float
    context: str = ""
    date: object = None
    snippet: str = ""

    @property
    def category_label(self):
        return CATEGORIES[self.category]


def search_language() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def term_condition(query_term: terms.QueryTerm) -> Q:
    """Entries with the term in any field, as substring tests on the stored term strings.

    A little wider than `terms.field_match` (a compound's front part is not counted here);
    `score` drops what does not match."""
    needles = {f" {form}" for form in query_term.prefixes}
    needles |= {f" {form} " for form in query_term.forms if form not in query_term.prefixes}
    needles |= {f"{form} " for form in query_term.suffixes}
    condition = Q()
    for name in FIELD_WEIGHTS:
        for needle in sorted(needles):
            condition |= Q(**{f"{name}__contains": needle})
    return condition


def language_condition(query: str, language: str, *, fallback: bool) -> Q | None:
    query_terms = terms.query_terms(query, language)
    if not query_terms:
        return None
    condition = Q(language=language)
    if fallback:
        condition &= Q(has_english=False)
    for query_term in query_terms:
        condition &= term_condition(query_term)
    return condition


def score(entry: dict, query_terms: list[terms.QueryTerm]) -> float:
    """0 when a query term matches nowhere (the database filter is a little wider); else each
    term counts with its best field, and OTHER_FIELDS of what the other fields add."""
    total = 0.0
    for query_term in query_terms:
        values = []
        for name, weight in FIELD_WEIGHTS.items():
            match = terms.field_match(entry[name], query_term)
            if match:
                # Repetitions in the text count, with diminishing returns.
                repeats = entry[name].count(f" {query_term.stem} ") if name == "body_terms" else 1
                values.append(weight * MATCH_WEIGHTS[match] * (1 + math.log(max(repeats, 1)) / 2))
        if not values:
            return 0.0
        values.sort(reverse=True)
        total += values[0] + OTHER_FIELDS * sum(values[1:])
    return total


def english_url(url: str) -> str:
    """The English address of a German-only entry: the same page with the English interface."""
    with translation.override("de"):
        return translate_url(url, "en")


def search_site(query: str) -> list[SearchHit]:
    """Every entry that matches all words, best first; at most MAX_RESULTS."""
    language = search_language()
    conditions = {language: language_condition(query, language, fallback=False)}
    if language == "en":
        conditions["de"] = language_condition(query, "de", fallback=True)
    conditions = {lang: condition for lang, condition in conditions.items() if condition is not None}
    if not conditions:
        return []
    combined = Q()
    for condition in conditions.values():
        combined |= condition
    query_terms = {lang: terms.query_terms(query, lang) for lang in conditions}
    hits = []
    for entry in SearchEntry.objects.filter(combined).values(*LISTED_FIELDS):
        entry_score = score(entry, query_terms[entry["language"]])
        if not entry_score:
            continue
        url = entry["url"]
        if language == "en" and entry["language"] == "de":
            url = english_url(url)
        hits.append(
            SearchHit(
                pk=entry["pk"],
                title=entry["title"],
                url=url,
                category=entry["kind"],
                language=entry["language"],
                score=entry_score,
                context=entry["context"],
                date=entry["date"],
            )
        )
    hits.sort(key=lambda hit: (-hit.score, len(hit.title), hit.title))
    return hits[:MAX_RESULTS]


def add_snippets(hits: list[SearchHit], query: str) -> None:
    """The snippets of the hits shown, in one query."""
    texts = dict(SearchEntry.objects.filter(pk__in=[hit.pk for hit in hits]).values_list("pk", "text"))
    for hit in hits:
        hit.snippet = highlighted_snippet(texts.get(hit.pk, ""), query, hit.language)


WORD = re.compile(r"[^\W_]+")


def highlighted_snippet(text: str, query: str, language: str = "de") -> str:
    """About SNIPPET_LENGTH characters around the first hit, escaped, matching words in <mark>.

    A word is marked when it matches a query term as the search does, so "Beteiligung" marks
    "beteiligen" and "Werkstatt" marks "Beteiligungswerkstatt".
    """
    text = " ".join(text.split())
    query_terms = terms.query_terms(query, language)

    def matches(word: str) -> bool:
        lowered = word.lower()
        candidates = (terms.stem(lowered, language), terms.folded(lowered))
        return any(query_term.match(candidate) for query_term in query_terms for candidate in candidates)

    first = next((m for m in WORD.finditer(text) if matches(m.group(0))), None) if query_terms else None
    start = max(0, first.start() - 60) if first else 0
    if start:
        # Begin at a word boundary.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (first.start() if first else start) else start
    excerpt = text[start : start + SNIPPET_LENGTH]
    cut = start + SNIPPET_LENGTH < len(text)
    if cut and " " in excerpt:
        excerpt = excerpt[: excerpt.rindex(" ")]  # end at a word, too
    prefix, suffix = ("… " if start else ""), (" …" if cut else "")
    parts, position = [], 0
    for match in WORD.finditer(excerpt):
        if query_terms and matches(match.group(0)):
            parts.append(escape(excerpt[position : match.start()]))
            parts.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    parts.append(escape(excerpt[position:]))
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part is escaped


def municipality_hits(query: str) -> list[Municipality]:
    return list(Municipality.objects.search(query).select_related("land")[:5])
