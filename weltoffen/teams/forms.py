from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.selfcheck.forms import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG, StartForm
from weltoffen.selfcheck.models import Respondent

from .models import Membership


class CreateTeamForm(StartForm):
    """The municipality is chosen as when starting a Selbstcheck, but it is required."""

    title = None
    name = forms.CharField(
        label=gettext_lazy("Name des Teams"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Zum Beispiel „Steuerungsgruppe Integration“. Leer lassen für den Namen der Kommune."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality_name"].required = True
        self.fields["municipality_name"].error_messages["required"] = _("Bitte wählen Sie die Kommune Ihres Teams.")
        self.fields["municipality_name"].help_text = _("Name, Amtlicher Gemeindeschlüssel oder Postleitzahl")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("chosen_municipality") is None and not self.errors:
            self.add_error("municipality_name", _("Bitte wählen Sie die Kommune Ihres Teams."))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        max_length=EMAIL_MAX_LENGTH,
        label=gettext_lazy("E-Mail-Adresse"),
        required=False,
        help_text=gettext_lazy(
            "Wir senden die Einladung an diese Adresse. Leer lassen, wenn Sie den persönlichen Link selbst weitergeben."
        ),
        error_messages={
            "invalid": gettext_lazy("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."),
            "max_length": EMAIL_TOO_LONG,
        },
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)
    # Starts empty: a preselected department would be wrong for most colleagues and go unnoticed.
    department = forms.ChoiceField(
        label=gettext_lazy("Fachbereich"),
        choices=[("", gettext_lazy("Bitte wählen"))] + Respondent.Department.choices,
        error_messages={
            "required": gettext_lazy("Bitte wählen Sie einen Fachbereich."),
            "invalid_choice": gettext_lazy("Bitte wählen Sie einen Fachbereich aus der Liste."),
        },
    )
    department_other = forms.CharField(
        label=gettext_lazy("Fachbereich, wenn „andere Stelle“"), max_length=200, required=False
    )
    field_keys = forms.MultipleChoiceField(
        label=gettext_lazy("Handlungsfelder, die diese Person beantwortet"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
        help_text=gettext_lazy("Keine Auswahl heißt: alle Handlungsfelder."),
        error_messages={"invalid_choice": gettext_lazy("Dieses Handlungsfeld gibt es in dieser Runde nicht.")},
    )
    show_name = forms.BooleanField(
        label=gettext_lazy("Die Person ist einverstanden, dass ihr Name im Teamergebnis bei ihren Antworten steht."),
        required=False,
    )

    def __init__(self, *args, version: CatalogueVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_keys"].choices = [
            (f.key, f"{f.number}. {f.display_title}") for f in version.fields.order_by("number")
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("department") == Respondent.Department.OTHER and not cleaned.get("department_other", "").strip():
            self.add_error("department_other", _("Bitte nennen Sie den Fachbereich."))
        return cleaned


class NextRoundForm(forms.Form):
    version = forms.ModelChoiceField(
        label=gettext_lazy("Katalogversion"),
        queryset=CatalogueVersion.objects.all(),
        empty_label=None,
        to_field_name="key",
    )
    carry_over = forms.BooleanField(
        label=gettext_lazy(
            "Alle Eingeladenen der letzten Runde erneut einladen: mit neuen Links und ihren bisherigen Antworten zum Prüfen"
        ),
        required=False,
        initial=True,
    )


class TakeOverForm(forms.Form):
    link = forms.CharField(
        label=gettext_lazy("Link des Selbstchecks"),
        max_length=300,
        help_text=gettext_lazy("Der geheime Link, mit dem der Selbstcheck ohne Konto begonnen wurde."),
    )

    def token(self) -> str:
        """The token part of a pasted link, or the token itself."""
        text = self.cleaned_data["link"].strip().rstrip("/")
        return text.rsplit("/a/", 1)[-1].split("/")[0] if "/a/" in text else text


class MemberForm(forms.Form):
    email = forms.EmailField(
        max_length=EMAIL_MAX_LENGTH,
        label=gettext_lazy("E-Mail-Adresse des Kontos"),
        help_text=gettext_lazy("Die Person muss sich vorher mit dieser Adresse registriert haben."),
        error_messages={
            "invalid": gettext_lazy("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."),
            "max_length": EMAIL_TOO_LONG,
        },
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Rolle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateField(
        label=gettext_lazy("Antworten erbeten bis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Steht in den Einladungen. Leer lassen für keinen Termin."),
        error_messages={"invalid": gettext_lazy("Bitte geben Sie ein Datum an, z. B. 31.01.2027.")},
    )
