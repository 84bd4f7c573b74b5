from django import template

from weltoffen.support.navigation import pillar_links

register = template.Library()


@register.inclusion_tag("support/_pillar_navigation.html", takes_context=True)
def support_navigation(context, current: str = ""):
    """The pillar's own navigation, on every page of it: each page one click away."""
    return {"links": pillar_links(context.get("request"), current=current)}
