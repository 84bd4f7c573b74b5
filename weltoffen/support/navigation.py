"""The pages of the support pillar, linked from each of them and from the places that
lead here (the pillar page, field 7's results and report): one list, one order."""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (key, label, how to find it): a URL name of this app, or the guide page and its route.
PILLAR_PAGES = (
    ("guide", _("Leitfaden bei Anfeindungen")),
    ("easy", _("Das Wichtigste in Leichter Sprache")),
    ("help", _("Hilfe nach Land")),
    ("incidents", _("Vorfälle privat dokumentieren")),
    ("request", _("Vertraulich um Hilfe bitten")),
)
URL_NAMES = {"help": "support:help-by-land", "incidents": "support:incident-list", "request": "support:request-new"}


def guide_page():
    """The published guide, found as a page so that editors own its address."""
    try:
        model = apps.get_model("support", "SupportGuidePage")
    except LookupError:
        return None
    return model.objects.live().public().first()


def pillar_links(request=None, *, current: str = "", keys: tuple[str, ...] | None = None) -> list[dict]:
    """Links to the pillar's pages that exist, in their fixed order."""
    guide = None
    links = []
    for key, label in PILLAR_PAGES:
        if keys is not None and key not in keys:
            continue
        if key in URL_NAMES:
            try:
                url = reverse(URL_NAMES[key])
            except NoReverseMatch:
                continue
        else:
            guide = guide or guide_page()
            if guide is None:
                continue
            url = guide.get_url(request) if key == "guide" else guide.get_url(request) + "leichte-sprache/"
        links.append({"key": key, "label": label, "url": url, "current": key == current})
    return links
