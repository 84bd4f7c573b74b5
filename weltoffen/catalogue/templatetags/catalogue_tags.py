from django import template
from django.utils.translation import gettext_lazy as _

from weltoffen.translation import is_english, translated

register = template.Library()

WEIGHT_LABELS = {3: _("grundlegend"), 2: _("wichtig"), 1: _("ergänzend")}


@register.filter
def weight_label(weight: int) -> str:
    return WEIGHT_LABELS.get(weight, str(weight))


@register.filter
def label(item) -> str:
    """The label of a scale, scale option or level, in the interface language."""
    if isinstance(item, dict):
        english = item.get("label_en") if is_english() else None
        return english or item.get("label", "")
    return translated(item, "label")


@register.filter
def scale_options(version, scale_key: str) -> list[dict]:
    return version.scales[scale_key]["options"]


@register.filter
def get_scale(scales: dict, scale_key: str) -> list[dict]:
    """{{ version.scales|get_scale:question.scale }}: the options of a question's scale."""
    return scales[scale_key]["options"]


def _text(item, name: str) -> str:
    return (item.get(name) if isinstance(item, dict) else getattr(item, name, "")) or ""


@register.filter
def method_text(item) -> str:
    """A method text (`text`/`text_en` in catalogue.yaml, or a level rule) in the interface language."""
    return (_text(item, "text_en") if is_english() else "") or _text(item, "text")


@register.filter
def text_language(item) -> str:
    return "en" if is_english() and _text(item, "text_en") else "de"
