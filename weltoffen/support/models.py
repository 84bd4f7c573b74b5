import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from weltoffen.municipalities.models import Municipality
from weltoffen.pages.addresses import RequestRootedUrlsMixin
from weltoffen.pages.blocks import RICH_TEXT_FEATURES
from weltoffen.pages.models import EnglishVersionMixin
from weltoffen.private_files import PrivateStorage
from weltoffen.translation import is_english, translated

from .blocks import GuideBodyBlock

# An entry whose "geprüft am" is older than this is reported by the loader and marked
# on the page: phone numbers and opening times change.
SERVICE_STALE_AFTER = timedelta(days=365)


class SupportServiceQuerySet(models.QuerySet):
    def for_land(self, land: Municipality | None) -> "SupportServiceQuerySet":
        """The services of one Land and the nationwide ones; only nationwide without a Land."""
        scope = Q(land__isnull=True)
        if land is not None:
            scope |= Q(land=land)
        return self.filter(scope, is_active=True).select_related("land")


class SupportService(models.Model):
    """A support service for decision-makers facing hostility, in one Land or nationwide."""

    class Kind(models.TextChoices):
        MOBILE_COUNSELLING = "mobile_beratung", _("Mobile Beratung gegen Rechtsextremismus")
        VICTIM_COUNSELLING = "opferberatung", _("Opferberatung")
        POLICE_ONLINE_HATE = "polizei_hass_im_netz", _("Ansprechstellen von Polizei und Justiz für Hass im Netz")
        LAND_OFFICIALS = "land_amtstraeger", _("Angebote des Landes für Amts- und Mandatsträger:innen")
        FEDERAL_OFFICIALS = "bund_amtstraeger", _("Bundesweite Angebote für Amts- und Mandatsträger:innen")
        FEDERAL_ONLINE_HATE = "bund_hass_im_netz", _("Bundesweite Angebote bei Hass im Netz")

    key = models.SlugField(_("Schlüssel"), max_length=80, unique=True)
    land = models.ForeignKey(
        Municipality,
        verbose_name=_("Land"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Municipality.Kind.LAND},
        related_name="+",
        help_text=_("Leer für bundesweite Angebote."),
    )
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=300)
    description = models.TextField(_("Beschreibung"), max_length=1000)
    description_en = models.TextField(_("Beschreibung (englisch)"), max_length=1000, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    web = models.URLField(_("Webadresse"), max_length=500, blank=True)
    opening_hours = models.CharField(_("Erreichbarkeit"), max_length=200, blank=True)
    opening_hours_en = models.CharField(_("Erreichbarkeit (englisch)"), max_length=200, blank=True)
    note = models.CharField(_("Hinweis"), max_length=300, blank=True)
    note_en = models.CharField(_("Hinweis (englisch)"), max_length=300, blank=True)
    source = models.URLField(_("Quelle"), max_length=500, help_text=_("Öffentliche Quelle, die die Angaben belegt."))
    checked_on = models.DateField(_("geprüft am"))
    is_active = models.BooleanField(_("anzeigen"), default=True)

    objects = SupportServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("Unterstützungsangebot")
        verbose_name_plural = _("Unterstützungsangebote")
        ordering = ["land__short_name", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_stale(self) -> bool:
        return self.checked_on < timezone.localdate() - SERVICE_STALE_AFTER

    @property
    def display_description(self) -> str:
        return translated(self, "description")

    @property
    def display_opening_hours(self) -> str:
        return translated(self, "opening_hours")

    @property
    def display_note(self) -> str:
        return translated(self, "note")

    @property
    def phone_uri(self) -> str:
        return "tel:" + "".join(char for char in self.phone if char.isdigit() or char == "+")


class SupportGuidePage(RequestRootedUrlsMixin, RoutablePageMixin, EnglishVersionMixin, Page):
    """The guide for decision-makers facing hostility, with a summary in Leichte Sprache
    at `leichte-sprache/`. Legal statements are blocks with their source and check date."""

    intro = models.TextField(_("Einleitung"))
    body = StreamField(GuideBodyBlock(), verbose_name=_("Inhalt"))
    easy_summary = RichTextField(_("Zusammenfassung in Leichter Sprache"), features=RICH_TEXT_FEATURES)
    intro_en = models.TextField(_("Einleitung (englisch)"), blank=True)
    body_en = StreamField(GuideBodyBlock(), verbose_name=_("Inhalt (englisch)"), blank=True)
    easy_summary_en = RichTextField(_("Kurzfassung in einfachem Englisch"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("easy_summary"),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("intro_en"), FieldPanel("body_en"), FieldPanel("easy_summary_en")],
            heading=_("Englische Fassung"),
            classname="collapsed",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Leitfaden bei Anfeindungen")

    @property
    def display_intro(self) -> str:
        return translated(self, "intro")

    @property
    def display_body(self):
        return self.body_en if is_english() and self.title_en and self.body_en else self.body

    @property
    def display_easy_summary(self) -> str:
        return self.easy_summary_en if is_english() and self.easy_summary_en else self.easy_summary

    @property
    def easy_summary_language(self) -> str:
        return "en" if is_english() and self.easy_summary_en else "de"

    @path("leichte-sprache/")
    def easy_language(self, request):
        return self.render(request, template="support/support_guide_easy.html")


# Only the author's download view serves it.
EVIDENCE_STORAGE = PrivateStorage("SUPPORT_EVIDENCE_ROOT")


def evidence_storage() -> PrivateStorage:
    return EVIDENCE_STORAGE


def evidence_path(evidence: "Evidence", filename: str) -> str:
    # A random name: neither the author nor the original file name appear on disk.
    return f"{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class IncidentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "IncidentQuerySet":
        """Only the author's own incidents: not the team, the coordinator, staff or superusers."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(author=user)


class Incident(models.Model):
    """One hostile incident in the private record of an account holder."""

    class Channel(models.TextChoices):
        MAIL = "mail", _("E-Mail")
        LETTER = "letter", _("Brief")
        SOCIAL_MEDIA = "social_media", _("Soziale Medien")
        PHONE = "phone", _("Telefon oder Nachricht")
        IN_PERSON = "in_person", _("persönlich")
        AT_HOME = "at_home", _("an der Wohnung")
        OTHER = "other", _("anderer Weg")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    occurred_at = models.DateTimeField(_("Datum und Uhrzeit"))
    channel = models.CharField(_("Weg"), max_length=20, choices=Channel.choices)
    description = models.TextField(_("Was ist passiert?"), max_length=10_000)
    targeted = models.CharField(_("Wer war gemeint?"), max_length=300)
    reported_to = models.CharField(_("Gemeldet oder angezeigt bei"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at"]
        # Deliberately no verbose_name for the admin: this model is never registered there.
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} ({self.channel})"


class Evidence(models.Model):
    """An original file belonging to an incident, with its checksum for the police."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return self.original_name


class HelpRequestQuerySet(models.QuerySet):
    def of_requester(self, user) -> "HelpRequestQuerySet":
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(requester=user)

    def expired(self) -> "HelpRequestQuerySet":
        return self.filter(updated_at__lt=timezone.now() - HelpRequest.RETENTION)


class HelpRequest(models.Model):
    """A confidential request for help to the operator's support team.

    Readable only by the staff group "Unterstützung" signed in with a second factor
    (support/access.py); registered in no admin; deleted RETENTION after its last change.
    """

    RETENTION = timedelta(days=180)

    class Channel(models.TextChoices):
        EMAIL = "email", _("per E-Mail")
        PHONE = "phone", _("per Telefon")

    class Status(models.TextChoices):
        NEW = "new", _("eingegangen")
        IN_PROGRESS = "in_progress", _("in Bearbeitung")
        CLOSED = "closed", _("abgeschlossen")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("Worum geht es?"), max_length=3000)
    contact_channel = models.CharField(_("Wie sollen wir Sie erreichen?"), max_length=10, choices=Channel.choices)
    contact = models.CharField(_("E-Mail-Adresse oder Telefonnummer"), max_length=200)
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} ({self.status})"
