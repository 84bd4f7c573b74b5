from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Minutes, Priority, Workshop

TOO_LONG = _("Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen, jetzt %(show_value)d.")


class DetailsForm(forms.Form):
    held_on = forms.DateField(
        label=_("Datum des Workshops"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Bitte geben Sie ein gültiges Datum ein, zum Beispiel 14.03.2027.")},
    )
    participants = forms.CharField(
        label=_("Teilnehmende"),
        required=False,
        max_length=Workshop.PARTICIPANTS_MAX_LENGTH,
        help_text=_(
            "Zum Beispiel Gruppen und Anzahl: Verwaltung (8), Integrationsbeirat (3), Vereine (4). "
            "Namen bitte nur mit Einverständnis."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )


class PriorityForm(forms.Form):
    text = forms.CharField(
        label=_("Weitere Priorität, frei formuliert"),
        max_length=Priority.TEXT_MAX_LENGTH,
        error_messages={
            "required": _("Bitte schreiben Sie die Priorität auf, bevor Sie sie hinzufügen."),
            "max_length": TOO_LONG,
        },
    )


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Protokoll"),
        required=False,
        max_length=Minutes.TEXT_MAX_LENGTH,
        strip=True,
        error_messages={"max_length": TOO_LONG},
    )


class RecommendationsForm(forms.Form):
    """Which of the shown recommendations are agreed priorities; `shown` says which were shown."""

    chosen = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Diese Empfehlung gehört nicht zu diesem Handlungsfeld.")},
    )
    shown = forms.MultipleChoiceField(
        error_messages={
            "invalid_choice": _("Diese Empfehlung gehört nicht zu diesem Handlungsfeld."),
            "required": _("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."),
        },
    )

    def __init__(self, *args, question_keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(key, key) for key in question_keys]
        self.fields["chosen"].choices = choices
        self.fields["shown"].choices = choices
