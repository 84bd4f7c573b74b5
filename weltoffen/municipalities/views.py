from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .forms import MunicipalitySearchForm
from .models import Municipality

SUGGESTION_LIMIT = 8
PAGE_SIZE = 25
# Forms whose municipality field suggests from here name their query parameter.
QUERY_PARAMETERS = {"q", "municipality_name"}


def search(request):
    """The register search: a plain GET form, and the listbox for the combobox via htmx."""
    parameter = request.GET.get("param", "q")
    data = {"q": request.GET.get(parameter if parameter in QUERY_PARAMETERS else "q", "")} if request.GET else None
    form = MunicipalitySearchForm(data)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = (
        Municipality.objects.search(query).select_related("parent", "land") if query else Municipality.objects.none()
    )
    if request.headers.get("HX-Request") and request.GET.get("suggest"):
        suggestions = list(results[:SUGGESTION_LIMIT])
        return render(request, "municipalities/_suggestions.html", {"suggestions": suggestions, "query": query})
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {"form": form, "query": query, "page": page, "result_count": page.paginator.count if query else None}
    return render(request, "municipalities/search.html", context, status=400 if form.errors else 200)


def detail(request, ags: str):
    municipality = get_object_or_404(Municipality.objects.select_related("parent__parent", "land"), ags=ags)
    children = municipality.children.order_by("short_name").only(
        "ags", "short_name", "kind", "population", "designation"
    )
    return render(request, "municipalities/detail.html", {"municipality": municipality, "children": children})
