from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from weltoffen.operations.backup import BackupError, file_roots, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Spielt eine Sicherung von `manage.py backup` ein: Datenbank, Medien und Nachweisdateien, "
        "und vergleicht danach die Zeilen jeder Tabelle mit dem Manifest. Ohne --replace nur in eine leere Datenbank."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Archivdatei von `manage.py backup`")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="vorhandene Tabellen ersetzen; vorhandene Dateiordner werden beiseitegelegt, nicht gelöscht",
        )
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="nicht nachfragen")
        parser.add_argument("--pg-bin-dir", type=Path, help="Ordner mit pg_restore, z. B. /usr/lib/postgresql/16/bin")

    def handle(self, *args, archive, replace, interactive, pg_bin_dir, **options):
        try:
            manifest = read_manifest(archive)
            if interactive:
                roots = ", ".join(str(root) for root in file_roots().values())
                question = (
                    f"Sicherung vom {manifest.created} ({manifest.engine}, {manifest.rows} Zeilen) einspielen in "
                    f"die Datenbank {connection.settings_dict['NAME']} und die Ordner {roots}"
                    f"{', vorhandene Daten ersetzen' if replace else ''}? [ja/nein] "
                )
                if input(question).strip().lower() not in {"ja", "j", "yes", "y"}:
                    raise CommandError("Abgebrochen; nichts wurde verändert.")
            restored = restore_backup(archive_path=archive, replace=replace, pg_bin_dir=pg_bin_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung vom {manifest.created} eingespielt: {len(manifest.tables)} Tabellen mit zusammen "
                f"{manifest.rows} Zeilen, wie im Manifest; {manifest.files['media']} Mediendateien, "
                f"{manifest.files['evidence']} Nachweisdateien."
            )
        )
        for folder in restored.set_aside:
            self.stdout.write(f"Die vorherigen Dateien liegen in {folder}; löschen Sie den Ordner, wenn alles stimmt.")
        self.stdout.write("Danach: `manage.py migrate`, falls diese Version neuere Migrationen hat als die Sicherung.")
