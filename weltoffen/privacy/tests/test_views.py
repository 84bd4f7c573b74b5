"""Who may download which export, how it is served, and where the pages link to it."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from weltoffen.selfcheck.models import Assessment, Respondent
from weltoffen.teams import rounds

from .conftest import Unpacked


def team_url(assessment: Assessment) -> str:
    return reverse("privacy:export", kwargs={"ref": f"runde-{assessment.pk}"})


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_download(response, *, starts: str):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{starts}') and disposition.endswith('.zip"')
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}
    return Unpacked(response.content)


def test_the_coordinator_downloads_the_whole_team_from_any_of_its_rounds(world):
    coordinator = signed_in(world.coordinator)
    for assessment in world.rounds:
        unpacked = assert_download(coordinator.get(team_url(assessment)), starts="team-steuerungsgruppe-wolfsburg-")
        assert [row["Runde"] for row in unpacked.rows("runden")] == ["1", "2"]


def test_another_municipalitys_coordinator_gets_a_404_and_no_data(world, foreign):
    response = signed_in(foreign.coordinator).get(team_url(world.first))
    assert response.status_code == 404
    assert b"Wolfsburg" not in response.content and response["Content-Type"].startswith("text/html")


def test_a_coordinator_cannot_reach_another_team_through_their_own_session(world, foreign):
    response = signed_in(world.coordinator).get(team_url(foreign.current_round()))
    assert response.status_code == 404


@pytest.mark.parametrize("shared", [False, True])
def test_a_member_may_not_download_the_team_even_once_the_result_is_shared(world, shared):
    rounds.share_result(assessment=world.first, shared=shared)
    response = signed_in(world.member).get(team_url(world.first))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("token_name", ["named_token", "unnamed_token", "member_token"])
def test_a_respondents_personal_link_cannot_download_the_team(client, world, token_name):
    response = client.get(reverse("privacy:export", kwargs={"ref": getattr(world, token_name)}))
    assert response.status_code == 403
    assert b"Erika" not in response.content and response["Content-Type"].startswith("text/html")


def test_a_signed_out_visitor_is_sent_to_the_login_for_a_team_export(client, world):
    response = client.get(team_url(world.first))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("ref", ["runde-0", "runde-99999999999", "x" * 43, "kein-link"])
def test_an_unknown_round_or_link_is_a_404(world, ref):
    assert signed_in(world.coordinator).get(reverse("privacy:export", kwargs={"ref": ref})).status_code == 404


def test_the_link_owner_downloads_the_selfcheck_with_the_secret_link(client, single):
    response = client.get(reverse("privacy:export", kwargs={"ref": single.token}))
    unpacked = assert_download(response, starts="selbstcheck-selbstcheck-marburg-einzellink-")
    assert unpacked.rows("selbstcheck")[0]["Titel"] == "Selbstcheck Marburg Einzellink"


def test_a_renewed_link_no_longer_downloads_anything(client, single):
    from weltoffen.selfcheck import answering

    old = single.token
    answering.renew_link(assessment=single)
    assert client.get(reverse("privacy:export", kwargs={"ref": old})).status_code == 404


def test_a_respondent_downloads_their_own_answers_with_their_link(client, world):
    response = client.get(reverse("privacy:respondent-export", kwargs={"token": world.unnamed_token}))
    unpacked = assert_download(response, starts="meine-antworten-")
    assert unpacked.rows("personen")[0]["Name"] == "Max Geheim"


def test_a_revoked_or_unknown_personal_link_downloads_nothing(client, world):
    second, token = rounds.invite(assessment=world.second, invited_by=world.coordinator, department="schule")
    rounds.revoke(respondent=second)
    for bad in (token, "x" * 43, "kurz"):
        response = client.get(reverse("privacy:respondent-export", kwargs={"token": bad}))
        assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_the_owners_link_on_the_respondent_address_leads_to_the_owners_export(client, single):
    response = client.get(reverse("privacy:respondent-export", kwargs={"token": single.token}))
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:export", kwargs={"ref": single.token})


def test_an_account_holder_downloads_the_account(world):
    response = signed_in(world.member).get(reverse("privacy:account-export"))
    unpacked = assert_download(response, starts="konto-")
    assert unpacked.rows("konto")[0]["E-Mail-Adresse"] == "mia.mitglied@wolfsburg.example"


def test_the_account_export_and_page_need_a_login(client, world):
    for name in ("privacy:account", "privacy:account-export"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_account_page_offers_the_team_export_to_the_coordination_only(world):
    page = signed_in(world.coordinator).get(reverse("privacy:account")).content.decode()
    assert reverse("privacy:account-export") in page and team_url(world.second) in page
    page = signed_in(world.member).get(reverse("privacy:account")).content.decode()
    assert reverse("privacy:account-export") in page and "runde-" not in page


def test_an_account_without_a_team_sees_its_data_page(catalogue):
    user = get_user_model().objects.create_user("ohne", "ohne@example.org", "ein-langes-passwort-123")
    response = signed_in(user).get(reverse("privacy:account"))
    assert response.status_code == 200 and "runde-" not in response.content.decode()


def test_the_round_page_links_the_coordinator_to_the_team_export_and_a_member_to_their_data(world):
    page = signed_in(world.coordinator).get(reverse("teams:round", args=[world.second.pk])).content.decode()
    assert team_url(world.second) in page
    page = signed_in(world.member).get(reverse("teams:round", args=[world.second.pk])).content.decode()
    assert reverse("privacy:account") in page and team_url(world.second) not in page


def test_the_selfcheck_pages_link_the_owner_and_the_respondent_to_their_exports(client, world, single):
    owner_export = reverse("privacy:export", kwargs={"ref": single.token})
    for name in ("selfcheck:overview", "selfcheck:results", "selfcheck:answers-summary"):
        assert owner_export in client.get(reverse(name, kwargs={"token": single.token})).content.decode(), name
    own_export = reverse("privacy:respondent-export", kwargs={"token": world.named_token})
    for name in ("selfcheck:overview", "selfcheck:answers-summary"):
        page = client.get(reverse(name, kwargs={"token": world.named_token})).content.decode()
        assert own_export in page and reverse("privacy:export", kwargs={"ref": world.named_token}) not in page, name


def test_the_account_pages_link_to_my_data(world):
    page = signed_in(world.member).get(reverse("account_email")).content.decode()
    assert reverse("privacy:account") in page


def test_the_delete_pages_offer_the_export_first_and_say_what_is_removed_and_kept(client, world, single):
    from weltoffen.privacy.deletion import ACCOUNT, ASSESSMENT, TEAM

    page = client.get(reverse("selfcheck:delete", kwargs={"token": single.token})).content.decode()
    assert reverse("privacy:export", kwargs={"ref": single.token}) in page
    assert all(str(outcome.text) in page for outcome in ASSESSMENT.removed)
    page = signed_in(world.member).get(reverse("accounts-delete")).content.decode()
    assert reverse("privacy:account") in page
    assert all(str(outcome.text) in page for outcome in (*ACCOUNT.removed, *ACCOUNT.kept))
    assert str(TEAM.title) not in page


def test_the_last_member_is_told_that_the_team_goes_with_the_account(catalogue):
    from weltoffen.municipalities.tests.factories import MunicipalityFactory
    from weltoffen.privacy.deletion import TEAM
    from weltoffen.teams.tests.factories import make_team

    team = make_team(MunicipalityFactory(ags="01001000"))
    page = signed_in(team.coordinator).get(reverse("accounts-delete")).content.decode()
    assert str(TEAM.title) in page and all(str(outcome.text) in page for outcome in TEAM.removed)


def test_downloading_changes_nothing(world, single, client):
    before = (
        Assessment.objects.count(),
        Respondent.objects.count(),
        list(Respondent.objects.values_list("token_hash")),
    )
    signed_in(world.coordinator).get(team_url(world.first))
    client.get(reverse("privacy:export", kwargs={"ref": single.token}))
    client.get(reverse("privacy:respondent-export", kwargs={"token": world.named_token}))
    signed_in(world.member).get(reverse("privacy:account-export"))
    after = (Assessment.objects.count(), Respondent.objects.count(), list(Respondent.objects.values_list("token_hash")))
    assert after == before
    assert client.get(reverse("privacy:export", kwargs={"ref": single.token})).status_code == 200


def test_the_export_is_in_english_under_en(client, single):
    response = client.get("/en" + reverse("privacy:export", kwargs={"ref": single.token}))
    unpacked = Unpacked(response.content)
    assert "Title" in unpacked.rows("selbstcheck")[0]
