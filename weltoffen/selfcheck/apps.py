from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfcheckConfig(AppConfig):
    name = "weltoffen.selfcheck"
    verbose_name = _("Selbstcheck")
