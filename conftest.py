import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _german_by_default():
    """A request to /en/… leaves English active in the thread, and reverse() would then
    build /en/ addresses in the next test; every test starts in German."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def prepared_documents_root(settings, tmp_path):
    """Prepared PDFs (selfcheck.PreparedDocument) are written to a folder of the test's own."""
    settings.PREPARED_DOCUMENTS_ROOT = tmp_path / "prepared-documents"
    return settings.PREPARED_DOCUMENTS_ROOT


@pytest.fixture
def catalogue(db, tmp_path):
    """The real catalogue v1 (data/v1) as the current version; the tests of v2 use
    `catalogue_v2`, and catalogue/tests load the shipped v1 and v2 together."""
    import shutil

    from weltoffen.catalogue.loading import DATA_DIR, load_all

    shutil.copytree(DATA_DIR / "v1", tmp_path / "v1-only" / "v1")
    return load_all(tmp_path / "v1-only")[-1].version


@pytest.fixture
def assessment(catalogue):
    from weltoffen.selfcheck.tests.factories import AssessmentFactory

    return AssessmentFactory()


@pytest.fixture
def other_assessment(catalogue):
    """Someone else's assessment, to prove one secret link never opens another."""
    from weltoffen.selfcheck.tests.factories import AssessmentFactory

    return AssessmentFactory(title="Fremder Selbstcheck")


@pytest.fixture
def knowledge_site(catalogue):
    """Home, standard pages and the knowledge platform's pages, without demo content."""
    from django.core.management import call_command

    call_command("setup_site")
    call_command("setup_knowledge")


@pytest.fixture(scope="module")
def register(django_db_setup, django_db_blocker):
    """The whole municipality register, loaded once per test module and removed after it
    (committed outside the per-test transactions, so other modules never see it)."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("import_register", verbosity=0)
        yield
        from weltoffen.municipalities.models import Municipality, ProgrammeParticipation

        ProgrammeParticipation.objects.all().delete()
        Municipality.objects.update(parent=None, land=None)
        Municipality.objects.all().delete()


@pytest.fixture
def teams(catalogue):
    """Two municipalities with a team each: ours (with a member) and another one."""
    from weltoffen.municipalities.tests.factories import MunicipalityFactory
    from weltoffen.teams.models import Membership
    from weltoffen.teams.tests.factories import UserFactory, make_team

    ours = make_team(MunicipalityFactory(ags="03103000", short_name="Wolfsburg"))
    member = UserFactory(email="mitglied@wolfsburg.example")
    Membership.objects.create(team=ours, user=member, role=Membership.Role.MEMBER)
    ours.member = member
    theirs = make_team(MunicipalityFactory(ags="09162000", short_name="München"), name="Team München")
    return ours, theirs


@pytest.fixture
def staff_client(client, django_user_model):
    """A client signed in as staff with two-factor authentication set up, as the admin requires."""
    from allauth.mfa.models import Authenticator

    staff = django_user_model.objects.create_superuser("redaktion", "redaktion@example.org", "ein-langes-passwort-123")
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    client.force_login(staff)
    return client


@pytest.fixture
def catalogue_v2(db, tmp_path):
    """v1 and a small v2 (see weltoffen/catalogue/tests/fixtures.py); v2 is current."""
    from weltoffen.catalogue.loading import load_all
    from weltoffen.catalogue.tests.fixtures import write_v2

    write_v2(tmp_path / "catalogue")
    return load_all(tmp_path / "catalogue")[-1].version


@pytest.fixture
def unreachable_mail_server(settings):
    """Every mail fails as in an outage of the mail server; the queue keeps it for a retry."""
    settings.EMAIL_BACKEND = "weltoffen.jobs.tests.backends.UnreachableMailServer"
    return settings


@pytest.fixture
def database_queue(settings, monkeypatch):
    """The task queue as `make run` and production have it: requests store, `run_worker` sends.

    Inside a test's transaction the worker must keep its connection: `close_old_connections`
    drops any connection whose autocommit is off, which ends the test's transaction on
    PostgreSQL (SQLite's in-memory test database ignores it)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    return settings
