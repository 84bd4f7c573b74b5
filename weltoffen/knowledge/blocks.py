from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from weltoffen.pages.blocks import RICH_TEXT_FEATURES, HeadingBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Quelle oder Person"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "blocks/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "blocks/image_block.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Linktext"), required=False, help_text=_("Leer lassen für den Titel des Dokuments.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "blocks/download_block.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Frage"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Antwort"))

    class Meta:
        icon = "help"
        label = _("Frage und Antwort (Interview)")
        template = "blocks/question_answer_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), template="blocks/text_block.html")
    quote = QuoteBlock()
    image = ImageBlock()
    download = DownloadBlock()
    question = QuestionAnswerBlock()
