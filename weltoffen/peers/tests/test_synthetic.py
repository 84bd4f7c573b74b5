import pytest

from weltoffen.dialogue.models import Survey, SurveyAnswer, SurveyResponse
from weltoffen.municipalities.models import Municipality
from weltoffen.peers import synthetic
from weltoffen.peers.models import ContributedScore, Contribution, PeerAggregate, QuestionSignal, SyntheticTeam
from weltoffen.plans.models import Measure
from weltoffen.selfcheck.models import Answer, Assessment
from weltoffen.teams.models import Team

from .factories import contribute, gemeinde, kreis, land


@pytest.fixture
def small_register(catalogue):
    hessen = land()
    marburg = kreis(hessen)
    return [gemeinde(marburg, population=3_000 + 700 * i) for i in range(30)]


def test_synthetic_data_has_three_closed_rounds_per_municipality_with_disagreement(small_register):
    totals = synthetic.generate(seed=3)
    places = Municipality.objects.exclude(kind=Municipality.Kind.LAND).count()
    assert totals["teams"] == places and totals["rounds"] == 3 * places
    assert Assessment.objects.filter(closed_at__isnull=True).count() == 0
    assert Answer.objects.count() == totals["answers"] > 0
    assert Contribution.objects.filter(is_synthetic=True).count() == totals["contributions"] > 0
    assert QuestionSignal.objects.filter(disputed__gt=0).exists()
    assert PeerAggregate.objects.filter(group="all", is_public=True).exists()


def test_the_latest_round_has_a_closed_stakeholder_survey_and_a_plan_for_its_weakest_questions(small_register):
    totals = synthetic.generate(seed=3)
    places = Municipality.objects.exclude(kind=Municipality.Kind.LAND).count()
    surveys = Survey.objects.select_related("assessment")
    assert surveys.count() == places and {s.assessment.round_number for s in surveys} == {3}
    assert not surveys.filter(is_open=True).exists()
    assert SurveyResponse.objects.count() == totals["survey_responses"] >= 5 * places
    assert SurveyAnswer.objects.count() == totals["survey_answers"]
    assert len(set(SurveyResponse.objects.values_list("group", flat=True))) >= 5
    values = set(SurveyAnswer.objects.values_list("value", flat=True))
    assert SurveyAnswer.DONT_KNOW in values and len(values) >= 4  # spread, not one answer
    measures = Measure.objects.select_related("assessment")
    assert measures.count() == totals["measures"] >= 3 * places
    assert {m.assessment.round_number for m in measures} == {3}
    assert (
        measures.filter(status=Measure.Status.DONE).exists() and measures.filter(status=Measure.Status.PLANNED).exists()
    )


def test_generating_twice_adds_nothing_and_one_command_removes_it_all(small_register):
    synthetic.generate(seed=3)
    assert synthetic.generate(seed=3) == {}
    real = contribute(gemeinde(small_register[0].parent), {"steuerung": 40.0})
    synthetic.remove()
    assert not SyntheticTeam.objects.exists() and not Team.objects.filter(name=synthetic.TEAM_NAME).exists()
    assert Answer.objects.count() == 0
    assert not Survey.objects.exists() and not SurveyAnswer.objects.exists() and not Measure.objects.exists()
    assert list(Contribution.objects.all()) == [real]
    assert set(ContributedScore.objects.values_list("contribution_id", flat=True)) == {real.pk}
    assert PeerAggregate.objects.get(group="all", field_key="steuerung").count == 1
