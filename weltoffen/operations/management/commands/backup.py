from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weltoffen.operations.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = (
        "Sichert Datenbank (SQLite: Online-Backup, PostgreSQL: pg_dump), Medien und Nachweisdateien "
        "in ein Archiv mit Manifest (Zeilen je Tabelle). Die Website kann dabei weiterlaufen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Archivdatei (Standard: BACKUP_ROOT/weltoffen-<Zeit>.tar.gz)")
        parser.add_argument("--pg-bin-dir", type=Path, help="Ordner mit pg_dump, z. B. /usr/lib/postgresql/16/bin")

    def handle(self, *args, output, pg_bin_dir, **options):
        try:
            path = create_backup(destination=output, pg_bin_dir=pg_bin_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = read_manifest(path)
        megabytes = path.stat().st_size / 1024 / 1024
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung geschrieben: {path} ({megabytes:.1f} MB; {manifest.engine}, {len(manifest.tables)} Tabellen, "
                f"{manifest.rows} Zeilen, {manifest.files['media']} Mediendateien, "
                f"{manifest.files['evidence']} Nachweisdateien)."
            )
        )
