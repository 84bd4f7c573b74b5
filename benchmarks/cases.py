"""The measured operations, grouped by issue; each states the target it checks."""

from django.contrib.auth import get_user_model
from django.test import Client

from weltoffen.catalogue.loading import load_all
from weltoffen.municipalities.models import Municipality
from weltoffen.municipalities.register import import_register
from weltoffen.selfcheck.answering import start_assessment
from weltoffen.selfcheck.models import Answer
from weltoffen.selfcheck.results import assessment_results

from .harness import benchmark

User = get_user_model()


def fresh_register():
    Municipality.objects.update(parent=None, land=None)
    Municipality.objects.all().delete()


@benchmark("[1] register: import all 11,061 rows into an empty table", target_seconds=10, repeat=3)
def register_first_import():
    def run():
        fresh_register()
        import_register()

    return run


@benchmark("[1] register: repeat import (nothing changes)", target_seconds=10, repeat=3)
def register_repeat_import():
    import_register()
    return import_register


@benchmark("[1] register: search 'Muenchen' (name, umlaut-folded)", target_seconds=0.05, repeat=50)
def search_by_name():
    if not Municipality.objects.exists():
        import_register()
    return lambda: list(Municipality.objects.search("Muenchen")[:8])


@benchmark("[1] register: search page with 'berg' (many results)", target_seconds=0.2, repeat=20)
def search_page():
    if not Municipality.objects.exists():
        import_register()
    client = Client()
    return lambda: client.get("/kommunen/", {"q": "berg"})


@benchmark("[1] catalogue: validate and load (unchanged)", repeat=5)
def catalogue_load():
    load_all()
    return load_all


def complete_assessment():
    """A Selbstcheck with every question answered and a note on each."""
    load_all()
    assessment, token = start_assessment(
        municipality=Municipality.objects.filter(ags="09162").first(), title="Benchmark"
    )
    values = ["0", "1", "2", "3", "dont_know", "not_applicable"]
    answers = [
        Answer(assessment=assessment, question=question, value=values[index % len(values)], note=f"Nachweis {index}")
        for index, question in enumerate(assessment.version.questions.all())
    ]
    Answer.objects.bulk_create(answers)
    return assessment, token


@benchmark("[2] selfcheck: compute results of a complete assessment", target_seconds=0.1, repeat=30)
def results_compute():
    assessment, _token = complete_assessment()
    return lambda: assessment_results(assessment)


@benchmark("[2] selfcheck: render the results page", target_seconds=0.5, repeat=20)
def results_page():
    _assessment, token = complete_assessment()
    client = Client()
    return lambda: client.get(f"/selbstcheck/a/{token}/ergebnis/")


@benchmark("[2] selfcheck: PDF report of a complete assessment", target_seconds=2.0, repeat=5)
def report_pdf():
    _assessment, token = complete_assessment()
    client = Client()
    client.get(f"/selbstcheck/a/{token}/bericht.pdf")  # fonts are loaded once per process
    return lambda: client.get(f"/selbstcheck/a/{token}/bericht.pdf")


def team_round_with_respondents(count: int = 50):
    """A team round in which `count` respondents answered every question."""
    from weltoffen.municipalities.models import Municipality as Register
    from weltoffen.selfcheck.models import Respondent
    from weltoffen.selfcheck.tokens import hash_token, new_token
    from weltoffen.teams import rounds
    from weltoffen.teams.models import Membership

    load_all()
    coordinator, _ = User.objects.get_or_create(username="bench-coordinator", defaults={"email": "bench@example.org"})
    Membership.objects.filter(user=coordinator).delete()
    if not Register.objects.exists():
        import_register()
    municipality = Register.objects.get(ags="03103")
    team = rounds.create_team(user=coordinator, municipality=municipality, name="Benchmark")
    assessment = team.current_round()
    questions = list(assessment.version.questions.all())
    departments = [value for value, _label in Respondent.Department.choices]
    values = ["0", "1", "2", "3", "dont_know", "not_applicable"]
    answers = []
    for number in range(count):
        respondent = Respondent.objects.create(
            assessment=assessment,
            token_hash=hash_token(new_token()),
            name=f"Person {number}",
            department=departments[number % len(departments)],
            show_name=number % 2 == 0,
        )
        answers += [
            Answer(assessment=assessment, respondent=respondent, question=q, value=values[(number + i) % 6])
            for i, q in enumerate(questions)
        ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    return team, coordinator


@benchmark("[4] teams: team result of 50 respondents x all questions", target_seconds=0.05, repeat=20)
def team_result_compute():
    from weltoffen.teams.team_results import team_result

    team, _coordinator = team_round_with_respondents()
    assessment = team.current_round()
    return lambda: team_result(assessment)


@benchmark("[4] teams: render the team result page (50 respondents)", target_seconds=1.0, repeat=10)
def team_result_page():
    team, coordinator = team_round_with_respondents()
    client = Client()
    client.force_login(coordinator)
    url = f"/team/runden/{team.current_round().pk}/ergebnis/"
    return lambda: client.get(url)


@benchmark("[4] teams: render the coordinator dashboard (50 respondents)", target_seconds=0.5, repeat=10)
def dashboard_page():
    team, coordinator = team_round_with_respondents()
    client = Client()
    client.force_login(coordinator)
    url = f"/team/runden/{team.current_round().pk}/"
    return lambda: client.get(url)


def site_search_index():
    """The current catalogue and the Methodik page in the index (the pages need the site)."""
    from weltoffen.knowledge.indexing import index_catalogue

    load_all()
    index_catalogue()


@benchmark("[6] site search: 'Beteiligung' (stems, all fields ranked)", target_seconds=0.05, repeat=30)
def site_search_word():
    from weltoffen.knowledge.search import search_site

    site_search_index()
    return lambda: search_site("Beteiligung")


@benchmark("[6] site search: 'Be' while typing (prefix, most entries)", target_seconds=0.1, repeat=30)
def site_search_prefix():
    from weltoffen.knowledge.search import search_site

    site_search_index()
    return lambda: search_site("Be")
