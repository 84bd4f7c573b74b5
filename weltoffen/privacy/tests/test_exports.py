"""What each export contains, and what it never contains."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from weltoffen.privacy import exports
from weltoffen.privacy.archive import README_NAME, REMOVED
from weltoffen.selfcheck.models import Answer, Respondent
from weltoffen.selfcheck.tokens import hash_token
from weltoffen.teams import rounds

from .conftest import Unpacked
from .world import answer_all

TEAM_FILES = {
    "mitglieder",
    "runden",
    "personen",
    "antworten",
    "notizen",
    "umfrage",
    "umfrage_gruppen",
    "umfrage_vergleich",
    "umfrage_kommentare",
    "massnahmen",
    "massnahmen_verlauf",
    "workshop_prioritaeten",
    "workshop_protokoll",
    "vergleich_zustimmung",
}


def secrets_of(world) -> list[str]:
    tokens = [world.named_token, world.unnamed_token, world.member_token]
    hashes = list(Respondent.objects.values_list("token_hash", flat=True))
    hashes += [round_.token_hash for round_ in world.rounds]
    return tokens + hashes


@pytest.fixture
def team_zip(world):
    return Unpacked(exports.team_export(world.team).content)


def test_the_team_export_has_every_table_as_csv_all_of_them_in_json_and_a_readme(team_zip):
    csv_files = {name.removesuffix(".csv") for name in team_zip.files if name.endswith(".csv")}
    assert csv_files == TEAM_FILES
    assert set(team_zip.files) == {f"{name}.csv" for name in TEAM_FILES} | {"daten.json", README_NAME}
    document = team_zip.document
    assert (document["subject"], document["format_version"]) == ("team", 1)
    assert set(document["tables"]) == TEAM_FILES
    assert [row["round"] for row in document["tables"]["runden"]] == [1, 2]


def test_the_team_export_names_people_only_with_their_consent(world, team_zip):
    people = {row["Person"]: row for row in team_zip.rows("personen")}
    named, unnamed = people[str(world.named.pk)], people[str(world.unnamed.pk)]
    assert (named["Name"], named["E-Mail-Adresse"]) == ("Erika Zustimmung", "erika.zustimmung@wolfsburg.example")
    assert (unnamed["Name"], unnamed["E-Mail-Adresse"], unnamed["Fachbereich"]) == (REMOVED, REMOVED, "Sozialamt")
    assert not team_zip.contains("Max Geheim") and not team_zip.contains("max.geheim@")
    assert not team_zip.contains("Petra Ohnezustimmung")
    assert [row["Ansprechperson"] for row in team_zip.rows("massnahmen")] == [REMOVED, "Lars Mitzustimmung"] * 2


def test_no_export_contains_a_secret_link_or_its_hash(world, single):
    unpacked = [
        Unpacked(exports.team_export(world.team).content),
        Unpacked(exports.respondent_export(world.unnamed).content),
        Unpacked(exports.account_export(world.member).content),
        Unpacked(exports.assessment_export(single).content),
    ]
    for secret in [*secrets_of(world), single.token, single.token_hash]:
        assert all(not files.contains(secret) for files in unpacked)
    assert all(row["persönlicher Link"] == REMOVED for row in unpacked[0].rows("personen"))
    assert unpacked[3].rows("selbstcheck")[0]["geheimer Link"] == REMOVED


def test_answers_are_exported_per_person_with_the_agreed_answer_of_the_coordination(world, team_zip):
    questions = world.first.version.questions.count()
    rows = [row for row in team_zip.document["tables"]["antworten"] if row["round"] == 1]
    by_person = {}
    for row in rows:
        by_person.setdefault(row["person"], []).append(row)
    assert {key: len(value) for key, value in by_person.items()} == {
        None: 1,
        world.named.pk: questions,
        world.unnamed.pk: questions,
        world.member_respondent.pk: questions,
    }
    (agreed,) = by_person[None]
    assert (agreed["agreed"], agreed["value"], agreed["evidence"]) == (True, "3", "belegt durch einen Ratsbeschluss")
    first = by_person[world.named.pk][0]
    assert (first["question_number"], first["answer"], first["note"]) == (
        "1.1",
        "2 – teilweise umgesetzt",
        "Notiz von Erika",
    )
    carried = [row for row in team_zip.document["tables"]["antworten"] if row["round"] == 2]
    assert len(carried) == 3 * questions and {row["carried_from_round"] for row in carried} == {1}


def test_a_note_that_looks_like_a_formula_is_neutralised_in_csv_and_unchanged_in_json(world, team_zip):
    formula = '=HYPERLINK("https://example.org")'
    assert formula in [row["note"] for row in team_zip.document["tables"]["antworten"]]
    notes = {row["Notiz oder Nachweis"] for row in team_zip.rows("antworten")}
    assert "'" + formula in notes and formula not in notes


def test_the_survey_is_exported_only_as_the_released_figures_the_owner_sees(team_zip):
    (survey,) = team_zip.rows("umfrage")
    assert (survey["Antworten"], survey["ausgewertet"]) == ("5", "3")
    groups = {row["Gruppe"]: row["Antworten"] for row in team_zip.rows("umfrage_gruppen")}
    assert (groups["Politik"], groups["Wirtschaft"], groups["Verwaltung"]) == ("4", "1", "0")
    shown = {row["Gruppe"] for row in team_zip.rows("umfrage_vergleich")}
    assert shown == {"", "Politik"}  # one response of "Wirtschaft" is never evaluated
    comments = [row["Kommentar"] for row in team_zip.rows("umfrage_kommentare")]
    assert comments == ["Kommentar Runde eins 0", "Kommentar Runde eins 1", "Kommentar Runde eins 2"]
    assert not team_zip.contains("Kommentar Runde eins 3")  # the fourth waits for a block of three


def test_the_workshop_priorities_and_minutes_are_in_the_team_export(team_zip):
    priorities = [row["Priorität"] for row in team_zip.rows("workshop_prioritaeten")]
    assert any(text.endswith(": Priorität Leitbild") for text in priorities)
    minutes = [row["Protokoll"] for row in team_zip.rows("workshop_protokoll")]
    assert any(text.endswith(": Protokoll der Sitzung") for text in minutes)


def test_plan_history_notes_and_consent_are_in_the_team_export(world, team_zip):
    history = [(row["Maßnahme"], row["Stand"]) for row in team_zip.rows("massnahmen_verlauf")]
    first_measure = team_zip.rows("massnahmen")[0]["Maßnahme"]
    assert [status for measure, status in history if measure == first_measure] == ["geplant", "in Umsetzung"]
    assert [row["Notiz"] for row in team_zip.rows("notizen")] == ["Feldnotiz der ersten Runde"]
    (contribution,) = team_zip.document["tables"]["vergleich_zustimmung"]
    assert (contribution["round"], contribution["compare"], contribution["named"]) == (1, True, False)
    assert set(contribution["scores"]) == set(world.first.version.fields.values_list("key", flat=True))


def test_the_team_export_reads_a_fixed_number_of_queries_however_many_people_answered(world):
    with CaptureQueriesContext(connection) as before:
        exports.team_export(world.team)
    for index in range(4):
        respondent, _token = rounds.invite(
            assessment=world.second, invited_by=world.coordinator, name=f"Person {index}", department="schule"
        )
        answer_all(world.second, respondent, "1", f"Notiz {index}")
    with CaptureQueriesContext(connection) as after:
        exports.team_export(world.team)
    assert len(after) == len(before)
    assert len(before) < 80


def test_the_link_owner_export_holds_the_selfcheck_without_rounds_or_people(single):
    unpacked = Unpacked(exports.assessment_export(single).content)
    assert "personen.csv" not in unpacked.files and "mitglieder.csv" not in unpacked.files
    (row,) = unpacked.rows("selbstcheck")
    assert (row["Titel"], row["Kommune"], row["AGS"]) == ("Selbstcheck Marburg Einzellink", "Marburg", "06534014")
    answers = unpacked.rows("antworten")
    assert len(answers) == single.version.questions.count()
    assert "Runde" not in answers[0] and "Person" not in answers[0]
    assert answers[0]["Beleg"] == "belegt durch einen Link"
    assert [r["Notiz"] for r in unpacked.rows("notizen")] == ["Feldnotiz im Einzellink"]
    assert len(unpacked.rows("umfrage_kommentare")) == 3
    assert unpacked.document["tables"]["vergleich_zustimmung"][0]["named"] is True


def test_the_link_owner_export_is_named_after_the_selfcheck(single):
    export = exports.assessment_export(single)
    assert export.filename.startswith("selbstcheck-selbstcheck-marburg-einzellink-")


def test_a_respondent_gets_their_own_details_and_answers_and_nobody_elses(world):
    unpacked = Unpacked(exports.respondent_export(world.unnamed).content)
    (person,) = unpacked.rows("personen")
    assert (person["Name"], person["E-Mail-Adresse"], person["Name mit Zustimmung"]) == (
        "Max Geheim",
        "max.geheim@wolfsburg.example",
        "nein",
    )
    answers = unpacked.document["tables"]["antworten"]
    assert len(answers) == world.first.version.questions.count()
    assert {row["round"] for row in answers} == {1}
    for other in ("Erika", "Mia", "Feldnotiz", "Kommentar", "Leitbild beschließen", "koordination@"):
        assert not unpacked.contains(other), other


def test_an_account_holder_gets_the_account_and_their_own_records_only(world):
    unpacked = Unpacked(exports.account_export(world.member).content)
    assert unpacked.rows("konto")[0]["E-Mail-Adresse"] == "mia.mitglied@wolfsburg.example"
    assert [row["bestätigt"] for row in unpacked.rows("email_adressen")] == ["ja", "nein"]
    assert [row["Verfahren"] for row in unpacked.rows("zwei_faktor")] == ["totp"]
    assert unpacked.rows("mitgliedschaft")[0]["Rolle"] == "Mitglied"
    assert [row["Runde"] for row in unpacked.rows("personen")] == ["1", "2"]
    assert {row["Name"] for row in unpacked.rows("personen")} == {"Mia Mitglied"}
    answers = unpacked.document["tables"]["antworten"]
    own = Answer.objects.filter(respondent__user=world.member).count()
    assert len(answers) == own and "Notiz aus dem Mitgliedskonto" in {row["note"] for row in answers}
    assert [row["Was ist passiert?"] for row in unpacked.rows("vorfaelle")] == [
        "Drohmail an mia.mitglied@wolfsburg.example"
    ]
    assert unpacked.rows("vorfaelle_dateien")[0]["Dateiname"] == "drohung.eml"
    assert unpacked.rows("hilfeanfragen")[0]["Nachricht"] == "Bitte um Rückruf"
    for other in ("koordination@", "Erika", "Max Geheim", "Notiz von Erika", "JBSWY3DPEHPK3PXP", world.member.password):
        assert not unpacked.contains(other), other


def test_an_account_without_a_team_or_records_still_gets_a_complete_export(catalogue):
    from weltoffen.teams.tests.factories import UserFactory

    user = UserFactory(email="allein@example.org")
    unpacked = Unpacked(exports.account_export(user).content)
    assert len(unpacked.rows("konto")) == 1
    assert all(unpacked.document["tables"][name] == [] for name in ("mitgliedschaft", "antworten", "vorfaelle"))


def test_the_readme_of_every_export_names_all_its_files(world, single):
    for export in (
        exports.team_export(world.team),
        exports.assessment_export(single),
        exports.respondent_export(world.named),
        exports.account_export(world.coordinator),
    ):
        unpacked = Unpacked(export.content)
        readme = unpacked.text(README_NAME)
        assert "Weltoffene Kommune: Datenexport" in readme and "Weltoffene Kommune: Data export" in readme
        for name in unpacked.files:
            if name != README_NAME:
                assert readme.count(f"{name} (") + readme.count(f"{name}:") == 2, name


def test_the_hashes_of_the_links_are_what_the_world_stored(world):
    # Guards the secret check above: it searches for what the database really holds.
    assert Respondent.objects.filter(token_hash=hash_token(world.unnamed_token)).exists()
