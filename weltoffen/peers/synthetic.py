"""Synthetic teams, rounds, answers and consents for the whole register, to try the
platform at national scale. Every row hangs off a team listed in `SyntheticTeam`, so one
command removes all of it.

Realism, roughly: each municipality has a maturity per field (larger places further on),
each question a true state near it; respondents from different departments see it with
noise (one step often, two steps sometimes, which the team page flags for discussion),
answer "weiß nicht" and skip now and then, and each round is a little better than the last.
The latest round also has a closed stakeholder survey (people from politics, civil
society and business, who see the municipality somewhat less favourably and more
diversely than its staff, with a comment now and then) and a plan of measures for the
weakest questions, some done, some under way.
"""

import random
import secrets
from collections import defaultdict
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.dialogue.models import Survey, SurveyAnswer, SurveyComment, SurveyResponse
from weltoffen.dialogue.questions import question_set
from weltoffen.municipalities.models import Municipality
from weltoffen.plans.models import Measure, StatusChange
from weltoffen.selfcheck import scoring
from weltoffen.selfcheck.models import Answer, Assessment, Respondent
from weltoffen.teams.models import Team

from . import aggregation
from .groups import Facts
from .models import ContributedScore, Contribution, SyntheticTeam

TEAM_NAME = "Testdaten (synthetisch)"
DEPARTMENTS = ["integration", "personal", "wirtschaft", "jugend", "schule", "soziales", "kommunikation"]
SIZE_BONUS = {"grossstadt": 0.15, "mittelstadt": 0.08, "kleinstadt": 0.0, "landgemeinde": -0.08}
# How often each group answers a survey, roughly as in a workshop of about 40 people.
GROUP_WEIGHTS = {
    SurveyResponse.Group.POLITICS: 5,
    SurveyResponse.Group.CIVIL_SOCIETY: 8,
    SurveyResponse.Group.MIGRANT_ORGANISATIONS: 5,
    SurveyResponse.Group.BUSINESS: 3,
    SurveyResponse.Group.RESIDENT: 6,
    SurveyResponse.Group.ADMINISTRATION: 3,
    SurveyResponse.Group.OTHER: 1,
}
COMMENT = "Synthetischer Kommentar: Das sollte im Workshop besprochen werden."
MEASURE_STATUSES = (Measure.Status.PLANNED, Measure.Status.IN_PROGRESS, Measure.Status.DONE, Measure.Status.DROPPED)


def clamp(value: float, low: float = 0.0, high: float = 3.0) -> float:
    return max(low, min(high, value))


def respondent_value(rng: random.Random, truth: float) -> str:
    roll = rng.random()
    if roll < 0.05:
        return ""  # skipped
    if roll < 0.12:
        return scoring.DONT_KNOW
    if roll < 0.14:
        return scoring.NOT_APPLICABLE
    noise = rng.choices((-2, -1, 0, 1, 2), weights=(4, 20, 52, 20, 4))[0]
    return str(int(clamp(round(truth + noise))))


def stakeholder_value(rng: random.Random, truth: float) -> str:
    """Outside the administration, the view is a little lower and wider spread."""
    if rng.random() < 0.12:
        return SurveyAnswer.DONT_KNOW
    return str(int(clamp(round(truth - 0.3 + rng.gauss(0, 0.8)))))


def write_surveys(latest: list, rng: random.Random, maturity_of: dict) -> dict:
    """A closed survey with 5 to 25 responses for each (latest round, municipality maturity)."""
    questions = question_set().questions
    surveys = Survey.objects.bulk_create(
        [Survey(assessment=a, public_token=Survey.new_public_token(), is_open=False) for a in latest], batch_size=2000
    )
    groups, weights = list(GROUP_WEIGHTS), list(GROUP_WEIGHTS.values())
    responses, plans = [], []
    for survey in surveys:
        for _ in range(rng.randint(5, 25)):
            responses.append(SurveyResponse(survey=survey, group=rng.choices(groups, weights=weights)[0]))
            plans.append(maturity_of[survey.assessment_id])
    SurveyResponse.objects.bulk_create(responses, batch_size=5000)
    answers, comments = [], []
    for response, maturity in zip(responses, plans, strict=True):
        for question in questions:
            answers.append(
                SurveyAnswer(
                    response=response,
                    question_key=question.key,
                    value=stakeholder_value(rng, maturity.get(question.field_key, 1.5)),
                )
            )
        for field_key in maturity:
            if rng.random() < 0.04:
                comments.append(SurveyComment(response=response, field_key=field_key, text=COMMENT))
    SurveyAnswer.objects.bulk_create(answers, batch_size=10000)
    SurveyComment.objects.bulk_create(comments, batch_size=5000)
    return {"survey_responses": len(responses), "survey_answers": len(answers)}


def write_measures(latest: list, rng: random.Random, truth_of: dict, by_field: dict, today) -> int:
    """3 to 8 measures per latest round, for its weakest questions."""
    measures = []
    questions = {q.pk: (key, q) for key, rows in by_field.items() for q in rows}
    for assessment in latest:
        weakest = sorted(truth_of[assessment.pk].items(), key=lambda item: item[1])[: rng.randint(3, 8)]
        for question_id, _truth in weakest:
            field_key, question = questions[question_id]
            measures.append(
                Measure(
                    assessment=assessment,
                    field_key=field_key,
                    question_key=question.key,
                    title=(question.recommendation or question.text)[:200],
                    department=rng.choice(DEPARTMENTS).capitalize(),
                    due_on=today + timedelta(days=rng.randint(-60, 365)),
                    status=rng.choices(MEASURE_STATUSES, weights=(4, 4, 2, 1))[0],
                )
            )
    Measure.objects.bulk_create(measures, batch_size=5000)
    StatusChange.objects.bulk_create(
        [StatusChange(measure=m, status=m.status, changed_on=today) for m in measures], batch_size=5000
    )
    return len(measures)


def generate(*, count: int | None = None, rounds: int = 3, seed: int = 1, consent_share: float = 0.8) -> dict:
    """Generate for the first `count` register municipalities without synthetic data (all when None)."""
    rng = random.Random(seed)  # noqa: S311 – reproducible test data, not secrets
    version = CatalogueVersion.objects.current()
    method = scoring.Method.from_config(version.method)
    questions = list(version.questions.select_related("field").order_by("field__number", "position"))
    by_field: dict[str, list] = defaultdict(list)
    for question in questions:
        by_field[question.field.key].append(question)
    specs = {key: [scoring.QuestionSpec(str(q.pk), q.weight) for q in rows] for key, rows in by_field.items()}
    done = SyntheticTeam.objects.values("team__municipality_id")
    places = (
        Municipality.objects.filter(in_register=True)
        .exclude(kind=Municipality.Kind.LAND)
        .exclude(pk__in=done)
        .exclude(pk__in=ContributedScore.objects.values("municipality_id"))
        .select_related("parent", "land")
        .order_by("ags")
    )
    if count is not None:
        places = places[:count]
    places = list(places)
    now = timezone.now()
    totals = defaultdict(int)
    for start in range(0, len(places), 500):
        with transaction.atomic():
            chunk_totals = write_chunk(
                places[start : start + 500], rng, version, method, by_field, specs, rounds, now, consent_share
            )
        for key, value in chunk_totals.items():
            totals[key] += value
    aggregation.rebuild(version=version)
    return dict(totals)


def write_chunk(places, rng, version, method, by_field, specs, rounds, now, consent_share) -> dict:
    teams = Team.objects.bulk_create([Team(municipality=place, name=TEAM_NAME) for place in places])
    SyntheticTeam.objects.bulk_create([SyntheticTeam(team=team) for team in teams])
    assessments, plans = [], []
    for team, place in zip(teams, places, strict=True):
        base = clamp(rng.betavariate(2.2, 2.6) * 3 + SIZE_BONUS.get(place.size_class, 0.05) * 3 - 0.2)
        maturity = {key: clamp(base + rng.gauss(0, 0.45)) for key in by_field}
        for number in range(1, rounds + 1):
            closed = now - timedelta(days=120 * (rounds - number) + rng.randint(0, 60))
            assessments.append(
                Assessment(
                    token_hash=secrets.token_hex(32),
                    version=version,
                    municipality=place,
                    team=team,
                    round_number=number,
                    title=TEAM_NAME,
                    closed_at=closed,
                    unfinished_at_close=0,
                )
            )
            plans.append((place, maturity, number))
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    respondents, respondent_plans = [], []
    for assessment in assessments:
        people = rng.randint(2, 5)
        for index in range(people):
            fields = rng.sample(list(by_field), k=rng.randint(3, len(by_field))) if index else list(by_field)
            respondents.append(
                Respondent(
                    assessment=assessment,
                    token_hash=secrets.token_hex(32),
                    name="",
                    department=DEPARTMENTS[index % len(DEPARTMENTS)],
                    field_keys=[] if index == 0 else fields,
                )
            )
            respondent_plans.append((assessment, fields))
    Respondent.objects.bulk_create(respondents, batch_size=5000)
    truth_of: dict[int, dict[int, float]] = {}
    answers = []
    values_by_round: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for assessment, (_place, maturity, number) in zip(assessments, plans, strict=True):
        truth_of[assessment.pk] = {
            q.pk: clamp(maturity[key] + 0.25 * (number - 1) + rng.gauss(0, 0.6))
            for key, rows in by_field.items()
            for q in rows
        }
    for respondent, (assessment, fields) in zip(respondents, respondent_plans, strict=True):
        truths = truth_of[assessment.pk]
        for key in fields:
            for question in by_field[key]:
                value = respondent_value(rng, truths[question.pk])
                if value:
                    answers.append((assessment.pk, respondent.pk, question.pk, value))
                    values_by_round[assessment.pk][question.pk].append(scoring_value(value))
    write_answers(answers)
    latest = [a for a, (_place, _maturity, number) in zip(assessments, plans, strict=True) if number == rounds]
    maturity_of = {a.pk: maturity for a, (_place, maturity, _number) in zip(assessments, plans, strict=True)}
    survey_totals = write_surveys(latest, rng, maturity_of)
    measure_count = write_measures(latest, rng, truth_of, by_field, now.date())
    contributions = []
    for assessment, (place, _maturity, number) in zip(assessments, plans, strict=True):
        if number != rounds or rng.random() > consent_share:
            continue
        scores, statuses = score_round(values_by_round[assessment.pk], by_field, specs, method)
        contributions.append(
            Contribution(
                assessment=assessment,
                municipality=place,
                version=version,
                compare=True,
                named=rng.random() < 0.3,
                scores=scores,
                questions=statuses,
                scored_at=assessment.closed_at,
                agreed_at=assessment.closed_at,
                is_synthetic=True,
            )
        )
    Contribution.objects.bulk_create(contributions, batch_size=2000)
    rows = []
    for contribution in contributions:
        facts = Facts.of(contribution.municipality)
        rows.extend(
            ContributedScore(
                contribution=contribution,
                municipality_id=contribution.municipality_id,
                version=version,
                field_key=key,
                score=score,
                land_ags=facts.land_ags,
                kreis_ags=facts.kreis_ags,
                kind=facts.kind,
                size_class=facts.size_class,
            )
            for key, score in contribution.scores.items()
        )
    ContributedScore.objects.bulk_create(rows, batch_size=5000)
    return {
        "teams": len(teams),
        "rounds": len(assessments),
        "respondents": len(respondents),
        "answers": len(answers),
        **survey_totals,
        "measures": measure_count,
        "contributions": len(contributions),
    }


def scoring_value(stored: str):
    return int(stored) if stored.isdigit() else stored


def score_round(values: dict[int, list], by_field, specs, method) -> tuple[dict, dict]:
    scores, statuses = {}, {}
    for key, rows in by_field.items():
        medians = {}
        for question in rows:
            given = values.get(question.pk, [])
            median = scoring.median_answer(given)
            if median is not None:
                medians[str(question.pk)] = median
            status = (
                aggregation.STATUS_SKIPPED
                if median is None
                else (
                    aggregation.STATUS_DONT_KNOW
                    if median == scoring.DONT_KNOW
                    else aggregation.STATUS_NOT_APPLICABLE
                    if median == scoring.NOT_APPLICABLE
                    else aggregation.STATUS_SCORED
                )
            )
            statuses[question.key] = [
                status,
                scoring.needs_discussion(given, method),
                scoring.priority(question.weight, median) > 0,
            ]
        score = scoring.field_score(medians, specs[key], method)
        scores[key] = round(score.score, 2) if score.has_level else None
    return scores, statuses


def write_answers(rows: list[tuple[int, int, int, str]]) -> None:
    """COPY on PostgreSQL (an order of magnitude faster than INSERT), bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        now = timezone.now()
        table = Answer._meta.db_table
        with connection.cursor() as cursor:
            # Every NOT NULL column without a database default must be named here.
            columns = "assessment_id, respondent_id, question_id, value, note, evidence, updated_at"
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for assessment_id, respondent_id, question_id, value in rows:
                    copy.write_row(
                        (assessment_id, respondent_id, question_id, value, "", Answer.Evidence.ESTIMATE, now)
                    )
        return
    Answer.objects.bulk_create(
        (Answer(assessment_id=a, respondent_id=r, question_id=q, value=v) for a, r, q, v in rows), batch_size=5000
    )


def remove() -> int:
    """Delete every synthetic team with its rounds, answers and consents; then rebuild."""
    teams = SyntheticTeam.objects.values("team_id")
    assessments = Assessment.objects.filter(team__in=teams)
    with transaction.atomic():
        removed = Team.objects.filter(pk__in=teams).count()
        ContributedScore.objects.filter(contribution__assessment__in=assessments)._raw_delete(connection.alias)
        Contribution.objects.filter(assessment__in=assessments)._raw_delete(connection.alias)
        Answer.objects.filter(assessment__in=assessments)._raw_delete(connection.alias)
        # Raw deletes skip cascades: the survey's and the plan's rows go first.
        responses = SurveyResponse.objects.filter(survey__assessment__in=assessments)
        SurveyAnswer.objects.filter(response__in=responses)._raw_delete(connection.alias)
        SurveyComment.objects.filter(response__in=responses)._raw_delete(connection.alias)
        responses._raw_delete(connection.alias)
        Survey.objects.filter(assessment__in=assessments)._raw_delete(connection.alias)
        StatusChange.objects.filter(measure__assessment__in=assessments)._raw_delete(connection.alias)
        Measure.objects.filter(assessment__in=assessments)._raw_delete(connection.alias)
        Respondent.objects.filter(assessment__in=assessments)._raw_delete(connection.alias)
        assessments._raw_delete(connection.alias)
        team_ids = list(teams.values_list("team_id", flat=True))
        SyntheticTeam.objects.all()._raw_delete(connection.alias)
        Team.objects.filter(pk__in=team_ids).delete()
    aggregation.rebuild()
    return removed
