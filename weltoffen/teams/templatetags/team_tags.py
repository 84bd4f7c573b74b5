from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

CONSENSUS_LABELS = {"hoch": _("hoch"), "mittel": _("mittel"), "niedrig": _("niedrig"), "": _("nicht ermittelbar")}
VALUE_LABELS = {"dont_know": _("weiß nicht"), "not_applicable": _("trifft nicht zu")}


@register.filter
def get_field(fields: dict, key: str):
    return fields.get(key)


@register.filter
def consensus_label(level: str) -> str:
    return CONSENSUS_LABELS[level]


@register.filter
def value_label(value: str) -> str:
    """Column heads of a distribution: 0–3 as numbers, the unscored answers in words."""
    return VALUE_LABELS.get(value, value)


@register.filter
def percent(share: float) -> int:
    """0.8 → 80, for thresholds stored as shares in the method data."""
    return round(share * 100)


@register.filter
def team_field(team, field_result):
    """The TeamField of a field result, for templates that loop over the plain result."""
    return team.field_for(field_result.field)
