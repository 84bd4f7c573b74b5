"""Answers as CSV and XLSX, and the import of an XLSX filled in offline.

The export writes the interface language's layout (headings, texts, answer labels);
the import reads either layout, whatever the interface language, matches rows by the
stable question id, and checks every cell before anything is written: a file with any
bad cell is refused as a whole, with one message per row.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from types import SimpleNamespace

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet.datavalidation import DataValidation

from django.core import signing
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from weltoffen.catalogue.models import Question
from weltoffen.translation import is_english, translated

from . import scoring
from .answering import AnswerInput, save_answers
from .models import Answer, Assessment

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# Limits checked on the archive before any XML is parsed (a "zip bomb" of a few
# kilobytes can unpack to gigabytes). The exported template unpacks to about 150 kB at
# a ratio below 10; these leave room for files edited in Excel or LibreOffice.
MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ARCHIVE_MEMBERS = 200
MAX_COLUMNS = 50
ANSWER_COLUMN, NOTE_COLUMN = 6, 7


@dataclass(frozen=True)
class Layout:
    """The headings of the workbook in one language. They are part of the file format, not
    of the interface: a file exported in English must import from the German interface."""

    answers_sheet: str
    columns: tuple[str, ...]
    info: tuple[str, str, str, str, str]  # Selbstcheck, municipality, catalogue version, exported, hint
    hint: str
    info_sheet: str = "Info"

    @property
    def version_heading(self) -> str:
        return self.info[2]


LAYOUTS = {
    "de": Layout(
        answers_sheet="Antworten",
        columns=("Kennung", "Handlungsfeld", "Unterthema", "Nr.", "Frage", "Gewicht", "Antwort", "Notiz oder Nachweis"),
        info=("Selbstcheck", "Kommune", "Katalogversion", "Exportiert am", "Hinweis"),
        hint="Spalte „Antwort“ ausfüllen (0–3, „weiß nicht“ oder „trifft nicht zu“), Kennungen nicht ändern.",
    ),
    "en": Layout(
        answers_sheet="Answers",
        columns=("ID", "Field of action", "Sub-topic", "No.", "Question", "Weight", "Answer", "Note or evidence"),
        info=("Self-check", "Municipality", "Catalogue version", "Exported on", "Note"),
        hint="Fill in the “Answer” column (0–3, “don't know” or “not applicable”); do not change the IDs.",
    ),
}


def interface_layout() -> Layout:
    return LAYOUTS["en" if is_english() else "de"]


SIGNING_SALT = "weltoffen.selfcheck.import"


class SpreadsheetError(ValueError):
    """The file cannot be imported; `problems` say why, row by row where possible."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def answer_text(value: str, scale: dict) -> str:
    """The cell text of a stored answer in the interface language: "2 – teilweise umgesetzt", "weiß nicht", or ""."""
    if value in ("0", "1", "2", "3"):
        option = next(o for o in scale["options"] if str(o["value"]) == value)
        return f"{value} – {translated(SimpleNamespace(**option), 'label')}"
    return str(Answer.Value(value).label) if value else ""


def rows_for(assessment: Assessment) -> list[list]:
    scales = assessment.version.scales
    answers = {a.question_id: a for a in Answer.objects.filter(assessment=assessment, respondent__isnull=True)}
    rows = []
    questions = Question.objects.filter(version=assessment.version).select_related("field", "subtopic")
    for question in questions.order_by("field__number", "position"):
        answer = answers.get(question.pk)
        rows.append(
            [
                question.key,
                question.field.display_title,
                question.subtopic.display_title if question.subtopic else "",
                f"{question.field.number}.{question.position}",
                question.display_text,
                question.weight,
                answer_text(answer.value, scales[question.scale]) if answer else "",
                answer.note if answer else "",
            ]
        )
    return rows


def export_csv(assessment: Assessment) -> str:
    """Semicolon-separated with a byte-order mark, as German spreadsheet programs expect."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(interface_layout().columns)
    writer.writerows(rows_for(assessment))
    return buffer.getvalue()


def export_xlsx(assessment: Assessment) -> bytes:
    layout = interface_layout()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout.answers_sheet
    sheet.append(layout.columns)
    for row in rows_for(assessment):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGH", (30, 28, 22, 6, 70, 8, 32, 50), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    allowed = sorted(
        {answer_text(v, scale) for scale in assessment.version.scales.values() for v in ("0", "1", "2", "3")}
    )
    allowed += [str(Answer.Value.DONT_KNOW.label), str(Answer.Value.NOT_APPLICABLE.label)]
    validation = DataValidation(type="list", formula1=f'"{",".join(allowed)}"', allow_blank=True)
    validation.error = _("Bitte wählen Sie eine Antwort aus der Liste oder lassen Sie die Zelle leer.")
    sheet.add_data_validation(validation)
    validation.add(f"G2:G{sheet.max_row}")
    info = workbook.create_sheet(layout.info_sheet)
    values = (
        assessment.display_title,
        assessment.municipality.name if assessment.municipality else "",
        assessment.version.key,
        formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT"),
        layout.hint,
    )
    for heading, value in zip(layout.info, values, strict=True):
        info.append([heading, value])
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Change:
    key: str
    number: str
    text: str
    old: AnswerInput
    new: AnswerInput
    old_label: str = ""
    new_label: str = ""


@dataclass
class ImportPlan:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def signed(self, assessment: Assessment) -> str:
        payload = [[c.key, c.new.value, c.new.note] for c in self.changes]
        return signing.dumps(payload, salt=f"{SIGNING_SALT}:{assessment.token_hash}", compress=True)


def parse_value(text: str, scale: dict) -> str | None:
    """The stored value for a cell, or None if the cell is not a valid answer."""
    text = " ".join(str(text).split()).strip()
    if not text:
        return ""
    lowered = text.lower().replace("ß", "ss")
    if lowered in ("weiss nicht", "don't know", "dont know"):
        return scoring.DONT_KNOW
    if lowered in ("trifft nicht zu", "not applicable", "n/a"):
        return scoring.NOT_APPLICABLE
    head = lowered.split("–")[0].split("-")[0].strip()
    if head.endswith(".0"):
        head = head[:-2]
    if head in ("0", "1", "2", "3"):
        return head
    for option in scale["options"]:
        if lowered in (option["label"].lower().replace("ß", "ss"), option.get("label_en", "").lower()):
            return str(option["value"])
    return None


def read_xlsx(upload, assessment: Assessment) -> ImportPlan:
    """Check an uploaded workbook completely and return what importing it would change."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise SpreadsheetError([_("Die Datei ist zu groß (höchstens 2 MB).")])
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise SpreadsheetError(
            [_("Die Datei ist keine Excel-Datei im Format .xlsx. Bitte nutzen Sie die exportierte Vorlage.")]
        )
    check_archive(upload)
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        raise SpreadsheetError([UNREADABLE()]) from None
    try:
        return plan_from_workbook(workbook, assessment)
    finally:
        workbook.close()


def UNREADABLE() -> str:
    return _("Die Datei lässt sich nicht als Excel-Tabelle lesen. Ist sie beschädigt?")


DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')


def check_archive(upload) -> None:
    """Refuse archives that would unpack too large, before anything is decompressed
    beyond the first kilobytes of each sheet (where its declared size stands)."""
    try:
        archive = zipfile.ZipFile(upload)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetError([UNREADABLE()]) from None
    too_large = _(
        "Die Datei ist entpackt zu groß oder ungewöhnlich stark komprimiert und wird aus Sicherheitsgründen nicht gelesen (höchstens %(limit)d MB entpackt)."
    ) % {"limit": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise SpreadsheetError([too_large])
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise SpreadsheetError([too_large])
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise SpreadsheetError([too_large])
    for member in members:
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        try:
            with archive.open(member) as stream:
                head = stream.read(4096)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            raise SpreadsheetError([UNREADABLE()]) from None
        match = DIMENSION.search(head)
        if match:
            last_column = (match.group(3) or match.group(1) or b"A").decode()
            last_row = int(match.group(4) or match.group(2) or 1)
            if last_row > MAX_ROWS or column_index_from_string(last_column) > MAX_COLUMNS:
                raise SpreadsheetError(
                    [
                        _(
                            "Die Tabelle ist zu groß: höchstens %(rows)d Zeilen und %(columns)d Spalten. Bitte nutzen Sie die exportierte Vorlage."
                        )
                        % {"rows": MAX_ROWS, "columns": MAX_COLUMNS}
                    ]
                )


def rows_of(sheet, *, max_col: int):
    """(row number, cells) of a sheet read lazily; a parse error in the file (bad date,
    text in a number cell, a missing shared string, a cut-off sheet) becomes a German
    message naming the row where reading stopped."""
    rows = sheet.iter_rows(max_col=max_col, values_only=True)
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception:
            raise SpreadsheetError(
                [
                    _(
                        "Zeile %(row)d: Die Zelle lässt sich nicht lesen (beschädigter Inhalt, ungültiges Datum oder Text in einer Zahlenzelle). Es wurde nichts übernommen."
                    )
                    % {"row": number + 1}
                ]
            ) from None
        number += 1
        if number > MAX_ROWS:
            raise SpreadsheetError([_("Die Datei hat zu viele Zeilen (höchstens %(limit)d).") % {"limit": MAX_ROWS}])
        yield number, row


def plan_from_workbook(workbook, assessment: Assessment) -> ImportPlan:
    layout = next((lay for lay in LAYOUTS.values() if lay.answers_sheet in workbook.sheetnames), None)
    if layout is None:
        raise SpreadsheetError(
            [
                _("Die Tabelle „%(sheet)s“ fehlt. Bitte nutzen Sie die exportierte Vorlage.")
                % {"sheet": interface_layout().answers_sheet}
            ]
        )
    if layout.info_sheet in workbook.sheetnames:
        info = {
            str(row[0]): row[1] for _number, row in rows_of(workbook[layout.info_sheet], max_col=2) if row and row[0]
        }
        file_version = str(info.get(layout.version_heading) or "")
        if file_version and file_version != assessment.version.key:
            raise SpreadsheetError(
                [
                    _(
                        "Die Datei gehört zur Katalogversion „%(file)s“, dieser Selbstcheck nutzt „%(own)s“. Bitte exportieren Sie die Vorlage neu."
                    )
                    % {"file": file_version, "own": assessment.version.key}
                ]
            )
    columns = layout.columns
    rows = rows_of(workbook[layout.answers_sheet], max_col=len(columns))
    header = tuple(str(cell or "").strip() for cell in next(rows, (1, ()))[1])[: len(columns)]
    if header != columns:
        raise SpreadsheetError(
            [_("Die Spaltenköpfe passen nicht zur Vorlage. Erwartet: %(columns)s.") % {"columns": ", ".join(columns)}]
        )
    questions = {q.key: q for q in Question.objects.filter(version=assessment.version).select_related("field")}
    answers = {a.question_id: a for a in Answer.objects.filter(assessment=assessment, respondent__isnull=True)}
    scales = assessment.version.scales
    plan, problems, seen = ImportPlan(), [], set()
    for number, row in rows:
        row = list(row) + [None] * (len(columns) - len(row))
        key = str(row[0] or "").strip()
        if not key and not any(row):
            continue
        question = questions.get(key)
        if question is None:
            problems.append(
                _("Zeile %(row)d: Die Kennung „%(key)s“ gibt es in diesem Fragenkatalog nicht.")
                % {"row": number, "key": key}
            )
            continue
        if key in seen:
            problems.append(
                _("Zeile %(row)d: Die Frage „%(key)s“ steht mehrfach in der Datei.") % {"row": number, "key": key}
            )
            continue
        seen.add(key)
        value = parse_value(row[ANSWER_COLUMN] if row[ANSWER_COLUMN] is not None else "", scales[question.scale])
        if value is None:
            problems.append(
                _(
                    "Zeile %(row)d: „%(cell)s“ ist keine gültige Antwort. Erlaubt sind 0 bis 3, „weiß nicht“, „trifft nicht zu“ oder eine leere Zelle."
                )
                % {"row": number, "cell": row[ANSWER_COLUMN]}
            )
            continue
        note = str(row[NOTE_COLUMN] or "").strip()
        if len(note) > Answer.NOTE_MAX_LENGTH:
            problems.append(
                _("Zeile %(row)d: Die Notiz ist länger als %(limit)d Zeichen.")
                % {"row": number, "limit": Answer.NOTE_MAX_LENGTH}
            )
            continue
        current = answers.get(question.pk)
        old = AnswerInput(
            value=current.value if current else "",
            note=current.note if current else "",
            evidence=current.evidence if current else "",
        )
        new = AnswerInput(value=value, note=note, evidence=old.evidence)  # the workbook has no evidence column
        if old == new:
            plan.unchanged += 1
            continue
        plan.changes.append(
            Change(
                key=key,
                number=f"{question.field.number}.{question.position}",
                text=question.display_text,
                old=old,
                new=new,
                old_label=answer_text(old.value, scales[question.scale]),
                new_label=answer_text(new.value, scales[question.scale]),
            )
        )
    if problems:
        raise SpreadsheetError(problems)
    return plan


@transaction.atomic
def apply_signed_plan(assessment: Assessment, signed_plan: str) -> int:
    """Apply a previewed import; raises signing.BadSignature when tampered or expired."""
    payload = signing.loads(signed_plan, salt=f"{SIGNING_SALT}:{assessment.token_hash}", max_age=3600)
    questions = {
        q.key: q for q in Question.objects.filter(version=assessment.version, key__in=[item[0] for item in payload])
    }
    if len(questions) != len(payload):
        raise signing.BadSignature("questions no longer match")
    # The workbook carries no evidence marks: keep the ones already given.
    evidence = dict(
        Answer.objects.filter(
            assessment=assessment, respondent__isnull=True, question__in=questions.values()
        ).values_list("question__key", "evidence")
    )
    changes = [
        (questions[key], AnswerInput(value=value, note=note, evidence=evidence.get(key, "")))
        for key, value, note in payload
    ]
    return save_answers(assessment=assessment, changes=changes)
