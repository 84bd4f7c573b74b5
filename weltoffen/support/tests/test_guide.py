import io
from datetime import date

import pytest
from pypdf import PdfReader

from django.core.management import call_command
from django.urls import reverse

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.support.models import SupportGuidePage
from weltoffen.support.wagtail_hooks import result_links

GUIDE_URL = "/unterstuetzung/"


@pytest.fixture
def guide(knowledge_site):
    call_command("setup_support", stdout=io.StringIO())
    return SupportGuidePage.objects.get()


def test_setup_creates_the_guide_once_and_leaves_editors_changes(guide):
    guide.title = "Von der Redaktion geändert"
    guide.save_revision().publish()
    out = io.StringIO()
    call_command("setup_support", stdout=out)
    assert "nichts geändert" in out.getvalue()
    assert SupportGuidePage.objects.get().title == "Von der Redaktion geändert"


def test_setup_without_a_home_page_fails_with_a_german_message(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Startseite fehlt"):
        call_command("setup_support", stdout=io.StringIO())


def test_the_guide_covers_what_to_do_documenting_law_talking_and_protection(client, guide):
    content = client.get(GUIDE_URL).content.decode()
    for heading in (
        "Was Sie jetzt tun können",
        "Vorfälle so dokumentieren, dass Polizei und Staatsanwaltschaft damit arbeiten können",
        "Rechtliche Mittel",
        "Im Rat und in der Öffentlichkeit darüber sprechen",
        "Ein Schutzkonzept für die Kommune",
    ):
        assert heading in content


def test_every_legal_statement_names_its_source_and_the_date_it_was_checked(client, guide):
    legal = [block for block in guide.body if block.block_type == "legal"]
    assert {block.value["title"].split(" –")[0] for block in legal} >= {
        "§ 188 StGB",
        "§ 51 BMG",
        "§ 45 BeamtStG und § 78 BBG",
    }
    assert all(
        block.value["source_url"].startswith("https://") and block.value["checked_on"] == date(2026, 12, 2)
        for block in legal
    )
    content = client.get(GUIDE_URL).content.decode()
    assert content.count("geprüft am 02.12.2026") == len(legal)
    assert 'href="https://www.gesetze-im-internet.de/bmg/__51.html"' in content


def test_the_english_guide_is_english_and_marked_so(client, guide):
    content = client.get("/en" + GUIDE_URL).content.decode()
    assert "Guide: if you are attacked or threatened" in content
    assert '<article class="prose" lang="en">' in content
    assert "checked on 12/02/2026" in content


def test_the_easy_language_summary_is_its_own_page_in_german(client, guide):
    content = client.get(GUIDE_URL + "leichte-sprache/").content.decode()
    assert "Die Telefon-Nummer ist: 110." in content
    assert 'lang="de"' in content


def test_every_page_of_the_pillar_links_every_other(client, guide, db):
    pages = [GUIDE_URL, GUIDE_URL + "leichte-sprache/", reverse("support:help-by-land")]
    for path in pages:
        content = client.get(path).content.decode()
        nav = content.split('class="pillar-nav"')[1].split("</nav>")[0]
        for target in pages:
            assert f'href="{target}"' in nav, (path, target)


def test_the_pillar_page_leads_to_the_guide_and_help_by_land(client, guide):
    from weltoffen.knowledge.models import ProjectPage

    pillar = ProjectPage.objects.get(slug="entscheiderinnen")
    content = client.get(pillar.url).content.decode()
    assert f'href="{GUIDE_URL}"' in content
    assert f'href="{reverse("support:help-by-land")}"' in content


def test_other_project_pages_get_no_support_links(client, guide):
    from weltoffen.knowledge.models import ProjectPage

    content = client.get(ProjectPage.objects.get(slug="dialog").url).content.decode()
    assert 'class="pillar-nav"' not in content


def answer(assessment, field_number: int, value: str):
    for question in assessment.version.questions.filter(field__number=field_number):
        answering.save_answer(assessment=assessment, question=question, answer=AnswerInput(value, ""))


def results(client, assessment) -> str:
    return client.get(reverse("selfcheck:results", kwargs={"token": assessment.token})).content.decode()


def test_field_seven_results_link_the_guide_and_help_by_land(client, assessment, guide):
    answer(assessment, 7, "3")
    content = results(client, assessment)
    section = content.split('id="feld-kommunikation"')[1]
    assert "Unterstützung bei Anfeindungen" in section
    assert f'href="http://testserver{GUIDE_URL}"' in section
    other = content.split('id="feld-steuerung"')[1].split('id="feld-')[0] if 'id="feld-steuerung"' in content else ""
    assert "Unterstützung bei Anfeindungen" not in other


def test_a_recommendation_about_a_protection_concept_links_the_guide(client, assessment, guide):
    question = assessment.version.questions.get(key="kommunikation.schutzkonzept")
    answering.save_answer(assessment=assessment, question=question, answer=AnswerInput("0", ""))
    content = results(client, assessment)
    recommendation = content.split(question.recommendation[:60])[1].split("</li>")[0]
    assert f'href="http://testserver{GUIDE_URL}"' in recommendation


def test_the_pdf_report_of_field_seven_links_the_guide(client, assessment, guide):
    answer(assessment, 7, "0")
    response = client.get(reverse("selfcheck:report", kwargs={"token": assessment.token}))
    reader = PdfReader(io.BytesIO(response.content))
    uris = {
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots", []) or []
    }
    assert f"http://testserver{GUIDE_URL}" in uris
    assert f"http://testserver{reverse('support:help-by-land')}" in uris


def test_without_a_published_guide_results_link_help_by_land_only(client, assessment, knowledge_site):
    answer(assessment, 7, "3")
    section = results(client, assessment).split('id="feld-kommunikation"')[1]
    assert f'href="http://testserver{reverse("support:help-by-land")}"' in section
    assert f'href="http://testserver{GUIDE_URL}"' not in section


def test_a_pdf_rendered_in_the_background_links_the_guide_at_the_public_address(guide, settings):
    """A background task has no request: the links point at SITE_URL."""
    settings.SITE_URL = "https://kommune.example"
    (rule,) = result_links(None)
    urls = {link["url"] for link in rule["links"]}
    assert urls == {f"https://kommune.example{GUIDE_URL}", f"https://kommune.example{reverse('support:help-by-land')}"}
