import pytest

from weltoffen.dialogue import surveys
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.teams import rounds


@pytest.fixture
def link_assessment(catalogue):
    """A single-link assessment; its owner's token is on `.token`."""
    return AssessmentFactory(title="Selbstcheck Musterstadt")


@pytest.fixture
def respondent_token(teams):
    """A colleague's personal answering link of our team's round."""
    _respondent, token = rounds.invite(
        assessment=teams[0].current_round(),
        invited_by=teams[0].coordinator,
        email="kollegin@wolfsburg.example",
        department="jugend",
    )
    return token


@pytest.fixture
def survey(link_assessment):
    return surveys.open_survey(assessment=link_assessment)


def answers_for(survey, value="2") -> dict[str, str]:
    return {q.key: value for q in survey.questions.questions}
