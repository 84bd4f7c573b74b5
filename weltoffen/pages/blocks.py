from django.utils.translation import gettext_lazy as _

from wagtail import blocks

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Zwischenüberschrift")
        template = "blocks/heading_block.html"


class PillarBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"))
    text = blocks.TextBlock(label=_("Text"))
    link_page = blocks.PageChooserBlock(label=_("Link auf Seite"), required=False)
    link_url = blocks.CharBlock(label=_("oder Link-Adresse"), required=False, help_text=_("z. B. /selbstcheck/"))
    link_label = blocks.CharBlock(label=_("Linktext"), required=False)

    class Meta:
        icon = "pick"
        label = _("Säule")
        template = "blocks/pillar_block.html"


class StandardBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), template="blocks/text_block.html")
