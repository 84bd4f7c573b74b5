from django import forms
from django.utils.translation import gettext_lazy as _

from .search import CATEGORIES


class SiteSearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
    art = forms.ChoiceField(label=_("Art"), required=False, choices=[("", _("alle"))] + list(CATEGORIES.items()))
