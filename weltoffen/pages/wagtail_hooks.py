from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from weltoffen import page_cache

from .models import BarrierReport


class BarrierReportViewSet(ModelViewSet):
    """Reports of accessibility barriers, for staff to work through."""

    model = BarrierReport
    icon = "warning"
    menu_label = _("Barriere-Meldungen")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["created_at", "page_url", "status", "email"]
    list_filter = ["status"]
    search_fields = ["message", "page_url"]
    form_fields = ["status", "staff_note", "page_url", "message", "name", "email"]
    inspect_view_enabled = True
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_barrier_reports():
    return BarrierReportViewSet("barrier_reports")


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    """Live pages without a view restriction are the same for every anonymous visitor."""
    if not getattr(request, "is_preview", False) and not page.get_view_restrictions().exists():
        page_cache.mark_public(request)
