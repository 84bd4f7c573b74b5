"""A Selbstcheck on catalogue version 2: evidence, "trifft nicht zu" only where offered, dependent
questions, capped levels with their reason, English texts; v1 results keep their method."""

import pytest

from django.urls import reverse
from django.utils import translation

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.models import Answer, Assessment
from weltoffen.selfcheck.results import assessment_results

from .factories import AssessmentFactory
from .test_views import field_form, url


@pytest.fixture
def assessment_v2(catalogue_v2):
    return AssessmentFactory(version=catalogue_v2)


def answer_all(assessment, field, value_of):
    answering.save_answers(
        assessment=assessment, changes=[(q, AnswerInput(**value_of(q))) for q in field.questions.all()]
    )


def test_a_new_selbstcheck_uses_the_current_version_2(client, catalogue_v2):
    response = client.post(reverse("selfcheck:start"), {"municipality_name": "", "title": ""})
    assert response.status_code == 302
    assert Assessment.objects.get().version.key == "v2"


def test_the_field_page_offers_evidence_anchors_and_no_trifft_nicht_zu_where_not_set(client, assessment_v2):
    field = assessment_v2.version.fields.get(number=1)
    page = client.get(url("field", assessment_v2, field_key=field.key)).content.decode()
    question = field.questions.first()
    assert f'name="evidence:{question.key}"' in page
    assert "belegt durch einen Ratsbeschluss" in page
    assert "Alles davon, beschlossen." in page
    assert f'name="answer:{question.key}" value="not_applicable"' not in page


def test_evidence_is_saved_with_the_answer_without_javascript(client, assessment_v2):
    field = assessment_v2.version.fields.get(number=1)
    question = field.questions.first()
    data = field_form(assessment_v2, field, {question.key: "3"})
    data[f"evidence:{question.key}"] = "decision"
    data[f"note:{question.key}"] = "Ratsbeschluss vom 3. März 2026"
    response = client.post(url("field", assessment_v2, field_key=field.key), data)
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment_v2, question=question)
    assert (answer.value, answer.evidence, answer.is_evidenced) == ("3", "decision", True)


@pytest.mark.parametrize(
    ("name", "value"),
    [("answer", "not_applicable"), ("evidence", "notariell"), ("evidence", "link\x00")],
)
def test_a_crafted_answer_the_page_does_not_offer_changes_nothing(client, assessment_v2, name, value):
    field = assessment_v2.version.fields.get(number=1)
    question = field.questions.first()
    data = field_form(assessment_v2, field, {question.key: "2"})
    data[f"{name}:{question.key}"] = value
    response = client.post(url("field", assessment_v2, field_key=field.key), data)
    assert response.status_code == 400
    assert not Answer.objects.filter(assessment=assessment_v2).exists()


def test_trifft_nicht_zu_is_still_accepted_on_version_1(client, assessment):
    field = assessment.version.fields.get(number=1)
    question = field.questions.first()
    response = client.post(
        url("field", assessment, field_key=field.key), field_form(assessment, field, {question.key: "not_applicable"})
    )
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment).value == "not_applicable"


def test_a_dependent_question_shows_that_it_is_skipped_while_its_premise_is_0(client, assessment_v2):
    field = assessment_v2.version.fields.get(key="beteiligung")
    premise, dependent = list(field.questions.order_by("position"))[:2]
    assert dependent.depends_on == premise.key
    answering.save_answer(assessment=assessment_v2, question=premise, answer=AnswerInput(value="0", note=""))
    page = client.get(url("field", assessment_v2, field_key=field.key)).content.decode()
    assert "Übersprungen: Diese Frage setzt Frage 5.1 voraus" in page
    results = client.get(url("results", assessment_v2)).content.decode()
    assert "Übersprungen, weil die vorausgesetzte Frage mit 0 beantwortet ist" in results


def test_the_worked_example_is_capped_on_the_results_page_and_in_the_pdf(client, assessment_v2):
    field = assessment_v2.version.fields.get(number=1)
    answer_all(assessment_v2, field, lambda q: {"value": "dont_know" if q.foundation else "3", "note": ""})
    result = assessment_results(assessment_v2).fields[0]
    assert round(result.score.score) == 100
    assert result.score.level.key == "aufbau"
    assert result.score.score_level.key == "vorreiter"
    page = client.get(url("results", assessment_v2)).content.decode()
    assert (
        "Stufe begrenzt auf „Aufbau“ (nach Punktwert „Vorreiter“), weil „weiß nicht“ für die Stufe als 0 zählt" in page
    )
    assert "Methode 2: Stufe nach Punktwert, grundlegenden Fragen und Belegen" in page
    report = client.get(url("report", assessment_v2))
    assert report.status_code == 200


def test_the_evidence_share_is_stated_per_field(client, assessment_v2):
    field = assessment_v2.version.fields.get(number=2)
    questions = list(field.questions.all())
    answer_all(
        assessment_v2, field, lambda q: {"value": "3", "note": "", "evidence": "link" if q == questions[0] else ""}
    )
    page = client.get(url("results", assessment_v2)).content.decode()
    assert f"Belegt: 1 von {len(questions)} Antworten mit 2 oder 3 (10 %)." in page


def test_a_v1_result_states_its_version_and_the_method_without_level_rules(client, assessment):
    field = assessment.version.fields.get(number=1)
    answer_all(assessment, field, lambda q: {"value": "dont_know" if q.weight == 3 else "3", "note": ""})
    result = assessment_results(assessment).fields[0]
    assert (round(result.score.score), result.score.level.key, result.score.caps) == (100, "vorreiter", ())
    page = client.get(url("results", assessment)).content.decode()
    assert "Methode 1: Stufe allein nach Punktwert und Abdeckung" in page
    assert "Stufe begrenzt" not in page


def test_questions_read_in_english_in_the_english_interface(client, assessment_v2):
    field = assessment_v2.version.fields.get(number=1)
    question = field.questions.first()
    with translation.override("en"):
        page = client.get(url("field", assessment_v2, field_key=field.key)).content.decode()
    assert question.text_en in page
    assert "All of it, adopted." in page
    assert 'lang="en"' in page


def answer_by_subtopic(assessment, field, values_by_subtopic):
    answering.save_answers(
        assessment=assessment,
        changes=[
            (q, AnswerInput(value=values_by_subtopic[q.subtopic.key], note=""))
            for q in field.questions.select_related("subtopic")
            if q.subtopic and q.subtopic.key in values_by_subtopic
        ],
    )


def test_field_3_shows_a_profile_per_sub_topic_on_the_results_page_and_in_the_pdf(client, assessment_v2):
    import io

    from pypdf import PdfReader

    field = assessment_v2.version.fields.get(number=3)
    subtopics = list(field.subtopics.all())
    assert len(subtopics) >= 3
    first, second, untouched = subtopics[0], subtopics[1], subtopics[2]
    answer_by_subtopic(assessment_v2, field, {first.key: "3", second.key: "0"})
    profile = {row.subtopic.key: row for row in assessment_results(assessment_v2).fields[2].subtopics}
    assert [row.subtopic.key for row in profile.values()] == [s.key for s in subtopics]
    assert (profile[first.key].rounded_score, profile[second.key].rounded_score) == (100, 0)
    assert profile[untouched.key].rounded_score is None and profile[untouched.key].is_provisional
    page = client.get(url("results", assessment_v2)).content.decode()
    assert "Profil nach Unterthemen" in page
    table = page.split('id="unterthemen-teilhabe-caption"')[1].split("</table>")[0]
    assert f'<th class="kern-table__cell" scope="row">{first.title}</th>' in table
    assert ">100</td>" in table and ">0</td>" in table
    assert 'aria-labelledby="unterthemen-teilhabe-chart-title unterthemen-teilhabe-chart-desc"' in page
    assert page.count("Profil nach Unterthemen") == 1  # only field 3 has sub-topics
    report = client.get(url("report", assessment_v2))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages).split())
    assert "Profil nach Unterthemen" in text and first.title in text


def test_the_sub_topic_profile_reads_in_english(client, assessment_v2):
    field = assessment_v2.version.fields.get(number=3)
    first = field.subtopics.first()
    answer_by_subtopic(assessment_v2, field, {first.key: "2"})
    with translation.override("en"):
        page = client.get(url("results", assessment_v2)).content.decode()
    assert first.title_en in page
    assert "Profil nach Unterthemen" not in page
