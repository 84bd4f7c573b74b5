from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from weltoffen.municipalities.models import Municipality
from weltoffen.page_cache import public_page
from weltoffen.selfcheck import scoring

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


# A worked example for the Methodik page, computed by the scoring code itself:
# (weight, answer) of five questions of one field.
METHOD_EXAMPLE = ((3, 2), (2, 3), (2, scoring.DONT_KNOW), (1, 1), (2, scoring.NOT_APPLICABLE))
# Four people answer the same three questions (weights 3, 2, 1): the team example.
TEAM_EXAMPLE = ((3, (0, 1, 3, 3)), (2, (2, 2, 3, 2)), (1, (0, 3, 1, scoring.DONT_KNOW)))


def team_example(rules: scoring.Method) -> dict:
    """The team rules on a small example, computed by the same functions as every result."""
    questions = [scoring.QuestionSpec(key=f"q{n}", weight=weight) for n, (weight, _) in enumerate(TEAM_EXAMPLE, 1)]
    rows = [
        {
            "number": n,
            "weight": weight,
            "answers": values,
            "median": scoring.median_answer(values),
            "discussion": scoring.needs_discussion(values, rules),
        }
        for n, (weight, values) in enumerate(TEAM_EXAMPLE, 1)
    ]
    people = range(len(TEAM_EXAMPLE[0][1]))
    own_scores = [
        scoring.field_score(
            {q.key: values[person] for q, (_, values) in zip(questions, TEAM_EXAMPLE, strict=True)}, questions, rules
        )
        for person in people
    ]
    team_score = scoring.field_score(
        {q.key: row["median"] for q, row in zip(questions, rows, strict=True)}, questions, rules
    )
    return {
        "rows": rows,
        "team_score": team_score.score,
        "own_scores": [score.score for score in own_scores],
        "spread": scoring.score_spread([score.score for score in own_scores if score.has_level]),
        "consensus": scoring.field_consensus([row["answers"] for row in rows], rules),
    }


@public_page
def method(request):
    version = chosen_version(request)
    rules = scoring.Method.from_config(version.method)
    questions = [scoring.QuestionSpec(key=f"q{n}", weight=weight) for n, (weight, _) in enumerate(METHOD_EXAMPLE, 1)]
    answers = {q.key: answer for q, (_, answer) in zip(questions, METHOD_EXAMPLE, strict=True)}
    example_rows = [
        {
            "number": n,
            "weight": q.weight,
            "answer": answers[q.key],
            "scored": scoring.is_scored(answers[q.key]),
            "achieved": q.weight * answers[q.key] if scoring.is_scored(answers[q.key]) else None,
            "possible": q.weight * scoring.MAX_VALUE if scoring.is_scored(answers[q.key]) else None,
            "priority": scoring.priority(q.weight, answers[q.key]),
        }
        for n, q in enumerate(questions, 1)
    ]
    result = scoring.field_score(answers, questions, rules)
    context = {
        "version": version,
        "fields": version.fields.annotate(question_count=Count("questions")),
        "levels": [(level, *rules.level_range(level)) for level in rules.levels],
        "coverage_percent": round(rules.coverage_threshold * 100),
        "discussion_spread": rules.discussion_spread,
        "consensus_high": round(rules.consensus_high * 100),
        "consensus_medium": round(rules.consensus_medium * 100),
        "team_example": team_example(rules),
        "example_rows": example_rows,
        "example_result": result,
        "example_applicable": result.question_count - result.not_applicable_count,
        "example_achieved": sum(row["achieved"] or 0 for row in example_rows),
        "example_possible": sum(row["possible"] or 0 for row in example_rows),
        "weight_counts": dict(version.questions.values_list("weight").annotate(n=Count("id")).order_by()),
        "size_classes": [label for key, label in Municipality.SizeClass.choices if key != Municipality.SizeClass.LAND],
    }
    return render(request, "catalogue/method.html", context)
