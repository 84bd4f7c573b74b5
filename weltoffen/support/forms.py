import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weltoffen.municipalities.models import Municipality, fold_umlauts

from .evidence import check_evidence
from .models import HelpRequest, Incident

PHONE_NUMBER = re.compile(r"^\+?[0-9][0-9 /()-]{4,30}$")

CANDIDATE_LIMIT = 10


class HelpFinderForm(forms.Form):
    """Where help applies: a municipality (combobox or typed name) or a Land, as a GET form.

    The field names are those of the Selbstcheck's municipality choice, so the register
    search answers the combobox for this form too.
    """

    municipality_name = forms.CharField(
        label=gettext_lazy("Kommune"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Name, Amtlicher Gemeindeschlüssel oder Postleitzahl"),
    )
    municipality = forms.CharField(required=False, max_length=8, widget=forms.HiddenInput)
    land = forms.ModelChoiceField(
        label=gettext_lazy("oder Land"),
        required=False,
        queryset=Municipality.objects.filter(kind=Municipality.Kind.LAND).order_by("short_name"),
        to_field_name="ags",
        empty_label=gettext_lazy("– Land wählen –"),
        error_messages={"invalid_choice": gettext_lazy("Bitte wählen Sie ein Land aus der Liste.")},
    )

    candidates: list[Municipality] = []

    def clean(self):
        cleaned = super().clean()
        ags = (cleaned.get("municipality") or "").strip()
        name = (cleaned.get("municipality_name") or "").strip()
        self.candidates = []
        cleaned["chosen_municipality"] = None
        if ags:
            municipality = Municipality.objects.select_related("land").filter(ags=ags).first()
            if municipality is None:
                raise forms.ValidationError(
                    _("Die gewählte Kommune gibt es im Verzeichnis nicht. Bitte wählen Sie erneut.")
                )
            cleaned["chosen_municipality"] = municipality
        elif name:
            matches = list(Municipality.objects.search(name).select_related("land")[: CANDIDATE_LIMIT + 1])
            exact = [m for m in matches if fold_umlauts(m.short_name) == fold_umlauts(name)]
            if len(exact) == 1 or len(matches) == 1:
                cleaned["chosen_municipality"] = exact[0] if len(exact) == 1 else matches[0]
            elif not matches:
                self.add_error(
                    "municipality_name",
                    _("Keine Kommune gefunden. Prüfen Sie die Schreibweise oder wählen Sie ein Land."),
                )
            else:
                self.candidates = matches[:CANDIDATE_LIMIT]
        municipality = cleaned["chosen_municipality"]
        if municipality is not None:
            cleaned["chosen_land"] = municipality if municipality.kind == Municipality.Kind.LAND else municipality.land
        else:
            cleaned["chosen_land"] = cleaned.get("land")
        return cleaned


class IncidentForm(forms.ModelForm):
    """An incident; one evidence file may come with it (more on the incident's page)."""

    evidence = forms.FileField(
        label=gettext_lazy("Beweisdatei"),
        required=False,
        help_text=gettext_lazy("Bild (PNG, JPEG, GIF, WebP), PDF oder E-Mail als .eml-Datei, höchstens 10 MB."),
    )

    class Meta:
        model = Incident
        fields = ["occurred_at", "channel", "description", "targeted", "reported_to"]
        widgets = {
            "occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "occurred_at": gettext_lazy("Wann es geschah oder wann Sie es bemerkt haben."),
            "description": gettext_lazy(
                "Möglichst der genaue Wortlaut, Ort oder Adresse (URL), Absender:in oder Profilname, Zeug:innen."
            ),
            "targeted": gettext_lazy("Zum Beispiel: ich selbst, meine Familie, unser Team, die Verwaltung."),
            "reported_to": gettext_lazy(
                "Zum Beispiel: Polizei Musterstadt, Aktenzeichen …; leer lassen, wenn noch nicht gemeldet."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("evidence")
        if upload:
            try:
                check_evidence(upload)
            except ValidationError as error:
                self.add_error("evidence", error)
        return cleaned


class EvidenceForm(forms.Form):
    evidence = forms.FileField(
        label=gettext_lazy("Weitere Beweisdatei"),
        help_text=gettext_lazy("Bild (PNG, JPEG, GIF, WebP), PDF oder E-Mail als .eml-Datei, höchstens 10 MB."),
        error_messages={"required": gettext_lazy("Bitte wählen Sie eine Datei aus.")},
    )


class HelpRequestForm(forms.Form):
    """The minimum: what it is about, and how we reach you."""

    message = forms.CharField(
        label=gettext_lazy("Worum geht es?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Ein paar Sätze genügen. Namen Dritter brauchen wir nicht."),
    )
    contact_channel = forms.ChoiceField(
        label=gettext_lazy("Wie sollen wir Sie erreichen?"),
        choices=HelpRequest.Channel.choices,
        widget=forms.RadioSelect,
    )
    contact = forms.CharField(
        label=gettext_lazy("E-Mail-Adresse oder Telefonnummer"),
        max_length=200,
        help_text=gettext_lazy("Nur dafür, Sie zu erreichen."),
    )
    website = forms.CharField(required=False, label=gettext_lazy("Bitte leer lassen"))

    def clean(self):
        cleaned = super().clean()
        channel, contact = cleaned.get("contact_channel"), (cleaned.get("contact") or "").strip()
        if channel == HelpRequest.Channel.EMAIL and contact:
            try:
                EmailValidator()(contact)
            except ValidationError:
                self.add_error("contact", _("Bitte geben Sie eine gültige E-Mail-Adresse an."))
        if channel == HelpRequest.Channel.PHONE and contact and not PHONE_NUMBER.match(contact):
            self.add_error("contact", _("Bitte geben Sie eine Telefonnummer an, zum Beispiel 0170 1234567."))
        return cleaned

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class HelpRequestStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Stand"), choices=HelpRequest.Status.choices)
