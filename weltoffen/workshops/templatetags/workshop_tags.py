from django import template

from weltoffen.teams.templatetags.team_tags import value_label

register = template.Library()


@register.filter
def answered_values(spread) -> list[tuple[str, int]]:
    """The distribution of a question without the values nobody chose: [("0", 1), ("3", 1)]."""
    return [(value_label(value), count) for value, count, _names in spread.distribution() if count]
