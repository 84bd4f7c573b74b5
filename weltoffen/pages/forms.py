from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BarrierReport


class HoneypotMixin(forms.Form):
    """A field people never see; bots that fill every field reveal themselves."""

    website = forms.CharField(required=False, label=_("Bitte leer lassen"))

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class BarrierReportForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = BarrierReport
        fields = ["page_url", "message", "name", "email"]
        labels = {
            "page_url": _("Auf welcher Seite ist die Barriere?"),
            "message": _("Was funktioniert nicht?"),
            "name": _("Ihr Name"),
            "email": _("Ihre E-Mail-Adresse"),
        }
        help_texts = {
            "page_url": _(
                "Die Adresse der Seite, zum Beispiel /selbstcheck/. Wir haben die Seite eingetragen, von der Sie kommen."
            ),
            "message": _(
                "Beschreiben Sie bitte, was Sie tun wollten und woran es gescheitert ist, und welche Hilfsmittel Sie nutzen (z. B. Screenreader, Vergrößerung)."
            ),
            "email": _("Nur wenn Sie eine Antwort möchten. Wir nutzen die Adresse nur dafür."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "page_url": {"max_length": _("Die Adresse darf höchstens %(limit_value)d Zeichen lang sein.")},
            "message": {
                "required": _("Bitte beschreiben Sie die Barriere."),
                "max_length": _(
                    "Bitte fassen Sie sich kürzer (höchstens %(limit_value)d Zeichen, jetzt %(show_value)d)."
                ),
            },
            "email": {"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.")},
        }

    def clean_page_url(self):
        """Stored without secret-link tokens, whatever was typed or passed on."""
        from .secrets import without_secrets

        return without_secrets(self.cleaned_data.get("page_url", ""))
