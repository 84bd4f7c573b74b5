"""Membership workflows: who can be added or removed, and what deleting an account takes along."""

import pytest

from django.urls import reverse

from weltoffen.selfcheck.models import Respondent
from weltoffen.teams import memberships
from weltoffen.teams.models import Membership, Team
from weltoffen.teams.tests.factories import UserFactory


def test_adding_a_member_needs_an_account_without_a_team(teams):
    ours, theirs = teams
    with pytest.raises(memberships.MembershipError, match="noch kein Konto"):
        memberships.add_member(team=ours, email="niemand@kommune.example", role="member")
    with pytest.raises(memberships.MembershipError, match="bereits zu einem Team"):
        memberships.add_member(team=ours, email=theirs.coordinator.email.upper(), role="member")
    newcomer = UserFactory(email="neu@kommune.example")
    with pytest.raises(memberships.MembershipError):
        memberships.add_member(team=ours, email=newcomer.email, role="chef")
    assert memberships.add_member(team=ours, email=" Neu@Kommune.example ", role="member").user == newcomer


def test_a_crafted_role_is_refused_by_the_members_page_and_adds_nobody(client, teams):
    ours, _ = teams
    UserFactory(email="neu@kommune.example")
    client.force_login(ours.coordinator)
    response = client.post(reverse("teams:members"), {"email": "neu@kommune.example", "role": "superuser"})
    assert response.status_code == 400
    assert not Membership.objects.filter(user__email="neu@kommune.example").exists()


def test_adding_members_is_rate_limited_so_addresses_cannot_be_probed(client, teams):
    ours, _ = teams
    client.force_login(ours.coordinator)
    statuses = [
        client.post(reverse("teams:members"), {"email": f"probe{n}@kommune.example", "role": "member"}).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429


def test_coordinators_cannot_remove_themselves(client, teams):
    ours, _ = teams
    own = ours.memberships.get(user=ours.coordinator)
    with pytest.raises(memberships.MembershipError):
        memberships.remove_member(team=ours, membership=own, removed_by=ours.coordinator)
    client.force_login(ours.coordinator)
    client.post(reverse("teams:remove-member", args=[own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()


def test_deleting_an_account_is_one_transaction(teams, monkeypatch):
    ours, _ = teams
    Respondent.objects.create(
        assessment=ours.current_round(), token_hash="x" * 64, user=ours.member, name="Mit Name", department="jugend"
    )

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(type(ours.member), "delete", fail)
    with pytest.raises(RuntimeError):
        memberships.delete_account(user=ours.member)
    assert Respondent.objects.get(user=ours.member).name == "Mit Name"  # the anonymising was rolled back


def test_the_last_member_takes_the_team_along(catalogue):
    from weltoffen.municipalities.tests.factories import MunicipalityFactory
    from weltoffen.teams.tests.factories import make_team

    team = make_team(MunicipalityFactory(ags="01001"))
    memberships.delete_account(user=team.coordinator)
    assert not Team.objects.filter(pk=team.pk).exists()
