import io
import re

import pytest
from pypdf import PdfReader

from django.core import mail
from django.urls import reverse

from weltoffen.municipalities.tests.factories import MunicipalityFactory
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.models import Answer, Assessment


def url(name, assessment, **kwargs):
    return reverse(f"selfcheck:{name}", kwargs={"token": assessment.token, **kwargs})


def field_form(assessment, field, values: dict, *, shown: dict | None = None, next_step="stay") -> dict:
    """The POST data the field page sends, for the given {question key: value}."""
    data = {"version": assessment.version.key, "next": next_step, "field-note": "", "shown-field-note": ""}
    for question in field.questions.all():
        data[f"answer:{question.key}"] = values.get(question.key, "")
        data[f"note:{question.key}"] = ""
        data[f"shown-answer:{question.key}"] = (shown or {}).get(question.key, "")
        data[f"shown-note:{question.key}"] = ""
    return data


# Starting


def test_start_without_a_municipality_leads_to_the_secret_link(client, catalogue):
    response = client.post(reverse("selfcheck:start"), {"municipality_name": "", "title": ""})
    assert response.status_code == 302
    token = response["Location"].split("/")[3]
    assessment = Assessment.objects.by_token(token)
    assert assessment.municipality is None
    link_page = client.get(response["Location"]).content.decode()
    assert f"http://testserver/selbstcheck/a/{token}/" in link_page
    assert "Bewahren Sie diesen Link gut auf" in link_page


def test_start_with_an_ambiguous_name_offers_a_choice_then_starts(client, catalogue):
    MunicipalityFactory(ags="09174115", name="Dachau, GKSt", short_name="Dachau")
    MunicipalityFactory(
        ags="09174", name="Dachau", short_name="Dachau", kind="kreis", designation="Landkreis", population=160_000
    )
    response = client.post(reverse("selfcheck:start"), {"municipality_name": "Dachau"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Mehrere Kommunen passen" in content
    assert 'value="09174115"' in content and 'value="09174"' in content
    response = client.post(reverse("selfcheck:start"), {"municipality_name": "Dachau", "municipality": "09174"})
    assert response.status_code == 302
    assert Assessment.objects.get().municipality.ags == "09174"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"municipality": "99999999"}, "gibt es im Verzeichnis nicht"),
        ({"municipality_name": "Xyzzyville"}, "Keine Kommune gefunden"),
        ({"title": "x" * 300}, "höchstens 200 Zeichen"),
    ],
)
def test_start_with_bad_input_is_a_clear_400(client, catalogue, data, message):
    response = client.post(reverse("selfcheck:start"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_starting_is_rate_limited(client, catalogue):
    for _ in range(30):
        client.post(reverse("selfcheck:start"), {})
    response = client.post(reverse("selfcheck:start"), {})
    assert response.status_code == 429
    assert Assessment.objects.count() == 30


def test_the_link_can_be_mailed_without_storing_the_address(client, assessment):
    response = client.post(url("link", assessment), {"email": "integration@kommune.example"})
    assert response.status_code == 302
    assert mail.outbox[0].to == ["integration@kommune.example"]
    assert assessment.token in mail.outbox[0].body
    assessment.refresh_from_db()
    stored = " ".join(str(getattr(assessment, f.attname)) for f in Assessment._meta.concrete_fields)
    assert "integration@kommune.example" not in stored


def test_an_invalid_address_for_the_link_is_a_400(client, assessment):
    response = client.post(url("link", assessment), {"email": "keine adresse"})
    assert response.status_code == 400
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert mail.outbox == []


# Links


@pytest.mark.parametrize("token", ["x" * 43, "kurz", "%3Cscript%3E"])
def test_an_unknown_link_is_a_german_404(client, catalogue, token):
    response = client.get(f"/selbstcheck/a/{token}/")
    assert response.status_code == 404
    assert "Dieser Link führt zu keinem Selbstcheck" in response.content.decode()


def test_a_deleted_assessment_link_is_a_404(client, assessment):
    client.post(url("delete", assessment), {"confirm": "yes"})
    assert client.get(url("overview", assessment)).status_code == 404
    assert client.get(url("results", assessment)).status_code == 404


def test_delete_needs_confirmation(client, assessment):
    response = client.post(url("delete", assessment), {})
    assert response.status_code == 302
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_one_link_never_shows_another_assessments_answers(client, assessment, other_assessment):
    question = assessment.version.questions.get(field__number=1, position=1)
    answering.save_answer(assessment=other_assessment, question=question, answer=AnswerInput("3", "GEHEIME NOTIZ"))
    for name, kwargs in (
        ("overview", {}),
        ("results", {}),
        ("field", {"field_key": question.field.key}),
        ("export-csv", {}),
        ("export-xlsx", {}),
    ):
        response = client.get(url(name, assessment, **kwargs))
        assert response.status_code == 200
        assert b"GEHEIME NOTIZ" not in response.content
    report = client.get(url("report", assessment))
    assert report.status_code == 200


# Answering


def test_the_field_page_shows_every_question_with_the_full_scale(client, assessment):
    field = assessment.version.fields.get(number=3)
    content = client.get(url("field", assessment, field_key=field.key)).content.decode()
    for question in field.questions.all():
        assert f'name="answer:{question.key}"' in content
    assert content.count('value="dont_know"') == field.questions.count()
    assert content.count('value="not_applicable"') == field.questions.count()


def test_answers_are_saved_on_submit_without_javascript(client, assessment):
    field = assessment.version.fields.get(number=1)
    keys = list(field.questions.values_list("key", flat=True))
    data = field_form(
        assessment, field, {keys[0]: "3", keys[1]: "dont_know", keys[2]: "not_applicable"}, next_step="next-field"
    )
    data[f"note:{keys[0]}"] = "Ratsbeschluss vom 12.03.2025"
    response = client.post(url("field", assessment, field_key=field.key), data)
    assert response.status_code == 302
    assert response["Location"] == url("field", assessment, field_key=assessment.version.fields.get(number=2).key)
    saved = {a.question.key: (a.value, a.note) for a in Answer.objects.filter(assessment=assessment)}
    assert saved == {
        keys[0]: ("3", "Ratsbeschluss vom 12.03.2025"),
        keys[1]: ("dont_know", ""),
        keys[2]: ("not_applicable", ""),
    }


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda data, key: data.update({f"answer:{key}": "7"}), "Antwort gesendet, die es nicht gibt"),
        (
            lambda data, key: data.update({"answer:erfunden.frage": "1"}),
            "Fragen, die es in diesem Handlungsfeld nicht gibt",
        ),
        (
            lambda data, key: data.update({"answer:oeffnung.irgendwas": "1"}),
            "Fragen, die es in diesem Handlungsfeld nicht gibt",
        ),
        (lambda data, key: data.update({"version": "v0"}), "anderen Version des Fragenkatalogs"),
        (lambda data, key: data.pop("version"), "anderen Version des Fragenkatalogs"),
    ],
)
def test_tampered_field_forms_are_refused_and_saved_answers_stay(client, assessment, tamper, message):
    field = assessment.version.fields.get(number=1)
    key = field.questions.first().key
    answering.save_answer(assessment=assessment, question=field.questions.first(), answer=AnswerInput("2", "bleibt"))
    data = field_form(assessment, field, {key: "1"}, shown={key: "2"})
    tamper(data, key)
    response = client.post(url("field", assessment, field_key=field.key), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Answer.objects.get(assessment=assessment).value == "2"


def test_an_overlong_note_is_refused_and_the_typed_text_kept(client, assessment):
    field = assessment.version.fields.get(number=1)
    key = field.questions.first().key
    data = field_form(assessment, field, {key: "1"})
    data[f"note:{key}"] = "N" * 2500
    response = client.post(url("field", assessment, field_key=field.key), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "höchstens 2000 Zeichen" in content
    assert "N" * 2500 in content
    assert not Answer.objects.exists()


def test_autosave_of_one_question_answers_with_an_announced_status(client, assessment):
    question = assessment.version.questions.get(field__number=2, position=1)
    endpoint = url("save-answer", assessment, field_key=question.field.key, question_key=question.key)
    data = {"version": assessment.version.key, f"answer:{question.key}": "2", f"note:{question.key}": "Konzept"}
    response = client.post(endpoint, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Gespeichert um" in response.content.decode()
    assert Answer.objects.get().value == "2"
    plain = client.post(endpoint, data)
    assert plain.status_code == 302 and plain["Location"].endswith(f"#frage-{question.key}")


@pytest.mark.parametrize(
    ("question_key", "value", "version"),
    [("steuerung.gibt-es-nicht", "2", "v1"), (None, "9", "v1"), (None, "2", "v0")],
)
def test_autosave_refuses_bad_input_with_a_400(client, assessment, question_key, value, version):
    question = assessment.version.questions.get(field__number=2, position=1)
    key = question_key or question.key
    endpoint = url("save-answer", assessment, field_key=question.field.key, question_key=key)
    response = client.post(endpoint, {"version": version, f"answer:{key}": value}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Nicht gespeichert" in response.content.decode() or "gibt" in response.content.decode()
    assert not Answer.objects.exists()


def test_autosave_is_post_only(client, assessment):
    question = assessment.version.questions.get(field__number=2, position=1)
    assert (
        client.get(url("save-answer", assessment, field_key=question.field.key, question_key=question.key)).status_code
        == 405
    )


def test_an_answer_to_another_version_of_the_catalogue_is_refused(client, assessment):
    question = assessment.version.questions.get(field__number=1, position=1)
    field = question.field
    data = field_form(assessment, field, {question.key: "3"})
    data["version"] = "v2"
    assert client.post(url("field", assessment, field_key=field.key), data).status_code == 400


# Results


def answer_all(assessment, value="2"):
    for question in assessment.version.questions.all():
        answering.save_answer(assessment=assessment, question=question, answer=AnswerInput(value, ""))


def test_results_show_score_level_assessment_and_ranked_recommendations(client, assessment):
    answer_all(assessment, "1")
    field = assessment.version.fields.get(number=1)
    weakest = field.questions.order_by("-weight", "position").first()
    content = client.get(url("results", assessment)).content.decode()
    assert "Vorläufiges Ergebnis" not in content
    assert content.count('class="score-figure">33<') == 7
    assert field.assessment_for("aufbau") in content
    assert weakest.recommendation in content
    assert 'role="img"' in content and "<table" in content


def test_partial_results_say_so_and_claim_no_level_below_the_threshold(client, assessment):
    question = assessment.version.questions.get(field__number=1, position=1)
    answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("3", ""))
    unknown = assessment.version.questions.get(field__number=2, position=1)
    answering.save_answer(assessment=assessment, question=unknown, answer=AnswerInput("dont_know", ""))
    content = client.get(url("results", assessment)).content.decode()
    assert "Vorläufiges Ergebnis: 2 von 108 Fragen beantwortet" in content
    assert "Noch keine Einschätzung: Die Abdeckung liegt bei 7 %" in content
    assert 'class="score-figure"' not in content
    assert "Herausfinden" in content and unknown.text in content


# Documents


def test_the_report_is_a_tagged_pdf_with_title_and_language(client, assessment):
    answer_all(assessment)
    response = client.get(url("report", assessment))
    assert response["Content-Type"] == "application/pdf"
    assert_accessible_pdf(response.content, title=f"Bericht: {assessment.display_title}")


def assert_accessible_pdf(pdf: bytes, *, title: str) -> PdfReader:
    """Tagged PDF/UA: structure tree, marked content, document language and title shown."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF BooleanObject
    assert catalog["/Lang"] == "de"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == title
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    return reader


def test_blank_questionnaires_exist_for_all_and_each_field(client, catalogue):
    complete = client.get(reverse("selfcheck:questionnaire"))
    reader = assert_accessible_pdf(complete.content, title="Fragebogen Selbstcheck Weltoffene Kommune")
    text = "".join(page.extract_text() for page in reader.pages)
    assert catalogue.questions.get(field__number=7, position=13).text[:40] in " ".join(text.split())
    field = catalogue.fields.get(number=3)
    response = client.get(reverse("selfcheck:field-questionnaire", kwargs={"field_key": field.key}))
    assert_accessible_pdf(response.content, title=f"Fragebogen Handlungsfeld 3: {field.title}")
    assert re.search(rb"fragebogen-3-teilhabe\.pdf", response["Content-Disposition"].encode())
    assert client.get(reverse("selfcheck:field-questionnaire", kwargs={"field_key": "gibtsnicht"})).status_code == 404


# Knowledge platform


def test_results_link_each_field_and_recommendation_to_knowledge_content(client, assessment, knowledge_site):
    from weltoffen.knowledge.tests.factories import article

    field = assessment.version.fields.get(number=1)
    weakest = field.questions.order_by("-weight", "position").first()
    matching = article(title="Wie ein Leitbild entsteht", topics=(field.key,), tags=weakest.tags[:1])
    unrelated = article(title="Über Sportvereine", topics=("zusammenhalt",), tags=["sport"])
    answering.save_answer(assessment=assessment, question=weakest, answer=AnswerInput("0", ""))
    content = client.get(url("results", assessment)).content.decode()
    section = content.split(f'id="feld-{field.key}"')[1].split('class="section field-result"')[0]
    assert "Wissen und Praxisbeispiele zu diesem Handlungsfeld" in section
    assert f"http://testserver{matching.url}" in section
    assert "Weiterlesen" in section
    assert unrelated.title not in section
