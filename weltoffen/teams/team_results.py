"""The team result of a round: medians, distributions, disagreement, departments.

Loads the round's answers once and computes everything with the scoring rules, so a
round with 50 respondents answering every question stays within a few dozen ms.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from weltoffen.catalogue.models import Question
from weltoffen.selfcheck import scoring
from weltoffen.selfcheck.models import Answer, Assessment, Respondent, parse_stored_value
from weltoffen.selfcheck.results import AssessmentResult, FieldResult, assessment_results, value_label

VALUE_ORDER = ["0", "1", "2", "3", scoring.DONT_KNOW, scoring.NOT_APPLICABLE]


@dataclass
class RespondentAnswer:
    """One person's answer to one question, as the workshop sees it: the name only
    with that person's consent, the department always."""

    name: str
    department: str
    value: scoring.AnswerValue
    label: str
    note: str


@dataclass
class QuestionSpread:
    question: Question
    counts: dict[str, int]
    names: dict[str, list[str]]
    median: scoring.AnswerValue | None
    median_label: str
    spread: int
    needs_discussion: bool
    answers: list[RespondentAnswer] = field(default_factory=list)
    agreed: scoring.AnswerValue | None = None  # set by the coordinator; counts instead of the median
    agreed_label: str = ""

    @property
    def uses_agreed(self) -> bool:
        return self.agreed is not None

    @property
    def answer_count(self) -> int:
        return sum(self.counts.values())

    @property
    def number(self) -> str:
        return f"{self.question.field.number}.{self.question.position}"

    @property
    def notes(self) -> list[RespondentAnswer]:
        return [answer for answer in self.answers if answer.note]

    def distribution(self) -> list[tuple[str, int, list[str]]]:
        return [(value, self.counts.get(value, 0), self.names.get(value, [])) for value in VALUE_ORDER]


@dataclass
class DepartmentResult:
    label: str
    respondent_count: int
    scores: list[tuple[object, float | None]]  # (field, score)


@dataclass
class RespondentSummary:
    """What the team result says about one person: never more than they agreed to."""

    name: str
    department: str
    answered: int
    assigned: int

    @property
    def is_complete(self) -> bool:
        return self.assigned > 0 and self.answered >= self.assigned


@dataclass
class TeamField:
    """One field of the team result: the team value, how far the team agrees, and the
    spread of the respondents' own scores."""

    result: FieldResult
    consensus: scoring.Consensus
    spread: scoring.Spread | None
    questions: list[QuestionSpread]
    discussion_spread: int

    @property
    def field(self):
        return self.result.field

    @property
    def disagreement_text(self) -> str:
        """Shown instead of the level text when the team disagrees too much for the median
        to be a statement of fact; "" otherwise."""
        if not (self.result.score.has_level and self.consensus.is_low):
            return ""
        flagged = sum(1 for spread in self.questions if spread.needs_discussion)
        text = _(
            "Die Einschätzungen gehen weit auseinander: Bei %(flagged)d von %(compared)d verglichenen Fragen liegen "
            "die Antworten %(steps)d oder mehr Stufen auseinander."
        ) % {"flagged": flagged, "compared": self.consensus.compared, "steps": self.discussion_spread}
        if self.spread and self.spread.count > 1:
            text += " " + _("Die eigenen Punktwerte der Antwortenden reichen von %(low)d bis %(high)d.") % {
                "low": round(self.spread.minimum),
                "high": round(self.spread.maximum),
            }
        return (
            text
            + " "
            + _(
                "Der Teamwert (Median) beschreibt deshalb keinen gemeinsamen Stand. Klären Sie zuerst die Fragen mit "
                "Diskussionsbedarf, bevor Sie die Stufe „%(level)s“ als Ergebnis verwenden."
            )
            % {"level": self.result.level_label}
        )


@dataclass
class TeamResult:
    assessment: Assessment
    result: AssessmentResult
    fields: list[TeamField]
    respondents: list[RespondentSummary]
    departments: list[DepartmentResult] = field(default_factory=list)

    @property
    def respondent_count(self) -> int:
        return len(self.respondents)

    @property
    def spreads(self) -> dict[int, QuestionSpread]:
        return {spread.question.pk: spread for team_field in self.fields for spread in team_field.questions}

    @property
    def discussion(self) -> list[QuestionSpread]:
        """Every question that needs discussion, widest disagreement first, then most answers."""
        flagged = [spread for team_field in self.fields for spread in team_field.questions if spread.needs_discussion]
        return sorted(flagged, key=lambda s: (-s.spread, -s.answer_count, s.question.field.number, s.question.position))

    def field_for(self, field_of_action) -> TeamField:
        return next(team_field for team_field in self.fields if team_field.field.pk == field_of_action.pk)

    @property
    def answered_questions(self) -> int:
        """Questions with at least one answer of anyone in the team."""
        return self.result.answered_count


def team_result(assessment: Assessment) -> TeamResult:
    method = scoring.Method.from_config(assessment.version.method)
    respondents = {r.pk: r for r in Respondent.objects.filter(assessment=assessment, revoked_at__isnull=True)}
    # Resolved once per person, not once per answer: choice labels are lazy translations.
    people = {pk: Person(r.display_name if r.show_name else "", r.department_label) for pk, r in respondents.items()}
    rows = (
        Answer.objects.filter(respondent_id__in=respondents)
        .exclude(value="")
        .values_list("respondent_id", "question_id", "value", "note", "evidence")
    )
    by_question: dict[int, list[tuple[int, scoring.AnswerValue, str]]] = defaultdict(list)
    backed: dict[int, list[scoring.AnswerValue]] = defaultdict(list)
    for respondent_id, question_id, value, note, evidence in rows:
        by_question[question_id].append((respondent_id, parse_stored_value(value), note))
        if evidence:
            backed[question_id].append(parse_stored_value(value))
    medians = {
        question_id: scoring.median_answer([value for _, value, _ in answers])
        for question_id, answers in by_question.items()
    }
    agreed_rows = Answer.objects.filter(assessment=assessment, respondent__isnull=True).exclude(value="")
    agreed = {a.question_id: a for a in agreed_rows}
    values = {**medians, **{pk: answer.scoring_value for pk, answer in agreed.items()}}
    evidenced = {pk for pk, answer in agreed.items() if answer.is_evidenced} | {
        # Without an agreed answer, a team value counts as backed when someone who answered at least
        # as high gave evidence.
        pk
        for pk, backed_values in backed.items()
        if pk not in agreed and any(supports(value, medians.get(pk)) for value in backed_values)
    }
    result = assessment_results(assessment, values=values, evidenced=evidenced)
    labels = Labels(assessment.version.scales)
    fields = []
    for field_result in result.fields:
        spreads = [
            question_spread(row.question, by_question.get(row.question.pk, []), medians, people, method, labels)
            for row in field_result.questions
        ]
        for spread in spreads:
            if spread.question.pk in agreed:
                spread.agreed = agreed[spread.question.pk].scoring_value
                spread.agreed_label = labels[spread.question.scale, spread.agreed]
        consensus = scoring.field_consensus(
            [[value for _, value, _ in by_question.get(row.question.pk, [])] for row in field_result.questions], method
        )
        own_scores = respondent_scores(field_result, respondents, by_question, method)
        fields.append(
            TeamField(field_result, consensus, scoring.score_spread(own_scores), spreads, method.discussion_spread)
        )
    return TeamResult(
        assessment=assessment,
        result=result,
        fields=fields,
        respondents=respondent_summaries(result, respondents, people, by_question),
        departments=department_results(result, people, by_question, method),
    )


def supports(value, team_value) -> bool:
    return scoring.is_scored(value) and scoring.is_scored(team_value) and value >= team_value


@dataclass(frozen=True)
class Person:
    name: str  # "" without consent
    department: str


class Labels(dict):
    """Answer labels per (scale, value), each computed once."""

    def __init__(self, scales: dict):
        super().__init__()
        self.scales = scales

    def __missing__(self, key):
        scale, value = key
        self[key] = label = value_label(value, self.scales[scale])
        return label


def question_spread(question, answers, medians, people, method, labels) -> QuestionSpread:
    values = [value for _, value, _ in answers]
    scored = [value for value in values if scoring.is_scored(value)]
    names: dict[str, list[str]] = defaultdict(list)
    listed = []
    for respondent_id, value, note in answers:
        person = people[respondent_id]
        if person.name:
            names[str(value)].append(person.name)
        listed.append(RespondentAnswer(person.name, person.department, value, labels[question.scale, value], note))
    listed.sort(key=lambda answer: (not scoring.is_scored(answer.value), str(answer.value), answer.department))
    median = medians.get(question.pk)
    return QuestionSpread(
        question=question,
        counts=dict(Counter(str(value) for value in values)),
        names=dict(names),
        median=median,
        median_label=labels[question.scale, median],
        spread=max(scored) - min(scored) if len(scored) > 1 else 0,
        needs_discussion=scoring.needs_discussion(values, method),
        answers=listed,
    )


def respondent_scores(field_result, respondents, by_question, method) -> list[float]:
    """Each respondent's own score in a field, where their answers reach the coverage
    threshold: a score from two answers would widen the spread without saying anything."""
    specs = [
        scoring.QuestionSpec(key=str(row.question.pk), weight=row.question.weight) for row in field_result.questions
    ]
    own: dict[int, dict[str, scoring.AnswerValue]] = defaultdict(dict)
    for row in field_result.questions:
        for respondent_id, value, _note in by_question.get(row.question.pk, []):
            own[respondent_id][str(row.question.pk)] = value
    scores = []
    for respondent_id, values in own.items():
        if respondents[respondent_id].answers_field(field_result.field.key):
            score = scoring.field_score(values, specs, method)
            if score.has_level:
                scores.append(score.score)
    return scores


def respondent_summaries(result, respondents, people, by_question) -> list[RespondentSummary]:
    answered = Counter(respondent_id for answers in by_question.values() for respondent_id, _, _ in answers)
    per_field = {f.field.key: f.score.question_count for f in result.fields}
    summaries = []
    for respondent in respondents.values():
        keys = respondent.field_keys or list(per_field)
        summaries.append(
            RespondentSummary(
                name=people[respondent.pk].name,
                department=people[respondent.pk].department,
                answered=answered[respondent.pk],
                assigned=sum(per_field.get(key, 0) for key in keys),
            )
        )
    return summaries


def department_results(result, people, by_question, method) -> list[DepartmentResult]:
    """Field scores from each department's own answers (median within the department)."""
    members = Counter(person.department for person in people.values())
    per_department: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for question_id, answers in by_question.items():
        for respondent_id, value, _note in answers:
            per_department[people[respondent_id].department][question_id].append(value)
    departments = []
    for label in sorted(members):
        own = per_department[label]
        scores = []
        for field_result in result.fields:
            specs = [
                scoring.QuestionSpec(key=str(row.question.pk), weight=row.question.weight)
                for row in field_result.questions
            ]
            values = {}
            for row in field_result.questions:
                median = scoring.median_answer(own.get(row.question.pk, []))
                if median is not None:
                    values[str(row.question.pk)] = median
            scores.append((field_result.field, scoring.field_score(values, specs, method).score))
        departments.append(DepartmentResult(label=label, respondent_count=members[label], scores=scores))
    return departments
