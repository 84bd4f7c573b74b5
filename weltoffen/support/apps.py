from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "weltoffen.support"
    label = "support"
    verbose_name = _("Unterstützung für Entscheider:innen")

    def ready(self):
        from .models import Evidence

        # Files follow their rows also when a cascade deletes them (an account is deleted).
        post_delete.connect(remove_evidence_file, sender=Evidence, dispatch_uid="support-evidence-file")


def remove_evidence_file(sender, instance, **kwargs):
    from django.db import transaction

    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
