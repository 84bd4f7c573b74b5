from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from weltoffen.private_files import delete_file_with_row


class SupportConfig(AppConfig):
    name = "weltoffen.support"
    label = "support"
    verbose_name = _("Unterstützung für Entscheider:innen")

    def ready(self):
        from .models import Evidence

        # Files follow their rows also when a cascade deletes them (an account is deleted).
        post_delete.connect(delete_file_with_row, sender=Evidence, dispatch_uid="support-evidence-file")
