import threading

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from weltoffen.knowledge.terms import (
    MAX_QUERY_WORDS,
    STOPWORDS,
    Match,
    QueryTerm,
    field_match,
    index_terms,
    joined,
    query_terms,
    stem,
    words,
)


@pytest.mark.parametrize(
    ("words", "language"),
    [
        (["Beteiligung", "beteiligen", "Beteiligungen", "beteilig"], "de"),
        (["Flüchtlinge", "Fluechtlinge", "Flüchtling"], "de"),
        (["Einbürgerung", "Einbuergerung", "EINBÜRGERUNG"], "de"),
        (["Straße", "Strasse"], "de"),
        (["Öffentlichkeitsarbeit", "Oeffentlichkeitsarbeit"], "de"),
        (["participation", "participating"], "en"),
    ],
)
def test_forms_of_a_word_share_one_stem(words, language):
    assert len({stem(word.lower(), language) for word in words}) == 1


def test_accents_other_than_german_umlauts_are_folded():
    assert stem("café", "de") == stem("cafe", "de")
    assert index_terms("Gülşen", "de") == index_terms("Gulsen", "de")


def test_index_terms_leave_out_stop_words_and_keep_the_whole_word_beside_its_stem():
    assert index_terms("Die Beteiligung in der Kommune", "de") == ["beteil", "beteiligung", "kommun", "kommune"]


def test_a_hyphenated_compound_is_indexed_as_its_parts_and_joined():
    terms = index_terms("Kita-Plätze", "de")
    assert {"kita", "platz", "kitaplatz"} <= set(terms)


def test_stored_terms_stand_between_spaces():
    assert joined(["a", "b"]) == " a b "
    assert joined([]) == ""


def test_a_query_word_is_its_stem_and_the_whole_word_and_the_last_one_is_being_typed():
    first, last = query_terms("Wohnen Beteiligu", "de")
    assert (first.forms, first.prefixes, first.is_typed) == (("wohn", "wohnen"), ("wohn", "wohnen"), False)
    assert (last.forms, last.is_typed) == (("beteiligu",), True)


def test_stop_words_count_only_in_a_query_of_nothing_else():
    assert [term.stem for term in query_terms("Wohnen in der Stadt", "de")] == ["wohn", "stadt"]
    assert [term.whole for term in query_terms("der die das", "de")] == ["das"]
    assert query_terms("!!! ... ---", "de") == []


def test_a_short_form_is_a_prefix_only_when_it_is_being_typed():
    short, last = query_terms("EU Ra", "de")
    assert short.prefixes == () and last.prefixes == ("ra",)
    assert short.suffixes == () and last.suffixes == ()


def test_a_stem_shorter_than_the_word_does_not_widen_the_prefix():
    # Snowball stems "Kurs" to "kur" but "Kurse" to "kurs": the whole word bridges them,
    # and "kur" alone would also find "kurzfristig".
    (term,) = query_terms("Kurs", "de")
    assert term.forms == ("kur", "kurs") and term.prefixes == ("kurs",)


def test_repeated_words_count_once_and_long_queries_are_cut():
    assert len(query_terms("Rat Rat Räte", "de")) == 1
    assert len(query_terms(" ".join(f"wort{n}" for n in range(50)), "de")) == MAX_QUERY_WORDS


@pytest.mark.parametrize(
    ("terms", "query", "expected"),
    [
        (" wohn ", "Wohnen", Match.EXACT),
        (" wohnung ", "Wohnen", Match.PREFIX),
        (" beteiligungswerkstatt ", "Werkstatt", Match.SUFFIX),
        (" einwohn ", "Wohnen", Match.NONE),  # "ein" is too short a front for a compound
        (" beirat ", "Rat", Match.NONE),  # three letters: no compound match
        (" rathaus ", "Beirat Rat", Match.PREFIX),
        (" kurs ", "Kurs", Match.EXACT),
        (" kurzfrist kurzfristig ", "Kurs", Match.NONE),
        (" deutschkur deutschkurs ", "Kurs", Match.SUFFIX),
        (" beteil beteiligung ", "Beteiligu", Match.PREFIX),  # the whole word, while typing
        ("", "Wohnen", Match.NONE),
    ],
)
def test_field_match(terms, query, expected):
    assert field_match(terms, query_terms(query, "de")[-1]) == expected


def test_a_short_word_in_the_middle_matches_only_itself():
    term = query_terms("Ra Beirat", "de")[0]
    assert field_match(" rathaus ", term) == Match.NONE
    assert field_match(" ra ", term) == Match.EXACT


def test_query_term_match_checks_one_term():
    term = QueryTerm(stem="wohn", whole="wohnen")
    assert term.match("wohnung") == Match.PREFIX
    assert term.match("sozialwohn") == Match.SUFFIX
    assert term.match("gewohn") == Match.NONE


@given(st.text(max_size=200))
def test_any_text_is_found_by_its_own_words(text):
    terms = index_terms(text, "de")
    assert all(term and " " not in term for term in terms)
    if any(word not in STOPWORDS["de"] for word in words(text)[:MAX_QUERY_WORDS]):
        stored = joined(terms)
        assert all(field_match(stored, term) for term in query_terms(text, "de"))


GERMAN_LETTERS = st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüßéçşABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ")


@given(st.text(GERMAN_LETTERS, min_size=1, max_size=30), st.integers(min_value=1, max_value=30))
def test_every_beginning_of_a_word_finds_it_while_typing(word, length):
    typed = word[:length]
    assume(word.lower() not in STOPWORDS["de"])
    stored = joined(index_terms(word, "de"))
    (term,) = query_terms(typed, "de")
    assert field_match(stored, term) in {Match.EXACT, Match.PREFIX}


def test_stemmers_are_not_shared_between_threads():
    results = []

    def work():
        results.append([stem(f"beteiligung{n}", "de") for n in range(200)])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == results[0] for result in results)
