"""The dashboard and the team result must not issue a query per respondent."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.teams import rounds


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def add_respondents(assessment, coordinator, count):
    question = assessment.version.questions.first()
    for number in range(count):
        respondent, _ = rounds.invite(
            assessment=assessment, invited_by=coordinator, name=f"P{number}", department="jugend", show_name=True
        )
        answering.save_answer(
            assessment=assessment, respondent=respondent, question=question, answer=AnswerInput(str(number % 4), "")
        )


def test_dashboard_and_result_queries_do_not_grow_with_respondents(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    client.force_login(ours.coordinator)
    add_respondents(round_one, ours.coordinator, 2)
    counts = {name: queries_for(client, reverse(f"teams:{name}", args=[round_one.pk])) for name in ("round", "result")}
    add_respondents(round_one, ours.coordinator, 10)
    for name, before in counts.items():
        assert queries_for(client, reverse(f"teams:{name}", args=[round_one.pk])) <= before + 2, name
