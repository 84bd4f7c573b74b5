"""Help by Land: load the curated list of support services (data/angebote.yaml).

Every problem of the file is collected before anything is written; a file with an
error changes nothing. Stale entries ("geprüft am" older than twelve months) are
loaded but reported, so an editor re-checks them. Entries an editor has checked in
the admin more recently than the file are left as the editor made them.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from weltoffen.municipalities.models import Municipality

from .models import SERVICE_STALE_AFTER, SupportService

DEFAULT_SERVICES_FILE = Path(__file__).resolve().parent / "data" / "angebote.yaml"
NATIONWIDE = "bundesweit"
REQUIRED = ("key", "land", "kind", "name", "description", "source", "geprueft_am")
OPTIONAL = ("description_en", "phone", "email", "web", "opening_hours", "opening_hours_en", "note", "note_en")
KEY = re.compile(r"^[a-z0-9-]{1,80}$")
PHONE = re.compile(r"^\+?[0-9][0-9 /()-]{4,38}$")
LIMITS = {
    "name": 300, "description": 1000, "description_en": 1000, "phone": 40, "opening_hours": 200,
    "opening_hours_en": 200, "note": 300, "note_en": 300, "web": 500, "source": 500,
}  # fmt: skip
FIELD_NAMES = {"geprueft_am": "checked_on"}


class DirectoryError(ValueError):
    """The services file cannot be loaded; `problems` says why, entry by entry."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_from_admin: int = 0
    stale: list[str] = field(default_factory=list)


def load_services(path: Path = DEFAULT_SERVICES_FILE, *, today: date | None = None) -> LoadReport:
    entries = read_services(path, today=today or timezone.localdate())
    return write_services(entries, today=today or timezone.localdate())


def read_services(path: Path, *, today: date) -> list[dict]:
    """Parsed and validated entries, each a dict of model field values."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DirectoryError([f"Die Datei {path} gibt es nicht."]) from error
    except UnicodeDecodeError as error:
        raise DirectoryError([f"Die Datei {path} ist nicht in UTF-8 gespeichert."]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" in Zeile {mark.line + 1}" if mark else ""
        raise DirectoryError([f"Die Datei {path.name} ist kein gültiges YAML{where}."]) from error
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise DirectoryError([f"Die Datei {path.name} braucht eine Liste „services“."])
    lands = {land.short_name: land for land in Municipality.objects.filter(kind=Municipality.Kind.LAND)}
    problems, entries, seen = [], [], set()
    for number, raw in enumerate(data["services"], start=1):
        entry_problems, entry = check_entry(raw, lands=lands, today=today)
        label = f"Eintrag {number}" + (f" ({raw.get('key')})" if isinstance(raw, dict) and raw.get("key") else "")
        if entry and entry["key"] in seen:
            entry_problems.append(f"Der Schlüssel „{entry['key']}“ kommt doppelt vor.")
        problems += [f"{label}: {problem}" for problem in entry_problems]
        if entry and not entry_problems:
            seen.add(entry["key"])
            entries.append(entry)
    if problems:
        raise DirectoryError(problems)
    return entries


def check_entry(raw, *, lands: dict, today: date) -> tuple[list[str], dict | None]:
    if not isinstance(raw, dict):
        return ["Ein Eintrag muss aus Feldern bestehen (Name: Wert)."], None
    problems = []
    unknown = set(raw) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        problems.append("Unbekannte Felder: " + ", ".join(sorted(map(str, unknown))) + ".")
    for name in REQUIRED:
        if raw.get(name) in (None, ""):
            problems.append(f"Das Feld „{name}“ fehlt." if name != "source" else "Die Quelle („source“) fehlt.")
    values = {}
    for name in (*REQUIRED, *OPTIONAL):
        value = raw.get(name)
        if name == "geprueft_am" or value is None:
            continue
        value = str(value).strip()
        if "\x00" in value:
            problems.append(f"Das Feld „{name}“ enthält ein unzulässiges Zeichen.")
        elif name in LIMITS and len(value) > LIMITS[name]:
            problems.append(f"Das Feld „{name}“ ist länger als {LIMITS[name]} Zeichen.")
        values[name] = value
    if values.get("key") and not KEY.match(values["key"]):
        problems.append("Der Schlüssel darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.")
    if values.get("kind") and values["kind"] not in SupportService.Kind.values:
        problems.append(f"Unbekannte Art „{values['kind']}“.")
    land = None
    if values.get("land") and values["land"] != NATIONWIDE:
        land = lands.get(values["land"])
        if land is None:
            problems.append(
                f"Das Land „{values['land']}“ steht nicht im Gemeindeverzeichnis"
                " (Schreibweise prüfen oder zuerst import_register ausführen)."
            )
    for name in ("web", "source"):
        if values.get(name):
            try:
                URLValidator(schemes=["http", "https"])(values[name])
            except ValidationError:
                problems.append(f"„{name}“ ist keine gültige Webadresse: {values[name]}")
    if values.get("email"):
        try:
            EmailValidator()(values["email"])
        except ValidationError:
            problems.append(f"„email“ ist keine gültige E-Mail-Adresse: {values['email']}")
    if values.get("phone") and not PHONE.match(values["phone"]):
        problems.append(f"„phone“ ist keine Telefonnummer: {values['phone']}")
    checked = raw.get("geprueft_am")
    if checked not in (None, ""):
        if not isinstance(checked, date):
            problems.append("„geprueft_am“ muss ein Datum in der Form JJJJ-MM-TT sein.")
        elif checked > today:
            problems.append(f"„geprueft_am“ liegt in der Zukunft ({checked:%d.%m.%Y}).")
    if problems:
        return problems, None
    entry = {name: values.get(name, "") for name in (*REQUIRED, *OPTIONAL) if name not in ("land", "geprueft_am")}
    entry["land"] = land
    entry["checked_on"] = checked
    return [], entry


@transaction.atomic
def write_services(entries: list[dict], *, today: date) -> LoadReport:
    report = LoadReport()
    existing = {service.key: service for service in SupportService.objects.filter(key__in=[e["key"] for e in entries])}
    for entry in entries:
        if entry["checked_on"] < today - SERVICE_STALE_AFTER:
            report.stale.append(entry["key"])
        service = existing.get(entry["key"])
        if service is None:
            SupportService.objects.create(**entry)
            report.created += 1
            continue
        if service.checked_on > entry["checked_on"]:
            # An editor checked it in the admin after the file was: theirs is newer.
            report.kept_from_admin += 1
            continue
        changed = [name for name, value in entry.items() if getattr(service, name) != value]
        if not changed:
            report.unchanged += 1
            continue
        for name in changed:
            setattr(service, name, entry[name])
        service.save(update_fields=changed)
        report.updated += 1
    return report
