"""The public survey under bad input: every refusal is a German message and a 4xx,
and nothing already stored is lost."""

import re

import pytest

from django.db import connection
from django.urls import reverse

from weltoffen.dialogue import surveys
from weltoffen.dialogue.forms import new_nonce
from weltoffen.dialogue.models import SurveyAnswer, SurveyComment, SurveyResponse
from weltoffen.selfcheck.tests.factories import AssessmentFactory

from .conftest import answers_for

pytestmark = pytest.mark.django_db


def url(survey, variant=None):
    if variant:
        return reverse("dialogue:survey-variant", args=[survey.public_token, variant])
    return reverse("dialogue:survey", args=[survey.public_token])


def post_data(survey, **extra):
    data = {"group": "zivilgesellschaft", "nonce": new_nonce(survey)}
    data.update({f"q-{key}": value for key, value in answers_for(survey).items()})
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("prefix", "variant", "expected"),
    [
        ("", None, "Die Verwaltung hat ihre Arbeit"),
        ("/en", None, "The administration has assessed its own work"),
        ("", "leichte-sprache", "Die Verwaltung hat sich selbst bewertet."),
    ],
)
def test_the_survey_speaks_german_english_and_leichte_sprache(client, survey, prefix, variant, expected):
    page = client.get(prefix + url(survey, variant))
    assert page.status_code == 200
    assert expected in page.text


def test_the_leichte_sprache_survey_asks_its_own_wording(client, survey):
    page = client.get(url(survey, "leichte-sprache")).text
    assert "Man kann die Ziele erkennen." in page
    assert "Stimmt eher." in page and "Das weiß ich nicht." in page


def test_an_answer_is_stored_and_the_browser_remembers_only_that_it_answered(client, survey):
    response = client.post(url(survey), post_data(survey, **{"c-steuerung": "Mehr Transparenz bitte."}))
    assert response.status_code == 302
    assert SurveyResponse.objects.get().group == "zivilgesellschaft"
    assert SurveyAnswer.objects.count() == len(answers_for(survey))
    assert response.cookies[f"wk_umfrage_{survey.pk}"].value == "1"
    assert response.cookies[f"wk_umfrage_{survey.pk}"]["httponly"]


@pytest.mark.parametrize("content", ["datenschutz.yaml", "datenschutz.en.yaml"])
def test_the_privacy_page_names_every_cookie_the_survey_sets(client, survey, content):
    from pathlib import Path

    import weltoffen.pages

    response = client.post(url(survey), post_data(survey))
    text = (Path(weltoffen.pages.__file__).parent / "initial_content" / content).read_text()
    for name in response.cookies:
        stem = re.sub(r"\d+$", "…", name)  # the privacy page names the survey cookie by its stem
        assert f"<strong>{stem}</strong>" in text, name


def test_a_second_response_from_the_same_browser_is_refused(client, survey):
    client.post(url(survey), post_data(survey))
    again = client.post(url(survey), post_data(survey))
    assert again.status_code == 409
    assert "schon teilgenommen" in again.text
    assert SurveyResponse.objects.count() == 1


def test_a_replayed_submission_without_the_cookie_is_refused(client, survey):
    data = post_data(survey)
    assert client.post(url(survey), data).status_code == 302
    client.cookies.clear()
    replay = client.post(url(survey), data)
    assert replay.status_code == 409
    assert "bereits gespeichert" in replay.text
    assert SurveyResponse.objects.count() == 1


def test_a_form_of_another_survey_is_refused(client, survey):
    other = surveys.open_survey(assessment=AssessmentFactory())
    response = client.post(url(survey), post_data(survey, nonce=new_nonce(other)))
    assert response.status_code == 400
    assert "gehört nicht zu dieser Umfrage" in response.text
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "tampered",
    [
        {"q-steuerung.erfunden": "2"},
        {"c-unbekannt": "Hallo"},
        {"nonce": "gefälscht"},
    ],
)
def test_tampered_field_names_and_forged_nonces_are_refused(client, survey, tampered):
    response = client.post(url(survey), post_data(survey, **tampered))
    assert response.status_code == 400
    assert "Bitte laden Sie die Seite neu" in response.text
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    ("tampered", "message"),
    [
        ({"q-steuerung.klare-ziele": "4"}, "Diese Antwort gibt es auf der Skala nicht."),
        ({"q-steuerung.klare-ziele": "2\x00"}, "Nullzeichen sind nicht erlaubt"),
        ({"group": "geheimbund"}, "Bitte wählen Sie eine Gruppe aus der Liste."),
        ({"group": ""}, "Bitte wählen Sie Ihre Gruppe."),
        ({"c-steuerung": "a\x00b"}, "Nullzeichen sind nicht erlaubt"),
        ({"c-steuerung": "x" * 1001}, "höchstens 1000 Zeichen, jetzt 1001"),
    ],
)
def test_values_outside_the_form_are_refused_with_a_german_message(client, survey, tampered, message):
    response = client.post(url(survey), post_data(survey, **tampered))
    assert response.status_code == 400
    assert message in response.text
    assert not SurveyResponse.objects.exists()


def test_the_comment_limit_is_shown_before_anyone_types(client, survey):
    page = client.get(url(survey)).text
    assert "höchstens 1000 Zeichen" in page
    assert 'maxlength="1000"' in page


def test_an_oversized_comment_keeps_everything_else_the_person_typed(client, survey):
    response = client.post(url(survey), post_data(survey, **{"c-arbeit": "Wichtig!", "c-steuerung": "x" * 1200}))
    assert response.status_code == 400
    assert "Wichtig!" in response.text
    assert re.search(r'value="2"[^>]*checked', response.text)


def test_a_closed_survey_says_so_and_takes_nothing(client, survey):
    surveys.submit_response(survey=survey, submission=surveys.Submission("politik", answers_for(survey), {}))
    surveys.close_survey(survey=survey)
    assert client.get(url(survey)).status_code == 410
    response = client.post(url(survey), post_data(survey))
    assert response.status_code == 410
    assert "geschlossen" in response.text
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("token", ["gibt-es-nicht-aber-lang-genug", "x", "a" * 200, "ungültig!"])
def test_an_unknown_survey_link_is_a_404_in_german(client, catalogue, token):
    response = client.get(f"/umfrage/{token}/")
    assert response.status_code == 404
    assert "Diese Umfrage gibt es nicht" in response.text


def test_an_unknown_language_variant_is_a_404(client, survey):
    assert client.get(url(survey, "klingonisch")).status_code == 404


def test_bots_filling_the_honeypot_are_thanked_but_not_stored(client, survey):
    response = client.post(url(survey), post_data(survey, website="https://spam.example"))
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()


def test_more_responses_from_one_address_than_the_limit_are_refused(client, survey, settings):
    for _ in range(60):
        client.cookies.clear()
        data = post_data(survey, **{"c-steuerung": f"Kommentar {_}"})
        assert client.post(url(survey), data, REMOTE_ADDR="10.0.0.7").status_code == 302
    client.cookies.clear()
    response = client.post(url(survey), post_data(survey), REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert "sehr viele Antworten" in response.text
    assert SurveyResponse.objects.count() == 60
    other_address = client.post(url(survey), post_data(survey, **{"c-arbeit": "neu"}), REMOTE_ADDR="10.0.0.8")
    assert other_address.status_code == 302


def test_the_same_content_from_many_addresses_is_refused_after_five(client, survey):
    for number in range(5):
        client.cookies.clear()
        response = client.post(url(survey), post_data(survey), REMOTE_ADDR=f"10.1.0.{number}")
        assert response.status_code == 302
    client.cookies.clear()
    response = client.post(url(survey), post_data(survey), REMOTE_ADDR="10.1.0.99")
    assert response.status_code == 429
    assert "mehrfach" in response.text
    assert SurveyResponse.objects.count() == 5


def test_stored_responses_hold_nothing_that_identifies_the_browser_or_address(client, survey):
    agent = "Mozilla/5.0 (Erkennbar; Testbrowser 123)"
    client.post(
        url(survey),
        post_data(survey, **{"c-steuerung": "Kommentar"}),
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT=agent,
    )
    assert [f.name for f in SurveyResponse._meta.concrete_fields] == ["id", "survey", "group"]
    assert [f.name for f in SurveyAnswer._meta.concrete_fields] == ["id", "response", "question_key", "value"]
    assert [f.name for f in SurveyComment._meta.concrete_fields] == ["id", "response", "field_key", "text"]
    with connection.cursor() as cursor:
        for table in ("dialogue_survey", "dialogue_surveyresponse", "dialogue_surveyanswer", "dialogue_surveycomment"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dump = repr(cursor.fetchall())
            assert "203.0.113.77" not in dump and "Erkennbar" not in dump and "Testbrowser" not in dump


def test_the_rate_limit_keeps_only_a_keyed_hash_of_the_address_for_its_window(client, survey):
    from django.core.cache import cache

    client.post(url(survey), post_data(survey), REMOTE_ADDR="203.0.113.77")
    keys = [key for key in cache._cache if "page-cache" not in key]  # locmem in tests
    assert keys and not any("203.0.113.77" in key for key in keys)
    for key in keys:
        assert cache._expire_info[key] is not None  # nothing is kept forever
