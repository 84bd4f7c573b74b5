from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomMediaConfig(AppConfig):
    name = "weltoffen.custom_media"
    verbose_name = _("Medien")
