from datetime import timedelta
from unittest import mock

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, Workflow

from weltoffen.knowledge.models import ArticlePage, KnowledgeIndexPage, KnowledgePage
from weltoffen.municipalities.tests.factories import MunicipalityFactory

from .factories import article, make_image, practice_example


def test_article_types_set_the_kind_used_by_filters_and_search(knowledge_site):
    interview = article(
        title="Gespräch mit einer Integrationsbeauftragten", kind="interview", interviewee="Jana Beispiel"
    )
    assert interview.kind == KnowledgePage.Kind.INTERVIEW
    assert KnowledgePage.objects.get(pk=interview.pk).kind == "interview"


def test_a_page_with_an_image_without_alt_text_cannot_be_saved_or_published(knowledge_site):
    page = ArticlePage(
        title="Ohne Alternativtext", lead="…", body=[("text", "<p>x</p>")], image=make_image(alt_text="")
    )
    with pytest.raises(ValidationError, match="Alternativtext"):
        KnowledgeIndexPage.objects.get().add_child(instance=page)


def test_an_image_in_the_body_without_alt_text_is_refused_too(knowledge_site):
    image = make_image(alt_text="", title="Foto ohne Beschreibung")
    page = ArticlePage(title="Bild im Text", lead="…", body=[("image", {"image": image, "caption": ""})])
    with pytest.raises(ValidationError, match="Foto ohne Beschreibung"):
        KnowledgeIndexPage.objects.get().add_child(instance=page)


@pytest.mark.parametrize(("alt_text", "decorative"), [("Zwei Kreise in Blau", False), ("", True)])
def test_alt_text_or_an_explicit_decorative_choice_allows_publishing(knowledge_site, alt_text, decorative):
    page = article(image=make_image(alt_text=alt_text, decorative=decorative))
    assert page.live


def test_an_event_cannot_end_before_it_starts(knowledge_site):
    from weltoffen.knowledge.models import EventIndexPage, EventPage

    start = timezone.now()
    page = EventPage(
        title="Fachtag", start=start, end=start - timedelta(hours=1), location="Rathaus", description="<p>x</p>"
    )
    with pytest.raises(ValidationError):
        EventIndexPage.objects.get().add_child(instance=page)


def test_article_page_renders_with_where_do_you_stand_box(client, knowledge_site):
    page = article(tags=("leitbild", "konzept"))
    content = client.get(page.url).content.decode()
    assert "Wo steht Ihre Kommune?" in content
    assert 'href="/selbstcheck/handlungsfelder/steuerung/"' in content
    assert 'href="/selbstcheck/start/"' in content


def test_a_municipality_page_shows_its_practice_examples(client, knowledge_site):
    town = MunicipalityFactory(ags="03103000", short_name="Wolfsburg", name="Wolfsburg, Stadt")
    practice_example(town, title="Mehrsprachige Bürgerberatung")
    content = client.get(town.get_absolute_url()).content.decode()
    assert "Mehrsprachige Bürgerberatung" in content


# Editorial workflow


def test_editors_draft_and_moderators_publish(knowledge_site):
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    root = Page.objects.get(depth=1)
    editor_permissions = set(editors.page_permissions.filter(page=root).values_list("permission__codename", flat=True))
    moderator_permissions = set(
        moderators.page_permissions.filter(page=root).values_list("permission__codename", flat=True)
    )
    assert "add_page" in editor_permissions and "publish_page" not in editor_permissions
    assert "publish_page" in moderator_permissions
    assert editors.permissions.filter(codename="change_faqentry").exists()
    assert moderators.permissions.filter(codename="view_contactmessage").exists()


def test_every_page_goes_through_the_moderation_workflow(knowledge_site):
    workflow = Workflow.objects.get(active=True)
    assert workflow.workflow_pages.filter(page__depth=1).exists()
    task = workflow.tasks.first().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    assert KnowledgeIndexPage.objects.get().get_workflow() == workflow


def test_scheduled_pages_go_live_when_their_time_comes(knowledge_site):
    page = ArticlePage(title="Später", lead="…", body=[("text", "<p>x</p>")], live=False)
    KnowledgeIndexPage.objects.get().add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    two_hours_later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=two_hours_later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_the_admin_speaks_german(staff_client, knowledge_site):
    assert "Seiten" in staff_client.get("/admin/").content.decode()
