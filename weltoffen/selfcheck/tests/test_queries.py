"""Pages that show many rows must not issue a query per row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_results_page_queries_do_not_grow_with_the_answers(client, assessment, knowledge_site):
    url = reverse("selfcheck:results", kwargs={"token": assessment.token})
    questions = list(assessment.version.questions.all())
    answering.save_answer(assessment=assessment, question=questions[0], answer=AnswerInput("1", "x"))
    few = queries_for(client, url)
    for question in questions[1:]:
        answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("0", "Notiz"))
    assert queries_for(client, url) <= few + 2


def test_field_page_queries_do_not_grow_with_the_questions(client, assessment):
    small = queries_for(client, reverse("selfcheck:field", kwargs={"token": assessment.token, "field_key": "arbeit"}))
    large = queries_for(client, reverse("selfcheck:field", kwargs={"token": assessment.token, "field_key": "teilhabe"}))
    assert large <= small + 2  # 13 vs 27 questions
