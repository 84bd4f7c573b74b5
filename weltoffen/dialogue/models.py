"""The community's view of a round: a short anonymous survey (the workshop is `workshops`).

A response stores the group its author chose, the answers and the comments, and
nothing else: no time, no address, no browser detail (see README: anonymity).
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from weltoffen.selfcheck.models import Assessment

from .questions import CURRENT_VERSION, question_set


class SurveyQuerySet(models.QuerySet):
    def by_public_token(self, token: str) -> "Survey | None":
        if not (16 <= len(token) <= 64) or not all(c.isalnum() or c in "-_" for c in token):
            return None
        return self.select_related("assessment").filter(public_token=token).first()


class Survey(models.Model):
    """The stakeholder survey of one round (or one single-link assessment).

    Its public link only lets people answer; it is meant to be shared and printed, so it
    is stored as it is. The results are reachable only through the owner's pages.
    """

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="survey")
    public_token = models.CharField(max_length=64, unique=True, editable=False)
    questions_version = models.PositiveSmallIntegerField(default=CURRENT_VERSION)
    is_open = models.BooleanField(_("offen für Antworten"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")

    def __str__(self) -> str:
        return str(_("Umfrage zu %(title)s") % {"title": self.assessment.display_title})

    @staticmethod
    def new_public_token() -> str:
        return secrets.token_urlsafe(16)

    @property
    def questions(self):
        return question_set(self.questions_version)


class SurveyResponse(models.Model):
    class Group(models.TextChoices):
        POLITICS = "politik", _("Politik")
        CIVIL_SOCIETY = "zivilgesellschaft", _("Zivilgesellschaft, Vereine")
        MIGRANT_ORGANISATIONS = "migrantenorganisationen", _("Migrantenorganisationen, Integrationsbeirat")
        BUSINESS = "wirtschaft", _("Wirtschaft")
        RESIDENT = "einwohnerin", _("Einwohner:in")
        ADMINISTRATION = "verwaltung", _("Verwaltung")
        OTHER = "sonstige", _("Sonstige")

    # No timestamp: the order of arrival (the primary key) is all the figures need.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(_("Gruppe"), max_length=30, choices=Group.choices)

    class Meta:
        verbose_name = _("Antwort auf die Umfrage")
        verbose_name_plural = _("Antworten auf die Umfrage")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class SurveyAnswer(models.Model):
    DONT_KNOW = "weiss-nicht"
    VALUES = ("0", "1", "2", "3", DONT_KNOW)

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=80)
    value = models.CharField(max_length=20, choices=[(v, v) for v in VALUES])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question_key"], name="one_survey_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question_key}: {self.value}"

    @property
    def score_value(self) -> int | None:
        return int(self.value) if self.value in ("0", "1", "2", "3") else None


class SurveyComment(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="comments")
    field_key = models.CharField(max_length=40)
    text = models.TextField(max_length=1000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "field_key"], name="one_comment_per_field")]

    def __str__(self) -> str:
        return self.text[:60]
