from datetime import date
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from weltoffen.support.directory import DEFAULT_SERVICES_FILE, DirectoryError, load_services, read_services
from weltoffen.support.models import SupportService

from .factories import land

TODAY = date(2026, 12, 2)
ENTRY = """
  - key: beratung-bayern
    land: Bayern
    kind: opferberatung
    name: Beratung Bayern
    description: Berät Betroffene.
    phone: "089 123 45 67"
    web: https://example.org
    source: https://example.org/quelle
    geprueft_am: 2026-11-30
"""


def services_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "angebote.yaml"
    path.write_text("version: 1\nservices:\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def bayern(db):
    return land()


def test_a_valid_entry_is_created_with_its_land_source_and_check_date(tmp_path, bayern):
    report = load_services(services_file(tmp_path, ENTRY), today=TODAY)
    service = SupportService.objects.get(key="beratung-bayern")
    assert (report.created, service.land, service.source, service.checked_on) == (
        1,
        bayern,
        "https://example.org/quelle",
        date(2026, 11, 30),
    )


def test_loading_twice_changes_nothing(tmp_path, bayern):
    path = services_file(tmp_path, ENTRY)
    load_services(path, today=TODAY)
    report = load_services(path, today=TODAY)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


def test_a_newer_check_in_the_file_updates_the_entry(tmp_path, bayern):
    load_services(services_file(tmp_path, ENTRY), today=TODAY)
    newer = ENTRY.replace("089 123 45 67", "089 765 43 21").replace("2026-11-30", "2026-12-01")
    report = load_services(services_file(tmp_path, newer), today=TODAY)
    assert report.updated == 1
    assert SupportService.objects.get(key="beratung-bayern").phone == "089 765 43 21"


def test_an_entry_an_editor_checked_later_keeps_the_editors_values(tmp_path, bayern):
    load_services(services_file(tmp_path, ENTRY), today=TODAY)
    SupportService.objects.filter(key="beratung-bayern").update(phone="089 000 00 00", checked_on=date(2026, 12, 2))
    report = load_services(services_file(tmp_path, ENTRY), today=TODAY)
    assert report.kept_from_admin == 1
    assert SupportService.objects.get(key="beratung-bayern").phone == "089 000 00 00"


def test_a_missing_source_is_reported_and_nothing_is_written(tmp_path, bayern):
    body = ENTRY.replace("    source: https://example.org/quelle\n", "")
    with pytest.raises(DirectoryError) as error:
        load_services(services_file(tmp_path, body), today=TODAY)
    assert error.value.problems == ["Eintrag 1 (beratung-bayern): Die Quelle („source“) fehlt."]
    assert not SupportService.objects.exists()


def test_one_bad_entry_stops_the_whole_file(tmp_path, bayern):
    good = ENTRY.replace("beratung-bayern", "gut")
    bad = ENTRY.replace("beratung-bayern", "schlecht").replace("web: https://example.org", "web: kein-link")
    with pytest.raises(DirectoryError) as error:
        load_services(services_file(tmp_path, good + bad), today=TODAY)
    assert error.value.problems == ["Eintrag 2 (schlecht): „web“ ist keine gültige Webadresse: kein-link"]
    assert not SupportService.objects.exists()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("land: Bayern", "land: Atlantis"), "Das Land „Atlantis“ steht nicht im Gemeindeverzeichnis"),
        (("kind: opferberatung", "kind: hotline"), "Unbekannte Art „hotline“."),
        (
            ("geprueft_am: 2026-11-30", "geprueft_am: gestern"),
            "„geprueft_am“ muss ein Datum in der Form JJJJ-MM-TT sein.",
        ),
        (("geprueft_am: 2026-11-30", "geprueft_am: 2027-01-01"), "„geprueft_am“ liegt in der Zukunft (01.01.2027)."),
        (('phone: "089 123 45 67"', "phone: bitte anrufen"), "„phone“ ist keine Telefonnummer: bitte anrufen"),
        (("key: beratung-bayern", "key: Beratung Bayern"), "Der Schlüssel darf nur Kleinbuchstaben"),
        (("name: Beratung Bayern", "name: " + "x" * 301), "Das Feld „name“ ist länger als 300 Zeichen."),
        (("name: Beratung Bayern", 'name: "Bera\\0tung"'), "Das Feld „name“ enthält ein unzulässiges Zeichen."),
        (("name: Beratung Bayern", "name: Beratung Bayern\n    fax: 089 1"), "Unbekannte Felder: fax."),
        (("    geprueft_am: 2026-11-30\n", ""), "Das Feld „geprueft_am“ fehlt."),
    ],
)
def test_a_bad_entry_is_reported_in_german(tmp_path, bayern, change, problem):
    with pytest.raises(DirectoryError) as error:
        load_services(services_file(tmp_path, ENTRY.replace(*change)), today=TODAY)
    assert problem in error.value.problems[0]


def test_a_repeated_key_is_reported(tmp_path, bayern):
    with pytest.raises(DirectoryError) as error:
        load_services(services_file(tmp_path, ENTRY + ENTRY), today=TODAY)
    assert error.value.problems == ["Eintrag 2 (beratung-bayern): Der Schlüssel „beratung-bayern“ kommt doppelt vor."]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("services: [unclosed", "kein gültiges YAML in Zeile"),
        ("version: 1\n", "braucht eine Liste „services“"),
        ("- a\n- b\n", "braucht eine Liste „services“"),
        ("version: 1\nservices:\n  - nur ein Text\n", "Ein Eintrag muss aus Feldern bestehen"),
    ],
)
def test_a_malformed_file_is_reported(tmp_path, db, content, problem):
    path = tmp_path / "angebote.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DirectoryError) as error:
        read_services(path, today=TODAY)
    assert problem in error.value.problems[0]


def test_a_file_that_is_not_utf8_is_reported(tmp_path, db):
    path = tmp_path / "angebote.yaml"
    path.write_bytes("services: [Thüringen]".encode("latin-1"))
    with pytest.raises(DirectoryError, match="nicht in UTF-8"):
        read_services(path, today=TODAY)


def test_a_stale_check_date_is_loaded_but_reported(tmp_path, bayern):
    report = load_services(services_file(tmp_path, ENTRY.replace("2026-11-30", "2025-06-01")), today=TODAY)
    assert report.stale == ["beratung-bayern"]
    assert SupportService.objects.filter(key="beratung-bayern").exists()


def test_the_command_reports_stale_entries_as_warnings(tmp_path, bayern):
    stdout, stderr = StringIO(), StringIO()
    call_command(
        "load_support_services",
        file=services_file(tmp_path, ENTRY.replace("2026-11-30", "2020-01-01")),
        stdout=stdout,
        stderr=stderr,
    )
    assert "Veraltet: „beratung-bayern“" in stderr.getvalue()
    assert "1 neu" in stdout.getvalue()


def test_the_command_fails_with_every_problem_listed(tmp_path, bayern):
    body = ENTRY.replace("    source: https://example.org/quelle\n", "")
    with pytest.raises(CommandError, match="nichts wurde geändert:\nEintrag 1 \\(beratung-bayern\\): Die Quelle"):
        call_command("load_support_services", file=services_file(tmp_path, body), stdout=StringIO())


def test_the_command_names_a_missing_file(tmp_path, db):
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("load_support_services", file=tmp_path / "fehlt.yaml", stdout=StringIO())


def test_the_shipped_file_loads_against_the_real_register(register, db):
    """Every curated entry has a source, a check date and a Land the register knows."""
    entries = read_services(DEFAULT_SERVICES_FILE, today=date(2026, 12, 2))
    assert len(entries) >= 15
    assert {entry["key"] for entry in entries} >= {"starke-stelle", "stark-im-amt", "hateaid", "vbrg"}
    assert all(entry["source"].startswith(("https://", "http://")) for entry in entries)
