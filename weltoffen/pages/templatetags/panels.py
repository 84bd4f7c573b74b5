"""`{% panels "place" key=value … %}`: the HTML that higher apps contribute to a page of a
lower one, through Wagtail hooks named `weltoffen_panel_<place>`.

A lower app's template names the place; a higher app registers a function
`(request, **context) -> str` for it in its `wagtail_hooks.py`. So the results page of the
Selbstcheck shows the peer comparison without the selfcheck app importing peers.
"""

from django import template
from django.utils.safestring import mark_safe

from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, place: str, **values):
    request = context.get("request")
    parts = [render(request=request, **values) for render in hooks.get_hooks(f"weltoffen_panel_{place}")]
    return mark_safe("".join(part for part in parts if part))  # noqa: S308 – each hook renders an escaped template
