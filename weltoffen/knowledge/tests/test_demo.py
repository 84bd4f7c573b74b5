from collections import Counter

import pytest

from django.core.management import call_command

from wagtail.models import Page

from weltoffen.custom_media.models import CustomImage
from weltoffen.knowledge import models
from weltoffen.knowledge.models import ArticlePage, ContactPerson, EventPage, FAQEntry, PracticeExamplePage, ProjectPage


@pytest.fixture
def demo(register, knowledge_site):
    call_command("load_demo_content")


def test_demo_content_is_complete_and_marked(demo):
    kinds = Counter(ArticlePage.objects.values_list("article_type", flat=True))
    assert kinds["artikel"] >= 8 and kinds["interview"] >= 3 and kinds["praxistipp"] >= 1
    examples = PracticeExamplePage.objects.all()
    assert examples.count() >= 14
    covered = Counter(key for page in examples for key in page.topics.values_list("key", flat=True))
    assert set(covered) == {
        "steuerung",
        "oeffnung",
        "teilhabe",
        "arbeit",
        "beteiligung",
        "zusammenhalt",
        "kommunikation",
    }
    assert FAQEntry.objects.count() >= 12
    assert EventPage.objects.count() >= 3
    assert ContactPerson.objects.exists() and models.Testimonial.objects.exists()
    assert set(ProjectPage.objects.values_list("slug", flat=True)) == {
        "selbstcheck-projekt",
        "dialog",
        "entscheiderinnen",
    }
    for model in (ArticlePage, PracticeExamplePage, EventPage, FAQEntry, ContactPerson, models.Testimonial):
        assert not model.objects.filter(is_demo=False).exists(), model
    assert not CustomImage.objects.filter(alt_text="", is_decorative=False).exists()


def test_loading_the_demo_content_twice_changes_nothing(demo):
    counts = {
        model: model.objects.count() for model in (Page, FAQEntry, ContactPerson, models.Testimonial, CustomImage)
    }
    call_command("load_demo_content")
    assert {model: model.objects.count() for model in counts} == counts
