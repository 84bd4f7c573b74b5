from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "weltoffen.peers"
    verbose_name = _("Vergleich und Voneinander lernen")
