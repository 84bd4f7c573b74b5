from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weltoffen.municipalities.models import Municipality
from weltoffen.translation import translated

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
