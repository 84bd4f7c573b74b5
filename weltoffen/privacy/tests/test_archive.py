from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from weltoffen.privacy import tables
from weltoffen.privacy.archive import Archive, Column, Table, csv_text, csv_value

from .conftest import Unpacked

BERLIN = ZoneInfo("Europe/Berlin")
SAMPLE = Table(
    "beispiel",
    _("Notizen zu ganzen Handlungsfeldern."),
    (Column("note", _("Notiz"), _("Text der Notiz.")), Column("round", _("Runde"), _("Nummer der Runde des Teams."))),
)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "ja"),
        (False, "nein"),
        (3, 3),
        (66.67, 66.67),
        (date(2026, 3, 1), "2026-03-01"),
        (datetime(2026, 3, 1, 12, 30, tzinfo=BERLIN), "2026-03-01T12:30:00+01:00"),
        (["steuerung", "arbeit"], "steuerung, arbeit"),
        ({"b": 1, "a": None}, '{"a": null, "b": 1}'),
        ("Notiz", "Notiz"),
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-1", "'-1"),
        ("@SUMME(A1)", "'@SUMME(A1)"),
        ("\t=1", "'\t=1"),
        (["=1", "2"], "'=1, 2"),
    ],
)
def test_a_cell_is_written_as_a_spreadsheet_should_read_it_and_never_as_a_formula(value, cell):
    assert csv_value(value) == cell


def test_a_csv_file_has_a_byte_order_mark_semicolons_and_the_headers_in_the_readers_language():
    rows = [{"note": "eins; zwei", "round": 1}, {"round": 2}]
    text = csv_text(SAMPLE, rows)
    assert text == '\ufeffNotiz;Runde\r\n"eins; zwei";1\r\n;2\r\n'
    with translation.override("en"):
        assert csv_text(SAMPLE, []).startswith("\ufeffNote;Round\r\n")


def test_json_keeps_the_values_and_csv_neutralises_them():
    archive = Archive(subject="test", title="Prüfung", stem="Prüfung Ä", intro=_("Notizen zu ganzen Handlungsfeldern."))
    archive.add(SAMPLE, [{"note": "=1+1", "round": 1, "ignored": "nicht exportiert"}])
    unpacked = Unpacked(archive.export().content)
    assert unpacked.document["tables"] == {"beispiel": [{"note": "=1+1", "round": 1}]}
    assert unpacked.document["format"] == "weltoffene-kommune-datenexport"
    assert unpacked.rows("beispiel") == [{"Notiz": "'=1+1", "Runde": "1"}]
    assert not unpacked.contains("nicht exportiert")


def test_the_file_name_is_a_slug_with_the_date():
    archive = Archive(
        subject="test",
        title="x",
        stem="Team Größe & Co",
        intro=_("Notizen zu ganzen Handlungsfeldern."),
        created_at=datetime(2026, 5, 4, 23, 30, tzinfo=ZoneInfo("UTC")),
    )
    assert archive.filename == "team-groesse-co-2026-05-05.zip"  # the day in Germany


def test_the_readme_explains_every_file_and_column_in_german_and_english():
    archive = Archive(subject="test", title="Titel", stem="t", intro=_("Notizen zu ganzen Handlungsfeldern."))
    archive.add(SAMPLE, [{"round": 1}])
    readme = archive.readme()
    german, english = readme.split("Weltoffene Kommune: Data export")
    assert "beispiel.csv (1 Zeile): Notizen zu ganzen Handlungsfeldern." in german
    assert "- Notiz (note): Text der Notiz." in german
    assert "beispiel.csv (1 row): Notes on whole fields of action." in english
    assert "- Note (note): Text of the note." in english
    assert all(line == line.rstrip() and len(line) <= 88 for line in readme.splitlines())


def test_a_table_without_a_column_it_does_not_have_is_a_programming_error():
    assert [c.key for c in SAMPLE.without("note").columns] == ["round"]
    with pytest.raises(ValueError, match="no columns"):
        SAMPLE.without("person")


@pytest.mark.parametrize("table", [value for value in vars(tables).values() if isinstance(value, Table)])
def test_every_declared_table_has_unique_keys_and_a_help_text_for_each_column(table):
    keys = [column.key for column in table.columns]
    assert len(keys) == len(set(keys))
    assert str(table.help) and all(str(column.label) and str(column.help) for column in table.columns)


def test_daten_json_has_one_row_per_line_and_reads_back_as_written():
    import json

    archive = Archive(subject="test", title="Prüfung „Zitat“", stem="t", intro=_("Notizen zu ganzen Handlungsfeldern."))
    rows = [{"note": f"Zeile {n}\nmit Umbruch", "round": n} for n in range(3)]
    archive.add(SAMPLE, rows)
    archive.add(Table("leer", SAMPLE.help, SAMPLE.columns), [])
    text = archive.json_text()
    assert json.loads(text)["tables"] == {"beispiel": rows, "leer": []}
    assert json.loads(text)["title"] == "Prüfung „Zitat“"
    assert [line for line in text.splitlines() if '"round"' in line] == [
        f"   {json.dumps(row, ensure_ascii=False)}" + ("," if n < 2 else "") for n, row in enumerate(rows)
    ]
