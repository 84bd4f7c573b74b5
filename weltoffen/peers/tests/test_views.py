import pytest

from django.urls import reverse

from weltoffen.peers import consent
from weltoffen.peers.models import Contribution, PeerAggregate
from weltoffen.selfcheck import report
from weltoffen.selfcheck.models import Respondent
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.teams import rounds

from .factories import contribute, gemeinde, kreis, land
from .test_consent import answer_everything, closed_team_round


@pytest.fixture
def region(catalogue):
    """Hessen with two Kreise: 12 contributing Gemeinden in Marburg-Biedenkopf, 7 in Gießen."""
    hessen = land()
    marburg = kreis(hessen)
    giessen = kreis(hessen, ags="06531", name="Gießen")
    fields = list(catalogue.fields.values_list("key", flat=True))
    for index in range(12):
        contribute(gemeinde(marburg), dict.fromkeys(fields, 30.0 + 4 * index))
    for index in range(7):
        contribute(gemeinde(giessen), dict.fromkeys(fields, 60.0 + index))
    return hessen, marburg, giessen


@pytest.fixture
def ours(region):
    """A single-link Selbstcheck of a Gemeinde in Marburg-Biedenkopf, answered with 1 everywhere."""
    _hessen, marburg, _giessen = region
    single = AssessmentFactory(municipality=gemeinde(marburg, name="Unsere Gemeinde"))
    answer_everything(single, "1")
    return single


def results(client, assessment):
    return client.get(reverse("selfcheck:results", kwargs={"token": assessment.token}))


def test_the_results_page_invites_to_the_comparison_before_showing_it(client, ours):
    page = results(client, ours).content.decode()
    assert "Am anonymen Vergleich teilnehmen" in page
    assert "Marburg-Biedenkopf" in page and "Hessen" in page  # the context from the register
    assert "comparison-table" not in page


def test_agreeing_shows_the_groups_and_says_why_one_is_hidden(client, ours):
    response = client.post(
        reverse("peers:link-consent", kwargs={"token": ours.token}), {"action": "agree", "compare": "yes"}
    )
    assert response.status_code == 302
    page = results(client, ours).content.decode()
    assert "comparison-table" in page and "<svg" in page
    # all 20 and Hessen 20 are the same municipalities: Hessen is not shown twice.
    assert "dieselben Kommunen wie in der Gruppe" in page
    assert "Kommunen im Kreis Marburg-Biedenkopf" in page
    assert "Zustimmung widerrufen" in page


def test_agreeing_without_ticking_the_box_changes_nothing(client, ours):
    response = client.post(reverse("peers:link-consent", kwargs={"token": ours.token}), {"action": "agree"})
    assert response.status_code == 400
    assert not Contribution.objects.filter(assessment=ours).exists()


@pytest.mark.parametrize("action", ["withdraw", "name", "unname", "drop-table", "\x00"])
def test_crafted_actions_without_a_consent_change_nothing(client, ours, action):
    before = list(PeerAggregate.objects.values_list("group", "field_key", "count", "median"))
    response = client.post(reverse("peers:link-consent", kwargs={"token": ours.token}), {"action": action})
    assert response.status_code in (400, 409)
    assert list(PeerAggregate.objects.values_list("group", "field_key", "count", "median")) == before


def test_an_unknown_link_is_a_404_and_a_respondent_link_a_403(client, ours, teams):
    unknown = client.post(
        reverse("peers:link-consent", kwargs={"token": "x" * 43}), {"action": "agree", "compare": "yes"}
    )
    assert unknown.status_code == 404
    our_team, _ = teams
    _respondent, token = rounds.invite(
        assessment=our_team.current_round(), invited_by=our_team.coordinator, department="personal"
    )
    forbidden = client.post(
        reverse("peers:link-consent", kwargs={"token": token}), {"action": "agree", "compare": "yes"}
    )
    assert forbidden.status_code == 403
    assert not Contribution.objects.exists() or not Contribution.objects.filter(assessment=our_team.current_round())


def test_withdrawal_is_respected_on_the_page_and_in_the_pdf(client, ours, monkeypatch):
    contribution = consent.agree(assessment=ours)
    rendered = []
    monkeypatch.setattr(report, "to_pdf", lambda html: rendered.append(html) or b"%PDF-")
    client.get(reverse("selfcheck:report", kwargs={"token": ours.token}))
    assert "comparison-table" in rendered[-1]
    consent.withdraw(contribution=contribution)
    client.get(reverse("selfcheck:report", kwargs={"token": ours.token}))
    assert "comparison-table" not in rendered[-1]
    assert "comparison-table" not in results(client, ours).content.decode()


def test_learning_from_others_names_only_consenting_strong_municipalities(client, ours, region):
    _hessen, marburg, _giessen = region
    fields = list(ours.version.fields.values_list("key", flat=True))
    contribute(gemeinde(marburg, name="Vorbildhausen"), dict.fromkeys(fields, 90.0), named=True)
    contribute(gemeinde(marburg, name="Verschwiegenheim"), dict.fromkeys(fields, 95.0), named=False)
    consent.agree(assessment=ours)
    page = results(client, ours).content.decode()
    assert "Von wem lernen?" in page
    assert "Vorbildhausen" in page and "Verschwiegenheim" not in page
    assert "anliegen=" in page or "Kontakt zu Vorbildhausen" not in page


@pytest.fixture
def closed_round(teams, region):
    ours, theirs = teams
    ours.municipality.parent = region[1]
    ours.municipality.land = region[0]
    ours.municipality.save()
    return closed_team_round(ours, "2"), ours, theirs


def test_the_coordination_agrees_for_a_closed_team_round(client, closed_round):
    assessment, ours, _theirs = closed_round
    client.force_login(ours.coordinator)
    response = client.post(
        reverse("peers:round-consent", kwargs={"pk": assessment.pk}), {"action": "agree", "compare": "yes"}
    )
    assert response.status_code == 302
    assert Contribution.objects.get(assessment=assessment).compare
    page = client.get(reverse("teams:result", kwargs={"pk": assessment.pk})).content.decode()
    assert "comparison-table" in page


def test_a_member_cannot_agree_for_the_team_and_another_team_gets_a_404(client, closed_round):
    assessment, ours, theirs = closed_round
    client.force_login(ours.member)
    url = reverse("peers:round-consent", kwargs={"pk": assessment.pk})
    assert client.post(url, {"action": "agree", "compare": "yes"}).status_code == 403
    client.force_login(theirs.coordinator)
    assert client.post(url, {"action": "agree", "compare": "yes"}).status_code == 404
    assert not Contribution.objects.exists() or not Contribution.objects.filter(assessment=assessment).exists()


def test_an_open_round_cannot_be_agreed_even_by_a_crafted_request(client, teams, region):
    ours, _theirs = teams
    client.force_login(ours.coordinator)
    open_round = ours.current_round()
    response = client.post(
        reverse("peers:round-consent", kwargs={"pk": open_round.pk}), {"action": "agree", "compare": "yes"}
    )
    assert response.status_code == 409
    assert not Contribution.objects.filter(assessment=open_round).exists()
    assert Respondent.objects.filter(assessment=open_round).count() == 0


def test_the_municipality_page_names_its_comparison_groups(client, region):
    _hessen, marburg, _giessen = region
    page = client.get(gemeinde(marburg).get_absolute_url()).content.decode()
    assert "Vergleichsgruppen im Selbstcheck" in page
    assert "19 teilnehmende Kommunen" in page
