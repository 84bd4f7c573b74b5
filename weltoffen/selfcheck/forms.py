from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weltoffen.catalogue.models import FieldOfAction, Question
from weltoffen.municipalities.models import Municipality, fold_umlauts

from .answering import AnswerInput
from .models import Answer, FieldNote

CANDIDATE_LIMIT = 10
# The column's length (RFC 5321 allows 254 characters in a forward path).
EMAIL_MAX_LENGTH = 254
EMAIL_TOO_LONG = gettext_lazy("Die E-Mail-Adresse darf höchstens %(limit_value)d Zeichen lang sein.")
VALID_VALUES = {choice.value for choice in Answer.Value}
VALID_EVIDENCE = set(Answer.Evidence.values)


class StartForm(forms.Form):
    """Start without an account: a municipality (optional) and a title (optional).

    With JavaScript the combobox fills `municipality` with an AGS; without it the
    typed name is searched and, if several places match, offered as a choice.
    """

    municipality_name = forms.CharField(
        label=gettext_lazy("Kommune"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Name, Amtlicher Gemeindeschlüssel oder Postleitzahl. Sie können das Feld auch leer lassen."
        ),
    )
    municipality = forms.CharField(required=False, max_length=8, widget=forms.HiddenInput)
    title = forms.CharField(
        label=gettext_lazy("Titel des Selbstchecks"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Zum Beispiel „Selbstcheck Sozialdezernat 2027“. Erscheint im Bericht."),
        error_messages={"max_length": gettext_lazy("Der Titel darf höchstens %(limit_value)d Zeichen lang sein.")},
    )

    candidates: list[Municipality] = []

    def clean(self):
        cleaned = super().clean()
        ags = cleaned.get("municipality", "").strip()
        name = cleaned.get("municipality_name", "").strip()
        self.candidates = []
        if ags:
            municipality = Municipality.objects.filter(ags=ags).first()
            if municipality is None:
                raise forms.ValidationError(
                    _("Die gewählte Kommune gibt es im Verzeichnis nicht. Bitte wählen Sie erneut.")
                )
            cleaned["chosen_municipality"] = municipality
        elif name:
            matches = list(Municipality.objects.search(name).select_related("land")[: CANDIDATE_LIMIT + 1])
            # "Potsdam" means the city, not Potsdam-Mittelmark; "Dachau" stays ambiguous.
            exact = [m for m in matches if fold_umlauts(m.short_name) == fold_umlauts(name)]
            if len(exact) == 1 or len(matches) == 1:
                cleaned["chosen_municipality"] = exact[0] if len(exact) == 1 else matches[0]
            elif not matches:
                self.add_error(
                    "municipality_name",
                    _("Keine Kommune gefunden. Prüfen Sie die Schreibweise oder lassen Sie das Feld leer."),
                )
            else:
                self.candidates = matches[:CANDIDATE_LIMIT]
                self.add_error("municipality_name", _("Mehrere Kommunen passen. Bitte wählen Sie Ihre aus der Liste."))
        else:
            cleaned["chosen_municipality"] = None
        return cleaned


class TamperedForm(Exception):
    """The submitted form does not belong to this page: unknown question or value."""


class FieldAnswersForm:
    """The answers of one field of action as posted by its page.

    Field names: `answer:<key>`, `note:<key>`, `evidence:<key>` and, for the change check,
    the state the page showed in `shown-answer:<key>`, `shown-note:<key>`, `shown-evidence:<key>`.
    """

    def __init__(self, *, field: FieldOfAction, questions: list[Question], data=None):
        self.field = field
        self.questions = {q.key: q for q in questions}
        self.data = data
        self.errors: dict[str, str] = {}
        self.submitted: dict[str, AnswerInput] = {}
        self.shown: dict[str, AnswerInput] = {}
        self.field_note: str | None = None
        self.shown_field_note: str | None = None

    def is_valid(self) -> bool:
        """Parse the data; raise TamperedForm for anything no page of ours can send."""
        prefixes = ("answer:", "note:", "evidence:", "shown-answer:", "shown-note:", "shown-evidence:")
        posted_keys = {name.split(":", 1)[1] for name in self.data if name.startswith(prefixes)}
        unknown = posted_keys - set(self.questions)
        if unknown:
            raise TamperedForm(_("Das Formular enthält Fragen, die es in diesem Handlungsfeld nicht gibt."))
        for key in self.questions:
            if f"answer:{key}" not in self.data and f"note:{key}" not in self.data:
                continue
            answer = self.parse(key, "")
            if answer.value == Answer.Value.NOT_APPLICABLE and not self.questions[key].not_applicable:
                # Offered only where it cannot hide a gap; no page of ours sends it elsewhere.
                raise TamperedForm(_("„Trifft nicht zu“ ist für diese Frage nicht vorgesehen."))
            self.submitted[key] = answer
            self.shown[key] = self.parse(key, "shown-")
            if len(answer.note) > Answer.NOTE_MAX_LENGTH:
                self.errors[key] = _("Die Notiz ist zu lang: höchstens %(limit)d Zeichen, jetzt %(length)d.") % {
                    "limit": Answer.NOTE_MAX_LENGTH,
                    "length": len(answer.note),
                }
        if "field-note" in self.data:
            self.field_note = self.data.get("field-note", "").strip()
            self.shown_field_note = self.data.get("shown-field-note", "").strip()
            if "\x00" in self.field_note + self.shown_field_note:
                raise TamperedForm(_("Die Notiz enthält ein Steuerzeichen, das keine Tastatur sendet."))
            if len(self.field_note) > FieldNote.NOTE_MAX_LENGTH:
                self.errors["field-note"] = _(
                    "Die Notiz ist zu lang: höchstens %(limit)d Zeichen, jetzt %(length)d."
                ) % {
                    "limit": FieldNote.NOTE_MAX_LENGTH,
                    "length": len(self.field_note),
                }
        return not self.errors

    def parse(self, key: str, prefix: str) -> AnswerInput:
        value = self.data.get(f"{prefix}answer:{key}", "")
        if value not in VALID_VALUES:
            raise TamperedForm(_("Für eine Frage wurde eine Antwort gesendet, die es nicht gibt."))
        evidence = self.data.get(f"{prefix}evidence:{key}", "")
        if evidence not in VALID_EVIDENCE:
            raise TamperedForm(_("Für eine Frage wurde eine Art von Beleg gesendet, die es nicht gibt."))
        note = self.data.get(f"{prefix}note:{key}", "")
        if "\x00" in note:
            raise TamperedForm(_("Die Notiz enthält ein Steuerzeichen, das keine Tastatur sendet."))
        return AnswerInput(value=value, note=note.strip(), evidence=evidence)


class LinkMailForm(forms.Form):
    email = forms.EmailField(
        max_length=EMAIL_MAX_LENGTH,
        label=gettext_lazy("E-Mail-Adresse"),
        help_text=gettext_lazy(
            "Wir senden den Link einmal an diese Adresse und speichern sie nur verschlüsselt bis zum Versand."
        ),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie eine E-Mail-Adresse an."),
            "invalid": gettext_lazy("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."),
            "max_length": EMAIL_TOO_LONG,
        },
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Ausgefüllte Excel-Datei (.xlsx)"),
        help_text=gettext_lazy(
            "Die Datei aus „Antworten als Excel-Datei herunterladen“, offline ausgefüllt. Höchstens 2 MB."
        ),
        error_messages={
            "required": gettext_lazy("Bitte wählen Sie eine Datei aus."),
            "empty": gettext_lazy("Die Datei ist leer."),
            "invalid": gettext_lazy("Bitte wählen Sie eine Datei aus."),
        },
    )
