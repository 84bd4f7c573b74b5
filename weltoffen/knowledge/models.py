from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from weltoffen.municipalities.models import Municipality
from weltoffen.pages.addresses import RequestRootedUrlsMixin
from weltoffen.pages.blocks import RICH_TEXT_FEATURES, StandardBodyBlock
from weltoffen.pages.demo import announced
from weltoffen.pages.models import EnglishVersionMixin
from weltoffen.translation import translated

from .blocks import ArticleBodyBlock


class Topic(models.Model):
    """A field of action as a theme of content; stable across catalogue versions (by key)."""

    key = models.SlugField(_("Schlüssel"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Titel"), max_length=200)
    title_en = models.CharField(_("Titel (englisch)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Handlungsfeld (Thema)")
        verbose_name_plural = _("Handlungsfelder (Themen)")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def display_title(self) -> str:
        return translated(self, "title")


class AltTextRequiredMixin:
    """Pages refuse to be saved with an informative image that has no alternative text.

    BITV 2.0 needs a text alternative for every image; an image counts as handled when
    it has alt text or is explicitly marked decorative.
    """

    def images_used(self) -> list:
        images = [getattr(self, "image", None)]
        for stream_name in ("body",):
            for block in getattr(self, stream_name, None) or []:
                if block.block_type == "image":
                    images.append(block.value["image"])
        return [image for image in images if image is not None]

    def clean(self):
        super().clean()
        missing = [image.title for image in self.images_used() if image.needs_alt_decision]
        if missing:
            raise ValidationError(
                _("Diese Bilder brauchen einen Alternativtext oder die Angabe „rein dekorativ“: %(images)s")
                % {"images": ", ".join(missing)}
            )


class KnowledgePageTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.KnowledgePage", on_delete=models.CASCADE, related_name="tagged_items")


class KnowledgePage(RequestRootedUrlsMixin, AltTextRequiredMixin, Page):
    """What articles, interviews, tips and practice examples share, so one listing,
    one filter and one search can cover all of them."""

    class Kind(models.TextChoices):
        ARTICLE = "artikel", _("Artikel")
        INTERVIEW = "interview", _("Interview")
        TIP = "praxistipp", _("Praxistipp")
        PRACTICE = "praxisbeispiel", _("Praxisbeispiel")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, editable=False, db_index=True)
    lead = models.TextField(_("Vorspann"), help_text=_("Ein bis drei Sätze: worum es geht und für wen."))
    date = models.DateField(_("Datum"), default=timezone.localdate, db_index=True)
    image = models.ForeignKey(
        "custom_media.CustomImage",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("Handlungsfelder"), blank=True, related_name="pages")
    tags = ClusterTaggableManager(through=KnowledgePageTag, verbose_name=_("Schlagworte"), blank=True)
    is_demo = models.BooleanField(
        _("Beispielinhalt"), default=False, help_text=_("Wird als Beispielinhalt gekennzeichnet.")
    )

    is_creatable = False
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]

    class Meta:
        verbose_name = _("Wissensseite")
        verbose_name_plural = _("Wissensseiten")


class ArticlePage(KnowledgePage):
    """Magazine article, interview or practical tip."""

    article_type = models.CharField(
        _("Art des Beitrags"),
        max_length=20,
        choices=[(k, label) for k, label in KnowledgePage.Kind.choices if k != KnowledgePage.Kind.PRACTICE],
        default=KnowledgePage.Kind.ARTICLE,
    )
    author = models.CharField(_("Autor:in"), max_length=200, blank=True)
    interviewee = models.CharField(_("Interviewpartner:in"), max_length=200, blank=True)
    interviewee_role = models.CharField(_("Funktion der Interviewpartner:in"), max_length=300, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("Inhalt"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("article_type"),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("date")]),
        MultiFieldPanel([FieldPanel("interviewee"), FieldPanel("interviewee_role")], heading=_("Interview")),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("topics", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")], heading=_("Einordnung")
        ),
    ]
    search_fields = [*KnowledgePage.search_fields, index.SearchField("body"), index.SearchField("author")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Magazinbeitrag")
        verbose_name_plural = _("Magazinbeiträge")

    def save(self, *args, **kwargs):
        self.kind = self.article_type
        super().save(*args, **kwargs)


class PracticeExamplePage(KnowledgePage):
    """A Praxisbeispiel: what a municipality did, achieved and needed."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("Kommune"), on_delete=models.PROTECT, related_name="practice_examples"
    )
    year = models.PositiveSmallIntegerField(_("seit"), null=True, blank=True)
    what_was_done = RichTextField(_("Was wurde gemacht?"), features=RICH_TEXT_FEATURES)
    what_it_achieved = RichTextField(_("Was hat es bewirkt?"), features=RICH_TEXT_FEATURES)
    what_it_needed = RichTextField(_("Was war dafür nötig?"), features=RICH_TEXT_FEATURES)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_role = models.CharField(_("Funktion"), max_length=300, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("municipality"),
        FieldPanel("year"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("what_was_done"),
        FieldPanel("what_it_achieved"),
        FieldPanel("what_it_needed"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")], heading=_("Kontakt")
        ),
        MultiFieldPanel(
            [FieldPanel("topics", widget=forms.CheckboxSelectMultiple), FieldPanel("tags"), FieldPanel("date")],
            heading=_("Einordnung"),
        ),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("what_was_done"),
        index.SearchField("what_it_achieved"),
        index.SearchField("what_it_needed"),
        index.RelatedFields("municipality", [index.SearchField("short_name")]),
    ]
    parent_page_types = ["knowledge.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Praxisbeispiel")
        verbose_name_plural = _("Praxisbeispiele")

    def save(self, *args, **kwargs):
        self.kind = KnowledgePage.Kind.PRACTICE
        super().save(*args, **kwargs)


class ListingPage(RequestRootedUrlsMixin, RoutablePageMixin, EnglishVersionMixin, Page):
    """A listing with filters that work as a plain GET form (see listing.py)."""

    intro = models.TextField(_("Einleitung"), blank=True)
    intro_en = models.TextField(_("Einleitung (englisch)"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro"), FieldPanel("intro_en")]

    class Meta:
        abstract = True


class KnowledgeIndexPage(ListingPage):
    """ "Wissen": magazine articles, interviews and tips, with RSS and Atom feeds."""

    subpage_types = ["knowledge.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Wissen (Übersicht)")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, ArticlePage.objects.child_of(self), with_type=True))
        return context

    @path("feed/rss/")
    def rss_feed(self, request):
        from .feeds import MagazineRssFeed

        return MagazineRssFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from .feeds import MagazineAtomFeed

        return MagazineAtomFeed(self)(request)


class PracticeIndexPage(ListingPage):
    """ "Praxisbeispiele", filterable by field of action, Land and size class."""

    subpage_types = ["knowledge.PracticeExamplePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Praxisbeispiele (Übersicht)")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        pages = PracticeExamplePage.objects.child_of(self).select_related("municipality__land")
        context.update(listing_context(request, pages, with_region=True))
        return context


class EventPageQuerySet(PageQuerySet):
    """An event is upcoming until it has ended."""

    def upcoming(self):
        return self.filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        return self.filter(end__lt=timezone.now()).order_by("-start")

    def next_or_last(self) -> "EventPage | None":
        """The event the home page shows: the next one, or the last when none is ahead."""
        return self.upcoming().first() or self.past().first()


class EventPage(RequestRootedUrlsMixin, AltTextRequiredMixin, RoutablePageMixin, Page):
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(
        _("Ort"), max_length=300, help_text=_("Adresse, oder bei Online-Veranstaltungen wie man teilnimmt.")
    )
    registration_url = models.URLField(_("Link zur Anmeldung"), blank=True)
    description = RichTextField(_("Beschreibung"), features=RICH_TEXT_FEATURES)
    topics = ParentalManyToManyField(Topic, verbose_name=_("Handlungsfelder"), blank=True, related_name="events")
    is_demo = models.BooleanField(_("Beispielinhalt"), default=False)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("online"),
        FieldPanel("location"),
        FieldPanel("registration_url"),
        FieldPanel("description"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("location"),
        index.FilterField("start"),
    ]
    parent_page_types = ["knowledge.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    @property
    def has_ended(self) -> bool:
        """The instance side of EventPageQuerySet.upcoming/past."""
        return self.end < timezone.now()

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})

    @path("ical/")
    def ical(self, request):
        from .calendars import calendar_response

        return calendar_response([self], request, filename=f"{self.slug}.ics")


class EventIndexPage(RequestRootedUrlsMixin, RoutablePageMixin, EnglishVersionMixin, Page):
    intro = models.TextField(_("Einleitung"), blank=True)
    intro_en = models.TextField(_("Einleitung (englisch)"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro"), FieldPanel("intro_en")]
    subpage_types = ["knowledge.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Veranstaltungen (Übersicht)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).live()
        context["upcoming"] = events.upcoming()
        context["past"] = events.past()[:20]
        return context

    @path("ical/")
    def ical_feed(self, request):
        from .calendars import calendar_response

        events = announced(EventPage.objects.child_of(self).live()).order_by("start")
        return calendar_response(list(events), request, filename="veranstaltungen.ics")


@register_snippet
class FAQEntry(index.Indexed, ClusterableModel):
    question = models.CharField(_("Frage"), max_length=300)
    answer = RichTextField(_("Antwort"), features=RICH_TEXT_FEATURES)
    topics = ParentalManyToManyField(Topic, verbose_name=_("Handlungsfelder"), blank=True, related_name="faq_entries")
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)
    is_demo = models.BooleanField(_("Beispielinhalt"), default=False)

    panels = [FieldPanel("question"), FieldPanel("answer"), FieldPanel("topics"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("question"), index.SearchField("answer"), index.AutocompleteField("question")]

    class Meta:
        verbose_name = _("FAQ-Eintrag")
        verbose_name_plural = _("FAQ-Einträge")
        ordering = ["sort_order", "question"]

    def __str__(self) -> str:
        return self.question


class FAQPage(RequestRootedUrlsMixin, EnglishVersionMixin, Page):
    intro = models.TextField(_("Einleitung"), blank=True)
    intro_en = models.TextField(_("Einleitung (englisch)"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro"), FieldPanel("intro_en")]
    max_count = 1
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = FAQEntry.objects.all()
        return context


@register_snippet
class ContactPerson(index.Indexed, ClusterableModel):
    name = models.CharField(_("Name"), max_length=200)
    role = models.CharField(_("Funktion"), max_length=300)
    organisation = models.CharField(_("Organisation"), max_length=300, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    description = models.TextField(_("Wofür ansprechbar"), blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("Handlungsfelder"), blank=True, related_name="contacts")
    on_home_page = models.BooleanField(
        _("auf der Startseite zeigen"), default=False, help_text=_("Unter „Was können wir für Sie tun?“.")
    )
    is_demo = models.BooleanField(_("Beispielinhalt"), default=False)

    panels = [
        FieldPanel(name)
        for name in ("name", "role", "organisation", "email", "phone", "description", "topics", "on_home_page")
    ]
    search_fields = [index.SearchField("name"), index.SearchField("role"), index.SearchField("description")]

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


HOME_PAGE_TESTIMONIALS = 3  # more would push the Selbstcheck down; Testimonial.on_home_page says "drei"


@register_snippet
class Testimonial(models.Model):
    quote = models.TextField(_("Zitat"))
    person = models.CharField(_("Person"), max_length=200)
    role = models.CharField(_("Funktion"), max_length=300)
    on_home_page = models.BooleanField(
        _("auf der Startseite zeigen"),
        default=False,
        help_text=_("Unter „Was sagen andere?“; die Startseite zeigt höchstens drei Stimmen."),
    )
    is_demo = models.BooleanField(_("Beispielinhalt"), default=False)

    panels = [FieldPanel("quote"), FieldPanel("person"), FieldPanel("role"), FieldPanel("on_home_page")]

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")

    def __str__(self) -> str:
        return f"{self.person}: {self.quote[:50]}"


# A hook function takes (project_page, request) and returns [{"label", "url"}].
PROJECT_PAGE_LINKS_HOOK = "weltoffen_project_page_links"


class ProjectPage(RequestRootedUrlsMixin, AltTextRequiredMixin, Page):
    """A pillar of the programme: Selbstcheck, Dialog, support for decision-makers."""

    lead = models.TextField(_("Vorspann"))
    body = StreamField(StandardBodyBlock(), verbose_name=_("Inhalt"))
    contacts = ParentalManyToManyField(ContactPerson, verbose_name=_("Ansprechpersonen"), blank=True)
    show_testimonials = models.BooleanField(_("Stimmen zeigen"), default=True)
    is_demo = models.BooleanField(_("Beispielinhalt"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("contacts"),
        FieldPanel("show_testimonials"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("is_demo")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    subpage_types = []

    class Meta:
        verbose_name = _("Projektseite")
        verbose_name_plural = _("Projektseiten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["testimonials"] = Testimonial.objects.order_by("?")[:3] if self.show_testimonials else []
        # Higher apps add the pages of a pillar (support: guide, help by Land, …) here.
        context["pillar_links"] = [
            link for hook in hooks.get_hooks(PROJECT_PAGE_LINKS_HOOK) for link in hook(self, request)
        ]
        return context


class ContactPage(RequestRootedUrlsMixin, EnglishVersionMixin, Page):
    """ "Was können wir für Sie tun?": a contact form whose messages staff read in the admin."""

    intro = RichTextField(_("Einleitung"), features=RICH_TEXT_FEATURES, blank=True)
    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro")]
    max_count = 1
    subpage_types = []

    class Meta:
        verbose_name = _("Kontaktseite")

    def serve(self, request, *args, **kwargs):
        from .contact import contact_view

        return contact_view(request, self)


class ContactMessage(models.Model):
    RETENTION = timedelta(days=365)  # deleted after 12 months (privacy page)

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        ANSWERED = "answered", _("beantwortet")
        SETTLED = "settled", _("erledigt")

    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"))
    organisation = models.CharField(_("Kommune oder Organisation"), max_length=300, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Kontaktanfrage")
        verbose_name_plural = _("Kontaktanfragen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}: {self.message[:50]}"


class SearchEntry(models.Model):
    """One findable unit of the site search in one language: a page, an FAQ entry, a field
    of action or question of the current catalogue, or a section of the Methodik page.

    Built by `indexing.py`; its `*_terms` hold stems between spaces (terms.py), so that the
    same substring tests find the same entries on SQLite and PostgreSQL (search.py).
    """

    class Kind(models.TextChoices):
        ARTICLE = "artikel", _("Artikel")
        INTERVIEW = "interview", _("Interview")
        TIP = "praxistipp", _("Praxistipp")
        PRACTICE = "praxisbeispiel", _("Praxisbeispiel")
        EVENT = "veranstaltung", _("Veranstaltung")
        FAQ = "faq", _("FAQ")
        PAGE = "seite", _("Seite")
        FIELD = "handlungsfeld", _("Handlungsfeld im Selbstcheck")
        QUESTION = "frage", _("Frage im Selbstcheck")
        METHOD = "methodik", _("Methodik")

    key = models.CharField(max_length=100)  # "page:12", "faq:3", "question:<key>", "method:<anchor>"
    language = models.CharField(max_length=2)
    # A German entry whose text also exists in English; English searches use the English one.
    has_english = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=500)
    context = models.CharField(max_length=300, blank=True)  # e.g. the field a question belongs to
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)  # plain text for the snippet
    title_terms = models.TextField(blank=True)
    heading_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    faq_entry = models.ForeignKey(FAQEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("Eintrag der Suche")
        verbose_name_plural = _("Einträge der Suche")
        constraints = [models.UniqueConstraint(fields=["key", "language"], name="unique_search_entry_per_language")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"
