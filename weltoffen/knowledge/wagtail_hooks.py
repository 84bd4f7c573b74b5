from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from . import home
from .models import ContactMessage


class ContactMessageViewSet(ModelViewSet):
    """Messages from the contact form, for the programme team."""

    model = ContactMessage
    icon = "mail"
    menu_label = _("Kontaktanfragen")
    menu_order = 910
    add_to_admin_menu = True
    list_display = ["created_at", "name", "organisation", "status"]
    list_filter = ["status"]
    search_fields = ["name", "organisation", "message"]
    form_fields = ["status", "name", "email", "organisation", "message"]
    inspect_view_enabled = True
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_contact_messages():
    return ContactMessageViewSet("contact_messages")


# The home page's sections from the knowledge platform, in the places its template names.
hooks.register("weltoffen_panel_home_event", home.event_section)
hooks.register("weltoffen_panel_home_testimonials", home.testimonials_section)
hooks.register("weltoffen_panel_home_contacts", home.contacts_section)
