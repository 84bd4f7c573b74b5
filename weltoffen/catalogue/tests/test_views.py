from pathlib import Path

import pytest

from django.contrib.staticfiles import finders
from django.urls import reverse

from weltoffen.catalogue.models import CatalogueVersion


def test_overview_lists_the_seven_fields(client, catalogue):
    response = client.get(reverse("catalogue:overview"))
    content = response.content.decode()
    assert response.status_code == 200
    for field in catalogue.fields.all():
        assert field.title in content
        assert reverse("catalogue:field", args=[field.key]) in content


def test_field_page_lists_every_question_with_its_help_text(client, catalogue):
    field = catalogue.fields.get(number=3)
    response = client.get(reverse("catalogue:field", args=[field.key]))
    content = response.content.decode()
    for question in field.questions.all():
        assert f'id="frage-{question.key}"' in content
    assert content.count('class="question"') == field.questions.count()
    for subtopic in field.subtopics.all():
        assert f'id="{subtopic.key}"' in content
    assert "nicht vorhanden" in content and "weiß nicht" in content and "trifft nicht zu" in content


def test_field_page_is_printable(client, catalogue):
    field = catalogue.fields.get(number=1)
    content = client.get(reverse("catalogue:field", args=[field.key])).content.decode()
    assert 'class="pager no-print"' in content
    site_css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    print_rules = site_css[site_css.index("@media print") :]
    assert ".no-print" in print_rules and ".site-header" in print_rules


def test_english_interface_shows_english_field_titles(client, catalogue):
    field = catalogue.fields.get(number=1)
    response = client.get(f"/en{reverse('catalogue:field', args=[field.key])}")
    assert field.title_en in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/selbstcheck/handlungsfelder/gibt-es-nicht/", "/selbstcheck/?version=v99", "/selbstcheck/methodik/?version=%27"],
)
def test_unknown_field_or_version_is_404(client, catalogue, path):
    assert client.get(path).status_code == 404


def test_pages_are_404_not_500_before_a_catalogue_is_loaded(client, db):
    assert client.get(reverse("catalogue:overview")).status_code == 404


def test_method_page_explains_the_numbers_from_the_catalogue_configuration(client, catalogue):
    response = client.get(reverse("catalogue:method"))
    content = response.content.decode()
    assert "ab einer Abdeckung von 50 %" in content
    assert "25 bis 49" in content and "75 bis 100" in content
    assert "um 2 Stufen oder mehr" in content
    # The worked example is computed by the scoring code: 100 × 13 / 18.
    assert "= 72,2" in content

    assert "hoch ab 80 %, mittel ab 50 %" in content
    # The team example is computed by the same functions: medians 2, 2, 1 with weights 3, 2, 1.
    assert "Teamwert 61" in content and "Konsens 33 %" in content
    assert "reichen von 22 bis 89" in content  # 4/18, 10/18, 16/18 and 13/15 ("weiß nicht" left out)

    CatalogueVersion.objects.filter(pk=catalogue.pk).update(
        method={
            **catalogue.method,
            "coverage_threshold": 0.6,
            "discussion_spread": 3,
            "consensus": {"high": 0.9, "medium": 0.4},
        }
    )
    content = client.get(reverse("catalogue:method")).content.decode()
    assert "ab einer Abdeckung von 60 %" in content
    assert "um 3 Stufen oder mehr" in content
    assert "hoch ab 90 %, mittel ab 40 %" in content


@pytest.mark.django_db
def test_the_methodik_page_of_v2_explains_the_level_rules_from_the_method_data(client, catalogue_v2):
    page = client.get(reverse("catalogue:method")).content.decode()
    assert "„Vorreiter“ erreicht ein Handlungsfeld nur, wenn jede grundlegende Frage mindestens bei 2" in page
    assert "Für die Stufe zählt „weiß nicht“ als 0." in page
    assert "Steht die vorausgesetzte Frage bei 0" in page
    # the worked example: "weiß nicht" 100 → Aufbau, 0 → 53 → Aufbau, 2 → 84 → Vorreiter
    example = page[page.index("Rechenbeispiel: Handlungsfeld mit 15 Fragen") :]
    assert all(f">{cell}</td>" in example for cell in ("100", "53", "84"))
    assert example.count(">Aufbau</td>") == 2


@pytest.mark.django_db
def test_the_methodik_page_of_v1_says_its_levels_follow_the_score_alone(client, catalogue_v2):
    page = client.get(reverse("catalogue:method") + "?version=v1").content.decode()
    assert "In dieser Version hängt die Stufe allein vom Punktwert und von der Abdeckung ab." in page
    assert "Methode 1: Stufe allein nach Punktwert und Abdeckung" in page


@pytest.mark.django_db
def test_the_methodik_page_reads_the_level_rules_in_english(client, catalogue_v2):
    page = client.get("/en" + reverse("catalogue:method")).content.decode()
    assert 'A field reaches "Pioneer" only when every foundation question' in page or (
        "A field reaches &quot;Pioneer&quot; only when every foundation question" in page
    )
