from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from weltoffen.private_files import delete_file_with_row


class SelfcheckConfig(AppConfig):
    name = "weltoffen.selfcheck"
    verbose_name = _("Selbstcheck")

    def ready(self):
        from .models import PreparedDocument

        # Files follow their rows also when a cascade deletes them (an assessment, a team).
        post_delete.connect(delete_file_with_row, sender=PreparedDocument, dispatch_uid="selfcheck-document-file")
