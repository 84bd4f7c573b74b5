"""Import of the Destatis municipality register (Gemeindeverzeichnis GV100AD as CSV).

The import is idempotent: rows are matched by AGS, only changed rows are written,
and rows missing from a newer file are marked `in_register=False` instead of being
deleted, because assessments and content may refer to them.
"""

import csv
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from weltoffen import page_cache

from .models import Municipality, search_key_for, size_class_for

DEFAULT_REGISTER_FILE = Path(__file__).resolve().parent / "data" / "kommunen.csv"

REQUIRED_COLUMNS = {
    "ags", "ars", "name", "name_kurz", "type", "gv_bezeichnung", "land_ags", "kreis_ags", "gemeinde_ags",
    "verband_name", "verband_art", "verwaltungssitz", "population", "population_stichtag", "area_km2",
    "plz", "lat", "lon", "gebietsstand",
}  # fmt: skip
AGS_LENGTH = {"land": 2, "kreis": 5, "kreisfreie_stadt": 5, "stadt": 8, "gemeinde": 8}

# Fields the import owns; everything else on the model is derived or set elsewhere.
IMPORTED_FIELDS = (
    "ars", "municipal_ags", "name", "short_name", "kind", "designation", "association_name", "association_kind",
    "seat", "population", "population_date", "area_km2", "postal_code", "latitude", "longitude", "size_class",
    "register_date", "in_register", "search_key",
)  # fmt: skip


class RegisterError(ValueError):
    """The register file cannot be imported; nothing was written."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    seconds: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def import_register(path: Path = DEFAULT_REGISTER_FILE) -> ImportReport:
    started = time.perf_counter()
    rows = read_register(path)
    report = ImportReport()
    with transaction.atomic():
        write_rows(rows, report)
        link_parents(rows)
    page_cache.invalidate()  # bulk writes send no signals; public pages show the register
    report.seconds = time.perf_counter() - started
    for row in rows.values():
        report.by_kind[row["kind"]] = report.by_kind.get(row["kind"], 0) + 1
    return report


def read_register(path: Path) -> dict[str, dict]:
    """Parse and check the whole file before anything is written."""
    try:
        handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as error:
        raise RegisterError(f"{path}: Datei kann nicht gelesen werden ({error.strerror}).") from error
    with handle:
        reader = csv.DictReader(handle)
        rows: dict[str, dict] = {}
        try:
            missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
            if missing:
                raise RegisterError(f"{path}: Spalten fehlen: {', '.join(sorted(missing))}.")
            for record in reader:
                row = parse_record(record, path, reader.line_num)
                if row["ags"] in rows:
                    raise RegisterError(f"{path}, Zeile {reader.line_num}: AGS {row['ags']} kommt doppelt vor.")
                rows[row["ags"]] = row
        except (csv.Error, UnicodeDecodeError) as error:
            raise RegisterError(f"{path}, Zeile {reader.line_num}: keine gültige CSV-Datei ({error}).") from error
    if not rows:
        raise RegisterError(f"{path}: Die Datei enthält keine Kommunen.")
    for row in rows.values():
        for parent_ags in (row["parent_ags"], row["land_ags"]):
            if parent_ags and parent_ags not in rows:
                raise RegisterError(f"{path}: {row['ags']} verweist auf {parent_ags}, das in der Datei fehlt.")
    return rows


def parse_record(record: dict, path: Path, line: int) -> dict:
    def fail(message: str):
        raise RegisterError(f"{path}, Zeile {line}: {message}")

    ags, kind = record["ags"].strip(), record["type"].strip()
    if kind not in AGS_LENGTH:
        fail(f"unbekannter Typ „{kind}“.")
    if not ags.isdigit() or len(ags) != AGS_LENGTH[kind]:
        fail(f"AGS „{ags}“ passt nicht zum Typ {kind} ({AGS_LENGTH[kind]} Ziffern erwartet).")
    try:
        population = int(record["population"])
        area = Decimal(record["area_km2"]).quantize(Decimal("0.01"))
        latitude = Decimal(record["lat"]).quantize(Decimal("0.000001"))
        longitude = Decimal(record["lon"]).quantize(Decimal("0.000001"))
        population_date = date.fromisoformat(record["population_stichtag"])
        register_date = date.fromisoformat(record["gebietsstand"])
    except (ValueError, InvalidOperation):
        fail("Einwohnerzahl, Fläche, Koordinaten oder Datum sind keine gültigen Werte.")
    if population < 0:
        fail("negative Einwohnerzahl.")
    name, short_name = record["name"].strip(), record["name_kurz"].strip()
    if not name or not short_name:
        fail("Name fehlt.")
    if kind == "land":
        parent_ags, land_ags = "", ""
    elif kind in {"kreis", "kreisfreie_stadt"}:
        parent_ags = land_ags = record["land_ags"].strip()
    else:
        parent_ags, land_ags = record["kreis_ags"].strip(), record["land_ags"].strip()
    designation = record["gv_bezeichnung"].strip()
    return {
        "ags": ags,
        "parent_ags": parent_ags,
        "land_ags": land_ags,
        "ars": record["ars"].strip(),
        "municipal_ags": record["gemeinde_ags"].strip(),
        "name": name,
        "short_name": short_name,
        "kind": kind,
        "designation": designation,
        "association_name": record["verband_name"].strip(),
        "association_kind": record["verband_art"].strip(),
        "seat": record["verwaltungssitz"].strip(),
        "population": population,
        "population_date": population_date,
        "area_km2": area,
        "postal_code": record["plz"].strip(),
        "latitude": latitude,
        "longitude": longitude,
        "size_class": size_class_for(kind, population),
        "register_date": register_date,
        "in_register": True,
        "search_key": search_key_for(short_name, name, designation),
    }


def write_rows(rows: dict[str, dict], report: ImportReport) -> None:
    existing = {m.ags: m for m in Municipality.objects.only("ags", *IMPORTED_FIELDS)}
    to_create, to_update = [], []
    for ags, row in rows.items():
        values = {name: row[name] for name in IMPORTED_FIELDS}
        current = existing.get(ags)
        if current is None:
            to_create.append(Municipality(ags=ags, **values))
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            to_update.append(current)
    retired = [m for ags, m in existing.items() if ags not in rows and m.in_register]
    for municipality in retired:
        municipality.in_register = False
    Municipality.objects.bulk_create(to_create, batch_size=2000)
    Municipality.objects.bulk_update(to_update + retired, IMPORTED_FIELDS, batch_size=2000)
    report.created, report.updated, report.retired = len(to_create), len(to_update), len(retired)
    report.unchanged = len(rows) - len(to_create) - len(to_update)


def link_parents(rows: dict[str, dict]) -> None:
    ids = dict(Municipality.objects.values_list("ags", "id"))
    changed = []
    for municipality in Municipality.objects.filter(ags__in=rows.keys()).only("ags", "parent_id", "land_id"):
        row = rows[municipality.ags]
        parent_id = ids.get(row["parent_ags"])
        land_id = ids.get(row["land_ags"])
        if (municipality.parent_id, municipality.land_id) != (parent_id, land_id):
            municipality.parent_id, municipality.land_id = parent_id, land_id
            changed.append(municipality)
    Municipality.objects.bulk_update(changed, ["parent", "land"], batch_size=2000)
