"""Deleting removes what the privacy page says it removes, checked against every table.

For each way of deleting, a full team (or single-link Selbstcheck) is built, every row of
every installed model that belongs to the subject is recorded (reached through foreign
keys, see `subject_rows`), the workflow runs as a person would run it, and what is left is
compared with `privacy/deletion.py`, from which the privacy page is rendered:

- every table holding such rows must be declared, as removed or as kept;
- a table declared removed keeps none of them, and the world must have had some;
- rows that stay must be in a table declared kept;
- no row anywhere still points at the deleted subject, and no text column anywhere still
  holds the subject's name, address or notes;
- the anonymous aggregates are what a rebuild from the remaining consents gives.
"""

from collections import defaultdict
from datetime import timedelta

import pytest

from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from weltoffen.peers import aggregation
from weltoffen.peers.models import PeerAggregate, QuestionSignal
from weltoffen.privacy.deletion import ACCOUNT, ASSESSMENT, DELETIONS, TEAM, Deletion
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.models import Assessment
from weltoffen.teams import memberships
from weltoffen.teams.models import Membership, Team

from .world import other_team_world, team_world

User = get_user_model()
SESSIONS = "sessions.Session"

# Tables of the project's apps that no deletion above reaches, and why.
NOT_TIED_TO_A_SUBJECT = {
    "custom_media.CustomImage": "editorial images; an uploading editor's account is unlinked (SET_NULL)",
    "custom_media.CustomRendition": "sizes of editorial images",
    "custom_media.CustomDocument": "editorial documents; an uploading editor's account is unlinked (SET_NULL)",
    "municipalities.Municipality": "the public register",
    "municipalities.ProgrammeParticipation": "the programme's public list of model municipalities",
    "catalogue.CatalogueVersion": "the public catalogue",
    "catalogue.FieldOfAction": "the public catalogue",
    "catalogue.SubTopic": "the public catalogue",
    "catalogue.Question": "the public catalogue",
    "pages.HomePage": "editorial page",
    "pages.StandardPage": "editorial page",
    "pages.OperatorSettings": "the operator's public details",
    "pages.BarrierReport": "own retention (12 months), privacy page section on reports",
    "knowledge.Topic": "editorial",
    "knowledge.KnowledgePageTag": "editorial",
    "knowledge.KnowledgePage_topics": "editorial",
    "knowledge.KnowledgePage": "editorial page",
    "knowledge.ArticlePage": "editorial page",
    "knowledge.PracticeExamplePage": "editorial page",
    "knowledge.KnowledgeIndexPage": "editorial page",
    "knowledge.PracticeIndexPage": "editorial page",
    "knowledge.EventPage_topics": "editorial",
    "knowledge.EventPage": "editorial page",
    "knowledge.EventIndexPage": "editorial page",
    "knowledge.FAQEntry_topics": "editorial",
    "knowledge.FAQEntry": "editorial",
    "knowledge.FAQPage": "editorial page",
    "knowledge.ContactPerson_topics": "editorial",
    "knowledge.ContactPerson": "public contact persons, maintained by editors",
    "knowledge.Testimonial": "editorial",
    "knowledge.SearchEntry": "the site search index of public pages and the catalogue",
    "knowledge.ProjectPage_contacts": "editorial",
    "knowledge.ProjectPage": "editorial page",
    "knowledge.ContactPage": "editorial page",
    "knowledge.ContactMessage": "own retention (12 months), privacy page section on the contact form",
    "support.SupportService": "the public directory of help",
    "support.SupportGuidePage": "editorial page",
    "peers.PeerAggregate": "anonymous aggregates, recomputed on deletion (checked below)",
    "peers.QuestionSignal": "anonymous counts, recomputed on deletion (checked below)",
    "peers.SyntheticTeam": "marks synthetic test data; goes with its team",
    "jobs.OutgoingMail": "mail on its way: content sealed, deleted once sent or given up; masked address, 30 days",
    "jobs.ScheduledRun": "when each periodic task last started",
}


def label(model) -> str:
    return model._meta.label


def references(model, target):
    """Concrete foreign keys and one-to-one fields of `model` that point at `target`."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is not None and field.related_model._meta.concrete_model is target
    ]


def subject_rows(subjects: dict) -> dict[str, set]:
    """Every row of every installed model that belongs to the subjects: what a cascade
    reaches from them, and the rows that only point at one of them (SET_NULL, PROTECT,
    DO_NOTHING), which a deletion does not remove by itself. Sessions signed in as a
    deleted account count too, though no foreign key leads to them."""
    found: dict[type, set] = defaultdict(set)
    frontier = {model._meta.concrete_model: set(pks) for model, pks in subjects.items()}
    for model, pks in frontier.items():
        found[model] |= pks
    expanded: dict[type, set] = defaultdict(set)
    while frontier:
        reached: dict[type, set] = defaultdict(set)
        for target, pks in frontier.items():
            expanded[target] |= pks
            for model in apps.get_models(include_auto_created=True):
                for field in references(model, target):
                    values = target._base_manager.filter(pk__in=pks).values_list(field.target_field.attname, flat=True)
                    rows = set(
                        model._base_manager.filter(**{f"{field.attname}__in": list(values)}).values_list(
                            "pk", flat=True
                        )
                    )
                    found[model] |= rows
                    if field.remote_field.on_delete is models.CASCADE:
                        reached[model] |= rows
        frontier = {model: pks - expanded[model] for model, pks in reached.items() if pks - expanded[model]}
    result = {label(model): pks for model, pks in found.items() if pks}
    users = {str(pk) for pk in subjects.get(User, ())}
    sessions = {s.pk for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) in users}
    if sessions:
        result[SESSIONS] = sessions
    return result


def still_there(rows: dict[str, set]) -> dict[str, set]:
    left = {}
    for name, pks in rows.items():
        existing = set(apps.get_model(name)._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        if existing:
            left[name] = existing
    return left


def pointing_at(subjects: dict) -> list[str]:
    """Rows anywhere that still reference a subject's primary key, whatever the field's
    on_delete (Wagtail's log entries, for one, keep a user id without a constraint)."""
    found = []
    for target, pks in subjects.items():
        for model in apps.get_models(include_auto_created=True):
            for field in references(model, target._meta.concrete_model):
                if (
                    field.target_field.primary_key
                    and model._base_manager.filter(**{f"{field.attname}__in": pks}).exists()
                ):
                    found.append(f"{label(model)}.{field.name}")
    return found


def texts_containing(needles: list[str]) -> list[str]:
    """Every text or JSON column of every installed model that still contains a needle."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                column = field.attname
                rows = model._base_manager.all()
            elif isinstance(field, models.JSONField):
                column = "as_text"
                rows = model._base_manager.annotate(as_text=Cast(field.attname, models.TextField()))
            else:
                continue
            condition = models.Q()
            for needle in needles:
                condition |= models.Q(**{f"{column}__contains": needle})
            for value in rows.filter(condition).values_list(column, flat=True)[:3]:
                found.append(f"{label(model)}.{field.name}: {str(value)[:80]!r}")
    return found


def aggregate_state():
    aggregates = sorted(
        PeerAggregate.objects.values_list("version_id", "field_key", "group", "count", "median", "is_public")
    )
    signals = sorted(
        row
        for row in QuestionSignal.objects.values_list(
            "version_id", "question_key", "contributions", "dont_know", "not_applicable", "skipped", "disputed", "gaps"
        )
        if any(row[2:])
    )
    return aggregates, signals


def assert_matches_declaration(before: dict[str, set], after: dict[str, set], deletions: list[Deletion]):
    removed = set().union(*(d.removed_models for d in deletions))
    kept = set().union(*(d.kept_models for d in deletions))
    undeclared = set(before) - removed - kept
    assert not undeclared, f"tables with the subject's rows that privacy/deletion.py does not mention: {undeclared}"
    kept_but_not_declared = {name: len(pks) for name, pks in after.items() if name not in kept}
    assert not kept_but_not_declared, f"rows left in tables declared removed: {kept_but_not_declared}"
    never_there = removed - kept - set(before)
    assert not never_there, f"the world has no rows in these declared tables, so nothing was tested: {never_there}"


def assert_aggregates_follow():
    left = aggregate_state()
    aggregation.rebuild()
    assert left == aggregate_state(), "the anonymous aggregates still count deleted data"


@pytest.fixture
def world(catalogue, evidence_root):
    world = team_world(evidence_root=evidence_root)
    other_team_world(evidence_root=evidence_root)  # must survive every deletion of ours
    return world


def untouched_elsewhere():
    """Everything of the other team, row by row."""
    other = subject_rows(
        {Team: {Team.objects.get(name="Team Kassel").pk}, User: {User.objects.get(email="leitung@kassel.example").pk}}
    )
    return {name: len(pks) for name, pks in other.items()}


def test_deleting_a_members_account_removes_and_keeps_what_the_privacy_page_says(world):
    elsewhere = untouched_elsewhere()
    subjects = {User: {world.member.pk}}
    before = subject_rows(subjects)
    response = world.clients[1].post(reverse("accounts-delete"), {"confirm": "yes"})
    assert response.status_code == 302
    after = still_there(before)
    assert_matches_declaration(before, after, [ACCOUNT])
    assert set(after) == {"selfcheck.Respondent"}  # the answers stay with the team, without the name
    assert not pointing_at(subjects)
    assert not texts_containing(["mia.mitglied@", "Mia Mitglied", "Drohmail an mia"])
    assert world.first.answers.filter(respondent=world.member_respondent).exists()
    assert untouched_elsewhere() == elsewhere


def test_deleting_a_coordinators_account_after_handing_over_keeps_the_rounds_without_them(world):
    Membership.objects.filter(user=world.member).update(role=Membership.Role.COORDINATOR)
    subjects = {User: {world.coordinator.pk}}
    before = subject_rows(subjects)
    assert {"selfcheck.Assessment", "selfcheck.Respondent"} <= set(before)  # closed the round, invited people
    memberships.delete_account(user=world.coordinator)
    after = still_there(before)
    assert_matches_declaration(before, after, [ACCOUNT])
    assert not pointing_at(subjects)
    assert not texts_containing(["koordination@wolfsburg", "Kora Koordinatorin", "Drohmail an koordination"])
    assert Assessment.objects.get(pk=world.first.pk).closed_by is None


def test_the_last_member_deleting_the_account_removes_the_whole_team(world):
    elsewhere = untouched_elsewhere()
    memberships.remove_member(
        team=world.team, membership=Membership.objects.get(user=world.member), removed_by=world.coordinator
    )
    subjects = {User: {world.coordinator.pk}, Team: {world.team.pk}}
    before = subject_rows(subjects)
    response = world.clients[0].post(reverse("accounts-delete"), {"confirm": "yes"})
    assert response.status_code == 302
    after = still_there(before)
    assert_matches_declaration(before, after, [ACCOUNT, TEAM])
    assert after == {}
    assert not pointing_at(subjects)
    assert not texts_containing(
        [
            "Steuerungsgruppe Wolfsburg",
            "erika.zustimmung@",
            "max.geheim@",
            "Notiz von Erika",
            "Feldnotiz der ersten Runde",
            "Kommentar Runde eins",
            "Runde 1: Leitbild",
            "koordination@wolfsburg",
        ]
    )
    assert_aggregates_follow()
    assert untouched_elsewhere() == elsewhere


def test_deleting_a_single_link_selfcheck_removes_everything_the_privacy_page_says(client, single, world):
    elsewhere = untouched_elsewhere()
    subjects = {Assessment: {single.pk}}
    before = subject_rows(subjects)
    assert "peers.ContributedScore" in before
    response = client.post(reverse("selfcheck:delete", kwargs={"token": single.token}), {"confirm": "yes"})
    assert response.status_code == 302
    after = still_there(before)
    assert_matches_declaration(before, after, [ASSESSMENT])
    assert after == {}
    assert not pointing_at(subjects)
    assert not texts_containing(["Marburg Einzellink", "im Einzellink", "Einzellink: "])
    assert_aggregates_follow()
    assert untouched_elsewhere() == elsewhere


def test_the_automatic_deletion_after_24_months_removes_the_same(single):
    subjects = {Assessment: {single.pk}}
    before = subject_rows(subjects)
    Assessment.objects.filter(pk=single.pk).update(
        last_activity_at=timezone.now() - Assessment.RETENTION - timedelta(days=1)
    )
    answering.purge_inactive_assessments()
    after = still_there(before)
    assert_matches_declaration(before, after, [ASSESSMENT])
    assert after == {}
    assert not texts_containing(["Marburg Einzellink", "im Einzellink"])
    assert_aggregates_follow()


def test_a_refused_deletion_removes_nothing(world):
    """A sole coordinator with members must hand over first: not a row changes."""
    subjects = {User: {world.coordinator.pk}}
    before = subject_rows(subjects)
    response = world.clients[0].post(reverse("accounts-delete"), {"confirm": "yes"})
    assert response.status_code == 409
    assert still_there(before) == before


def test_every_table_of_the_project_is_declared_or_explained():
    declared = set().union(*(d.removed_models | d.kept_models for d in DELETIONS))
    ours = {
        label(model)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("weltoffen.")
    }
    unexplained = ours - declared - set(NOT_TIED_TO_A_SUBJECT)
    assert not unexplained, f"say in privacy/deletion.py what deleting does to these tables: {unexplained}"
    assert not declared & set(NOT_TIED_TO_A_SUBJECT)
    assert set(NOT_TIED_TO_A_SUBJECT) <= ours, "remove tables that no longer exist"
    every = {label(model) for model in apps.get_models(include_auto_created=True)} | {SESSIONS}
    assert declared <= every, f"declared tables that do not exist: {declared - every}"
