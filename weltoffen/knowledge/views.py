from collections import Counter
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from weltoffen.municipalities.forms import MunicipalitySearchForm
from weltoffen.page_cache import public_page

from .forms import SiteSearchForm
from .search import CATEGORIES, add_snippets, municipality_hits, search_site

PAGE_SIZE = 15


@public_page
def search(request):
    form = SiteSearchForm(request.GET or None)
    context = {"form": form, "query": ""}
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        hits = search_site(query)
        counts = Counter(hit.category for hit in hits)
        category = form.cleaned_data["art"]
        shown = [hit for hit in hits if not category or hit.category == category]
        page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("seite"))
        add_snippets(page.object_list, query)
        context.update(
            query=query,
            category=category,
            page=page,
            total=len(hits),
            counts=[(key, CATEGORIES[key], counts[key]) for key in CATEGORIES if counts[key]],
            municipalities=municipality_hits(query),
            municipality_form=MunicipalitySearchForm(initial={"q": query}),
            pagination_query=urlencode({"q": query, "art": category} if category else {"q": query}),
        )
    return render(request, "knowledge/search.html", context, status=400 if form.errors else 200)
