"""Backup and restore: one archive that brings back every row, every file and every secret link,
on SQLite and on PostgreSQL (whichever database the suite runs on)."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from dataclasses import asdict
from pathlib import Path
from urllib.parse import quote

import pytest

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from weltoffen.custom_media.models import CustomDocument
from weltoffen.operations import backup
from weltoffen.operations.backup import BackupError, Manifest, read_manifest, restore_backup, row_counts
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.models import Answer, Assessment

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def file_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SUPPORT_EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.MEDIA_ROOT, settings.SUPPORT_EVIDENCE_ROOT


def fresh_database(tmp_path) -> tuple[str, callable]:
    """An empty database of the suite's kind, as a DATABASE_URL, and a function that removes it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    import psycopg

    current = connection.settings_dict
    name = f"{current['NAME']}_restore_{os.getpid()}"
    credentials = quote(current["USER"] or "") + (f":{quote(current['PASSWORD'])}" if current["PASSWORD"] else "")
    server = f"postgres://{credentials}@{current['HOST'] or 'localhost'}:{current['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{server}/{name}", drop


def current_row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return row_counts(cursor, connection.vendor)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_has_every_row_and_file_and_its_secret_link_opens(
    assessment, file_roots, tmp_path
):
    media_root, evidence_root = file_roots
    questions = list(assessment.version.questions.order_by("field__number", "position")[:3])
    for value, question in zip("210", questions, strict=True):
        answering.save_answer(assessment=assessment, question=question, answer=AnswerInput(value, "Ratsbeschluss"))
    answering.save_field_note(assessment=assessment, field=questions[0].field, text="Budget klären")
    document = CustomDocument.objects.create(title="Handreichung", file=ContentFile(b"%PDF-1.4 Handreichung", "h.pdf"))
    (evidence_root / "7").mkdir(parents=True)
    (evidence_root / "7" / "screenshot.png").write_bytes(b"\x89PNG evidence")
    archive = tmp_path / "backups" / "sicherung.tar.gz"

    output = io.StringIO()
    call_command("backup", "--output", str(archive), stdout=output)
    source_tables = current_row_counts()

    assert f"Sicherung geschrieben: {archive}" in output.getvalue()
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds personal data
    manifest = read_manifest(archive)
    assert manifest.engine == connection.vendor
    assert manifest.tables == source_tables
    assert manifest.tables["selfcheck_answer"] == 3
    assert manifest.files == {"media": 1, "evidence": 1}
    database_url, drop = fresh_database(tmp_path)
    try:
        restored = subprocess.run(
            [
                sys.executable,
                "-m",
                "weltoffen.operations.tests.restored_site",
                str(archive),
                f"/selbstcheck/a/{assessment.token}/",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "weltoffen.settings.test",
                "DATABASE_URL": database_url,
                "DJANGO_MEDIA_ROOT": str(tmp_path / "restored-media"),
                "SUPPORT_EVIDENCE_ROOT": str(tmp_path / "restored-evidence"),
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        drop()
    assert restored.returncode == 0, restored.stderr
    report = json.loads(restored.stdout.strip().splitlines()[-1])
    assert report["tables"] == source_tables
    assert "wie im Manifest" in report["output"]
    assert report["status"] == 200
    assert assessment.title in report["body"]
    restored_document = tmp_path / "restored-media" / Path(document.file.name)
    assert restored_document.read_bytes() == b"%PDF-1.4 Handreichung"
    assert (tmp_path / "restored-evidence" / "7" / "screenshot.png").read_bytes() == b"\x89PNG evidence"
    assert Path(media_root / document.file.name).exists()  # the backup left the source as it was


@pytest.mark.django_db(transaction=True)
def test_restoring_over_the_current_data_needs_replace_and_sets_the_old_files_aside(assessment, file_roots, tmp_path):
    media_root, _evidence_root = file_roots
    (media_root / "original_images").mkdir(parents=True)
    (media_root / "original_images" / "logo.png").write_bytes(b"before the backup")
    archive = backup.create_backup(destination=tmp_path / "sicherung.tar.gz")
    before = current_row_counts()
    Assessment.objects.all().delete()
    (media_root / "original_images" / "logo.png").write_bytes(b"changed after the backup")
    (media_root / "added-later.txt").write_text("later")

    with pytest.raises(BackupError, match="--replace"):
        restore_backup(archive_path=archive)
    assert not Assessment.objects.exists()
    restored = restore_backup(archive_path=archive, replace=True)

    assert current_row_counts() == before
    assert Assessment.objects.by_token(assessment.token) == assessment
    assert (media_root / "original_images" / "logo.png").read_bytes() == b"before the backup"
    assert not (media_root / "added-later.txt").exists()
    (set_aside,) = restored.set_aside
    assert (set_aside / "added-later.txt").read_text() == "later"
    assert (set_aside / "original_images" / "logo.png").read_bytes() == b"changed after the backup"
    assert not [p for p in media_root.iterdir() if p.name.startswith(".restoring")]


def test_row_counts_name_every_table_with_its_rows(assessment):
    answering.save_answer(
        assessment=assessment, question=assessment.version.questions.first(), answer=AnswerInput("1", "")
    )
    counts = current_row_counts()
    assert counts["selfcheck_assessment"] == 1
    assert counts["selfcheck_answer"] == Answer.objects.count() == 1
    assert counts["catalogue_question"] == assessment.version.questions.count()
    assert set(connection.introspection.table_names()) <= set(counts)


# Hand-made archives: restore must refuse damage before it changes anything.


def make_archive(path: Path, *, engine=None, database=b"not a database", members=(), **changes) -> Path:
    engine = engine or connection.vendor
    manifest = Manifest(
        engine=engine,
        tables={"selfcheck_assessment": 1},
        files={"media": 0, "evidence": 0},
        database_sha256=hashlib.sha256(database).hexdigest(),
        created="2027-01-01T03:00:00+00:00",
        pg_dump_version="15.20" if engine == "postgresql" else "",
    )
    data = {**asdict(manifest), **changes}
    with tarfile.open(path, "w:gz") as archive:
        for name, content in [
            ("manifest.json", json.dumps(data).encode()),
            (manifest.database_file, database),
            *members,
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


@pytest.mark.parametrize(
    ("changes", "members", "message"),
    [
        ({"database_sha256": "0" * 64}, (), "Prüfsumme"),
        ({}, [("../outside.txt", b"x")], "unerwarteten Eintrag"),
        ({}, [("/etc/cron.d/evil", b"x")], "unerwarteten Eintrag"),
        ({}, [("scripts/run.sh", b"x")], "unerwarteten Eintrag"),
        ({}, [("media/documents/extra.pdf", b"x")], "andere Dateien als verzeichnet"),
        ({"format": 99}, (), "Format 99"),
        ({"tables": None, "unknown": 1}, (), "manifest.json"),
    ],
)
def test_a_damaged_or_tampered_archive_is_refused_before_anything_changes(
    assessment, file_roots, tmp_path, changes, members, message
):
    archive = make_archive(tmp_path / "kaputt.tar.gz", members=members, **changes)
    before = current_row_counts()
    with pytest.raises(BackupError, match=message):
        restore_backup(archive_path=archive, replace=True)
    assert current_row_counts() == before
    assert not (tmp_path / "outside.txt").exists()
    assert not file_roots[0].exists()


def test_an_archive_of_another_database_system_is_refused(db, file_roots, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = make_archive(tmp_path / "anders.tar.gz", engine=other)
    with pytest.raises(BackupError, match="dasselbe Datenbanksystem"):
        restore_backup(archive_path=archive, replace=True)


def test_a_file_that_is_no_archive_is_refused_with_its_name(tmp_path):
    broken = tmp_path / "keine-sicherung.tar.gz"
    broken.write_bytes(b"hello")
    with pytest.raises(BackupError, match="keine lesbare Sicherung"):
        read_manifest(broken)


def test_restore_refuses_a_folder_that_already_holds_files_without_replace(db, file_roots, tmp_path):
    media_root, _ = file_roots
    media_root.mkdir()
    (media_root / "logo.png").write_bytes(b"kept")
    archive = make_archive(tmp_path / "sicherung.tar.gz")
    with pytest.raises(BackupError, match=f"Der Ordner {media_root} \\(media\\) enthält schon Dateien"):
        restore_backup(archive_path=archive)
    assert (media_root / "logo.png").read_bytes() == b"kept"


def test_restore_refuses_a_database_that_is_not_empty_without_replace(assessment, file_roots, tmp_path):
    archive = make_archive(tmp_path / "sicherung.tar.gz")
    with pytest.raises(BackupError, match="Die Zieldatenbank ist nicht leer"):
        restore_backup(archive_path=archive)
    assert Assessment.objects.get() == assessment


def test_the_restore_command_asks_first_and_changes_nothing_on_no(assessment, file_roots, tmp_path, monkeypatch):
    archive = make_archive(tmp_path / "sicherung.tar.gz")
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "nein")
    with pytest.raises(CommandError, match="Abgebrochen; nichts wurde verändert"):
        call_command("restore", str(archive), "--replace")
    assert "Sicherung vom 2027-01-01T03:00:00+00:00" in questions[0]
    assert "vorhandene Daten ersetzen" in questions[0]
    assert Assessment.objects.get() == assessment


def test_the_restore_command_reports_a_refusal_as_a_command_error(assessment, file_roots, tmp_path):
    archive = make_archive(tmp_path / "sicherung.tar.gz")
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(archive), "--no-input")


def test_a_backup_that_fails_half_way_leaves_no_archive(db, file_roots, tmp_path):
    destination = tmp_path / "sicherung.tar.gz"
    database = tmp_path / "database.sqlite3"
    database.write_bytes(b"rows")
    manifest = Manifest(engine="sqlite", tables={}, files={"media": 1, "evidence": 0}, database_sha256="")
    vanished = {"media": [Path(file_roots[0]) / "deleted-meanwhile.png"], "evidence": []}
    with pytest.raises(FileNotFoundError):
        backup.write_archive(destination, manifest, database, vanished)
    assert list(tmp_path.iterdir()) == [database]


def test_the_manifest_comes_first_in_the_archive(db, file_roots, tmp_path):
    database = tmp_path / "database.sqlite3"
    database.write_bytes(b"rows")
    manifest = Manifest(engine="sqlite", tables={"t": 1}, files={"media": 0, "evidence": 0}, database_sha256="x")
    backup.write_archive(tmp_path / "a.tar.gz", manifest, database, {"media": [], "evidence": []})
    with tarfile.open(tmp_path / "a.tar.gz") as archive:
        assert archive.getnames() == ["manifest.json", "database.sqlite3"]


def test_stored_files_leave_out_links_and_the_readiness_probes_passing_file(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"a")
    (tmp_path / ".readiness-probe-0123.txt").write_text("x")
    (tmp_path / "link.png").symlink_to("/etc/passwd")
    assert backup.stored_files(tmp_path) == [tmp_path / "images" / "a.png"]
    assert backup.stored_files(tmp_path / "missing") == []


# PostgreSQL client programs: a pg_dump older than the server cannot read it.


def test_pg_dump_older_than_the_server_is_refused_naming_the_package_to_install():
    backup.require_pg_dump_for(15, 15, "15.20")
    backup.require_pg_dump_for(15, 16, "16.4")
    with pytest.raises(BackupError, match="postgresql-client-16") as refusal:
        backup.require_pg_dump_for(16, 15, "15.20")
    assert "/usr/lib/postgresql/16/bin" in str(refusal.value)


def test_pg_restore_older_than_the_dump_is_refused():
    backup.require_pg_restore_for("15.20", 15, "15.20")
    backup.require_pg_restore_for("14.1", 15, "15.20")
    with pytest.raises(BackupError, match="pg_dump 17.2"):
        backup.require_pg_restore_for("17.2", 15, "15.20")


def test_the_version_of_a_client_program_is_read_from_its_output(tmp_path):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)'\n")
    fake.chmod(0o755)
    assert backup.tool_version(str(fake)) == (15, "15.20")
    fake.write_text("#!/bin/sh\necho 'something else'\n")
    with pytest.raises(BackupError, match="nicht zu erkennen"):
        backup.tool_version(str(fake))


def test_a_missing_client_program_is_named_with_the_option_to_find_it(tmp_path):
    with pytest.raises(BackupError, match="--pg-bin-dir"):
        backup.client_tool("pg_dump", tmp_path)


def test_client_programs_get_the_password_in_their_environment_not_their_arguments(tmp_path):
    script = tmp_path / "show-environment"
    script.write_text('#!/bin/sh\necho "$PGHOST $PGUSER $PGPASSWORD $PGDATABASE $PGSSLMODE $*" > "$1"\n')
    script.chmod(0o755)
    report = tmp_path / "report.txt"
    settings_dict = {"HOST": "db.intern", "USER": "weltoffen", "PASSWORD": "geheim", "NAME": "wk", "PORT": ""}
    backup.run_tool([str(script), str(report)], {**settings_dict, "OPTIONS": {"sslmode": "require"}})
    assert report.read_text().split() == ["db.intern", "weltoffen", "geheim", "wk", "require", str(report)]


def test_a_failing_client_program_is_reported_with_its_message(tmp_path):
    script = tmp_path / "pg_restore"
    script.write_text("#!/bin/sh\ncat > /dev/null\necho 'pg_restore: error: input file is too short' >&2\nexit 1\n")
    script.chmod(0o755)
    with pytest.raises(BackupError, match="pg_restore ist fehlgeschlagen:\npg_restore: error: input file is too short"):
        backup.run_tool([str(script)], {}, stdin=io.BytesIO(b"x" * 200_000))
