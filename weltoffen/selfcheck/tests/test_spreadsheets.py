import csv
import io
import re
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest
from openpyxl import load_workbook

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from weltoffen.selfcheck import answering, spreadsheets
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.models import Answer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(name, assessment):
    return reverse(f"selfcheck:{name}", kwargs={"token": assessment.token})


@pytest.fixture
def answered(assessment):
    first = assessment.version.questions.get(field__number=1, position=1)
    answering.save_answer(assessment=assessment, question=first, answer=AnswerInput("2", 'Beschluss; mit "Zitat"'))
    assessment.first_question = first
    return assessment


def download_workbook(client, assessment):
    response = client.get(url("export-xlsx", assessment))
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def upload(client, assessment, workbook, name="antworten.xlsx"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)
    return client.post(url("import", assessment), {"file": file})


def test_csv_export_has_every_question_with_answer_and_note(client, answered):
    response = client.get(url("export-csv", answered))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Kennung", "Handlungsfeld"]
    assert len(rows) == 1 + answered.version.questions.count()
    first = next(row for row in rows if row[0] == answered.first_question.key)
    assert first[6] == "2 – teilweise umgesetzt"
    assert first[7] == 'Beschluss; mit "Zitat"'


def test_an_exported_workbook_can_be_filled_offline_and_imported_after_a_preview(client, answered):
    workbook = download_workbook(client, answered)
    sheet = workbook["Antworten"]
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    second = answered.version.questions.get(field__number=1, position=2)
    third = answered.version.questions.get(field__number=1, position=3)
    sheet.cell(rows[second.key], 7).value = 3
    sheet.cell(rows[third.key], 7).value = "weiß nicht"
    sheet.cell(rows[third.key], 8).value = "Personalamt fragen"
    response = upload(client, answered, workbook)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Die Datei ändert 2 Antworten" in content
    assert Answer.objects.filter(assessment=answered).count() == 1  # nothing written yet
    plan = content.split('name="plan" value="')[1].split('"')[0]
    confirmed = client.post(url("import-confirm", answered), {"plan": plan})
    assert confirmed.status_code == 302
    saved = {a.question.key: (a.value, a.note) for a in Answer.objects.filter(assessment=answered)}
    assert saved[second.key] == ("3", "")
    assert saved[third.key] == ("dont_know", "Personalamt fragen")
    assert saved[answered.first_question.key] == ("2", 'Beschluss; mit "Zitat"')


def test_bad_cells_are_reported_by_row_and_nothing_is_written(client, answered):
    workbook = download_workbook(client, answered)
    sheet = workbook["Antworten"]
    sheet.cell(3, 7).value = "vielleicht"
    sheet.cell(4, 1).value = "steuerung.erfunden"
    sheet.cell(5, 7).value = 3  # a valid change in the same file
    response = upload(client, answered, workbook)
    content = response.content.decode()
    assert response.status_code == 400
    assert "Zeile 3: „vielleicht“ ist keine gültige Antwort" in content
    assert "Zeile 4: Die Kennung „steuerung.erfunden“ gibt es in diesem Fragenkatalog nicht" in content
    assert Answer.objects.filter(assessment=answered).count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Kennung;Antwort\nx;1\n", "antworten.xlsx", "keine Excel-Datei"),
        (b"PK\x03\x04kaputt", "antworten.xlsx", "nicht als Excel-Tabelle lesen"),
        (b"%PDF-1.7", "bericht.pdf", "keine Excel-Datei"),
        (b"", "leer.xlsx", "Die Datei ist leer"),
    ],
)
def test_malformed_uploads_are_a_clear_400(client, answered, content, name, message):
    response = client.post(url("import", answered), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Answer.objects.filter(assessment=answered).count() == 1


def test_an_oversized_upload_is_refused(client, answered):
    big = SimpleUploadedFile("gross.xlsx", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024 + 10))
    response = client.post(url("import", answered), {"file": big})
    assert response.status_code == 400
    assert "zu groß" in response.content.decode()


def test_a_workbook_of_another_catalogue_version_is_refused(client, answered):
    workbook = download_workbook(client, answered)
    info = workbook["Info"]
    info.cell(3, 2).value = "v0"
    response = upload(client, answered, workbook)
    assert response.status_code == 400
    assert "Katalogversion „v0“" in response.content.decode()


def test_a_tampered_or_foreign_preview_is_refused(client, answered, other_assessment):
    workbook = download_workbook(client, answered)
    workbook["Antworten"].cell(3, 7).value = 1
    plan = upload(client, answered, workbook).content.decode().split('name="plan" value="')[1].split('"')[0]
    assert client.post(url("import-confirm", answered), {"plan": plan + "x"}).status_code == 400
    # A preview made for one assessment cannot be applied to another.
    assert client.post(url("import-confirm", other_assessment), {"plan": plan}).status_code == 400
    assert not Answer.objects.filter(assessment=other_assessment).exists()
    assert Answer.objects.filter(assessment=answered).count() == 1


def exported_bytes(client, assessment) -> bytes:
    return client.get(url("export-xlsx", assessment)).content


def rewrite_sheet(xlsx: bytes, change) -> bytes:
    """The workbook with its answers sheet's XML passed through `change`."""
    source, target = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                assert b"Kennung" in data  # the answers sheet
                data = change(data)
            out.writestr(member, data)
    return target.getvalue()


def with_cell(cell: bytes):
    """Put a hand-written cell at G3, the answer of the first question row but one."""

    def change(xml: bytes) -> bytes:
        row = re.search(rb'<row r="3".*?</row>', xml, re.S).group(0)
        without = re.sub(rb'<c r="G3".*?(?:/>|</c>)', b"", row, flags=re.S)
        return xml.replace(row, without.replace(b"</row>", cell + b"</row>"))

    return change


MALFORMED = {
    "unknown column names": (lambda xml: xml.replace(b">Kennung<", b">Schluessel<"), "Die Spaltenköpfe passen nicht"),
    "a bad date": (with_cell(b'<c r="G3" t="d"><v>kein-Datum</v></c>'), "Zeile 3: Die Zelle lässt sich nicht lesen"),
    "text where a number belongs": (
        with_cell(b'<c r="G3" t="n"><v>drei</v></c>'),
        "Zeile 3: Die Zelle lässt sich nicht lesen",
    ),
    "a missing shared string": (
        with_cell(b'<c r="G3" t="s"><v>9999</v></c>'),
        "Zeile 3: Die Zelle lässt sich nicht lesen",
    ),
    "a truncated sheet": (lambda xml: xml[: len(xml) // 2], "Die Zelle lässt sich nicht lesen"),
}


@pytest.mark.parametrize("defect", list(MALFORMED))
def test_a_malformed_workbook_is_refused_with_a_german_message_naming_the_row(client, answered, defect):
    change, message = MALFORMED[defect]
    content = rewrite_sheet(exported_bytes(client, answered), change)
    response = client.post(url("import", answered), {"file": SimpleUploadedFile("antworten.xlsx", content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Answer.objects.filter(assessment=answered).count() == 1


def test_a_truncated_archive_is_refused_as_unreadable(client, answered):
    content = exported_bytes(client, answered)
    response = client.post(
        url("import", answered), {"file": SimpleUploadedFile("a.xlsx", content[: len(content) // 2])}
    )
    assert response.status_code == 400
    assert "nicht als Excel-Tabelle lesen" in response.content.decode()


def test_a_sheet_declaring_a_million_rows_is_refused_before_it_is_parsed(client, answered):
    content = rewrite_sheet(
        exported_bytes(client, answered),
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    response = client.post(url("import", answered), {"file": SimpleUploadedFile("a.xlsx", content)})
    assert response.status_code == 400
    assert "Die Tabelle ist zu groß" in response.content.decode()


def zip_bomb(inflated_bytes: int) -> bytes:
    """A one-member ZIP whose deflate stream truly inflates to `inflated_bytes` zeros,
    built from one flushed block repeated, so making it takes milliseconds. (Its CRC is
    not computed: no reader gets that far.)"""
    chunk = 8 * 1024 * 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = block * (inflated_bytes // chunk) + compressor.flush()
    name = b"xl/worksheets/sheet1.xml"
    header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(data), inflated_bytes, len(name), 0)
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0, len(data), inflated_bytes, len(name), 0, 0, 0, 0, 0, 0
    )
    offset = len(header) + len(name) + len(data)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central) + len(name), offset, 0)
    return header + name + data + central + name + end


def test_a_small_file_inflating_to_gigabytes_is_refused_at_once_without_memory(answered):
    from weltoffen.selfcheck import spreadsheets

    bomb = zip_bomb(1536 * 1024 * 1024)
    assert len(bomb) < spreadsheets.MAX_UPLOAD_BYTES
    assert zipfile.ZipFile(io.BytesIO(bomb)).infolist()[0].file_size == 1536 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(spreadsheets.SpreadsheetError) as refused:
        spreadsheets.read_xlsx(SimpleUploadedFile("bombe.xlsx", bomb), answered)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "entpackt zu groß" in refused.value.problems[0]
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024


def test_the_exported_template_is_far_inside_the_archive_limits(client, answered):
    from weltoffen.selfcheck import spreadsheets

    members = zipfile.ZipFile(io.BytesIO(exported_bytes(client, answered))).infolist()
    assert sum(m.file_size for m in members) * 10 < spreadsheets.MAX_UNCOMPRESSED_BYTES
    assert max(m.file_size / max(m.compress_size, 1) for m in members) * 5 < spreadsheets.MAX_COMPRESSION_RATIO


def test_the_english_interface_exports_an_english_workbook_and_csv(client, answered):
    question = answered.first_question
    with translation.override("en"):
        workbook = download_workbook(client, answered)
        csv_rows = list(
            csv.reader(io.StringIO(client.get(url("export-csv", answered)).content.decode("utf-8-sig")), delimiter=";")
        )
    assert workbook.sheetnames == ["Answers", "Info"]
    sheet = workbook["Answers"]
    assert [cell.value for cell in sheet[1]] == list(spreadsheets.LAYOUTS["en"].columns)
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == question.key)
    assert question.text_en and row[1] == question.field.title_en and row[4] == question.text_en
    assert row[6] == "2 – partly implemented"
    assert [r[0].value for r in workbook["Info"].iter_rows()] == list(spreadsheets.LAYOUTS["en"].info)
    assert csv_rows[0] == list(spreadsheets.LAYOUTS["en"].columns)


def test_a_workbook_exported_in_english_imports_from_the_german_interface(client, answered):
    second = answered.version.questions.get(field__number=1, position=2)
    with translation.override("en"):
        workbook = download_workbook(client, answered)
    sheet = workbook["Answers"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == second.key)
    sheet.cell(row, 7).value = "don't know"
    response = upload(client, answered, workbook)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "Die Datei ändert 1 Antwort" in response.content.decode()


def test_an_english_workbook_of_another_version_is_refused_by_its_english_info_heading(client, answered):
    with translation.override("en"):
        workbook = download_workbook(client, answered)
    workbook["Info"].cell(3, 2).value = "v0"
    response = upload(client, answered, workbook)
    assert response.status_code == 400
    assert "Katalogversion „v0“" in response.content.decode()
