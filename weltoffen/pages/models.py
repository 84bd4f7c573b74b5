from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.municipalities.forms import MunicipalitySearchForm
from weltoffen.municipalities.models import ProgrammeParticipation
from weltoffen.translation import is_english, translated

from .addresses import RequestRootedUrlsMixin
from .blocks import PillarBlock, StandardBodyBlock


class EnglishVersionMixin(models.Model):
    """Optional English texts for the core pages; empty fields fall back to German.

    Editorial content is German; the pages every visitor needs (home, legal, about)
    can also be read in English. Templates read `page.display_*`.
    """

    title_en = models.CharField(_("Titel (englisch)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def display_title(self) -> str:
        return translated(self, "title")

    @property
    def content_language(self) -> str:
        """The language the body is shown in, for the `lang` attribute."""
        return "en" if is_english() and self.title_en else "de"


# The English fields of the home page's sections, in the order of the page.
ENGLISH_SECTION_FIELDS = (
    "project_heading_en", "project_text_en", "project_link_label_en", "pillars_en", "municipalities_heading_en",
    "municipalities_text_en", "testimonials_heading_en", "selfcheck_heading_en", "selfcheck_text_en",
    "contacts_heading_en", "contacts_text_en",
)  # fmt: skip


class HomePage(RequestRootedUrlsMixin, EnglishVersionMixin, Page):  # noqa: DJ008 - Page provides __str__
    """The start page, with the sections of the original programme's home page.

    The sections' headings and texts are fields here; what they list comes from elsewhere:
    the model municipalities from the register, the next event, the testimonials and the
    contact persons from the knowledge platform, which contributes them as panels
    (`{% panels "home_…" %}`), so this app does not import it.
    """

    lead = models.TextField(_("Einleitung"))
    lead_en = models.TextField(_("Einleitung (englisch)"), blank=True)
    project_heading = models.CharField(_("Überschrift Modellprojekt"), max_length=200, blank=True)
    project_heading_en = models.CharField(_("Überschrift Modellprojekt (englisch)"), max_length=200, blank=True)
    project_text = models.TextField(_("Text Modellprojekt"), blank=True)
    project_text_en = models.TextField(_("Text Modellprojekt (englisch)"), blank=True)
    project_page = models.ForeignKey(
        Page,
        verbose_name=_("Link auf Seite"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    project_link_label = models.CharField(_("Linktext"), max_length=200, blank=True)
    project_link_label_en = models.CharField(_("Linktext (englisch)"), max_length=200, blank=True)
    pillars = StreamField([("pillar", PillarBlock())], verbose_name=_("Säulen"), blank=True)
    pillars_en = StreamField([("pillar", PillarBlock())], verbose_name=_("Säulen (englisch)"), blank=True)
    municipalities_heading = models.CharField(_("Überschrift Modellkommunen"), max_length=200, blank=True)
    municipalities_heading_en = models.CharField(_("Überschrift Modellkommunen (englisch)"), max_length=200, blank=True)
    municipalities_text = models.TextField(_("Text Modellkommunen"), blank=True)
    municipalities_text_en = models.TextField(_("Text Modellkommunen (englisch)"), blank=True)
    testimonials_heading = models.CharField(
        _("Überschrift Stimmen"),
        max_length=200,
        blank=True,
        help_text=_("Welche Stimmen erscheinen, legen Sie bei den Snippets „Stimmen“ fest."),
    )
    testimonials_heading_en = models.CharField(_("Überschrift Stimmen (englisch)"), max_length=200, blank=True)
    selfcheck_heading = models.CharField(_("Überschrift Selbstcheck"), max_length=200)
    selfcheck_heading_en = models.CharField(_("Überschrift Selbstcheck (englisch)"), max_length=200, blank=True)
    selfcheck_text = models.TextField(_("Text Selbstcheck"))
    selfcheck_text_en = models.TextField(_("Text Selbstcheck (englisch)"), blank=True)
    contacts_heading = models.CharField(
        _("Überschrift Ansprechpersonen"),
        max_length=200,
        blank=True,
        help_text=_("Welche Personen erscheinen, legen Sie bei den Snippets „Ansprechpersonen“ fest."),
    )
    contacts_heading_en = models.CharField(_("Überschrift Ansprechpersonen (englisch)"), max_length=200, blank=True)
    contacts_text = models.TextField(_("Text Ansprechpersonen"), blank=True)
    contacts_text_en = models.TextField(_("Text Ansprechpersonen (englisch)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("project_heading"),
                FieldPanel("project_text"),
                FieldPanel("project_page"),
                FieldPanel("project_link_label"),
            ],
            heading=_("Modellprojekt"),
        ),
        FieldPanel("pillars"),
        MultiFieldPanel(
            [FieldPanel("municipalities_heading"), FieldPanel("municipalities_text")], heading=_("Modellkommunen")
        ),
        FieldPanel("testimonials_heading"),
        MultiFieldPanel([FieldPanel("selfcheck_heading"), FieldPanel("selfcheck_text")], heading=_("Selbstcheck")),
        MultiFieldPanel([FieldPanel("contacts_heading"), FieldPanel("contacts_text")], heading=_("Ansprechpersonen")),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("lead_en"), *(FieldPanel(name) for name in ENGLISH_SECTION_FIELDS)],
            heading=_("Englische Fassung"),
            classname="collapsed",
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        try:
            context["fields_of_action"] = CatalogueVersion.objects.current().fields.all()
        except CatalogueVersion.DoesNotExist:
            context["fields_of_action"] = []
        context["search_form"] = MunicipalitySearchForm()
        context["model_municipalities"] = ProgrammeParticipation.objects.model_municipalities()
        return context

    def edit_pillar_cards(self, edit) -> bool:
        """Apply `edit(stream, card)` to a copy of every pillar card, German and English, and
        keep the copies; `edit` changes the card dict in place and says whether it did.
        Returns whether any card changed (saving is the caller's)."""
        changed = False
        for stream in ("pillars", "pillars_en"):
            cards = [dict(block.value) for block in getattr(self, stream)]
            edited = [edit(stream, card) for card in cards]  # every card: any() would stop at the first
            changed = any(edited) or changed
            setattr(self, stream, [("pillar", card) for card in cards])
        return changed


class StandardPage(RequestRootedUrlsMixin, EnglishVersionMixin, Page):  # noqa: DJ008 - Page provides __str__
    """Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache, Über das Projekt, …"""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(StandardBodyBlock(), verbose_name=_("Inhalt"), blank=True)
    intro_en = models.TextField(_("Einleitung (englisch)"), blank=True)
    body_en = StreamField(StandardBodyBlock(), verbose_name=_("Inhalt (englisch)"), blank=True)
    is_easy_language = models.BooleanField(
        _("in Leichter Sprache"), default=False, help_text=_("Kennzeichnet die Seite als Text in Leichter Sprache.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("is_easy_language"),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("intro_en"), FieldPanel("body_en")],
            heading=_("Englische Fassung"),
            classname="collapsed",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


@register_setting(icon="site")
class OperatorSettings(BaseSiteSetting):
    """Who runs this installation: shown in the Impressum and the privacy policy."""

    name = models.CharField(_("Name des Betreibers"), max_length=200)
    address = models.TextField(_("Anschrift"))
    represented_by = models.CharField(_("vertreten durch"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"))
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    register_entry = models.CharField(_("Registereintrag"), max_length=200, blank=True)
    vat_id = models.CharField(_("Umsatzsteuer-Identifikationsnummer"), max_length=50, blank=True)
    content_responsible = models.TextField(_("Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV"), blank=True)
    data_protection_officer = models.TextField(_("Datenschutzbeauftragte:r"), blank=True)
    is_demo = models.BooleanField(
        _("Demo-Installation"),
        default=True,
        help_text=_("Zeigt auf jeder Seite einen Hinweis, dass es sich um eine Demo handelt."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("represented_by"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("register_entry"),
        FieldPanel("vat_id"),
        FieldPanel("content_responsible"),
        FieldPanel("data_protection_officer"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("Betreiberangaben")


class BarrierReport(models.Model):
    """Feedback on an accessibility barrier (BITV 2.0 § 7 feedback mechanism)."""

    RETENTION = timedelta(days=365)  # deleted after 12 months (privacy page)

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        IN_PROGRESS = "in_progress", _("in Bearbeitung")
        SETTLED = "settled", _("erledigt")

    page_url = models.CharField(_("betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Beschreibung der Barriere"), max_length=5000)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.NEW)
    staff_note = models.TextField(_("interne Notiz"), blank=True)
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Meldung einer Barriere")
        verbose_name_plural = _("Meldungen von Barrieren")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y}: {self.message[:60]}"


def purge_expired_barrier_reports() -> int:
    """Delete reports past their retention period, as the privacy policy promises."""
    cutoff = timezone.now() - BarrierReport.RETENTION
    deleted, _ = BarrierReport.objects.filter(created_at__lt=cutoff).delete()
    return deleted
