"""The workshop's workflows: what they take, what they refuse, and that a closed round is frozen."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weltoffen.plans.models import Measure
from weltoffen.teams import rounds
from weltoffen.workshops import recording
from weltoffen.workshops.models import Minutes, Priority, Workshop

from .conftest import field_one, top_keys

pytestmark = pytest.mark.django_db


def keys_of(assessment, field_key="steuerung") -> list[str]:
    return list(
        Priority.objects.filter(workshop__assessment=assessment, field_key=field_key).values_list(
            "question_key", flat=True
        )
    )


def test_nothing_is_stored_before_the_first_record(link_assessment):
    assert not Workshop.objects.exists()
    recording.save_minutes(assessment=link_assessment, field_key="steuerung", text="Start")
    assert Workshop.objects.get().assessment == link_assessment


def test_chosen_recommendations_become_priorities_in_the_order_shown(link_assessment):
    first, second = top_keys(link_assessment)
    recording.choose_recommendations(
        assessment=link_assessment, field_key="steuerung", chosen=[second, first], shown=[first, second]
    )
    assert keys_of(link_assessment) == [first, second]


def test_unchecking_a_shown_recommendation_removes_it_and_leaves_the_others(link_assessment):
    first, second = top_keys(link_assessment)
    recording.choose_recommendations(
        assessment=link_assessment, field_key="steuerung", chosen=[first, second], shown=[first, second]
    )
    recording.add_priority(assessment=link_assessment, field_key="steuerung", text="Leitbild")
    recording.choose_recommendations(assessment=link_assessment, field_key="steuerung", chosen=[], shown=[first])
    assert keys_of(link_assessment) == [second, ""]


def test_choosing_the_same_again_adds_nothing(link_assessment):
    first, _second = top_keys(link_assessment)
    for _ in range(2):
        recording.choose_recommendations(
            assessment=link_assessment, field_key="steuerung", chosen=[first], shown=[first]
        )
    assert keys_of(link_assessment) == [first]


def test_a_recommendation_of_another_field_is_refused(link_assessment):
    other = link_assessment.version.questions.exclude(field__key="steuerung").first().key
    with pytest.raises(recording.WorkshopError, match="gehört nicht zu diesem Handlungsfeld"):
        recording.choose_recommendations(
            assessment=link_assessment, field_key="steuerung", chosen=[other], shown=[other]
        )
    assert not Priority.objects.exists()


def test_a_chosen_recommendation_that_was_not_shown_is_refused(link_assessment):
    first, second = top_keys(link_assessment)
    with pytest.raises(recording.WorkshopError, match="angezeigt"):
        recording.choose_recommendations(
            assessment=link_assessment, field_key="steuerung", chosen=[first, second], shown=[first]
        )
    assert not Priority.objects.exists()


def test_an_unknown_field_is_refused(link_assessment):
    with pytest.raises(recording.WorkshopError, match="Handlungsfeld gibt es"):
        recording.add_priority(assessment=link_assessment, field_key="gibt-es-nicht", text="x")
    with pytest.raises(recording.WorkshopError, match="Handlungsfeld gibt es"):
        recording.save_minutes(assessment=link_assessment, field_key="gibt-es-nicht", text="x")
    assert not Priority.objects.exists() and not Minutes.objects.exists()


def test_a_free_priority_is_trimmed_and_the_same_text_again_adds_nothing(link_assessment):
    first = recording.add_priority(assessment=link_assessment, field_key="steuerung", text="  Leitbild beschließen ")
    again = recording.add_priority(assessment=link_assessment, field_key="steuerung", text="leitbild beschließen")
    assert first.pk == again.pk and first.text == "Leitbild beschließen"
    assert Priority.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Bitte schreiben Sie"), ("   ", "Bitte schreiben Sie"), ("x" * 301, "höchstens 300"), ("a\x00b", "Zeichen")],
)
def test_a_bad_free_priority_is_refused_in_german(link_assessment, text, message):
    with pytest.raises(recording.WorkshopError, match=message):
        recording.add_priority(assessment=link_assessment, field_key="steuerung", text=text)
    assert not Priority.objects.exists()


def test_priorities_are_numbered_per_field_in_the_order_they_were_agreed(link_assessment):
    for text in ("A", "B"):
        recording.add_priority(assessment=link_assessment, field_key="steuerung", text=text)
    other = recording.add_priority(assessment=link_assessment, field_key="arbeit", text="C")
    assert list(Priority.objects.filter(field_key="steuerung").values_list("text", "position")) == [("A", 0), ("B", 1)]
    assert other.position == 0


def test_a_priority_is_removed_only_through_its_own_round(link_assessment, other_assessment):
    mine = recording.add_priority(assessment=link_assessment, field_key="steuerung", text="A")
    with pytest.raises(recording.PriorityNotFound):
        recording.remove_priority(assessment=other_assessment, priority_id=mine.pk)
    assert Priority.objects.filter(pk=mine.pk).exists()
    recording.remove_priority(assessment=link_assessment, priority_id=mine.pk)
    assert not Priority.objects.exists()


def test_minutes_are_saved_replaced_and_removed_when_emptied(link_assessment):
    recording.save_minutes(assessment=link_assessment, field_key="steuerung", text="Erste Fassung")
    recording.save_minutes(assessment=link_assessment, field_key="steuerung", text=" Zweite Fassung ")
    recording.save_minutes(assessment=link_assessment, field_key="", text="Allgemein")
    assert dict(Minutes.objects.values_list("field_key", "text")) == {"steuerung": "Zweite Fassung", "": "Allgemein"}
    recording.save_minutes(assessment=link_assessment, field_key="steuerung", text="")
    assert list(Minutes.objects.values_list("field_key", flat=True)) == [""]


def test_too_long_minutes_are_refused_and_the_old_ones_stay(link_assessment):
    recording.save_minutes(assessment=link_assessment, field_key="steuerung", text="Bisher")
    with pytest.raises(recording.WorkshopError, match="höchstens 4000"):
        recording.save_minutes(assessment=link_assessment, field_key="steuerung", text="x" * 4001)
    assert Minutes.objects.get().text == "Bisher"


def test_details_are_saved(link_assessment):
    recording.save_details(assessment=link_assessment, held_on=date(2027, 3, 14), participants=" Verwaltung (8) ")
    workshop = Workshop.objects.get()
    assert workshop.held_on == date(2027, 3, 14) and workshop.participants == "Verwaltung (8)"


def record_everything(assessment):
    (first,) = top_keys(assessment, 1)
    recording.choose_recommendations(assessment=assessment, field_key="steuerung", chosen=[first], shown=[first])
    free = recording.add_priority(assessment=assessment, field_key="steuerung", text="Leitbild")
    recording.save_minutes(assessment=assessment, field_key="steuerung", text="Protokoll")
    recording.save_details(assessment=assessment, held_on=date(2027, 3, 14), participants="Verwaltung")
    return first, free


def snapshot():
    return (
        list(Priority.objects.values_list("pk", "field_key", "question_key", "text", "position")),
        list(Minutes.objects.values_list("pk", "field_key", "text")),
        list(Workshop.objects.values_list("pk", "held_on", "participants")),
    )


@pytest.mark.parametrize(
    "attempt",
    [
        lambda a, first, free: recording.choose_recommendations(
            assessment=a, field_key="steuerung", chosen=[], shown=[first]
        ),
        lambda a, first, free: recording.add_priority(assessment=a, field_key="steuerung", text="Neu"),
        lambda a, first, free: recording.remove_priority(assessment=a, priority_id=free.pk),
        lambda a, first, free: recording.save_minutes(assessment=a, field_key="steuerung", text="Geändert"),
        lambda a, first, free: recording.save_minutes(assessment=a, field_key="", text="Geändert"),
        lambda a, first, free: recording.save_details(assessment=a, held_on=None, participants="Geändert"),
    ],
    ids=["choose", "add", "remove", "field-minutes", "minutes", "details"],
)
def test_a_closed_round_refuses_every_record_and_nothing_changes(teams, team_round, attempt):
    first, free = record_everything(team_round)
    rounds.close_round(assessment=team_round, closed_by=teams[0].coordinator)
    before = snapshot()
    with pytest.raises(recording.WorkshopClosed, match="abgeschlossen"):
        attempt(team_round, first, free)
    assert snapshot() == before


def test_a_priority_becomes_a_measure_once_even_after_the_round_is_closed(teams, team_round):
    first, free = record_everything(team_round)
    rounds.close_round(assessment=team_round, closed_by=teams[0].coordinator)
    before = snapshot()
    measure = recording.plan_priority(assessment=team_round, priority_id=free.pk)
    again = recording.plan_priority(assessment=team_round, priority_id=free.pk)
    assert measure.pk == again.pk and Measure.objects.count() == 1
    assert (measure.title, measure.field_key, measure.question_key) == ("Leitbild", "steuerung", "")
    assert Priority.objects.get(pk=free.pk).measure == measure
    assert snapshot() == before  # the record itself stays as it was


def test_a_measure_from_a_recommendation_keeps_its_question_and_the_full_text(link_assessment):
    (first,) = top_keys(link_assessment, 1)
    (priority,) = recording.choose_recommendations(
        assessment=link_assessment, field_key="steuerung", chosen=[first], shown=[first]
    )
    measure = recording.plan_priority(assessment=link_assessment, priority_id=priority.pk)
    question = link_assessment.version.questions.get(key=first)
    assert measure.question_key == first and len(measure.title) <= 200
    assert measure.title.rstrip("…") in question.recommendation
    assert measure.description in ("", question.recommendation)
    assert measure.history.count() == 1


def test_a_priority_of_another_round_cannot_be_planned(link_assessment, other_assessment):
    mine = recording.add_priority(assessment=link_assessment, field_key="steuerung", text="A")
    with pytest.raises(recording.PriorityNotFound):
        recording.plan_priority(assessment=other_assessment, priority_id=mine.pk)
    assert not Measure.objects.exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sets(st.integers(0, 4)), st.sets(st.integers(0, 4))), min_size=1, max_size=4))
def test_after_any_choices_exactly_the_last_chosen_of_each_shown_recommendation_remain(link_assessment, steps):
    keys = [q.key for q in field_one(link_assessment).questions.order_by("position")][:5]
    Priority.objects.all().delete()
    expected: set[str] = set()
    for shown_index, chosen_index in steps:
        shown = {keys[i] for i in shown_index}
        chosen = {keys[i] for i in chosen_index} & shown
        recording.choose_recommendations(
            assessment=link_assessment, field_key="steuerung", chosen=chosen, shown=sorted(shown)
        )
        expected = (expected - shown) | chosen
    assert set(keys_of(link_assessment)) == expected
    assert len(keys_of(link_assessment)) == len(expected)
