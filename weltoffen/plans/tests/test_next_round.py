"""The next round follows the plan up: per field, which measures were implemented since the
round before and how their question moved, also when the next round runs on a new catalogue
version (questions are found by their stable key)."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from weltoffen.catalogue.loading import load_all
from weltoffen.catalogue.tests.fixtures import write_v2
from weltoffen.plans import measures
from weltoffen.plans.models import Measure, StatusChange
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.teams import rounds
from weltoffen.teams.progress import compare_rounds


def answer(assessment, question_keys, value):
    person, _ = rounds.invite(assessment=assessment, invited_by=assessment.team.coordinator, department="personal")
    questions = assessment.version.questions.filter(key__in=question_keys)
    answering.save_answers(
        assessment=assessment, respondent=person, changes=[(q, AnswerInput(value, "")) for q in questions]
    )


@pytest.fixture
def two_rounds_across_versions(teams, tmp_path):
    """Round 1 on v1 with a plan, round 2 on v2: one question kept by v2, one dropped."""
    ours, theirs = teams
    round_one = ours.current_round()
    kept = round_one.version.questions.get(field__key="steuerung", position=1)
    dropped = round_one.version.questions.get(field__key="steuerung", position=11)  # the fixture v2 keeps ten
    answer(round_one, [kept.key, dropped.key], "0")
    plan = {
        "done": measures.create_measure(
            assessment=round_one, field_key="steuerung", question_key=kept.key, title="Leitbild beschließen"
        ),
        "done_dropped": measures.create_measure(
            assessment=round_one, field_key="steuerung", question_key=dropped.key, title="Bericht einführen"
        ),
        "done_free": measures.create_measure(
            assessment=round_one, field_key="steuerung", title="Austausch mit Vereinen"
        ),
        "planned": measures.create_measure(
            assessment=round_one, field_key="steuerung", question_key=kept.key, title="Noch offen"
        ),
        "dropped_again": measures.create_measure(assessment=round_one, field_key="steuerung", title="Verworfen"),
        "other_team": measures.create_measure(assessment=theirs.current_round(), field_key="steuerung", title="Fremd"),
    }
    for name in ("done", "done_dropped", "done_free", "other_team"):
        measures.change_status(measure=plan[name], status=Measure.Status.DONE)
    measures.change_status(measure=plan["dropped_again"], status=Measure.Status.DONE)
    measures.change_status(measure=plan["dropped_again"], status=Measure.Status.DROPPED)
    write_v2(tmp_path / "data")
    load_all(tmp_path / "data")
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    round_two = rounds.open_round(team=ours)
    assert round_two.version.key == "v2"
    answer(round_two, [kept.key], "2")
    return ours, round_one, round_two, plan


def implemented_in(comparison, field_key):
    [field_change] = [change for change in comparison.fields if change.key == field_key]
    return {item.measure.title: item for item in field_change.implemented}


def test_the_comparison_lists_what_was_implemented_with_how_its_question_moved(two_rounds_across_versions):
    _ours, round_one, round_two, _plan = two_rounds_across_versions
    implemented = implemented_in(compare_rounds(round_one, round_two), "steuerung")
    assert set(implemented) == {"Leitbild beschließen", "Bericht einführen", "Austausch mit Vereinen"}
    moved = implemented["Leitbild beschließen"].move
    assert (moved.before[0], moved.after[0]) == ("0", "2")
    assert implemented["Leitbild beschließen"].implemented_on == timezone.localdate()
    assert implemented["Bericht einführen"].move is None and implemented["Bericht einführen"].question_not_comparable
    assert not implemented["Austausch mit Vereinen"].question_not_comparable  # a free measure has no question
    assert all(
        not change.implemented for change in compare_rounds(round_one, round_two).fields if change.key != "steuerung"
    )


def test_the_progress_page_shows_the_follow_up_to_the_coordinator(client, two_rounds_across_versions):
    ours, _round_one, _round_two, _plan = two_rounds_across_versions
    client.force_login(ours.coordinator)
    page = client.get(reverse("teams:progress")).content.decode()
    assert "Seit der Runde davor umgesetzte Maßnahmen" in page
    assert "Leitbild beschließen" in page and "vorher 0" in page and "jetzt 2" in page
    assert "Sie wurde nicht in beiden Runden beantwortet" in page  # the dropped question's measure
    assert "Noch offen" not in page and "Verworfen" not in page and "Fremd" not in page


def test_a_measure_implemented_before_the_earlier_round_began_is_not_news(two_rounds_across_versions):
    _ours, round_one, round_two, plan = two_rounds_across_versions
    StatusChange.objects.filter(measure=plan["done_free"]).update(
        changed_on=timezone.localdate(round_one.created_at) - timedelta(days=1)
    )
    assert "Austausch mit Vereinen" not in implemented_in(compare_rounds(round_one, round_two), "steuerung")
