from urllib.parse import urljoin

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from weltoffen.knowledge.linking import RESULT_LINKS_HOOK
from weltoffen.knowledge.models import PROJECT_PAGE_LINKS_HOOK
from weltoffen.pages.addresses import absolute_url

from .models import SupportService
from .navigation import pillar_links


class SupportServiceViewSet(ModelViewSet):
    """Help by Land, for editors: correct an entry and set its "geprüft am" date."""

    model = SupportService
    icon = "help"
    menu_label = _("Hilfe nach Land")
    menu_order = 920
    add_to_admin_menu = True
    list_display = ["name", "land", "kind", "checked_on", "is_active"]
    list_filter = ["kind", "land", "is_active"]
    search_fields = ["name", "description"]
    form_fields = [
        "key", "land", "kind", "name", "description", "description_en", "phone", "email", "web",
        "opening_hours", "opening_hours_en", "note", "note_en", "source", "checked_on", "is_active",
    ]  # fmt: skip
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_support_services():
    return SupportServiceViewSet("support_services")


@hooks.register(PROJECT_PAGE_LINKS_HOOK)
def pillar_page_links(page, request):
    """The pillar page "Stärkung kommunaler Entscheider:innen" leads to every page of the pillar."""
    return pillar_links(request) if page.slug == settings.SUPPORT_PILLAR_SLUG else []


@hooks.register(RESULT_LINKS_HOOK)
def result_links(request):
    """Field 7's results and PDF, and every recommendation about protection, lead to the
    guide and to help by Land (absolute addresses: the PDF is read away from the site; a PDF
    rendered in the background has no request and links to SITE_URL)."""
    links = [
        {"label": link["label"], "url": urljoin(absolute_url("/", request), link["url"])}
        for link in pillar_links(request, keys=("guide", "help"))
    ]
    return [{"fields": set(settings.SUPPORT_RESULT_FIELDS), "tags": set(settings.SUPPORT_RESULT_TAGS), "links": links}]
