import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(db):
    """The real catalogue (data/v1), loaded as `make run` loads it."""
    from weltoffen.catalogue.loading import load_all

    return load_all()[-1].version


@pytest.fixture
def assessment(catalogue):
    from weltoffen.selfcheck.tests.factories import AssessmentFactory

    return AssessmentFactory()


@pytest.fixture
def other_assessment(catalogue):
    """Someone else's assessment, to prove one secret link never opens another."""
    from weltoffen.selfcheck.tests.factories import AssessmentFactory

    return AssessmentFactory(title="Fremder Selbstcheck")
