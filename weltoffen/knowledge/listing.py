"""Filters and pagination for the knowledge listings, as a plain GET form.

Filters combine (field of action AND Land AND size class AND type); unknown values in
the query string are ignored rather than answered with an error page.
"""

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from weltoffen.municipalities.models import Municipality

from .models import KnowledgePage, Topic

PAGE_SIZE = 12


class ListingFilterForm(forms.Form):
    thema = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    art = forms.ChoiceField(label=_("Art"), required=False)
    land = forms.ChoiceField(label=_("Land"), required=False)
    groesse = forms.ChoiceField(label=_("Größenklasse"), required=False)

    def __init__(self, *args, with_type=False, with_region=False, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("alle"))]
        self.fields["thema"].choices = everything + [(t.key, t.display_title) for t in Topic.objects.all()]
        if with_type:
            kinds = [(k, label) for k, label in KnowledgePage.Kind.choices if k != KnowledgePage.Kind.PRACTICE]
            self.fields["art"].choices = everything + kinds
        else:
            del self.fields["art"]
        if with_region:
            lands = Municipality.objects.filter(kind=Municipality.Kind.LAND).order_by("short_name")
            self.fields["land"].choices = everything + [(land.ags, land.short_name) for land in lands]
            sizes = [(k, label) for k, label in Municipality.SizeClass.choices if k != Municipality.SizeClass.LAND]
            self.fields["groesse"].choices = everything + sizes
        else:
            del self.fields["land"]
            del self.fields["groesse"]

    def filter(self, pages):
        # An invalid value in one filter (an old link, a typo) drops that filter only.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("thema"):
            pages = pages.filter(topics__key=data["thema"])
        if data.get("art"):
            pages = pages.filter(kind=data["art"])
        # Land and size class exist only on practice examples, the only listing offering them.
        if data.get("land"):
            pages = pages.filter(municipality__ags__startswith=data["land"])
        if data.get("groesse"):
            pages = pages.filter(municipality__size_class=data["groesse"])
        return pages

    def active_query(self) -> str:
        """The filter part of the query string, for pagination links."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return "&".join(f"{name}={value}" for name, value in data.items() if value)


def listing_context(request, pages, *, with_type=False, with_region=False) -> dict:
    form = ListingFilterForm(request.GET or None, with_type=with_type, with_region=with_region)
    pages = form.filter(pages.live()).order_by("-date", "-pk").distinct().prefetch_related("topics")
    # Not "page": in Wagtail templates that is the page being served.
    results = Paginator(pages, PAGE_SIZE).get_page(request.GET.get("seite"))
    return {
        "filter_form": form,
        "results": results,
        "result_count": results.paginator.count,
        "filter_query": form.active_query(),
    }
