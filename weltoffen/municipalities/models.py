import unicodedata

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Population thresholds of the size classes, lowest first. Gemeinden follow the
# population bands of the BBSR city and municipality types (Landgemeinde, Kleinstadt,
# Mittelstadt, Großstadt); Kreise get bands of their own because they are an order of
# magnitude larger. See municipalities/README.md.
MUNICIPAL_SIZE_BANDS = ((100_000, "grossstadt"), (20_000, "mittelstadt"), (5_000, "kleinstadt"), (0, "landgemeinde"))
KREIS_SIZE_BANDS = ((300_000, "kreis_gross"), (150_000, "kreis_mittel"), (0, "kreis_klein"))


def fold_umlauts(text: str) -> str:
    """ "München" → "muenchen": the spelling people type without a German keyboard."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return strip_accents(text)


def strip_accents(text: str) -> str:
    """ "München" → "munchen"; also folds "é", "ł" etc. in bilingual names."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return "".join(char if char.isalnum() else " " for char in text)


def search_key_for(*names: str) -> str:
    """Both foldings of every name, so either spelling of a query finds the row."""
    variants = []
    for name in names:
        for folded in (fold_umlauts(name), strip_accents(name)):
            folded = " ".join(folded.split())
            if folded and folded not in variants:
                variants.append(folded)
    return " | ".join(variants)


class MunicipalityQuerySet(models.QuerySet):
    def search(self, query: str) -> "MunicipalityQuerySet":
        """Rows matching every word of `query` by name, or by AGS or postcode when it is a number.

        Umlauts fold both ways ("Muenchen" and "Munchen" find München), partial
        words match, and the best matches come first: name starts with the query,
        then the larger municipality.
        """
        query = " ".join(query.split())[:100]
        if not query:
            return self.none()
        if query.isdigit():
            return self.filter(
                Q(ags__startswith=query) | Q(municipal_ags__startswith=query) | Q(postal_code=query)
            ).order_by("ags")
        words = fold_umlauts(query).split()
        plain_words = strip_accents(query).split()
        if not words:
            return self.none()
        matches = Q()
        for word, plain in zip(words, plain_words, strict=False):
            matches &= Q(search_key__contains=word) | Q(search_key__contains=plain)
        first = words[0]
        return (
            self.filter(matches)
            .annotate(
                rank=Case(
                    When(search_key__startswith=f"{' '.join(words)} |", then=Value(0)),
                    When(search_key__startswith=first, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("rank", "-in_register", "-population", "ags")
        )


class Municipality(models.Model):
    class Kind(models.TextChoices):
        LAND = "land", _("Land")
        KREIS = "kreis", _("Kreis")
        KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
        STADT = "stadt", _("Stadt")
        GEMEINDE = "gemeinde", _("Gemeinde")

    class SizeClass(models.TextChoices):
        LANDGEMEINDE = "landgemeinde", _("Landgemeinde (unter 5.000 Einwohner:innen)")
        KLEINSTADT = "kleinstadt", _("Kleinstadt (5.000 bis unter 20.000 Einwohner:innen)")
        MITTELSTADT = "mittelstadt", _("Mittelstadt (20.000 bis unter 100.000 Einwohner:innen)")
        GROSSSTADT = "grossstadt", _("Großstadt (ab 100.000 Einwohner:innen)")
        KREIS_KLEIN = "kreis_klein", _("Kreis unter 150.000 Einwohner:innen")
        KREIS_MITTEL = "kreis_mittel", _("Kreis mit 150.000 bis unter 300.000 Einwohner:innen")
        KREIS_GROSS = "kreis_gross", _("Kreis ab 300.000 Einwohner:innen")
        LAND = "land", _("Land")

    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True)
    ars = models.CharField(_("Amtlicher Regionalschlüssel"), max_length=12)
    municipal_ags = models.CharField(
        _("Gemeindeschlüssel (8-stellig)"),
        max_length=8,
        blank=True,
        db_index=True,
        help_text=_("Bei kreisfreien Städten der 8-stellige Schlüssel der Stadt selbst."),
    )
    name = models.CharField(_("amtlicher Name"), max_length=200)
    short_name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, db_index=True)
    designation = models.CharField(_("Bezeichnung"), max_length=60, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("übergeordnet"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    land = models.ForeignKey(
        "self", verbose_name=_("Land"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    association_name = models.CharField(_("Gemeindeverband"), max_length=200, blank=True)
    association_kind = models.CharField(_("Art des Gemeindeverbands"), max_length=60, blank=True)
    seat = models.CharField(_("Verwaltungssitz"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("Einwohner:innen"), db_index=True)
    population_date = models.DateField(_("Stichtag der Bevölkerungszahl"))
    area_km2 = models.DecimalField(_("Fläche in km²"), max_digits=9, decimal_places=2)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    latitude = models.DecimalField(_("Breitengrad"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("Längengrad"), max_digits=9, decimal_places=6)
    size_class = models.CharField(_("Größenklasse"), max_length=20, choices=SizeClass.choices, db_index=True)
    register_date = models.DateField(_("Gebietsstand"))
    in_register = models.BooleanField(
        _("im aktuellen Gemeindeverzeichnis"),
        default=True,
        help_text=_("Nein, wenn die Kommune im zuletzt importierten Verzeichnis fehlt, etwa nach einer Fusion."),
    )
    search_key = models.CharField(max_length=600, editable=False, db_index=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["short_name", "ags"]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return reverse("municipalities:detail", kwargs={"ags": self.ags})

    @property
    def population_density(self) -> int | None:
        return round(self.population / float(self.area_km2)) if self.area_km2 else None

    def ancestors(self) -> list["Municipality"]:
        """Land first, then Kreis: at most two rows, fetched with the parent chain."""
        chain, node = [], self.parent
        while node is not None:
            chain.insert(0, node)
            node = node.parent
        return chain


def size_class_for(kind: str, population: int) -> str:
    if kind == Municipality.Kind.LAND:
        return Municipality.SizeClass.LAND
    bands = KREIS_SIZE_BANDS if kind == Municipality.Kind.KREIS else MUNICIPAL_SIZE_BANDS
    return next(size_class for threshold, size_class in bands if population >= threshold)


class ProgrammeParticipationQuerySet(models.QuerySet):
    def model_municipalities(self):
        """The programme's model municipalities that public sources name, by name."""
        return (
            self.filter(role=ProgrammeParticipation.Role.MODEL)
            .select_related("municipality")
            .order_by("municipality__short_name")
        )


class ProgrammeParticipation(models.Model):
    """A municipality's part in "Weltoffene Kommune – Vom Dialog zum Zusammenhalt", with its source."""

    class Role(models.TextChoices):
        MODEL = "modellkommune", _("Modellkommune")
        MEMBER = "beteiligte_gemeinde", _("beteiligte Gemeinde")
        PILOT = "pilotkommune", _("Pilotkommune")

    municipality = models.OneToOneField(Municipality, on_delete=models.PROTECT, related_name="participation")
    role = models.CharField(_("Rolle"), max_length=30, choices=Role.choices)
    part_of = models.ForeignKey(
        Municipality,
        verbose_name=_("beteiligt über"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_url = models.URLField(_("Quelle"), max_length=500)
    note = models.CharField(_("Hinweis der Quelle"), max_length=500, blank=True)

    objects = ProgrammeParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Teilnahme am Modellprojekt")
        verbose_name_plural = _("Teilnahmen am Modellprojekt")
        ordering = ["role", "municipality__short_name"]

    def __str__(self) -> str:
        return f"{self.municipality.short_name} ({self.get_role_display()})"
