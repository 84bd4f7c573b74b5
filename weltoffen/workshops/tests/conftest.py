import pytest

from weltoffen.dialogue import surveys
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.teams import rounds


def field_one(assessment):
    return assessment.version.fields.get(number=1)


def answer_field(assessment, field, values, respondent=None):
    """Answer the field's questions in order with `values`, repeated as needed."""
    questions = list(field.questions.order_by("position"))
    changes = [(q, AnswerInput(values[i % len(values)], "")) for i, q in enumerate(questions)]
    answering.save_answers(assessment=assessment, respondent=respondent, changes=changes)
    return questions


@pytest.fixture
def link_assessment(catalogue):
    """A single-link Selbstcheck with field 1 answered low, so it has recommendations."""
    assessment = AssessmentFactory(title="Selbstcheck Musterstadt")
    answer_field(assessment, field_one(assessment), ["0", "1"])
    return assessment


@pytest.fixture
def team_round(teams):
    """Our team's round: two colleagues who disagree on everything in field 1."""
    ours, _theirs = teams
    assessment = ours.current_round()
    for department, value in (("personal", "0"), ("auslaenderbehoerde", "3")):
        person, _token = rounds.invite(assessment=assessment, invited_by=ours.coordinator, department=department)
        answer_field(assessment, field_one(assessment), [value], respondent=person)
    return assessment


@pytest.fixture
def team_ref(team_round):
    return f"runde-{team_round.pk}"


@pytest.fixture
def respondent_token(teams, team_round):
    """A colleague's personal answering link of our team's round."""
    _respondent, token = rounds.invite(
        assessment=team_round, invited_by=teams[0].coordinator, email="kollegin@wolfsburg.example", department="jugend"
    )
    return token


@pytest.fixture
def stakeholders(link_assessment):
    """Three responses of one group, so the stakeholders' view of field 1 is shown."""
    survey = surveys.open_survey(assessment=link_assessment)
    keys = [q.key for q in survey.questions.questions if q.field_key == field_one(link_assessment).key]
    for comment in ("Mehr Sprachkurse", "Beirat früher beteiligen", "gut so"):
        surveys.submit_response(
            survey=survey,
            submission=surveys.Submission(
                "zivilgesellschaft", dict.fromkeys(keys, "3"), {field_one(link_assessment).key: comment}
            ),
        )
    return survey


def top_keys(assessment, count=2) -> list[str]:
    """The first top recommendations of field 1, as the workshop screen shows them."""
    from weltoffen.workshops.screens import workshop_view

    return [row.question.key for row in workshop_view(assessment).fields[0].recommendations[:count]]
