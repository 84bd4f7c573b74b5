from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from weltoffen.page_cache import public_page

from .forms import MunicipalitySearchForm
from .map import HEIGHT as MAP_HEIGHT
from .map import MARKER_RADIUS, land_paths, numbered_markers
from .map import WIDTH as MAP_WIDTH
from .models import Municipality, ProgrammeParticipation

SUGGESTION_LIMIT = 8
PAGE_SIZE = 25
# Forms whose municipality field suggests from here name their query parameter.
QUERY_PARAMETERS = {"q", "municipality_name"}


@public_page
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


@public_page
def detail(request, ags: str):
    municipality = get_object_or_404(Municipality.objects.select_related("parent__parent", "land"), ags=ags)
    children = municipality.children.order_by("short_name").only(
        "ags", "short_name", "kind", "population", "designation"
    )
    context = {
        "municipality": municipality,
        "children": children,
        "participation": ProgrammeParticipation.objects.filter(municipality=municipality).first(),
        # Reverse relation of knowledge.PracticeExamplePage: this app needs no import of it.
        "practice_examples": municipality.practice_examples.live()
        .select_related("municipality__land")
        .prefetch_related("topics")
        .order_by("-date"),
    }
    return render(request, "municipalities/detail.html", context)


@public_page
def model_municipalities(request):
    """The municipalities of the programme, as a list and on a map of the Länder.

    List and map share one numbering: the number on a marker is the number in the list.
    """
    participations = list(ProgrammeParticipation.objects.select_related("municipality__land", "part_of"))
    roles = ProgrammeParticipation.Role
    # Grouped in the order of the roles (model municipalities first, so they keep their
    # exact place on the map); sorted() is stable, so names stay in order within a group.
    ordered = sorted(participations, key=lambda p: roles.values.index(p.role))
    markers = numbered_markers([(p.municipality.latitude, p.municipality.longitude) for p in ordered])
    entries = [{"participation": p, "marker": m} for p, m in zip(ordered, markers, strict=True)]
    groups = [
        (role, label, [entry for entry in entries if entry["participation"].role == role])
        for role, label in roles.choices
    ]
    context = {
        "groups": groups,
        "entries": entries,
        "lands": land_paths(),
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "marker_radius": MARKER_RADIUS,
    }
    return render(request, "municipalities/model_municipalities.html", context)
