from datetime import timedelta
from unittest import mock

import pytest

from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.models import Answer, Assessment, FieldNote
from weltoffen.selfcheck.tasks import purge_inactive_assessments
from weltoffen.selfcheck.tokens import hash_token


def first_questions(assessment, count=3):
    return list(assessment.version.questions.filter(field__number=1).order_by("position")[:count])


def test_starting_stores_only_a_hash_of_the_secret_token_and_freezes_the_catalogue(catalogue):
    assessment, token = answering.start_assessment(municipality=None, title="  Team Integration  ")
    assert len(token) >= 43
    assert assessment.token_hash == hash_token(token)
    assert token not in assessment.token_hash
    assert assessment.title == "Team Integration"
    assert CatalogueVersion.objects.get(pk=catalogue.pk).is_frozen
    assert Assessment.objects.by_token(token) == assessment


@pytest.mark.parametrize("token", ["", "kurz", "x" * 43, "ä" * 43, "../" * 15, "a" * 500])
def test_wrong_tokens_find_nothing(assessment, token):
    assert Assessment.objects.by_token(token) is None


def test_saving_the_same_answer_twice_keeps_one_answer(assessment):
    question = first_questions(assessment, 1)[0]
    for _ in range(2):
        answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("2", "Ratsbeschluss 2024"))
    assert Answer.objects.filter(assessment=assessment).count() == 1
    assert Answer.objects.get().value == "2"


def test_clearing_value_and_note_removes_the_answer(assessment):
    question = first_questions(assessment, 1)[0]
    answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("1", ""))
    answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("", ""))
    assert not Answer.objects.exists()


def submit(assessment, *, shown: dict, submitted: dict, field_note=None, shown_field_note=None, field_key=None):
    field = assessment.version.fields.get(key=field_key) if field_key else assessment.version.fields.get(number=1)
    return answering.save_field(
        assessment=assessment,
        field=field,
        submitted=submitted,
        shown=shown,
        field_note=field_note,
        shown_field_note=shown_field_note,
    )


def test_a_stale_tab_does_not_overwrite_what_another_tab_saved(assessment):
    q1, q2, _ = first_questions(assessment)
    empty = AnswerInput("", "")
    # Tab A shows the page with both questions empty.
    shown_in_tab_a = {q1.key: empty, q2.key: empty}
    # Tab B saves question 2 meanwhile (autosave).
    answering.save_answer(assessment=assessment, question=q2, answer=AnswerInput("3", "in Tab B"))
    # Tab A submits its change to question 1 and question 2 as it showed it.
    submit(assessment, shown=shown_in_tab_a, submitted={q1.key: AnswerInput("2", ""), q2.key: empty})
    answers = {a.question.key: (a.value, a.note) for a in Answer.objects.all()}
    assert answers == {q1.key: ("2", ""), q2.key: ("3", "in Tab B")}


def test_double_submit_and_back_button_resubmission_change_nothing_further(assessment):
    q1, q2, q3 = first_questions(assessment)
    empty = AnswerInput("", "")
    form = {
        "shown": {q1.key: empty, q2.key: empty, q3.key: empty},
        "submitted": {q1.key: AnswerInput("1", ""), q2.key: AnswerInput("dont_know", ""), q3.key: empty},
    }
    submit(assessment, **form)
    submit(assessment, **form)  # double click
    answering.save_answer(assessment=assessment, question=q1, answer=AnswerInput("3", "später verbessert"))
    submit(assessment, **form)  # back button, same old form sent again
    answers = {a.question.key: (a.value, a.note) for a in Answer.objects.all()}
    # q1 was later improved; the old form resubmits "1" for it, a change against what it showed,
    # so the person's explicit re-submission wins, and nothing else is duplicated.
    assert Answer.objects.count() == 2
    assert answers[q1.key] == ("1", "")
    assert answers[q2.key] == ("dont_know", "")


def test_a_failure_while_saving_a_page_writes_nothing_of_it(assessment):
    q1, q2, _ = first_questions(assessment)
    answering.save_answer(assessment=assessment, question=q1, answer=AnswerInput("1", "vorher"))
    # The page changes q1 (an update) and q2 (an insert); the insert fails after the update ran.
    with (
        mock.patch.object(Answer.objects, "bulk_create", side_effect=RuntimeError("database went away")),
        pytest.raises(RuntimeError),
    ):
        submit(
            assessment,
            shown={q1.key: AnswerInput("1", "vorher"), q2.key: AnswerInput("", "")},
            submitted={q1.key: AnswerInput("3", "nachher"), q2.key: AnswerInput("2", "")},
        )
    assert [(a.question_id, a.value, a.note) for a in Answer.objects.all()] == [(q1.pk, "1", "vorher")]


def test_saving_a_page_takes_the_same_queries_for_one_change_or_many(assessment, django_assert_max_num_queries):
    questions = list(assessment.version.questions.filter(field__key="teilhabe"))
    nothing = {q.key: AnswerInput("", "") for q in questions}
    with CaptureQueriesContext(connection) as one:
        submit(assessment, shown=nothing, submitted={questions[0].key: AnswerInput("2", "")}, field_key="teilhabe")
    shown = {q.key: AnswerInput("2", "") if q == questions[0] else AnswerInput("", "") for q in questions}
    every = {q.key: AnswerInput("3", "Notiz") for q in questions}
    with django_assert_max_num_queries(len(one.captured_queries) + 1):
        submit(assessment, shown=shown, submitted=every, field_key="teilhabe")
    assert Answer.objects.filter(value="3").count() == len(questions)


@pytest.mark.django_db(transaction=True)
def test_answers_survive_a_new_session_and_new_database_connections(assessment):
    question = first_questions(assessment, 1)[0]
    answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("2", "Nachweis"))
    connections.close_all()  # as after a server restart
    response = Client().get(f"/selbstcheck/a/{assessment.token}/felder/{question.field.key}/")
    assert response.status_code == 200
    assert 'value="2" checked' in response.content.decode()
    assert "Nachweis" in response.content.decode()


def test_field_notes_are_saved_and_cleared(assessment):
    field = assessment.version.fields.get(number=1)
    submit(assessment, shown={}, submitted={}, field_note="Workshop: Budget klären", shown_field_note="")
    assert FieldNote.objects.get(assessment=assessment, field=field).text == "Workshop: Budget klären"
    answering.save_field_note(assessment=assessment, field=field, text="  ")
    assert not FieldNote.objects.exists()


def test_deleting_removes_the_assessment_with_all_answers_and_notes(assessment, other_assessment):
    question = first_questions(assessment, 1)[0]
    answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("2", "x"))
    answering.save_field_note(assessment=assessment, field=question.field, text="Notiz")
    answering.save_answer(assessment=other_assessment, question=question, answer=AnswerInput("1", ""))
    answering.delete_assessment(assessment=assessment)
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not Answer.objects.filter(assessment_id=assessment.pk).exists()
    assert not FieldNote.objects.exists()
    assert Answer.objects.filter(assessment=other_assessment).count() == 1


def test_renewing_the_link_stops_the_old_one_at_once(assessment):
    old_token = assessment.token
    new_token = answering.renew_link(assessment=assessment)
    assert Assessment.objects.by_token(old_token) is None
    assert Assessment.objects.by_token(new_token) == assessment


def test_assessments_inactive_for_24_months_are_purged_by_the_daily_task(assessment, other_assessment):
    Assessment.objects.filter(pk=assessment.pk).update(last_activity_at=timezone.now() - timedelta(days=731))
    assert purge_inactive_assessments.call() == 1
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert Assessment.objects.filter(pk=other_assessment.pk).exists()


def test_opening_postpones_the_automatic_deletion(client, assessment):
    Assessment.objects.filter(pk=assessment.pk).update(last_activity_at=timezone.now() - timedelta(days=700))
    client.get(f"/selbstcheck/a/{assessment.token}/")
    assert Assessment.objects.get(pk=assessment.pk).last_activity_at > timezone.now() - timedelta(minutes=1)


def test_saving_postpones_the_automatic_deletion(assessment):
    Assessment.objects.filter(pk=assessment.pk).update(last_activity_at=timezone.now() - timedelta(days=700))
    answering.save_answer(
        assessment=assessment, question=first_questions(assessment, 1)[0], answer=AnswerInput("1", "")
    )
    assert Assessment.objects.get(pk=assessment.pk).last_activity_at > timezone.now() - timedelta(minutes=1)
