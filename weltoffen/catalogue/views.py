from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from weltoffen.page_cache import public_page

from . import methodology
from .models import CatalogueVersion, FieldOfAction, Question


def chosen_version(request) -> CatalogueVersion:
    """The current version, or an earlier one named with ?version=…"""
    versions = CatalogueVersion.objects.all()
    key = request.GET.get("version")
    try:
        return versions.get(key=key) if key else versions.current()
    except CatalogueVersion.DoesNotExist:
        raise Http404 from None


@public_page
def overview(request):
    version = chosen_version(request)
    fields = version.fields.annotate(question_count=Count("questions")).prefetch_related("subtopics")
    return render(request, "catalogue/overview.html", {"version": version, "fields": fields})


@public_page
def field_detail(request, key: str):
    version = chosen_version(request)
    questions = Question.objects.select_related("subtopic").order_by("position")
    field = get_object_or_404(
        FieldOfAction.objects.prefetch_related("subtopics", Prefetch("questions", queryset=questions)),
        version=version,
        key=key,
    )
    siblings = list(version.fields.only("key", "number", "title", "title_en"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == field.pk)
    context = {
        "version": version,
        "field": field,
        "groups": group_by_subtopic(field),
        "previous_field": siblings[index - 1] if index > 0 else None,
        "next_field": siblings[index + 1] if index + 1 < len(siblings) else None,
    }
    return render(request, "catalogue/field_detail.html", context)


def group_by_subtopic(field: FieldOfAction) -> list[tuple]:
    """[(subtopic or None, [questions])] in catalogue order."""
    groups: dict = {}
    for question in field.questions.all():
        groups.setdefault(question.subtopic, []).append(question)
    return list(groups.items())


@public_page
def method(request):
    return render(request, "catalogue/method.html", methodology.method_context(chosen_version(request)))
