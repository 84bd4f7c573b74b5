"""The Methodik page: the version's rules explained on small examples that the scoring
code itself computes. The view renders it, and the site search indexes the same text."""

from django.db.models import Count

from weltoffen.municipalities.models import Municipality
from weltoffen.selfcheck import scoring

from .models import CatalogueVersion

TEMPLATE = "catalogue/_method.html"  # the page's text, without the site's frame

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


# The worked example of catalogue review [8]: field 1 of v1 (weights in order, the weight-3 ones as
# foundations), its foundations answered "weiß nicht" or 0 and everything else 3.
LEVEL_EXAMPLE_WEIGHTS = (3, 3, 2, 2, 3, 1, 3, 3, 2, 2, 1, 1, 2, 2, 2)


def level_example(rules: scoring.Method) -> list[dict]:
    """The worked example under this version's level rules, computed by the scoring code."""
    specs = [
        scoring.QuestionSpec(key=f"q{n}", weight=w, foundation=w == 3) for n, w in enumerate(LEVEL_EXAMPLE_WEIGHTS, 1)
    ]
    rows = []
    for foundation_value in (scoring.DONT_KNOW, 0, 2):
        values = {s.key: foundation_value if s.foundation else 3 for s in specs}
        result = scoring.field_score(values, specs, rules, evidenced={s.key for s in specs})
        rows.append({"foundation_value": foundation_value, "result": result})
    return rows


def method_context(version: CatalogueVersion) -> dict:
    """Everything `catalogue/method.html` shows for one version."""
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
    return {
        "version": version,
        "fields": version.fields.annotate(question_count=Count("questions")),
        "levels": [(level, *rules.level_range(level)) for level in rules.levels],
        "coverage_percent": round(rules.coverage_threshold * 100),
        "discussion_spread": rules.discussion_spread,
        "consensus_high": round(rules.consensus_high * 100),
        "consensus_medium": round(rules.consensus_medium * 100),
        "team_example": team_example(rules),
        "level_rules": [
            {"rule": rule, "level": next(lv for lv in rules.levels if lv.key == rule.level)}
            for rule in rules.level_rules
        ],
        "level_example": level_example(rules),
        "method_texts": {name: version.method.get(name) for name in ("foundations", "evidence", "dependents")},
        "dont_know_as_zero": rules.dont_know_as_zero,
        "foundation_count": version.questions.filter(foundation=True).count(),
        "example_rows": example_rows,
        "example_result": result,
        "example_applicable": result.question_count - result.not_applicable_count,
        "example_achieved": sum(row["achieved"] or 0 for row in example_rows),
        "example_possible": sum(row["possible"] or 0 for row in example_rows),
        "weight_counts": dict(version.questions.values_list("weight").annotate(n=Count("id")).order_by()),
        "size_classes": [label for key, label in Municipality.SizeClass.choices if key != Municipality.SizeClass.LAND],
    }
