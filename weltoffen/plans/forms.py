from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Measure


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "field_key",
            "question_key",
            "title",
            "description",
            "department",
            "lead_person",
            "lead_consents",
            "starts_on",
            "due_on",
            "success_indicator",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "success_indicator": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        fields = assessment.version.fields.order_by("number")
        self.fields["field_key"] = forms.ChoiceField(
            label=_("Handlungsfeld"),
            choices=[(f.key, f"{f.number}. {f.display_title}") for f in fields],
            error_messages={
                "invalid_choice": _("Bitte wählen Sie ein Handlungsfeld aus der Liste."),
                "required": _("Bitte wählen Sie ein Handlungsfeld."),
            },
        )
        self.fields["question_key"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
            self.add_error("due_on", _("Das Fälligkeitsdatum liegt vor dem Beginn."))
        if data.get("lead_person") and not data.get("lead_consents"):
            self.add_error("lead_consents", _("Eine Person wird nur mit ihrem Einverständnis genannt."))
        return data


class FilterForm(forms.Form):
    field = forms.CharField(required=False, max_length=40)
    status = forms.ChoiceField(required=False, choices=[("", "")] + list(Measure.Status.choices))
    department = forms.CharField(required=False, max_length=200)
    overdue = forms.BooleanField(required=False)
    view = forms.ChoiceField(required=False, choices=[("", ""), ("status", "status"), ("feld", "feld")])
