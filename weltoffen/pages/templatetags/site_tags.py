from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from weltoffen.translation import translated

register = template.Library()


@register.filter(name="without_secrets")
def without_secrets_filter(address: str) -> str:
    """The page's path with secret-link tokens removed, for links like "Barriere melden"."""
    from weltoffen.pages.secrets import without_secrets

    return without_secrets(address)


@register.simple_tag(takes_context=True)
def subscription_url(context, path: str) -> str:
    """A calendar feed's address as `webcal://` on the host the visitor used."""
    from weltoffen.pages.addresses import subscription_url

    return subscription_url(path, context.get("request"))


# The main navigation in its fixed order: an app view, or a page found by slug.
# Pages that do not exist (yet) are left out rather than linked to nowhere.
MAIN_NAVIGATION = (
    (_("Selbstcheck"), "url", "catalogue:overview"),
    (_("Wissen"), "page", "wissen"),
    (_("Praxisbeispiele"), "page", "praxisbeispiele"),
    (_("Modellkommunen"), "url", "model-municipalities"),
    (_("Über das Projekt"), "page", "ueber-das-projekt"),
)


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    slugs = [target for _label, kind, target in MAIN_NAVIGATION if kind == "page"]
    pages = {page.slug: page for page in Page.objects.live().filter(slug__in=slugs, depth=3)}
    items = []
    for label, kind, target in MAIN_NAVIGATION:
        if kind == "url":
            try:
                url = reverse(target)
            except NoReverseMatch:
                continue
        elif target in pages:
            url = pages[target].get_url(request)
        else:
            continue
        items.append({"label": label, "url": url, "current": request.path.startswith(url)})
    return {"items": items}


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    request = context["request"]
    current = get_language()
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    languages = [
        {"code": code, "name": name, "url": translate_url(request.path, code) + query, "current": current == code}
        for code, name in settings.LANGUAGES
    ]
    return {"languages": languages}


@register.simple_tag(takes_context=True)
def page_urls(context, slugs: str) -> dict[str, str]:
    """{% page_urls "impressum leichte-sprache" as urls %}: URLs of editorial pages by slug
    (hyphens become underscores: `urls.leichte_sprache`), in one query.

    Editors may move these pages but not rename their slugs; a missing page falls back
    to its conventional address.
    """
    wanted = slugs.split()
    urls = {slug: in_current_language(f"/{slug}/") for slug in wanted}
    for page in Page.objects.live().filter(slug__in=wanted):
        urls[page.slug] = page.get_url(context.get("request"))
    return {slug.replace("-", "_"): url for slug, url in urls.items()}


@register.filter
def text_language(obj, attribute: str) -> str:
    """The `lang` of what `translated` shows: "en" only where the English field is filled."""
    from weltoffen.translation import is_english

    return "en" if is_english() and getattr(obj, f"{attribute}_en", "") else "de"


@register.filter(name="translated")
def translated_filter(obj, attribute: str):
    """{{ page|translated:"lead" }}: the English field where the interface is English and it is filled."""
    return translated(obj, attribute)


WIDGET_CLASSES = {"select": "kern-form-input__select", "checkbox": "kern-form-check__checkbox"}


@register.filter
def kern_widget(bound_field):
    """Render a field's widget with KERN classes and its hint and error described."""
    input_type = getattr(bound_field.field.widget, "input_type", "textarea")
    css = WIDGET_CLASSES.get(input_type, "kern-form-input__input")
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
        css += f" {css}--error"
    attrs = {"class": css}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def in_current_language(path: str) -> str:
    """ "/selbstcheck/" → "/en/selbstcheck/" while the interface is English."""
    if not path.startswith("/"):
        return path
    # Content stores German paths; resolve them as German, reverse in the active language.
    language = get_language()
    with override(settings.LANGUAGE_CODE):
        return translate_url(path, language)
