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
