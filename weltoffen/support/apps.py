from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "weltoffen.support"
    label = "support"
    verbose_name = _("Unterstützung für Entscheider:innen")
