from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class SelfcheckConfig(AppConfig):
    name = "weltoffen.selfcheck"
    verbose_name = _("Selbstcheck")

    def ready(self):
        from .models import PreparedDocument

        # Files follow their rows also when a cascade deletes them (an assessment, a team).
        post_delete.connect(remove_document_file, sender=PreparedDocument, dispatch_uid="selfcheck-document-file")


def remove_document_file(sender, instance, **kwargs):
    from django.db import transaction

    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
