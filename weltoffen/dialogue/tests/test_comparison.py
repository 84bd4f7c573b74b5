"""The comparison and its anonymity rule: no group below three, no figure that moves by
a single response, comments only from counted responses."""

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.urls import reverse

from weltoffen.dialogue import surveys
from weltoffen.dialogue.comparison import chart_rows, comparison, released, stakeholder_score
from weltoffen.dialogue.surveys import Submission
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.charts import PHONE_CHART_PX

GROUPS = ["politik", "wirtschaft", "einwohnerin", "sonstige"]


@given(st.lists(st.sampled_from(GROUPS), max_size=40), st.sampled_from(GROUPS))
def test_one_more_response_changes_the_counted_set_by_nothing_or_one_whole_block(groups, new_group):
    before = released(list(enumerate(groups)), 3)
    after = released([*enumerate(groups), (len(groups), new_group)], 3)
    assert before <= after
    added = after - before
    group_of = dict([*enumerate(groups), (len(groups), new_group)])
    assert len(added) in (0, 3)
    assert len({group_of[pk] for pk in added}) <= 1


@given(st.lists(st.sampled_from(GROUPS), max_size=40))
def test_every_counted_group_has_a_multiple_of_three_responses(groups):
    counted = released(list(enumerate(groups)), 3)
    for group in GROUPS:
        assert sum(1 for pk in counted if groups[pk] == group) % 3 == 0


@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1))
def test_the_stakeholder_score_stays_between_0_and_100(values):
    assert 0 <= stakeholder_score(values) <= 100


def respond(survey, group, value="2", comment=""):
    answers = {q.key: value for q in survey.questions.questions}
    comments = {"steuerung": comment} if comment else {}
    return surveys.submit_response(survey=survey, submission=Submission(group, answers, comments))


@pytest.mark.django_db
def test_a_group_with_two_responses_is_not_shown_and_its_answers_not_counted(survey):
    respond(survey, "politik", "3")
    respond(survey, "politik", "3")
    compared = comparison(survey.assessment)
    assert compared.total == 2 and compared.counted == 0 and compared.pending == 2
    assert all(f.stakeholders is None and f.groups == [] for f in compared.fields)


@pytest.mark.django_db
def test_the_third_response_of_a_group_shows_the_group(survey):
    for value in ("3", "3", "0"):
        respond(survey, "wirtschaft", value)
    compared = comparison(survey.assessment)
    steuerung = compared.fields[0]
    assert [g.group for g in steuerung.groups] == ["wirtschaft"]
    assert steuerung.stakeholders == pytest.approx(100 * 6 / 9)


@pytest.mark.django_db
def test_closing_and_reopening_cannot_isolate_a_single_response(survey):
    for _ in range(3):
        respond(survey, "politik", "1")
    before = comparison(survey.assessment)
    surveys.close_survey(survey=survey)
    surveys.open_survey(assessment=survey.assessment)
    respond(survey, "politik", "3", comment="Nur ich war das")
    surveys.close_survey(survey=survey)
    after = comparison(survey.assessment)
    assert [f.stakeholders for f in after.fields] == [f.stakeholders for f in before.fields]
    assert [[g.score for g in f.groups] for f in after.fields] == [[g.score for g in f.groups] for f in before.fields]
    assert "Nur ich war das" not in after.fields[0].comments
    assert after.pending == 1


@pytest.mark.django_db
def test_a_response_from_a_new_group_does_not_move_the_overall_figure(survey):
    for _ in range(3):
        respond(survey, "politik", "1")
    before = comparison(survey.assessment).fields[0].stakeholders
    respond(survey, "sonstige", "3")
    assert comparison(survey.assessment).fields[0].stakeholders == before


@pytest.mark.django_db
def test_dont_know_is_not_counted_in_the_score(survey):
    for value in ("2", "2", "weiss-nicht"):
        respond(survey, "politik", value)
    steuerung = comparison(survey.assessment).fields[0]
    assert steuerung.stakeholders == pytest.approx(100 * 2 / 3)
    assert steuerung.dont_know == len(survey.questions.for_field("steuerung"))


@pytest.mark.django_db
def test_a_gap_is_marked_from_the_documented_margin(survey, catalogue):
    field = catalogue.fields.get(key="steuerung")
    for question in field.questions.all():
        answering.save_answer(assessment=survey.assessment, question=question, answer=AnswerInput(value="3", note=""))
    for _ in range(3):
        respond(survey, "einwohnerin", "1")
    steuerung = comparison(survey.assessment).fields[0]
    assert steuerung.administration == 100
    assert steuerung.has_gap and not steuerung.stakeholders_see_more
    assert comparison(survey.assessment).gaps == [steuerung]


@pytest.mark.django_db
def test_no_gap_below_the_margin(survey, catalogue):
    field = catalogue.fields.get(key="steuerung")
    for question in field.questions.all():
        answering.save_answer(assessment=survey.assessment, question=question, answer=AnswerInput(value="2", note=""))
    for value in ("2", "2", "2"):
        respond(survey, "einwohnerin", value)
    assert not comparison(survey.assessment).fields[0].has_gap


@pytest.mark.django_db
def test_the_page_shows_figures_table_chart_and_says_why_responses_are_missing(client, survey):
    for _ in range(3):
        respond(survey, "politik", "2", comment="Bitte mehr Begegnung")
    respond(survey, "wirtschaft", "0")
    page = client.get(reverse("dialogue:comparison", args=[survey.assessment.token]))
    assert page.status_code == 200
    text = page.text
    assert "<svg" in text and "<table" in text
    assert "Politik (3)" in text and "Wirtschaft (" not in text
    assert "1 weitere Antwort ist noch nicht eingerechnet" in text
    assert "Bitte mehr Begegnung" in text


@pytest.mark.django_db
def test_the_page_without_survey_points_to_it(client, link_assessment):
    page = client.get(reverse("dialogue:comparison", args=[link_assessment.token]))
    assert page.status_code == 200 and "noch keine Umfrage" in page.text


@pytest.mark.django_db
def test_a_team_round_compares_the_team_median(client, teams):
    assessment = teams[0].current_round()
    survey = surveys.open_survey(assessment=assessment)
    for _ in range(3):
        respond(survey, "politik", "2")
    client.force_login(teams[0].coordinator)
    page = client.get(reverse("dialogue:comparison", args=[f"runde-{assessment.pk}"]))
    assert page.status_code == 200 and "Politik (3)" in page.text


def test_the_comparison_chart_wraps_its_labels_and_sizes_its_text_for_phones():
    fields = [
        SimpleNamespace(
            field=SimpleNamespace(number=n, display_title=title),
            administration=60.0,
            stakeholders=None,
            administration_rounded=60,
            stakeholders_rounded=None,
            has_gap=gap,
        )
        for n, title, gap in [(2, "Interkulturelle Öffnung und Antirassismus", True), (7, "Sport", False)]
    ]
    chart = chart_rows(SimpleNamespace(fields=fields))
    assert chart["text_size"] * PHONE_CHART_PX / chart["width"] >= 12
    first, second = chart["rows"]
    assert first["label"] == "2. Interkulturelle Öffnung und Antirassismus"
    assert first["lines"][-1][0].endswith("▲") and len(first["lines"]) == 2
    assert first["admin_y"] > first["lines"][-1][1] and second["lines"][0][1] - chart["text_size"] >= first["stake_y"]
    assert first["stake_width"] == 0
