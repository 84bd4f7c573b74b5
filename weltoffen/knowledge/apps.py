from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "weltoffen.knowledge"
    verbose_name = _("Wissensplattform")

    def ready(self):
        from .indexing import connect_signals

        connect_signals()
