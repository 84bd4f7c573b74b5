import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weltoffen.catalogue.models import CatalogueVersion, FieldOfAction, Question
from weltoffen.municipalities.models import Municipality
from weltoffen.private_files import PrivateStorage

from . import scoring
from .tokens import hash_token, looks_like_token


class AssessmentQuerySet(models.QuerySet):
    def by_token(self, token: str) -> "Assessment | None":
        """The assessment a secret link opens, or None; never raises on bad input."""
        if not looks_like_token(token):
            return None
        return self.select_related("version", "municipality").filter(token_hash=hash_token(token)).first()

    def inactive_since(self, moment) -> "AssessmentQuerySet":
        """Anonymous assessments to purge; team rounds are kept as long as their team."""
        return self.filter(last_activity_at__lt=moment, team__isnull=True)

    def visible_to(self, user) -> "AssessmentQuerySet":
        """Rounds of the user's own team: the one rule that keeps municipalities apart."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(team__memberships__user=user)


class Assessment(models.Model):
    """One Selbstcheck of one municipality (or of nobody named), on one catalogue version.

    Access is by a secret link; only the hash of its token is stored.
    """

    RETENTION = timedelta(days=730)  # deleted after 24 months without activity (privacy page)

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("Katalogversion")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("Kommune"),
    )
    title = models.CharField(_("Titel"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("begonnen am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    # Team rounds (teams app): a team's assessments are its rounds.
    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="assessments")
    round_number = models.PositiveSmallIntegerField(_("Runde"), null=True, blank=True)
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Closing while colleagues are unfinished is allowed, but the round remembers it.
    unfinished_at_close = models.PositiveSmallIntegerField(_("beim Abschluss unvollständig"), null=True, blank=True)
    deadline = models.DateField(_("Antworten erbeten bis"), null=True, blank=True)
    results_shared = models.BooleanField(_("Teamergebnis für Mitglieder freigegeben"), default=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Selbstcheck")
        verbose_name_plural = _("Selbstchecks")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["team", "round_number"], name="one_assessment_per_team_round")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def display_title(self) -> str:
        """Team rounds are named in the reader's language ("Team, Runde 2" / "Team, round 2")."""
        if self.title:
            return self.title
        if self.team_id is not None:
            return str(_("%(team)s, Runde %(number)d") % {"team": self.team.name, "number": self.round_number})
        if self.municipality:
            return str(_("Selbstcheck %(name)s") % {"name": self.municipality.short_name})
        return str(_("Selbstcheck ohne Kommune"))

    def mark_changed(self) -> None:
        """Answers changed: the result's date moves, and so does the automatic deletion."""
        now = timezone.now()
        Assessment.objects.filter(pk=self.pk).update(last_activity_at=now, updated_at=now)
        self.last_activity_at = self.updated_at = now

    def record_visit(self) -> None:
        """Opening the assessment postpones its deletion; written at most once a day."""
        now = timezone.now()
        if now - self.last_activity_at > timedelta(days=1):
            Assessment.objects.filter(pk=self.pk).update(last_activity_at=now)
            self.last_activity_at = now


class RespondentQuerySet(models.QuerySet):
    def by_token(self, token: str) -> "Respondent | None":
        """The respondent a personal link opens; revoked links open nothing."""
        if not looks_like_token(token):
            return None
        found = self.select_related("assessment__version", "assessment__municipality", "assessment__team")
        return found.filter(token_hash=hash_token(token), revoked_at__isnull=True).first()

    def active(self) -> "RespondentQuerySet":
        return self.filter(revoked_at__isnull=True)


class Respondent(models.Model):
    """One person answering a team round: invited colleague (personal link) or team member.

    Invited colleagues need no account; their link is a secret token of which only the
    hash is stored, and it stops working the moment it is revoked.
    """

    class Department(models.TextChoices):
        LEADERSHIP = "verwaltungsleitung", _("Verwaltungsleitung")
        INTEGRATION = "integration", _("Integration, Stabsstelle Integration")
        PERSONNEL = "personal", _("Personalamt")
        ECONOMY = "wirtschaft", _("Wirtschaftsförderung")
        IMMIGRATION = "auslaenderbehoerde", _("Ausländerbehörde")
        YOUTH = "jugend", _("Jugendamt")
        SCHOOLS = "schule", _("Schulverwaltung")
        SOCIAL = "soziales", _("Sozialamt")
        PLANNING = "stadtentwicklung", _("Stadtentwicklung")
        CITIZEN_SERVICES = "buergerservice", _("Bürgerservice")
        COMMUNICATION = "kommunikation", _("Pressestelle, Kommunikation")
        CULTURE_SPORT = "kultur_sport", _("Kultur und Sport")
        COUNCIL = "beirat", _("Integrationsbeirat")
        OTHER = "andere", _("andere Stelle")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="respondents")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Deleting an account keeps the team's answers but removes who gave them (teams.memberships).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="respondents"
    )
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    department = models.CharField(_("Fachbereich"), max_length=40, choices=Department.choices)
    department_other = models.CharField(_("Fachbereich (Freitext)"), max_length=200, blank=True)
    field_keys = models.JSONField(_("Handlungsfelder"), default=list, blank=True, help_text=_("Leer: alle"))
    show_name = models.BooleanField(_("Name im Teamergebnis zeigen"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = RespondentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Antwortende Person")
        verbose_name_plural = _("Antwortende Personen")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"], condition=models.Q(user__isnull=False), name="one_respondent_per_member"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.email or str(_("ohne Namen"))

    @property
    def department_label(self) -> str:
        if self.department == self.Department.OTHER and self.department_other:
            return self.department_other
        # The enum's label, not get_department_display(): that hashes every lazy choice on each call.
        return (
            str(self.Department(self.department).label)
            if self.department in self.Department.values
            else self.department
        )

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def answers_field(self, field_key: str) -> bool:
        return not self.field_keys or field_key in self.field_keys


def parse_stored_value(stored: str) -> scoring.AnswerValue | None:
    """The stored answer as the scoring rules take it: 0–3, an unscored marker, or None.

    The one place that reads `Answer.value`; every other module calls this.
    """
    if stored in ("0", "1", "2", "3"):
        return int(stored)
    return stored or None


class Answer(models.Model):
    """One answer to one question, with an optional note or evidence.

    Anonymous assessments have one answer per question (no respondent); in a team round
    every respondent has their own, and the team result takes the median, unless the
    coordinator set an agreed answer (the round's answer without respondent), which counts instead.
    """

    class Value(models.TextChoices):
        NONE = "", _("keine Angabe")
        ZERO = "0", "0"
        ONE = "1", "1"
        TWO = "2", "2"
        THREE = "3", "3"
        DONT_KNOW = scoring.DONT_KNOW, _("weiß nicht")
        NOT_APPLICABLE = scoring.NOT_APPLICABLE, _("trifft nicht zu")

    class Evidence(models.TextChoices):
        """How an answer is backed: an estimate, or "belegt" by a document, decision or link."""

        ESTIMATE = "", _("Einschätzung, ohne Beleg")
        DOCUMENT = "document", _("belegt durch ein Dokument")
        DECISION = "decision", _("belegt durch einen Ratsbeschluss")
        LINK = "link", _("belegt durch einen Link")

    NOTE_MAX_LENGTH = 2000

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(_("Antwort"), max_length=20, choices=Value.choices, blank=True)
    note = models.TextField(_("Notiz oder Nachweis"), max_length=NOTE_MAX_LENGTH, blank=True)
    evidence = models.CharField(_("Beleg"), max_length=20, choices=Evidence.choices, blank=True)
    # Pre-filled from this round of the team until the respondent confirms or changes it.
    carried_from_round = models.PositiveSmallIntegerField(_("übernommen aus Runde"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"],
                condition=models.Q(respondent__isnull=True),
                name="one_answer_per_question",
            ),
            models.UniqueConstraint(
                fields=["respondent", "question"],
                condition=models.Q(respondent__isnull=False),
                name="one_answer_per_respondent_and_question",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.value or '–'}"

    @property
    def scoring_value(self) -> scoring.AnswerValue | None:
        return parse_stored_value(self.value)

    @property
    def is_empty(self) -> bool:
        return not self.value and not self.note and not self.evidence

    @property
    def is_evidenced(self) -> bool:
        return bool(self.evidence)

    @property
    def evidence_label(self) -> str:
        return str(self.Evidence(self.evidence).label) if self.evidence in self.Evidence.values else ""


class FieldNote(models.Model):
    """What the team wants to remember about a whole field of action."""

    NOTE_MAX_LENGTH = 5000

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="field_notes")
    field = models.ForeignKey(FieldOfAction, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Notiz zum Handlungsfeld"), max_length=NOTE_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Notiz zum Handlungsfeld")
        verbose_name_plural = _("Notizen zu Handlungsfeldern")
        constraints = [models.UniqueConstraint(fields=["assessment", "field"], name="one_note_per_field")]

    def __str__(self) -> str:
        return self.text[:60]


PREPARED_DOCUMENT_STORAGE = PrivateStorage("PREPARED_DOCUMENTS_ROOT")


def prepared_document_storage() -> PrivateStorage:
    return PREPARED_DOCUMENT_STORAGE


def prepared_document_path(document: "PreparedDocument", filename: str) -> str:
    # A random name: neither the assessment nor its title appear on disk.
    return f"{uuid.uuid4().hex}.pdf"


class PreparedDocumentQuerySet(models.QuerySet):
    def expired(self) -> "PreparedDocumentQuerySet":
        return self.filter(requested_at__lt=timezone.now() - PreparedDocument.RETENTION)


class PreparedDocument(models.Model):
    """A large PDF of an assessment (the team result, the workshop documentation), rendered
    by a background task and kept for a short while to be downloaded (`documents.py`).

    It records the data as of its request and goes with its assessment. No secret link is
    stored here or in the task's arguments: the task gets this row's id."""

    RETENTION = timedelta(days=7)  # then deleted with its file (privacy page)
    # A document still waiting after this lost its task (a worker killed mid-task): it counts as failed.
    STUCK_AFTER = timedelta(minutes=10)
    # Each render costs a worker seconds: this many requests per assessment and hour, then a pause.
    MAX_PER_HOUR = 20

    class Status(models.TextChoices):
        PENDING = "pending", _("wird erstellt")
        READY = "ready", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="prepared_documents")
    kind = models.CharField(max_length=40)
    language = models.CharField(max_length=10)
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    file = models.FileField(storage=prepared_document_storage, upload_to=prepared_document_path, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = PreparedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"

    @property
    def is_stuck(self) -> bool:
        return self.status == self.Status.PENDING and self.requested_at < timezone.now() - self.STUCK_AFTER

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING and not self.is_stuck

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stuck

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY
