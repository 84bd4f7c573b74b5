"""The workshop documentation: one tagged PDF with everything a council submission needs."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from django.urls import reverse

from weltoffen.plans import measures
from weltoffen.selfcheck.tests.documents import prepared_pdf
from weltoffen.workshops import recording
from weltoffen.workshops.screens import workshop_view

from .conftest import top_keys

pytestmark = pytest.mark.django_db


def assert_tagged(pdf: bytes, *, title: str) -> str:
    """Tagged PDF/UA: structure tree, marked content, language, title shown; returns the text."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF BooleanObject
    assert catalog["/Lang"] == "de"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == title
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def record_workshop(assessment):
    (first,) = top_keys(assessment, 1)
    recording.choose_recommendations(assessment=assessment, field_key="steuerung", chosen=[first], shown=[first])
    free = recording.add_priority(
        assessment=assessment, field_key="steuerung", text="Integrationskonzept fortschreiben"
    )
    recording.save_minutes(
        assessment=assessment, field_key="steuerung", text="Federführung klärt das Büro der Bürgermeisterin."
    )
    recording.save_minutes(assessment=assessment, field_key="", text="Nächster Termin im Herbst.")
    recording.save_details(assessment=assessment, held_on=date(2027, 3, 14), participants="Verwaltung (8), Beirat (3)")
    recording.plan_priority(assessment=assessment, priority_id=free.pk)
    measures.create_measure(
        assessment=assessment, field_key="arbeit", title="Jobmesse mit dem Jobcenter", department="Wirtschaftsförderung"
    )
    return first


def test_the_documentation_of_a_link_assessment_holds_every_part(client, link_assessment, stakeholders):
    first = record_workshop(link_assessment)
    response = prepared_pdf(client, reverse("workshops:documentation", args=[link_assessment.token]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="workshop-dokumentation-selbstcheck-musterstadt.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    text = assert_tagged(response.getvalue(), title="Workshop-Dokumentation: Selbstcheck Musterstadt")
    assert "Workshop am 14. März 2027" in text and "Verwaltung (8), Beirat (3)" in text
    for part in (
        "Ergebnis des Selbstchecks",
        "Uneinigkeit in der Verwaltung",
        "Sicht der Beteiligten",
        "Wahrnehmungslücke",
        "Beirat früher beteiligen",  # a stakeholder comment
        "Vereinbarte Prioritäten",
        "Integrationskonzept fortschreiben",
        "Federführung klärt das Büro der Bürgermeisterin.",
        "Nächster Termin im Herbst.",
        "Maßnahmenplan",
        "Jobmesse mit dem Jobcenter",
        "Wirtschaftsförderung",
    ):
        assert part in text, part
    recommendation = link_assessment.version.questions.get(key=first).recommendation
    assert " ".join(recommendation.split())[:40] in text


def test_the_documentation_of_a_team_round_shows_the_disagreement(client, teams, team_round, team_ref):
    record_workshop(team_round)
    client.force_login(teams[0].coordinator)
    response = prepared_pdf(client, reverse("workshops:documentation", args=[team_ref]))
    text = assert_tagged(response.getvalue(), title=f"Workshop-Dokumentation: {team_round.display_title}")
    assert "Ergebnis der Verwaltung (Team)" in text and "Konsens: niedrig" in text and "Abstand 3 Stufen" in text
    assert "2 Personen haben geantwortet" in text
    assert "keine Umfrage unter Beteiligten" in text


def test_an_empty_workshop_still_documents_the_results(client, link_assessment):
    response = prepared_pdf(client, reverse("workshops:documentation", args=[link_assessment.token]))
    text = assert_tagged(response.getvalue(), title="Workshop-Dokumentation: Selbstcheck Musterstadt")
    assert "Datum des Workshops nicht angegeben" in text
    assert "noch keine Prioritäten festgehalten" in text and "Noch keine Maßnahmen im Plan" in text


def test_the_documentation_is_in_english_under_en(client, link_assessment):
    response = prepared_pdf(client, reverse("workshops:documentation", args=[link_assessment.token]), prefix="/en")
    catalog = PdfReader(io.BytesIO(response.getvalue())).trailer["/Root"]
    assert catalog["/Lang"] == "en"


def test_the_view_counts_all_priorities(link_assessment):
    record_workshop(link_assessment)
    view = workshop_view(link_assessment)
    assert view.priority_count == 2
    assert view.screen("steuerung").free_priorities[0].measure.title == "Integrationskonzept fortschreiben"
