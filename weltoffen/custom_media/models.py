from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """An image that knows its alternative text, or that it is decorative.

    BITV 2.0 needs a text alternative for every informative image; pages refuse to
    publish with an image that has neither (see `needs_alt_decision`).
    """

    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=300,
        blank=True,
        help_text=_("Beschreibt, was auf dem Bild zu sehen ist und was es aussagt, für Menschen, die es nicht sehen."),
    )
    is_decorative = models.BooleanField(
        _("rein dekorativ"),
        default=False,
        help_text=_("Nur ankreuzen, wenn das Bild keine Information trägt; Screenreader überspringen es dann."),
    )
    credit = models.CharField(_("Bildnachweis"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "is_decorative", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")

    @property
    def needs_alt_decision(self) -> bool:
        return not self.is_decorative and not self.alt_text.strip()

    @property
    def default_alt_text(self) -> str:
        return "" if self.is_decorative else self.alt_text or self.description or self.title


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    description = models.CharField(
        _("Beschreibung"),
        max_length=500,
        blank=True,
        help_text=_("Worum es im Dokument geht, ob es barrierefrei ist und in welcher Sprache."),
    )

    admin_form_fields = (*Document.admin_form_fields, "description")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
