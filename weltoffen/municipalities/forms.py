from django import forms
from django.utils.translation import gettext_lazy as _


class MunicipalitySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Kommune suchen"),
        max_length=100,
        required=False,
        help_text=_("Name (auch teilweise), Amtlicher Gemeindeschlüssel oder Postleitzahl"),
    )
