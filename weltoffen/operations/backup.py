"""Backups: one archive with the database, the uploaded media and the private evidence files,
and a manifest that says what is in it, so a restore can prove it brought everything back.

    weltoffen-20270101-030000.tar.gz
      manifest.json        engine, row counts per table, file counts, checksum of the dump
      database.sqlite3     SQLite: a copy made with SQLite's online backup API
      database.dump        PostgreSQL: pg_dump in custom format
      media/…              MEDIA_ROOT (images, documents)
      evidence/…           SUPPORT_EVIDENCE_ROOT (incident evidence, never served by URL)

Both copies are taken while the site keeps running: SQLite's backup API copies a consistent
state, and pg_dump reads the snapshot that the row counts were read from, so the manifest
describes exactly the dump. A restore goes into an empty database (or, with `replace`, over
the current one), refuses a damaged archive before it touches anything, and compares the row
counts of every table with the manifest afterwards.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from .health import PROBE_PREFIX

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
}
PG_SETTINGS = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "NAME": "PGDATABASE"}
PG_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY"}


class BackupError(Exception):
    """Something an operator has to fix; the message says what, in German."""


@dataclass
class Manifest:
    engine: str
    tables: dict[str, int]
    files: dict[str, int]
    database_sha256: str
    created: str = ""
    server_version: str = ""
    pg_dump_version: str = ""
    format: int = FORMAT

    @property
    def database_file(self) -> str:
        return DATABASE_FILES[self.engine]

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass
class Restored:
    manifest: Manifest
    # Folders that held files before a restore with `replace`: kept, for the operator to remove.
    set_aside: list[Path] = field(default_factory=list)


def file_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "evidence": Path(settings.SUPPORT_EVIDENCE_ROOT)}


def default_archive_path() -> Path:
    return Path(settings.BACKUP_ROOT) / f"weltoffen-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def row_counts(cursor, vendor: str) -> dict[str, int]:
    """Rows per table, for SQLite and PostgreSQL alike (a DB-API cursor of either)."""
    cursor.execute(TABLES[vendor])
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608 - a table name read from the catalogue
        counts[name] = cursor.fetchone()[0]
    return counts


def stored_files(root: Path) -> list[Path]:
    """Regular files below `root`, sorted; symbolic links are left out, as they may point
    anywhere, and so are the readiness probe's passing files."""
    if not root.is_dir():
        return []
    found = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink() and not name.startswith(PROBE_PREFIX):
                found.append(path)
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Backing up


def create_backup(*, destination: Path | None = None, using: str = "default", pg_bin_dir: Path | None = None) -> Path:
    """Write one archive of database and files to `destination` (default: BACKUP_ROOT) and return its path.

    The archive is written under a temporary name and renamed when complete, so a backup
    that fails half-way never looks like a good one; it is readable only by its owner.
    """
    connection = connections[using]
    destination = Path(destination or default_archive_path())
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".backup-") as scratch:
        engine = connection.vendor
        if engine not in DATABASE_FILES:
            raise BackupError(f"Sicherungen gibt es für SQLite und PostgreSQL, nicht für {engine}.")
        database = Path(scratch) / DATABASE_FILES[engine]
        if engine == "sqlite":
            tables, versions = copy_sqlite(connection, database), {"server_version": sqlite3.sqlite_version}
        else:
            tables, versions = dump_postgresql(connection, database, pg_bin_dir)
        files = {area: stored_files(root) for area, root in file_roots().items()}
        manifest = Manifest(
            engine=engine,
            tables=tables,
            files={area: len(paths) for area, paths in files.items()},
            database_sha256=sha256_of(database),
            created=timezone.now().isoformat(timespec="seconds"),
            **versions,
        )
        write_archive(destination, manifest, database, files)
    return destination


def copy_sqlite(connection, target: Path) -> dict[str, int]:
    """Copy the live database with SQLite's online backup API and count the copy's rows."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return row_counts(copy.cursor(), "sqlite")
    finally:
        copy.close()


def dump_postgresql(connection, target: Path, pg_bin_dir: Path | None) -> tuple[dict[str, int], dict[str, str]]:
    """pg_dump (custom format) of the snapshot in which the rows are counted."""
    pg_dump = client_tool("pg_dump", pg_bin_dir)
    client_major, client_version = tool_version(pg_dump)
    connection.ensure_connection()
    require_pg_dump_for(connection.pg_version // 10000, client_major, client_version)
    if connection.in_atomic_block:
        raise BackupError("Eine Sicherung läuft in einer eigenen Transaktion, nicht innerhalb einer anderen.")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        tables = row_counts(cursor, "postgresql")
        # The snapshot lives as long as this transaction: pg_dump must finish inside it.
        run_tool(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            connection.settings_dict,
        )
    return tables, {"server_version": server_version, "pg_dump_version": client_version}


def write_archive(destination: Path, manifest: Manifest, database: Path, files: dict[str, list[Path]]) -> None:
    partial = destination.with_name(destination.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            data = json.dumps(asdict(manifest), indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            archive.addfile(info, fileobj=io.BytesIO(data))
            archive.add(database, arcname=manifest.database_file, recursive=False)
            roots = file_roots()
            for area, paths in files.items():
                for path in paths:
                    archive.add(path, arcname=f"{area}/{path.relative_to(roots[area]).as_posix()}", recursive=False)
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


# Restoring


def open_archive(archive_path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(archive_path, "r:*")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive_path} ist keine lesbare Sicherung: {error}") from error


def read_manifest(archive_path: Path) -> Manifest:
    with open_archive(archive_path) as archive:
        return manifest_of(archive)


def manifest_of(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.getmember(MANIFEST)
        data = json.loads(archive.extractfile(member).read())
        if data.get("format") != FORMAT:
            raise BackupError(f"Sicherungen im Format {data.get('format')} kann diese Version nicht einspielen.")
        return Manifest(**data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BackupError("Der Sicherung fehlt ein gültiges manifest.json.") from error


def restore_backup(
    *, archive_path: Path, using: str = "default", replace: bool = False, pg_bin_dir: Path | None = None
) -> Restored:
    """Bring database and files back from `archive_path` and prove it: rows per table as in the manifest.

    Without `replace` the database must be empty and the file folders empty or missing;
    with it, the database's tables are replaced and the file folders set aside, not deleted.
    """
    connection = connections[using]
    with open_archive(archive_path) as archive:
        manifest = manifest_of(archive)
        if manifest.engine != connection.vendor:
            raise BackupError(
                f"Die Sicherung stammt aus {manifest.engine}, die Zieldatenbank ist {connection.vendor}: "
                "eine Sicherung lässt sich nur in dasselbe Datenbanksystem einspielen."
            )
        members = checked_members(archive, manifest)
        if not replace:
            refuse_to_overwrite(connection)
        restore_tool = client_tool("pg_restore", pg_bin_dir) if manifest.engine == "postgresql" else None
        if restore_tool:
            require_pg_restore_for(manifest.pg_dump_version, *tool_version(restore_tool))
        database = archive.extractfile(members[manifest.database_file])
        if manifest.engine == "sqlite":
            restore_sqlite(connection, database)
        else:
            restore_postgresql(connection, database, restore_tool, replace)
        set_aside = [
            moved for area, root in file_roots().items() if (moved := restore_files(archive, members, area, root))
        ]
    connection.close()
    with connection.cursor() as cursor:
        restored = row_counts(cursor, connection.vendor)
    differences = [
        f"{table}: {manifest.tables.get(table, '–')} gesichert, {restored.get(table, '–')} eingespielt"
        for table in sorted(set(manifest.tables) | set(restored))
        if manifest.tables.get(table) != restored.get(table)
    ]
    if differences:
        raise BackupError("Die eingespielten Daten weichen von der Sicherung ab:\n" + "\n".join(differences))
    from weltoffen.page_cache import invalidate

    invalidate()  # pages cached before the restore may show data that no longer exists
    return Restored(manifest=manifest, set_aside=set_aside)


def checked_members(archive: tarfile.TarFile, manifest: Manifest) -> dict[str, tarfile.TarInfo]:
    """Every member by name, after reading the whole archive once: a damaged or tampered
    archive is refused before anything is changed."""
    members, files = {}, dict.fromkeys(manifest.files, 0)
    for member in archive.getmembers():
        path = PurePosixPath(member.name)
        area = path.parts[0] if path.parts else ""
        inside = not path.is_absolute() and ".." not in path.parts
        known = member.name in (MANIFEST, manifest.database_file) or (area in files and len(path.parts) > 1)
        if not (inside and known and (member.isfile() or member.isdir())):
            raise BackupError(f"Die Sicherung enthält einen unerwarteten Eintrag: {member.name!r}.")
        if member.isfile():
            members[member.name] = member
            if member.name not in (MANIFEST, manifest.database_file):
                files[area] += 1
    if manifest.database_file not in members:
        raise BackupError(f"Der Sicherung fehlt die Datenbank ({manifest.database_file}).")
    digest = hashlib.sha256()
    try:
        source = archive.extractfile(members[manifest.database_file])
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            digest.update(chunk)
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"Die Sicherung ist beschädigt: {error}") from error
    if digest.hexdigest() != manifest.database_sha256:
        raise BackupError("Die Datenbank in der Sicherung ist beschädigt (Prüfsumme stimmt nicht).")
    if files != manifest.files:
        raise BackupError(f"Die Sicherung enthält andere Dateien als verzeichnet: {files} statt {manifest.files}.")
    return members


def refuse_to_overwrite(connection) -> None:
    for area, root in file_roots().items():
        if stored_files(root):
            raise BackupError(
                f"Der Ordner {root} ({area}) enthält schon Dateien. Geben Sie einen leeren Ordner an, "
                "oder legen Sie die vorhandenen Dateien mit --replace beiseite."
            )
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"Die Zieldatenbank ist nicht leer ({len(tables)} Tabellen). Spielen Sie die Sicherung in eine neue "
            "Datenbank ein, oder ersetzen Sie die vorhandenen Daten ausdrücklich mit --replace."
        )


def restore_sqlite(connection, database) -> None:
    """Copy the archived database into the configured one with SQLite's backup API."""
    connection.ensure_connection()
    target_directory = Path(connection.settings_dict["NAME"]).parent
    scratch_directory = target_directory if target_directory.is_dir() else None
    with tempfile.NamedTemporaryFile(dir=scratch_directory, suffix=".sqlite3") as scratch:
        shutil.copyfileobj(database, scratch)
        scratch.flush()
        source = sqlite3.connect(scratch.name)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


def restore_postgresql(connection, database, pg_restore: str, replace: bool) -> None:
    """pg_restore in one transaction: it restores everything or nothing."""
    connection.close()
    command = [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if replace:
        command += ["--clean", "--if-exists"]
    command.append(f"--dbname={connection.settings_dict['NAME']}")
    run_tool(command, connection.settings_dict, stdin=database)


def restore_files(archive: tarfile.TarFile, members: dict[str, tarfile.TarInfo], area: str, root: Path) -> Path | None:
    """Unpack one area into a fresh folder inside `root`, then move it into place; whatever
    `root` held before is moved to a folder beside it, not deleted. Returns that folder, if any.

    `root` itself stays where it is, so it may be a mount point (media on shared storage).
    """
    stamp = f"{timezone.localtime():%Y%m%d-%H%M%S}"
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".restoring-{stamp}"
    staging.mkdir()
    prefix = f"{area}/"
    for name, member in members.items():
        if name.startswith(prefix):
            target = staging.joinpath(*PurePosixPath(name).parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, open(target, "wb") as destination:
                shutil.copyfileobj(source, destination)
    existing = [entry for entry in root.iterdir() if entry != staging]
    set_aside = None
    if existing:
        set_aside = root.with_name(f"{root.name}.before-restore-{stamp}")
        set_aside.mkdir()
        for entry in existing:
            shutil.move(entry, set_aside / entry.name)
    for entry in staging.iterdir():
        entry.rename(root / entry.name)
    staging.rmdir()
    return set_aside


# PostgreSQL client programs


def client_tool(name: str, bin_dir: Path | None) -> str:
    found = shutil.which(name, path=str(bin_dir)) if bin_dir else shutil.which(name)
    if not found:
        where = f"in {bin_dir}" if bin_dir else "im Suchpfad (PATH)"
        raise BackupError(
            f"{name} wurde {where} nicht gefunden. Installieren Sie das Debian-Paket postgresql-client "
            "in der Version des Servers, oder geben Sie den Ordner mit --pg-bin-dir an."
        )
    return found


def tool_version(tool: str) -> tuple[int, str]:
    """(15, "15.20") from "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"."""
    output = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"\)\s*((\d+)(?:\.\d+)*)", output)
    if not match:
        raise BackupError(f"Die Version von {tool} ist nicht zu erkennen: {output.strip()!r}.")
    return int(match.group(2)), match.group(1)


def require_pg_dump_for(server_major: int, client_major: int, client_version: str) -> None:
    """pg_dump reads servers up to its own major version, not newer ones."""
    if client_major < server_major:
        raise BackupError(
            f"pg_dump {client_version} kann einen PostgreSQL-{server_major}-Server nicht sichern: pg_dump muss "
            f"mindestens so neu sein wie der Server. Installieren Sie postgresql-client-{server_major} und geben Sie "
            f"dessen Programme mit --pg-bin-dir an (unter Debian /usr/lib/postgresql/{server_major}/bin)."
        )


def require_pg_restore_for(dump_version: str, restore_major: int, restore_version: str) -> None:
    """pg_restore reads archives of its own and older pg_dump versions."""
    match = re.match(r"\d+", dump_version or "")
    dump_major = int(match.group()) if match else 0
    if restore_major < dump_major:
        raise BackupError(
            f"Die Sicherung wurde mit pg_dump {dump_version} geschrieben; pg_restore {restore_version} kann sie "
            f"nicht lesen. Installieren Sie postgresql-client-{dump_major} und geben Sie dessen Programme "
            "mit --pg-bin-dir an."
        )


def run_tool(command: list[str], settings_dict: dict, stdin=None) -> None:
    """Run pg_dump or pg_restore with the connection settings in libpq's environment
    variables, so a password never appears in the process list."""
    environment = dict(os.environ)
    for key, variable in PG_SETTINGS.items():
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    for option, variable in PG_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            environment[variable] = str(settings_dict["OPTIONS"][option])
    # Messages go to a file: a full pipe would stall the tool while it is still reading its input.
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
            command,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=environment,
        )
        if stdin:
            try:
                shutil.copyfileobj(stdin, process.stdin)
            except BrokenPipeError:
                pass  # the tool stopped early; its exit code and message say why
            finally:
                process.stdin.close()
        if process.wait():
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise BackupError(f"{Path(command[0]).name} ist fehlgeschlagen:\n{message}")
