import pytest

from weltoffen.dialogue import questions, surveys
from weltoffen.dialogue.models import Survey, SurveyAnswer, SurveyComment, SurveyResponse
from weltoffen.dialogue.surveys import Submission

from .conftest import answers_for

pytestmark = pytest.mark.django_db


def test_every_field_of_the_catalogue_has_two_or_three_questions_in_three_languages(catalogue):
    question_set = questions.question_set()
    for field in catalogue.fields.all():
        asked = question_set.for_field(field.key)
        assert 2 <= len(asked) <= 3
        for question in asked:
            assert question.text.de and question.text.en and question.text.ls
            assert question.text.de != question.text.ls


def test_a_question_without_leichte_sprache_is_refused_with_its_key():
    raw = {
        "version": 9,
        "method": {"gap_margin": 15, "min_group_size": 3, "comment_max_length": 1000},
        "scale": [{"value": v, "de": "x", "en": "x", "ls": "x"} for v in range(4)],
        "dont_know": {"de": "x", "en": "x", "ls": "x"},
        "fields": {
            key: [{"key": f"{key}.a", "de": "x", "en": "x"}, {"key": f"{key}.b", "de": "x", "en": "x", "ls": "y"}]
            for key in questions.FIELD_KEYS
        },
    }
    with pytest.raises(questions.QuestionSetError, match="steuerung.a"):
        questions.parse(raw, "test.yaml")


def test_a_repeated_question_key_is_refused():
    entry = {"key": "steuerung.a", "de": "x", "en": "x", "ls": "x"}
    raw = {
        "version": 9,
        "method": {"gap_margin": 15, "min_group_size": 3, "comment_max_length": 1000},
        "scale": [{"value": v, "de": "x", "en": "x", "ls": "x"} for v in range(4)],
        "dont_know": {"de": "x", "en": "x", "ls": "x"},
        "fields": {key: [{**entry, "key": f"{key}.a"}, {**entry, "key": f"{key}.a"}] for key in questions.FIELD_KEYS},
    }
    with pytest.raises(questions.QuestionSetError, match="doppelte"):
        questions.parse(raw, "test.yaml")


def test_closing_and_reopening_keeps_the_responses_and_the_public_link(survey):
    surveys.submit_response(survey=survey, submission=Submission("politik", answers_for(survey), {}))
    token = survey.public_token
    surveys.close_survey(survey=survey)
    reopened = surveys.open_survey(assessment=survey.assessment)
    assert reopened.pk == survey.pk and reopened.is_open and reopened.public_token == token
    assert reopened.responses.count() == 1


def test_a_closed_survey_takes_no_response(survey):
    surveys.close_survey(survey=survey)
    with pytest.raises(surveys.SurveyClosed):
        surveys.submit_response(survey=survey, submission=Submission("politik", answers_for(survey), {}))
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "submission",
    [
        Submission("politik", {"steuerung.erfunden": "2"}, {}),
        Submission("politik", {"steuerung.klare-ziele": "4"}, {}),
        Submission("geheimbund", {"steuerung.klare-ziele": "2"}, {}),
        Submission("politik", {}, {"steuerung": "x" * 1001}),
    ],
)
def test_a_response_with_values_the_survey_does_not_have_stores_nothing(survey, submission):
    with pytest.raises(surveys.SurveyError):
        surveys.submit_response(survey=survey, submission=submission)
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


def test_a_response_stores_answers_and_comments_but_no_empty_ones(survey):
    answers = {**answers_for(survey), "steuerung.klare-ziele": ""}
    response = surveys.submit_response(
        survey=survey, submission=Submission("wirtschaft", answers, {"steuerung": "Gut so", "arbeit": ""})
    )
    assert response.answers.count() == len(answers) - 1
    assert list(SurveyComment.objects.values_list("field_key", "text")) == [("steuerung", "Gut so")]


def test_counts_per_group_list_every_group(survey):
    for group in ("politik", "politik", "wirtschaft"):
        surveys.submit_response(survey=survey, submission=Submission(group, answers_for(survey), {}))
    counts = {value: count for value, _label, count in surveys.group_counts(survey)}
    assert counts["politik"] == 2 and counts["wirtschaft"] == 1 and counts["sonstige"] == 0
    assert len(counts) == len(SurveyResponse.Group.values)


def test_one_survey_per_round(link_assessment):
    first = surveys.open_survey(assessment=link_assessment)
    second = surveys.open_survey(assessment=link_assessment)
    assert first.pk == second.pk and Survey.objects.count() == 1
