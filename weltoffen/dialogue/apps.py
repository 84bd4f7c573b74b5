from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "weltoffen.dialogue"
    verbose_name = _("Dialog")

    def ready(self):
        from .questions import question_set

        question_set()  # a broken question file stops the start, not the first participant
