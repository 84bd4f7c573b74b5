from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SupportService


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
