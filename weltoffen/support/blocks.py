from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from weltoffen.pages.blocks import RICH_TEXT_FEATURES, HeadingBlock


class LegalInstrumentBlock(blocks.StructBlock):
    """A legal statement with the source it rests on and the day it was checked against it."""

    title = blocks.CharBlock(
        label=_("Vorschrift"), help_text=_("z. B. „§ 188 StGB – Schutz von Personen des politischen Lebens“")
    )
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Was sie bedeutet"))
    source_url = blocks.URLBlock(label=_("Quelle (Webadresse)"))
    source_label = blocks.CharBlock(
        label=_("Quelle (Bezeichnung)"), help_text=_("z. B. „Strafgesetzbuch, gesetze-im-internet.de“")
    )
    checked_on = blocks.DateBlock(label=_("geprüft am"))

    class Meta:
        icon = "doc-full"
        label = _("Rechtsinstrument")
        template = "blocks/legal_instrument_block.html"


class GuideBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), template="blocks/text_block.html")
    legal = LegalInstrumentBlock()
