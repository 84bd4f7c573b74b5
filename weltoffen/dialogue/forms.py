import secrets

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from weltoffen.pages.forms import HoneypotMixin

from .models import Survey, SurveyAnswer, SurveyResponse
from .surveys import Submission

NONCE_SALT = "dialogue.survey-nonce"
NONCE_MAX_AGE = 60 * 60 * 24  # a form left open over night still works


class TamperedSurvey(Exception):
    """The posted form is not one this survey's page produced."""


def new_nonce(survey: Survey) -> str:
    return signing.dumps([survey.pk, secrets.token_urlsafe(12)], salt=NONCE_SALT)


def read_nonce(value: str, survey: Survey) -> str:
    """The nonce's random part; a nonce of another survey, expired or forged raises."""
    try:
        survey_pk, nonce = signing.loads(value, salt=NONCE_SALT, max_age=NONCE_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise TamperedSurvey from error
    if survey_pk != survey.pk:
        raise TamperedSurvey
    return nonce


class SurveyForm(HoneypotMixin, forms.Form):
    """Group, one choice per question (each may be skipped), one comment per field.

    Field names are `q-<question key>` and `c-<field key>`; a posted name that is
    neither, nor one of the form's own, means the form was tampered with.
    """

    group = forms.ChoiceField(
        label=_("Zu welcher Gruppe gehören Sie?"),
        choices=SurveyResponse.Group.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie Ihre Gruppe."),
            "invalid_choice": _("Bitte wählen Sie eine Gruppe aus der Liste."),
        },
    )
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=200)

    OWN_NAMES = {"group", "nonce", "website", "csrfmiddlewaretoken", "language"}

    def __init__(self, *args, survey: Survey, language: str = "de", **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.language = language
        questions = survey.questions
        self.comment_max_length = questions.comment_max_length
        for question in questions.questions:
            self.fields[f"q-{question.key}"] = forms.ChoiceField(
                label=question.text.in_language(language),
                choices=[("", "")]
                + [(str(value), label.in_language(language)) for value, label in questions.scale]
                + [(SurveyAnswer.DONT_KNOW, questions.dont_know.in_language(language))],
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Diese Antwort gibt es auf der Skala nicht.")},
            )
        for field_key in dict.fromkeys(q.field_key for q in questions.questions):
            self.fields[f"c-{field_key}"] = forms.CharField(
                label=_("Ihr Kommentar zu diesem Handlungsfeld"),
                required=False,
                max_length=questions.comment_max_length,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Freiwillig, höchstens %(limit)d Zeichen. Bitte nennen Sie keine Namen.")
                % {"limit": questions.comment_max_length},
                error_messages={
                    "max_length": _(
                        "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen, jetzt %(show_value)d."
                    )
                },
            )

    def check_names(self) -> None:
        if self.data and set(self.data) - set(self.fields) - self.OWN_NAMES:
            raise TamperedSurvey

    def questions_by_field(self) -> list[tuple[str, list, object]]:
        """(field key, question bound fields, comment bound field) in the file's order."""
        grouped: dict[str, list] = {}
        for question in self.survey.questions.questions:
            grouped.setdefault(question.field_key, []).append(self[f"q-{question.key}"])
        return [(key, bound, self[f"c-{key}"]) for key, bound in grouped.items()]

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            group=data["group"],
            answers={name[2:]: value for name, value in data.items() if name.startswith("q-") and value},
            comments={
                name[2:]: value.strip() for name, value in data.items() if name.startswith("c-") and value.strip()
            },
        )

    def content_digest_source(self) -> str:
        """The submitted content, for spotting the same response sent from many addresses."""
        data = self.cleaned_data
        return "|".join(f"{name}={data[name]}" for name in sorted(data) if name.startswith(("q-", "c-")))
