"""A data export as one ZIP: every table as a CSV file for spreadsheets, all tables in one
JSON document for programs, and a README in German and English that explains each file
and column.

A table is declared once (`Table` with its `Column`s): the CSV header, the JSON keys and
the README all come from that declaration, so they cannot disagree.
"""

import csv
import io
import json
import textwrap
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _

# Stands where a secret link, or a detail someone did not agree to share, was left out.
REMOVED = "[entfernt]"
FORMAT = "weltoffene-kommune-datenexport"
FORMAT_VERSION = 1
JSON_NAME = "daten.json"
README_NAME = "README.txt"
# A spreadsheet program runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# German transliteration for file names ("Größe" → "groesse"); slugify alone drops "ß".
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key, the same in every language
    label: Promise  # the CSV header, in the reader's language
    help: Promise


@dataclass(frozen=True)
class Table:
    name: str  # the file name without ".csv", and the table's key in daten.json
    help: Promise
    columns: tuple[Column, ...]

    def without(self, *keys: str) -> "Table":
        """The same table with fewer columns, for an export where they mean nothing."""
        unknown = set(keys) - {column.key for column in self.columns}
        if unknown:
            raise ValueError(f"{self.name} has no columns {sorted(unknown)}")
        return replace(self, columns=tuple(column for column in self.columns if column.key not in keys))


@dataclass(frozen=True)
class Export:
    filename: str
    content: bytes


def json_value(value):
    """A value as the export stores it: times as ISO 8601 in German local time."""
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    raise TypeError(f"{type(value).__name__} is not exportable")


def csv_value(value) -> str | int | float:
    """A cell as a spreadsheet program should read it; text can never run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, int | float):
        return value
    if isinstance(value, date | datetime | Promise):
        return csv_value(json_value(value))
    if isinstance(value, list | tuple):
        return csv_value(", ".join(str(item) for item in value))
    if isinstance(value, dict):
        return csv_value(json.dumps(value, ensure_ascii=False, sort_keys=True))
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(table: Table, rows: list[dict]) -> str:
    """Semicolon-separated with a byte-order mark, as German spreadsheet programs expect."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(column.label) for column in table.columns])
    for row in rows:
        writer.writerow([csv_value(row.get(column.key)) for column in table.columns])
    return buffer.getvalue()


@dataclass
class Archive:
    """Collects the tables of one export; `export()` writes the ZIP.

    `subject` names the kind of export in daten.json ("team", "selfcheck", …), `title`
    says whose data it is, `notes` what the export leaves out and why (shown in the README
    in both languages, so they are lazy translations).
    """

    subject: str
    title: str
    stem: str
    intro: Promise
    notes: list[Promise] = field(default_factory=list)
    tables: list[tuple[Table, list[dict]]] = field(default_factory=list)
    created_at: datetime = field(default_factory=timezone.now)

    def add(self, table: Table, rows: Iterable[dict]) -> None:
        """Keep the table's columns of each row, in the table's order, as stored values."""
        keys = [column.key for column in table.columns]
        self.tables.append((table, [{key: json_value(row.get(key)) for key in keys} for row in rows]))

    def document(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "subject": self.subject,
            "title": self.title,
            "created_at": json_value(self.created_at),
            "tables": {table.name: rows for table, rows in self.tables},
        }

    def json_text(self) -> str:
        """The document with one table row per line: readable, and written by the fast
        encoder (an indented dump of a large team takes seconds)."""

        def dumps(value) -> str:
            return json.dumps(value, ensure_ascii=False)

        document = self.document()
        tables = document.pop("tables")
        head = ",\n".join(f" {dumps(key)}: {dumps(value)}" for key, value in document.items())
        parts = []
        for name, rows in tables.items():
            body = ",\n".join(f"   {dumps(row)}" for row in rows)
            parts.append(f"  {dumps(name)}: [\n{body}\n  ]" if rows else f"  {dumps(name)}: []")
        return "{\n" + head + ',\n "tables": {\n' + ",\n".join(parts) + "\n }\n}\n"

    def readme(self) -> str:
        parts = []
        for language in ("de", "en"):
            with translation.override(language):
                parts.append(self.readme_in_active_language())
        return "\n\n".join(parts)

    def readme_in_active_language(self) -> str:
        heading = _("Weltoffene Kommune: Datenexport")
        lines = [
            heading,
            "=" * len(heading),
            "",
            self.title,
            _("Erstellt am %(moment)s") % {"moment": json_value(self.created_at)},
            "",
        ]
        lines += wrapped(str(self.intro))
        general = [
            _(
                "Jede Tabelle liegt als CSV-Datei bei (UTF-8 mit Byte-Order-Mark, Semikolon als Trennzeichen, "
                "wie Excel und LibreOffice es in deutscher Einstellung erwarten). %(json)s enthält alle Tabellen "
                "zusammen, mit denselben Spaltenschlüsseln, für die Übernahme in andere Programme (Art. 20 DSGVO)."
            )
            % {"json": JSON_NAME},
            _(
                "Zeitangaben stehen im Format ISO 8601 mit Zeitzone. Beginnt ein Text mit =, +, - oder @, steht in "
                "der CSV-Datei ein Apostroph davor, damit kein Tabellenprogramm ihn als Formel ausführt; "
                "%(json)s enthält die Werte unverändert."
            )
            % {"json": JSON_NAME},
            _("„%(removed)s“ steht, wo ein geheimer Link oder eine Angabe ohne Zustimmung weggelassen wurde.")
            % {"removed": REMOVED},
            *[str(note) for note in self.notes],
        ]
        for paragraph in general:
            lines += ["", *wrapped(paragraph)]
        files = _("Dateien")
        lines += ["", files, "-" * len(files), ""]
        lines += wrapped(f"{JSON_NAME}: " + _("alle Tabellen dieses Exports in einer Datei."), indent="")
        for table, rows in self.tables:
            lines += [""]
            count = translation.ngettext("%(count)d Zeile", "%(count)d Zeilen", len(rows)) % {"count": len(rows)}
            lines += wrapped(f"{table.name}.csv ({count}): {table.help}")
            for column in table.columns:
                lines += wrapped(f"- {column.label} ({column.key}): {column.help}", indent="    ", first="  ")
        return "\n".join(lines)

    @property
    def filename(self) -> str:
        stem = slugify(self.stem.translate(UMLAUTS)) or self.subject
        return f"{stem}-{timezone.localdate(self.created_at):%Y-%m-%d}.zip"

    def export(self) -> Export:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(README_NAME, self.readme())
            archive.writestr(JSON_NAME, self.json_text())
            for table, rows in self.tables:
                archive.writestr(f"{table.name}.csv", csv_text(table, rows))
        return Export(filename=self.filename, content=buffer.getvalue())


def wrapped(text: str, *, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width=88,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
