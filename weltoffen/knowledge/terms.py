"""Words → search terms: the one place that decides what counts as the same word.

Indexed text and queries go through the same Snowball stemmer (PyStemmer), in Python, so
SQLite and PostgreSQL find exactly the same. The German stemmer folds inflections
("Beteiligung", "beteiligen" → "beteil"), umlauts and their ASCII spellings ("Flüchtlinge",
"Fluechtlinge" → "fluchtling") and ß. A query term matches an indexed term that is equal to
it, that starts with it (search as you type, "Wohnen" → "Wohnung") or, for terms of
`MIN_COMPOUND_PART` characters or more, that ends with it (the head of a German compound:
"Werkstatt" → "Beteiligungswerkstatt").

A stem is not always a prefix of what someone is still typing ("Beteiligu" stems to
itself, "Beteiligung" to "beteil"), so every word is indexed as its stem and, where that
differs, as the whole word (`folded`); the last word of a query matches either by prefix.

Indexed terms are stored as one string per field, each term between spaces, so " term"
is a prefix match and "term " a suffix match on every database (see search.py).
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property, lru_cache

import Stemmer

LANGUAGES = {"de": "german", "en": "english"}
# Letters and digits, with hyphenated compounds ("Kita-Plätze") kept together so that their
# joined form is indexed too.
WORD = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")
PART = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 10
MIN_PREFIX = 4  # a shorter form matches only itself, unless it is the word being typed
MIN_COMPOUND_PART = 4
# A compound ends with the query term after at least this many letters of its front part: "Deutschkurs" for
# "Kurs", but not "Einwohner" (stem "einwohn") for "Wohnen" ("wohn").
MIN_COMPOUND_FRONT = 4


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = {
    "de": word_set(
        """
        aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin bis bist
        da damit dann das dass dein deine dem den denn der des dessen die dies diese diesem diesen dieser
        dieses doch dort du durch ein eine einem einen einer eines er es etwa euch euer für gegen hab habe
        haben hat hatte hier hin ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem
        jeden jeder jedes jetzt kann man mich mir mit muss nach nicht noch nun nur ob oder ohne sein seine
        sich sie sind so soll sowie über um und uns unser unsere unter vom von vor war waren was weil wenn
        wer werden wie wir wird wo zu zum zur
        """
    ),
    "en": word_set(
        """
        a about after all also an and any are as at be been but by can could did do does for from had has
        have he her his how i if in into is it its may more must my no not of on or our out she should so
        than that the their them then there these they this those to up us was we were what when where
        which who why will with would you your
        """
    ),
}


class Match(IntEnum):
    """How well an indexed term matches a query term; better is higher."""

    NONE = 0
    SUFFIX = 1
    PREFIX = 2
    EXACT = 3


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: its stem and the whole word (folded), which match an indexed term
    that equals them, that starts with one of `prefixes`, or that ends with one of `suffixes`
    after a front part of MIN_COMPOUND_FRONT letters or more."""

    stem: str
    whole: str
    is_typed: bool = False  # the last word, perhaps not finished yet

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.stem,) if self.whole == self.stem else (self.stem, self.whole)

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(form for form in self.forms if len(form) >= MIN_PREFIX or (self.is_typed and form == self.whole))

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(form for form in self.forms if len(form) >= MIN_COMPOUND_PART)

    @cached_property
    def compounds(self) -> re.Pattern | None:
        if not self.suffixes:
            return None
        heads = "|".join(re.escape(form) for form in self.suffixes)
        return re.compile(rf"\S{{{MIN_COMPOUND_FRONT}}}(?:{heads}) ")

    def match(self, term: str) -> Match:
        """How this query term matches one indexed term."""
        return field_match(f" {term} ", self)


_local = threading.local()  # a PyStemmer object must not be shared between threads


def stemmer(language: str) -> Stemmer.Stemmer:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(LANGUAGES[language])
    return stemmers[language]


def without_accents(text: str) -> str:
    """ "Gülşen" → "gulsen", "Café" → "cafe"; German umlauts the stemmer has folded already."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


UMLAUTS = frozenset("äöü")


def without_foreign_accents(word: str) -> str:
    """Accents off, except the umlauts, which the German stemmer reads and folds itself."""
    if word.isascii():
        return word
    return "".join(char if char in UMLAUTS else without_accents(char) for char in word)


@lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """One word (lower-cased, NFKC) → its stem without accents: "café" and "cafe" alike."""
    return without_accents(stemmer(language).stemWord(without_foreign_accents(word)))


def folded(word: str) -> str:
    """One word (lower-cased, NFKC) as a whole, spelled as the stems are: "Straße" → "strasse"."""
    return without_accents(word.replace("ß", "ss"))


def words(text: str) -> list[str]:
    return PART.findall(unicodedata.normalize("NFKC", text).lower())


def index_terms(text: str, language: str) -> list[str]:
    """The stems of a text in order, stop words left out, each followed by the whole word
    where that differs; "Kita-Plätze" adds "kitaplatz"."""
    stopwords = STOPWORDS[language]
    result = []
    for token in WORD.findall(unicodedata.normalize("NFKC", text).lower()):
        parts = PART.findall(token)
        if len(parts) > 1:
            parts.append("".join(parts))
        for part in parts:
            if part in stopwords:
                continue
            stem_, whole = stem(part, language), folded(part)
            result.append(stem_)
            if whole != stem_:
                result.append(whole)
    return result


def joined(terms: list[str]) -> str:
    """The stored form of a field's terms: each between spaces."""
    return f" {' '.join(terms)} " if terms else ""


def query_terms(query: str, language: str) -> list[QueryTerm]:
    """The terms all of which a hit must match; the last word counts as still being typed.

    Stop words are left out, except in a query of nothing else (someone typing "Die" on
    the way to "Dienst"). At most MAX_QUERY_WORDS words count.
    """
    typed = words(query)[:MAX_QUERY_WORDS]
    meaningful = [word for word in typed if word not in STOPWORDS[language]]
    if not meaningful:
        meaningful = typed[-1:]
    result = []
    for position, word in enumerate(meaningful):
        term = QueryTerm(
            stem=stem(word, language),
            whole=folded(word),
            is_typed=position == len(meaningful) - 1 and word == typed[-1],
        )
        if not term.stem:
            continue
        # "Rat Räte" is one term; the word being typed keeps its wider prefix.
        result = [other for other in result if other.stem != term.stem]
        result.append(term)
    return result


def field_match(terms: str, query_term: QueryTerm) -> Match:
    """The best match of a query term in a stored field (see `joined`), by substring tests only."""
    if not terms:
        return Match.NONE
    if any(f" {form} " in terms for form in query_term.forms):
        return Match.EXACT
    if any(f" {form}" in terms for form in query_term.prefixes):
        return Match.PREFIX
    compounds = query_term.compounds
    if compounds and any(f"{form} " in terms for form in query_term.suffixes) and compounds.search(terms):
        return Match.SUFFIX
    return Match.NONE
