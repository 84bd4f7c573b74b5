import pytest

from weltoffen.peers import consent
from weltoffen.peers.models import ContributedScore, Contribution, PeerAggregate, QuestionSignal
from weltoffen.selfcheck.models import Answer, Respondent
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.teams import rounds

from .factories import contribute, gemeinde, kreis, land


def answer_everything(assessment, value="2", *, respondent=None):
    questions = assessment.version.questions.all()
    Answer.objects.bulk_create(
        Answer(assessment=assessment, respondent=respondent, question=question, value=value) for question in questions
    )


def closed_team_round(team, value="2"):
    assessment = team.current_round()
    rounds.link_for_member(assessment=assessment, user=team.coordinator)
    respondent = Respondent.objects.get(assessment=assessment, user=team.coordinator)
    answer_everything(assessment, value, respondent=respondent)
    rounds.close_round(assessment=assessment, closed_by=team.coordinator)
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def tree(catalogue):
    hessen = land()
    marburg = kreis(hessen)
    return hessen, marburg


def test_an_open_team_round_cannot_enter_the_comparison_and_nothing_is_stored(teams):
    ours, _ = teams
    with pytest.raises(consent.ConsentError):
        consent.agree(assessment=ours.current_round())
    assert not Contribution.objects.exists() and not ContributedScore.objects.exists()


def test_an_assessment_without_municipality_cannot_enter_the_comparison(assessment):
    with pytest.raises(consent.ConsentError):
        consent.agree(assessment=assessment)
    assert not Contribution.objects.exists()


def test_agreeing_on_a_closed_round_stores_its_field_scores_and_updates_the_aggregates(teams):
    ours, _ = teams
    closed = closed_team_round(ours, "2")
    contribution = consent.agree(assessment=closed)
    fields = list(closed.version.fields.values_list("key", flat=True))
    assert contribution.compare and not contribution.named
    assert set(contribution.scores) == set(fields)
    assert all(round(score) == 67 for score in contribution.scores.values())
    assert ContributedScore.objects.filter(municipality=ours.municipality).count() == len(fields)
    everyone = PeerAggregate.objects.get(field_key=fields[0], group="all")
    assert (everyone.count, round(everyone.median), everyone.is_public) == (1, 67, False)
    signal = QuestionSignal.objects.get(question_key=closed.version.questions.first().key)
    assert (signal.contributions, signal.gaps, signal.dont_know) == (1, 1, 0)


def test_a_single_link_assessment_of_a_municipality_may_contribute(tree):
    _hessen, marburg = tree
    single = AssessmentFactory(municipality=gemeinde(marburg))
    answer_everything(single, "3")
    contribution = consent.agree(assessment=single, named=True)
    assert contribution.named and all(round(score) == 100 for score in contribution.scores.values())


def test_withdrawal_removes_the_contribution_from_every_aggregate_at_once(tree):
    _hessen, marburg = tree
    members = [gemeinde(marburg) for _ in range(7)]
    contributions = [contribute(m, {"steuerung": 10.0 * i}) for i, m in enumerate(members)]
    before = dict(PeerAggregate.objects.filter(field_key="steuerung").values_list("group", "count"))
    assert set(before.values()) == {7}
    consent.withdraw(contribution=contributions[3])
    after = dict(PeerAggregate.objects.filter(field_key="steuerung").values_list("group", "count"))
    assert after == dict.fromkeys(before, 6)
    assert not ContributedScore.objects.filter(contribution=contributions[3]).exists()
    contributions[3].refresh_from_db()
    assert (contributions[3].compare, contributions[3].named) == (False, False)


def test_withdrawing_twice_is_refused_and_changes_nothing(tree):
    _hessen, marburg = tree
    contribution = contribute(gemeinde(marburg), {"steuerung": 50.0})
    consent.withdraw(contribution=contribution)
    contribution.refresh_from_db()
    withdrawn_at = contribution.withdrawn_at
    with pytest.raises(consent.ConsentError):
        consent.withdraw(contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.withdrawn_at == withdrawn_at


def test_withdrawing_and_re_adding_restores_the_same_aggregate(tree):
    _hessen, marburg = tree
    members = [gemeinde(marburg) for _ in range(6)]
    contributions = [contribute(m, {"steuerung": 20.0 + 5 * i}) for i, m in enumerate(members)]
    original = PeerAggregate.objects.get(field_key="steuerung", group="all")
    consent.withdraw(contribution=contributions[0])
    assert PeerAggregate.objects.get(field_key="steuerung", group="all").is_public is False
    contribute(members[0], {"steuerung": 20.0})
    again = PeerAggregate.objects.get(field_key="steuerung", group="all")
    assert (again.count, again.median, again.is_public) == (original.count, original.median, original.is_public)


def test_only_the_latest_consenting_round_of_a_municipality_counts(tree):
    _hessen, marburg = tree
    place = gemeinde(marburg)
    first = contribute(place, {"steuerung": 10.0})
    second = contribute(place, {"steuerung": 90.0})
    rows = ContributedScore.objects.filter(municipality=place)
    assert [(row.contribution_id, row.score) for row in rows] == [(second.pk, 90.0)]
    consent.withdraw(contribution=second)
    assert [(row.contribution_id, row.score) for row in rows.all()] == [(first.pk, 10.0)]


def test_naming_needs_the_comparison(tree):
    _hessen, marburg = tree
    contribution = contribute(gemeinde(marburg), {"steuerung": 80.0})
    consent.withdraw(contribution=contribution)
    with pytest.raises(consent.ConsentError):
        consent.set_named(contribution=contribution, named=True)
    contribution.refresh_from_db()
    assert contribution.named is False


def test_agreeing_again_renews_a_single_link_snapshot_without_counting_twice(tree):
    _hessen, marburg = tree
    single = AssessmentFactory(municipality=gemeinde(marburg))
    answer_everything(single, "1")
    consent.agree(assessment=single)
    Answer.objects.filter(assessment=single).update(value="3")
    consent.agree(assessment=single)
    scores = set(ContributedScore.objects.values_list("score", flat=True))
    assert scores == {100.0}
    signal = QuestionSignal.objects.get(question_key=single.version.questions.first().key)
    assert (signal.contributions, signal.gaps) == (1, 0)


def aggregate_state():
    """Every published figure and every non-zero signal, comparable across deletions."""
    aggregates = sorted(
        PeerAggregate.objects.values_list(
            "version_id", "field_key", "group", "count", "median", "lower_quartile", "upper_quartile", "is_public"
        )
    )
    signals = sorted(
        row
        for row in QuestionSignal.objects.values_list(
            "version_id", "question_key", "contributions", "dont_know", "not_applicable", "skipped", "disputed", "gaps"
        )
        if any(row[2:])
    )
    return aggregates, signals


def test_deleting_a_counted_assessment_takes_it_out_of_every_aggregate_and_the_earlier_one_counts_again(tree):
    _hessen, marburg = tree
    place = gemeinde(marburg)
    for i in range(5):
        contribute(gemeinde(marburg), {"steuerung": 30.0 + i})
    first = contribute(place, {"steuerung": 10.0}, questions={"steuerung-1": ["d", False, True]})
    with_first_only = aggregate_state()
    second = contribute(place, {"steuerung": 90.0}, questions={"steuerung-1": ["s", True, False]})
    assert aggregate_state() != with_first_only
    second.assessment.delete()
    assert aggregate_state() == with_first_only
    assert [row.contribution_id for row in ContributedScore.objects.filter(municipality=place)] == [first.pk]


def test_deleting_the_only_contribution_of_a_municipality_leaves_the_aggregates_as_before_it(tree):
    _hessen, marburg = tree
    for i in range(5):
        contribute(gemeinde(marburg), {"steuerung": 40.0 + i})
    before = aggregate_state()
    place = gemeinde(marburg)
    single = AssessmentFactory(municipality=place)
    answer_everything(single, "3")
    consent.agree(assessment=single)
    assert aggregate_state() != before
    single.delete()
    assert aggregate_state() == before
    assert not Contribution.objects.filter(municipality=place).exists()
    assert not ContributedScore.objects.filter(municipality=place).exists()


def test_deleting_a_team_with_two_consenting_rounds_leaves_none_of_them_counting(teams):
    ours, _theirs = teams
    before = aggregate_state()
    first = closed_team_round(ours, "1")
    consent.agree(assessment=first)
    rounds.open_round(team=ours)
    second = closed_team_round(ours, "3")
    consent.agree(assessment=second)
    assert ContributedScore.objects.filter(contribution__assessment=second).exists()
    ours.delete()
    assert aggregate_state() == before
    assert not Contribution.objects.exists() and not ContributedScore.objects.exists()


def test_deleting_a_superseded_contribution_changes_no_aggregate(tree):
    _hessen, marburg = tree
    place = gemeinde(marburg)
    first = contribute(place, {"steuerung": 10.0})
    contribute(place, {"steuerung": 90.0})
    before = aggregate_state()
    first.assessment.delete()
    assert aggregate_state() == before


def test_the_nightly_task_puts_drifted_aggregates_right_again(tree):
    from weltoffen.peers.tasks import rebuild_aggregates

    gemeinden = [gemeinde(tree[1], name=f"Gemeinde {number}") for number in range(3)]
    for number, municipality in enumerate(gemeinden):
        contribute(municipality, {"steuerung": 40.0 + number * 10})
    before = dict(PeerAggregate.objects.filter(field_key="steuerung").values_list("group", "count"))
    PeerAggregate.objects.filter(field_key="steuerung").update(count=99, median=1)  # drift, e.g. a failed update
    rebuild_aggregates.call()
    after = dict(PeerAggregate.objects.filter(field_key="steuerung").values_list("group", "count"))
    assert after == before and PeerAggregate.objects.get(field_key="steuerung", group="all").median == 50
