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


def workshop_with_everything():
    """The 50-respondent round with a survey of 30 responses, and a workshop that agreed on
    four priorities and wrote minutes in every field, with 21 measures in the plan."""
    from weltoffen.dialogue import surveys
    from weltoffen.plans import measures
    from weltoffen.workshops import recording
    from weltoffen.workshops.screens import workshop_view

    team, coordinator = team_round_with_respondents()
    assessment = team.current_round()
    survey = surveys.open_survey(assessment=assessment)
    groups = ["politik", "zivilgesellschaft", "verwaltung"]
    for number in range(30):
        answers = {q.key: str((number + i) % 4) for i, q in enumerate(survey.questions.questions)}
        comments = {q.field_key: f"Kommentar {number}" for q in survey.questions.questions}
        surveys.submit_response(survey=survey, submission=surveys.Submission(groups[number % 3], answers, comments))
    view = workshop_view(assessment)
    for screen in view.fields:
        key = screen.field.key
        shown = [row.question.key for row in screen.recommendations]
        recording.choose_recommendations(assessment=assessment, field_key=key, chosen=shown[:3], shown=shown)
        free = recording.add_priority(assessment=assessment, field_key=key, text=f"Eigene Priorität für {key}")
        recording.plan_priority(assessment=assessment, priority_id=free.pk)
        recording.save_minutes(assessment=assessment, field_key=key, text="Besprochen und vereinbart. " * 40)
        for number in range(2):
            measures.create_measure(assessment=assessment, field_key=key, title=f"Maßnahme {number} in {key}")
    recording.save_minutes(assessment=assessment, field_key="", text="Nächster Termin im Herbst.")
    return team, coordinator


@benchmark("[7] dialogue: comparison page (50 respondents, 400 survey responses)", target_seconds=1.0, repeat=10)
def comparison_page_with_400_responses():
    from weltoffen.dialogue import surveys

    team, coordinator = team_round_with_respondents()
    assessment = team.current_round()
    survey = surveys.open_survey(assessment=assessment)
    groups = ["politik", "zivilgesellschaft", "migrantenorganisationen", "wirtschaft", "einwohnerin", "verwaltung"]
    questions = survey.questions.questions
    for number in range(400):
        answers = {q.key: str((number * 7 + i) % 4) for i, q in enumerate(questions)}
        comments = {q.field_key: f"Kommentar {number}" for q in questions[:: 3 + number % 4]}
        surveys.submit_response(
            survey=survey, submission=surveys.Submission(groups[number % len(groups)], answers, comments)
        )
    client = Client()
    client.force_login(coordinator)
    url = f"/dialog/runde-{assessment.pk}/vergleich/"
    assert client.get(url).status_code == 200
    return lambda: client.get(url)


@benchmark("[7] workshop: render a field screen (50 respondents, survey)", target_seconds=1.0, repeat=10)
def workshop_screen_page():
    team, coordinator = workshop_with_everything()
    client = Client()
    client.force_login(coordinator)
    assessment = team.current_round()
    url = f"/dialog/runde-{assessment.pk}/workshop/felder/{assessment.version.fields.get(number=1).key}/"
    return lambda: client.get(url)


@benchmark("[7] workshop: documentation PDF (50 respondents, survey, plan)", target_seconds=3.0, repeat=5)
def workshop_documentation_pdf():
    team, coordinator = workshop_with_everything()
    client = Client()
    client.force_login(coordinator)
    url = f"/dialog/runde-{team.current_round().pk}/workshop/dokumentation.pdf"
    client.get(url)  # fonts are loaded once per process
    return lambda: client.get(url)
