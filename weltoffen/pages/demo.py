"""Demo content must not pass for fact.

Pages marked "Beispielinhalt" (a field `is_demo` on the page model) always tell search
engines not to index them (base.html). Outside demo mode (`WELTOFFEN_DEMO_MODE`, off in
production unless set) they are also left out of everything that announces pages to other
machines: the sitemap and the feeds.
"""

from django.conf import settings
from django.db.models import QuerySet

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import get_page_models


def demo_mode() -> bool:
    return settings.WELTOFFEN_DEMO_MODE


def announced(queryset: QuerySet) -> QuerySet:
    """The rows of a model with `is_demo` that may be announced: demo rows only in demo mode."""
    return queryset if demo_mode() else queryset.exclude(is_demo=True)


def demo_page_ids() -> set[int]:
    """Ids of all pages marked as demo content, whichever app's page model has the mark."""
    models = [model for model in get_page_models() if "is_demo" in {field.name for field in model._meta.fields}]
    # A subclass shares its parent's rows (KnowledgePage → ArticlePage): ask only the
    # model that declares the field.
    declaring = {model._meta.get_field("is_demo").model for model in models}
    return {pk for model in declaring for pk in model.objects.filter(is_demo=True).values_list("pk", flat=True)}


class PublicSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, without demo pages outside demo mode."""

    def items(self):
        pages = super().items()
        return pages if demo_mode() else pages.exclude(pk__in=demo_page_ids())
