from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import OutgoingMail


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Only the platform writes mail: in the admin, superusers included, mail can be looked at only."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(OutgoingMail, ViewOnlyPolicy(OutgoingMail))


class OutgoingMailViewSet(ModelViewSet):
    """Staff see which mail failed and why; the content itself is sealed and never shown."""

    model = OutgoingMail
    menu_label = _("Ausgehende E-Mails")
    icon = "mail"
    add_to_settings_menu = True
    list_display = ["created_at", "kind_label", "recipient_hint", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "kind"]
    inspect_view_enabled = True
    inspect_view_fields = list_display
    copy_view_enabled = False
    exclude_form_fields = ["sealed_message"]


@hooks.register("register_admin_viewset")
def register_outgoing_mail():
    return OutgoingMailViewSet("outgoing_mail")
