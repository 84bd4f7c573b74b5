import csv
import shutil
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from weltoffen.municipalities.models import Municipality, size_class_for
from weltoffen.municipalities.register import DEFAULT_REGISTER_FILE, RegisterError, import_register

# A small, consistent excerpt of the real register: Bayern, Landkreis Dachau with two of
# its Gemeinden, and the kreisfreie Stadt München.
EXCERPT_AGS = {"09", "09174", "09174115", "09174136", "09162"}


@pytest.fixture
def excerpt(tmp_path) -> Path:
    path = tmp_path / "kommunen.csv"
    with (
        open(DEFAULT_REGISTER_FILE, encoding="utf-8", newline="") as source,
        open(path, "w", encoding="utf-8", newline="") as target,
    ):
        reader = csv.DictReader(source)
        writer = csv.DictWriter(target, fieldnames=reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row for row in reader if row["ags"] in EXCERPT_AGS)
    return path


def rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fieldnames, rows = reader.fieldnames, list(reader)
    rows = [row for row in (change(row) for row in rows) if row is not None]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.django_db
def test_the_whole_register_loads_and_a_second_import_changes_nothing():
    first = import_register()
    assert first.created == 11_061
    assert first.by_kind == {"land": 16, "kreis": 294, "kreisfreie_stadt": 106, "stadt": 1954, "gemeinde": 8691}
    assert Municipality.objects.filter(parent__isnull=True).count() == 16

    second = import_register()
    assert (second.created, second.updated, second.unchanged, second.retired) == (0, 0, 11_061, 0)


@pytest.mark.django_db
def test_import_links_gemeinden_to_kreis_and_land(excerpt):
    import_register(excerpt)
    petershausen = Municipality.objects.get(ags="09174136")
    assert petershausen.parent.ags == "09174"
    assert petershausen.land.ags == "09"
    assert [m.ags for m in petershausen.ancestors()] == ["09", "09174"]
    munich = Municipality.objects.get(ags="09162")
    assert (munich.kind, munich.parent.ags, munich.municipal_ags) == ("kreisfreie_stadt", "09", "09162000")


@pytest.mark.django_db
def test_an_updated_file_updates_only_the_changed_rows(excerpt):
    import_register(excerpt)
    rewrite(excerpt, lambda row: {**row, "population": "50000"} if row["ags"] == "09174136" else row)
    report = import_register(excerpt)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    petershausen = Municipality.objects.get(ags="09174136")
    assert petershausen.population == 50_000
    assert petershausen.size_class == Municipality.SizeClass.MITTELSTADT


@pytest.mark.django_db
def test_a_municipality_missing_from_a_newer_file_is_kept_but_marked(excerpt):
    import_register(excerpt)
    rewrite(excerpt, lambda row: None if row["ags"] == "09174136" else row)
    report = import_register(excerpt)
    assert report.retired == 1
    assert Municipality.objects.get(ags="09174136").in_register is False


def broken_copy(tmp_path, excerpt, change) -> Path:
    path = tmp_path / "broken.csv"
    shutil.copy(excerpt, path)
    rewrite(path, change)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda row: {**row, "ags": "9174136"} if row["ags"] == "09174136" else row, "passt nicht zum Typ"),
        (lambda row: {**row, "type": "bezirk"} if row["ags"] == "09174136" else row, "unbekannter Typ"),
        (lambda row: {**row, "population": "viele"} if row["ags"] == "09174136" else row, "keine gültigen Werte"),
        (lambda row: {**row, "ags": "09174115"} if row["ags"] == "09174136" else row, "kommt doppelt vor"),
        (lambda row: None if row["ags"] == "09174" else row, "das in der Datei fehlt"),
    ],
)
def test_a_bad_register_file_is_refused_with_its_line_and_nothing_is_written(tmp_path, excerpt, change, message):
    path = broken_copy(tmp_path, excerpt, change)
    with pytest.raises(RegisterError, match=message):
        import_register(path)
    assert Municipality.objects.count() == 0


@pytest.mark.django_db
def test_a_file_with_missing_columns_or_not_csv_is_refused(tmp_path):
    wrong_columns = tmp_path / "wrong.csv"
    wrong_columns.write_text("ags,name\n01,Schleswig-Holstein\n", encoding="utf-8")
    with pytest.raises(RegisterError, match="Spalten fehlen"):
        import_register(wrong_columns)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(RegisterError):
        import_register(binary)
    with pytest.raises(RegisterError, match="kann nicht gelesen werden"):
        import_register(tmp_path / "missing.csv")


@pytest.mark.django_db
def test_command_reports_what_it_did_and_fails_clearly(excerpt, tmp_path, capsys):
    call_command("import_register", file=excerpt)
    assert "5 neu, 0 geändert, 0 unverändert" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Datei kann nicht gelesen werden"):
        call_command("import_register", file=tmp_path / "missing.csv")


@pytest.mark.parametrize(
    ("kind", "population", "size_class"),
    [
        ("gemeinde", 0, "landgemeinde"),
        ("gemeinde", 4_999, "landgemeinde"),
        ("gemeinde", 5_000, "kleinstadt"),
        ("stadt", 19_999, "kleinstadt"),
        ("stadt", 20_000, "mittelstadt"),
        ("kreisfreie_stadt", 99_999, "mittelstadt"),
        ("kreisfreie_stadt", 100_000, "grossstadt"),
        ("kreis", 149_999, "kreis_klein"),
        ("kreis", 150_000, "kreis_mittel"),
        ("kreis", 300_000, "kreis_gross"),
        ("land", 700_000, "land"),
    ],
)
def test_size_classes_follow_the_documented_population_bands(kind, population, size_class):
    assert size_class_for(kind, population) == size_class
