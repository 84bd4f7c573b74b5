"""The workshop pages: what each screen shows, saving with and without htmx, and the
permissions of every view and export (another municipality 404, a respondent's link 403)."""

import pytest

from django.urls import reverse

from weltoffen.plans.models import Measure
from weltoffen.selfcheck.models import PreparedDocument
from weltoffen.selfcheck.tests.documents import ready_document
from weltoffen.teams import rounds
from weltoffen.workshops import recording
from weltoffen.workshops.models import Minutes, Priority, Workshop

from .conftest import top_keys

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, ref, *args):
    return reverse(f"workshops:{name}", args=[ref, *args])


def views_of(team_round) -> list[tuple[str, str, tuple, dict]]:
    """(method, name, args, data) of every workshop view and export."""
    priority = Priority.objects.get(text="Vorhandene")
    keys = top_keys(team_round, 1)
    document = ready_document(team_round, kind="workshop-documentation")
    return [
        ("get", "overview", (), {}),
        ("get", "field", ("steuerung",), {}),
        ("get", "documentation-pdf", (), {}),
        ("get", "documentation", (), {}),
        ("post", "documentation", (), {}),
        ("get", "documentation-status", (document.pk,), {}),
        ("get", "documentation-download", (document.pk,), {}),
        ("post", "details", (), {"participants": "Fremde"}),
        ("post", "minutes", (), {"text": "Fremd"}),
        ("post", "field-minutes", ("steuerung",), {"text": "Fremd"}),
        ("post", "choose", ("steuerung",), {"shown": keys, "chosen": keys}),
        ("post", "add-priority", ("steuerung",), {"text": "Fremd"}),
        ("post", "remove-priority", ("steuerung", priority.pk), {}),
        ("post", "plan-priority", (priority.pk,), {}),
    ]


VIEW_IDS = [
    "overview",
    "field",
    "documentation-pdf",
    "documentation",
    "documentation-request",
    "documentation-status",
    "documentation-download",
    "details",
    "minutes",
    "field-minutes",
    "choose",
    "add",
    "remove",
    "plan",
]


@pytest.fixture
def recorded(team_round):
    recording.add_priority(assessment=team_round, field_key="steuerung", text="Vorhandene")
    recording.save_minutes(assessment=team_round, field_key="steuerung", text="Bisher")
    return team_round


# What a member sees of the shared workshop where it is not the page itself: the old PDF
# address leads on, and a member may have the documentation prepared (it records nothing).
SHARED_MEMBER_REDIRECTS = {"documentation-pdf", "documentation", "documentation-request"}


def snapshot():
    return (
        list(Priority.objects.values_list("pk", "field_key", "question_key", "text", "measure")),
        list(Minutes.objects.values_list("field_key", "text")),
        list(Workshop.objects.values_list("held_on", "participants")),
        Measure.objects.count(),
        PreparedDocument.objects.count(),
    )


@pytest.mark.parametrize("index", range(len(VIEW_IDS)), ids=VIEW_IDS)
def test_another_municipalitys_coordinator_gets_a_404_and_changes_nothing(client, teams, recorded, team_ref, index):
    method, name, args, data = views_of(recorded)[index]
    client.force_login(teams[1].coordinator)
    before = snapshot()
    assert getattr(client, method)(url(name, team_ref, *args), data).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("index", range(len(VIEW_IDS)), ids=VIEW_IDS)
def test_a_respondents_personal_link_gets_a_403_and_changes_nothing(client, recorded, respondent_token, index):
    method, name, args, data = views_of(recorded)[index]
    before = snapshot()
    assert getattr(client, method)(url(name, respondent_token, *args), data).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("index", range(len(VIEW_IDS)), ids=VIEW_IDS)
def test_team_workshops_need_an_account(client, recorded, team_ref, index):
    method, name, args, data = views_of(recorded)[index]
    response = getattr(client, method)(url(name, team_ref, *args), data)
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("index", range(len(VIEW_IDS)), ids=VIEW_IDS)
def test_members_see_nothing_until_the_result_is_shared(client, teams, recorded, team_ref, index):
    method, name, args, data = views_of(recorded)[index]
    client.force_login(teams[0].member)
    before = snapshot()
    assert getattr(client, method)(url(name, team_ref, *args), data).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("index", range(len(VIEW_IDS)), ids=VIEW_IDS)
def test_members_see_the_shared_workshop_but_record_nothing(client, teams, recorded, team_ref, index):
    method, name, args, data = views_of(recorded)[index]
    rounds.share_result(assessment=recorded, shared=True)
    client.force_login(teams[0].member)
    before = snapshot()
    response = getattr(client, method)(url(name, team_ref, *args), data)
    if VIEW_IDS[index] in SHARED_MEMBER_REDIRECTS:
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if method == "get" else 403)
    if VIEW_IDS[index] != "documentation-request":
        assert snapshot() == before


def test_a_shared_member_sees_the_records_without_any_form(client, teams, recorded, team_ref):
    rounds.share_result(assessment=recorded, shared=True)
    client.force_login(teams[0].member)
    page = client.get(url("field", team_ref, "steuerung")).text
    assert "Vorhandene" in page and "Bisher" in page
    assert 'method="post"' not in page.split('id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("name", ["overview", "field"])
def test_every_form_carries_its_csrf_token_and_posts_with_checks_on(link_assessment, name):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    recording.add_priority(assessment=link_assessment, field_key="steuerung", text="Vorhandene")
    args = ("steuerung",) if name == "field" else ()
    page = client.get(url(name, link_assessment.token, *args)).text
    main = page.split('id="main"', 1)[1].split("</main>", 1)[0]
    forms = main.count('method="post"')
    assert forms >= 2 and main.count('name="csrfmiddlewaretoken"') == forms
    token = main.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    minutes = "field-minutes" if name == "field" else "minutes"
    response = client.post(url(minutes, link_assessment.token, *args), {"text": "x", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_an_unknown_field_is_a_404(client, link_assessment):
    assert client.get(url("field", link_assessment.token, "gibt-es-nicht")).status_code == 404


def test_a_priority_of_another_round_cannot_be_removed_through_ours(client, link_assessment, recorded):
    foreign = Priority.objects.get(text="Vorhandene")
    response = client.post(url("remove-priority", link_assessment.token, "steuerung", foreign.pk))
    assert response.status_code == 404
    response = client.post(url("plan-priority", link_assessment.token, foreign.pk))
    assert response.status_code == 404
    assert Priority.objects.filter(pk=foreign.pk, measure=None).exists() and not Measure.objects.exists()


def test_the_team_screen_shows_result_disagreement_and_recommendations(client, teams, team_round, team_ref):
    client.force_login(teams[0].coordinator)
    page = client.get(url("field", team_ref, "steuerung")).text
    assert "Handlungsfeld 1 von 7" in page
    assert "Ergebnis der Verwaltung (Team)" in page
    assert "Konsens: niedrig" in page and "Diskussionsbedarf" in page and "Abstand 3 Stufen" in page
    assert "keine Umfrage unter Beteiligten" in page
    for key in top_keys(team_round):
        assert f'value="{key}"' in page


def test_the_link_screen_shows_the_stakeholders_view_with_the_gap_and_comments(client, link_assessment, stakeholders):
    page = client.get(url("field", link_assessment.token, "steuerung")).text
    assert "Ergebnis des Selbstchecks" in page
    assert "gemeinsamen Link beantwortet" in page
    assert "Wahrnehmungslücke" in page and "Die Beteiligten sehen mehr" in page
    assert "Zivilgesellschaft, Vereine (3): 100" in page
    assert page.index("Beirat früher beteiligen") < page.index("gut so") < page.index("Mehr Sprachkurse")


def test_the_pager_links_overview_fields_and_back_without_javascript(client, link_assessment):
    token = link_assessment.token
    fields = list(link_assessment.version.fields.order_by("number").values_list("key", flat=True))
    overview = client.get(url("overview", token)).text
    assert f'rel="next" href="{url("field", token, fields[0])}"' in overview and 'rel="prev"' not in overview
    first = client.get(url("field", token, fields[0])).text
    assert f'rel="prev" href="{url("overview", token)}"' in first
    assert f'rel="next" href="{url("field", token, fields[1])}"' in first
    last = client.get(url("field", token, fields[-1])).text
    assert f'rel="next" href="{url("overview", token)}"' in last
    assert "js/workshop.js" in first


def test_choosing_without_javascript_saves_and_redirects_back(client, link_assessment):
    first, second = top_keys(link_assessment)
    response = client.post(
        url("choose", link_assessment.token, "steuerung"), {"shown": [first, second], "chosen": [second]}
    )
    assert response.status_code == 302 and response["Location"].endswith("/felder/steuerung/#prioritaeten")
    assert list(Priority.objects.values_list("question_key", flat=True)) == [second]
    page = client.get(response["Location"]).text
    assert f'id="empfehlung-{second}" name="chosen" value="{second}" checked' in page


def test_choosing_with_htmx_answers_with_the_redrawn_priorities_and_a_status(client, link_assessment):
    first, _ = top_keys(link_assessment)
    response = client.post(
        url("choose", link_assessment.token, "steuerung"), {"shown": [first], "chosen": [first]}, **HTMX
    )
    assert response.status_code == 200
    assert "Vereinbarte Priorität (1)" in response.text
    assert 'id="status-prioritaeten" hx-swap-oob="innerHTML"' in response.text and "Gespeichert um" in response.text


def test_adding_and_removing_a_free_priority_with_htmx(client, link_assessment):
    added = client.post(url("add-priority", link_assessment.token, "steuerung"), {"text": "Leitbild"}, **HTMX)
    assert added.status_code == 200 and "Leitbild" in added.text and "frei formuliert" in added.text
    priority = Priority.objects.get()
    removed = client.post(url("remove-priority", link_assessment.token, "steuerung", priority.pk), **HTMX)
    assert removed.status_code == 200 and "Noch keine Priorität vereinbart" in removed.text
    assert not Priority.objects.exists()


def test_minutes_autosave_answers_with_the_save_status_and_a_plain_post_redirects(client, link_assessment):
    saved = client.post(url("field-minutes", link_assessment.token, "steuerung"), {"text": "Notiert"}, **HTMX)
    assert saved.status_code == 200 and "Gespeichert um" in saved.text
    plain = client.post(url("minutes", link_assessment.token), {"text": "Allgemein"})
    assert plain.status_code == 302 and plain["Location"].endswith("/workshop/#protokoll")
    assert dict(Minutes.objects.values_list("field_key", "text")) == {"steuerung": "Notiert", "": "Allgemein"}
    assert "Allgemein" in client.get(url("overview", link_assessment.token)).text


def test_details_are_saved_and_shown(client, link_assessment):
    response = client.post(url("details", link_assessment.token), {"held_on": "2027-03-14", "participants": "Beirat"})
    assert response.status_code == 302
    page = client.get(url("overview", link_assessment.token)).text
    assert 'value="2027-03-14"' in page and "Beirat" in page


@pytest.mark.parametrize(
    ("name", "args", "data", "message"),
    [
        ("add-priority", ("steuerung",), {"text": ""}, "Bitte schreiben Sie die Priorität auf"),
        ("add-priority", ("steuerung",), {"text": "x" * 301}, "höchstens 300 Zeichen"),
        ("add-priority", ("gibt-es-nicht",), {"text": "x"}, "Handlungsfeld gibt es"),
        ("field-minutes", ("steuerung",), {"text": "x" * 4001}, "höchstens 4000 Zeichen"),
        ("field-minutes", ("gibt-es-nicht",), {"text": "x"}, "Handlungsfeld gibt es"),
        ("choose", ("steuerung",), {"chosen": ["frei-erfunden"], "shown": ["frei-erfunden"]}, "gehört nicht"),
        ("choose", ("steuerung",), {"chosen": []}, "Seite neu"),
        ("details", (), {"held_on": "31.02.2027"}, "gültiges Datum"),
        ("details", (), {"participants": "x" * 501}, "höchstens 500 Zeichen"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_bad_input_is_a_400_in_german_and_changes_nothing(client, link_assessment, name, args, data, message, htmx):
    response = client.post(url(name, link_assessment.token, *args), data, **(HTMX if htmx else {}))
    assert response.status_code == 400
    assert message in response.text
    assert not Priority.objects.exists() and not Minutes.objects.exists()
    assert not Workshop.objects.exclude(participants="").exists()


def test_an_htmx_refusal_of_the_priorities_goes_to_their_status_line(client, link_assessment):
    response = client.post(url("add-priority", link_assessment.token, "steuerung"), {"text": ""}, **HTMX)
    assert response["HX-Retarget"] == "#status-prioritaeten" and response["HX-Reswap"] == "innerHTML"
    assert "Nicht gespeichert" in response.text


@pytest.mark.parametrize(
    ("name", "args", "data"),
    [
        ("details", (), {"participants": "Neu"}),
        ("minutes", (), {"text": "Neu"}),
        ("field-minutes", ("steuerung",), {"text": "Neu"}),
        ("add-priority", ("steuerung",), {"text": "Neu"}),
        ("choose", ("steuerung",), None),
        ("remove-priority", ("steuerung",), None),
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_closed_round_refuses_a_crafted_record_with_409_and_nothing_changes(
    client, teams, recorded, team_ref, name, args, data, htmx
):
    priority = Priority.objects.get(text="Vorhandene")
    if name == "choose":
        data = {"shown": top_keys(recorded, 1), "chosen": top_keys(recorded, 1)}
    if name == "remove-priority":
        args, data = (*args, priority.pk), {}
    rounds.close_round(assessment=recorded, closed_by=teams[0].coordinator)
    client.force_login(teams[0].coordinator)
    before = snapshot()
    response = client.post(url(name, team_ref, *args), data, **(HTMX if htmx else {}))
    assert response.status_code == 409
    assert "abgeschlossen" in response.text
    assert snapshot() == before


def test_a_closed_round_shows_the_records_read_only_and_still_offers_the_plan(client, teams, recorded, team_ref):
    rounds.close_round(assessment=recorded, closed_by=teams[0].coordinator)
    client.force_login(teams[0].coordinator)
    page = client.get(url("field", team_ref, "steuerung")).text
    assert "Diese Runde ist abgeschlossen" in page and "Bisher" in page
    assert 'name="chosen"' not in page and 'id="neue-prioritaet"' not in page and 'name="text"' not in page
    assert "Als Maßnahme in den Plan" in page


def test_a_priority_goes_into_the_plan_and_the_screen_links_to_it(client, link_assessment):
    priority = recording.add_priority(assessment=link_assessment, field_key="steuerung", text="Leitbild")
    response = client.post(url("plan-priority", link_assessment.token, priority.pk))
    assert response.status_code == 302 and response["Location"] == reverse("plans:plan", args=[link_assessment.token])
    assert Measure.objects.get().title == "Leitbild"
    page = client.get(url("field", link_assessment.token, "steuerung")).text
    assert "Maßnahme im Plan: Leitbild" in page and "Als Maßnahme in den Plan" not in page


def test_the_overview_sums_up_each_field(client, link_assessment, stakeholders):
    recording.add_priority(assessment=link_assessment, field_key="steuerung", text="A")
    page = client.get(url("overview", link_assessment.token)).text
    assert "Beteiligte sehen mehr" in page
    assert f'href="{url("field", link_assessment.token, "steuerung")}"' in page
    assert 'data-label="Prioritäten">1</td>' in page


def test_the_dialogue_navigation_links_the_workshop(client, link_assessment):
    page = client.get(reverse("dialogue:comparison", args=[link_assessment.token])).text
    assert url("overview", link_assessment.token) in page


def test_the_field_screen_reads_a_fixed_number_of_queries(client, link_assessment, django_assert_max_num_queries):
    for text in "ABCDEFGH":
        recording.add_priority(assessment=link_assessment, field_key="steuerung", text=text)
    with django_assert_max_num_queries(30):
        client.get(url("field", link_assessment.token, "steuerung"))


def test_choosing_four_recommendations_costs_as_many_queries_as_choosing_one(client, link_assessment):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    keys = top_keys(link_assessment, 5)
    choose = url("choose", link_assessment.token, "steuerung")
    client.post(url("minutes", link_assessment.token), {"text": "Workshop und Sitzung bestehen schon."})
    counts = []
    for chosen in (keys[:1], keys[:4]):
        Priority.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            client.post(choose, {"shown": keys, "chosen": chosen})
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 17
    assert Priority.objects.count() == 4


def test_a_team_rounds_workshop_and_documentation_are_private_and_not_stored(client, teams, team_round, team_ref):
    client.force_login(teams[0].coordinator)
    for address in (url("overview", team_ref), url("field", team_ref, "steuerung"), url("documentation", team_ref)):
        assert client.get(address)["Cache-Control"] == "private, no-store"
    assert client.get(reverse("plans:plan", args=[team_ref]))["Cache-Control"] == "private, no-store"


def test_the_results_pages_lead_to_the_workshop(client, teams, link_assessment, team_round, team_ref):
    page = client.get(reverse("selfcheck:results", args=[link_assessment.token])).text
    assert url("overview", link_assessment.token) in page and "Weiter im Dialog" in page
    client.force_login(teams[0].coordinator)
    page = client.get(reverse("teams:result", args=[team_round.pk])).text
    assert url("overview", team_ref) in page and reverse("plans:plan", args=[team_ref]) in page
