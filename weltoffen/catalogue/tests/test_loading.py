import shutil
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from weltoffen.catalogue.loading import DATA_DIR, CatalogueError, load_all, read_version
from weltoffen.catalogue.models import CatalogueFrozen, CatalogueVersion, Question

V1 = DATA_DIR / "v1"


def test_the_shipped_catalogue_is_complete():
    data = read_version(V1)
    counts = {f["key"]: len(f["questions"]) for f in data.fields}
    assert len(counts) == 7
    assert data.question_count >= 90
    assert min(counts.values()) >= 10
    teilhabe = next(f for f in data.fields if f["number"] == 3)
    covered = {q["subtopic"] for q in teilhabe["questions"]}
    assert covered == {s["key"] for s in teilhabe["subtopics"]}
    assert len(covered) == 9
    for field in data.fields:
        assert set(field["assessments"]) == {"einstieg", "aufbau", "fortgeschritten", "vorreiter"}
        for question in field["questions"]:
            assert question["help"].strip() and question["recommendation"].strip()
            assert question["weight"] in (1, 2, 3)


@pytest.fixture
def catalogue_dir(tmp_path) -> Path:
    """A writable copy of the shipped catalogue to break in different ways."""
    root = tmp_path / "data"
    shutil.copytree(V1, root / "v1")
    return root


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(
        number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


@pytest.mark.django_db
def test_loading_twice_changes_nothing(catalogue_dir):
    first = load_all(catalogue_dir)
    second = load_all(catalogue_dir)
    assert [r.status for r in first] == ["created"]
    assert [r.status for r in second] == ["unchanged"]
    assert CatalogueVersion.objects.current().questions.count() == read_version(catalogue_dir / "v1").question_count


@pytest.mark.django_db
def test_an_unused_version_can_still_be_corrected(catalogue_dir):
    load_all(catalogue_dir)
    edit(catalogue_dir / "v1/fields/1-steuerung.yaml", "weight: 3", "weight: 1")
    assert [r.status for r in load_all(catalogue_dir)] == ["updated"]


@pytest.mark.django_db
def test_a_version_with_answers_is_frozen(catalogue_dir):
    version = load_all(catalogue_dir)[0].version
    version.freeze()
    before = list(Question.objects.values_list("key", "weight"))
    edit(catalogue_dir / "v1/fields/1-steuerung.yaml", "weight: 3", "weight: 1")
    with pytest.raises(CatalogueFrozen, match="neue Version"):
        load_all(catalogue_dir)
    assert list(Question.objects.values_list("key", "weight")) == before


@pytest.mark.django_db
def test_a_new_version_keeps_the_old_one_and_becomes_current(catalogue_dir):
    load_all(catalogue_dir)
    shutil.copytree(catalogue_dir / "v1", catalogue_dir / "v2")
    edit(catalogue_dir / "v2/catalogue.yaml", "version: v1", "version: v2")
    edit(catalogue_dir / "v2/catalogue.yaml", "published: 2026-11-21", "published: 2027-06-01")
    load_all(catalogue_dir)
    assert CatalogueVersion.objects.current().key == "v2"
    assert CatalogueVersion.objects.count() == 2


@pytest.mark.django_db
def test_a_question_id_cannot_move_to_another_field_in_a_later_version(catalogue_dir):
    load_all(catalogue_dir)
    shutil.copytree(catalogue_dir / "v1", catalogue_dir / "v2")
    edit(catalogue_dir / "v2/catalogue.yaml", "version: v1", "version: v2")
    edit(catalogue_dir / "v2/catalogue.yaml", "published: 2026-11-21", "published: 2027-06-01")
    # Give a question of field 2 the id of a question of field 1.
    first_id = read_version(catalogue_dir / "v1").fields[0]["questions"][0]["id"]
    second_id = read_version(catalogue_dir / "v1").fields[1]["questions"][0]["id"]
    edit(catalogue_dir / "v2/fields/1-steuerung.yaml", f"id: {first_id}", "id: steuerung.ersetzt")
    edit(catalogue_dir / "v2/fields/2-oeffnung.yaml", f"id: {second_id}", f"id: oeffnung.{first_id.split('.')[1]}")
    load_all(catalogue_dir)  # a new id in another field is fine
    edit(catalogue_dir / "v2/fields/2-oeffnung.yaml", f"id: oeffnung.{first_id.split('.')[1]}", f"id: {first_id}")
    with pytest.raises(CatalogueError):
        load_all(catalogue_dir)


BAD_EDITS = [
    # (file, old, new, expected message part, needle whose line is reported)
    ("fields/1-steuerung.yaml", "weight: 3", "weight: 5", "Gewicht muss 1, 2 oder 3 sein, nicht 5", "weight: 5"),
    (
        "fields/1-steuerung.yaml",
        "scale: umsetzung",
        "scale: prozent",
        "unbekannte Antwortskala „prozent“",
        "scale: prozent",
    ),
    ("fields/2-oeffnung.yaml", "title: Interkulturelle", "titel: Interkulturelle", "„title“: Angabe fehlt", None),
    (
        "fields/3-teilhabe.yaml",
        "subtopic: bildung",
        "subtopic: schule",
        "Unterthema fehlt oder ist unbekannt („schule“)",
        None,
    ),
    ("fields/4-arbeit.yaml", "number: 4", "number: 4\nnumber: 44", "„number“ kommt doppelt vor", "number: 44"),
    ("fields/4-arbeit.yaml", "key: arbeit", "key: [arbeit", "kein gültiges YAML", None),
    (
        "catalogue.yaml",
        "coverage_threshold: 0.5",
        "coverage_threshold: 50",
        "coverage_threshold",
        "coverage_threshold: 50",
    ),
    (
        "catalogue.yaml",
        "      - value: 3\n        label: umfassend",
        "      - value: 4\n        label: umfassend",
        "Antwortwerte müssen 0, 1, 2, 3 sein",
        None,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("filename", "old", "new", "message", "needle"), BAD_EDITS)
def test_a_malformed_file_names_file_line_and_problem_and_loads_nothing(
    catalogue_dir, filename, old, new, message, needle
):
    path = catalogue_dir / "v1" / filename
    edit(path, old, new)
    with pytest.raises(CatalogueError) as error:
        load_all(catalogue_dir)
    problems = [p for p in error.value.problems if message in p]
    assert problems, error.value.problems
    assert str(path) in problems[0]
    if needle:
        assert f"Zeile {line_of(path, needle)}:" in problems[0]
    assert CatalogueVersion.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_question_ids_across_files_are_reported(catalogue_dir):
    first_id = read_version(catalogue_dir / "v1").fields[0]["questions"][0]["id"]
    second_id = read_version(catalogue_dir / "v1").fields[0]["questions"][1]["id"]
    edit(catalogue_dir / "v1/fields/1-steuerung.yaml", f"id: {second_id}", f"id: {first_id}")
    with pytest.raises(CatalogueError, match=f"Kennung „{first_id}“ gibt es schon"):
        load_all(catalogue_dir)


@pytest.mark.django_db
def test_a_field_with_too_few_questions_or_a_missing_file_is_refused(catalogue_dir):
    (catalogue_dir / "v1/fields/7-kommunikation.yaml").unlink()
    with pytest.raises(CatalogueError, match="7 Handlungsfelder erwartet, 6 gefunden"):
        load_all(catalogue_dir)


@pytest.mark.django_db
def test_the_command_lists_every_problem_and_loads_nothing(catalogue_dir, capsys):
    edit(catalogue_dir / "v1/fields/1-steuerung.yaml", "weight: 3", "weight: 7")
    edit(catalogue_dir / "v1/fields/5-beteiligung.yaml", "weight: 2", "weight: zwei")
    with pytest.raises(CommandError) as error:
        call_command("load_catalogue", path=catalogue_dir)
    message = str(error.value)
    assert "nichts wurde geladen" in message
    assert "1-steuerung.yaml, Zeile" in message
    assert "5-beteiligung.yaml, Zeile" in message
    assert CatalogueVersion.objects.count() == 0


@pytest.mark.django_db
def test_the_command_reports_questions_per_field(capsys):
    call_command("load_catalogue")
    out = capsys.readouterr().out
    # make run loads v1 and v2; new Selbstchecks use v2, the current version
    assert "Katalog v1: neu angelegt" in out
    assert "1: 15" in out
    assert "Katalog v2 (aktuell): neu angelegt" in out
