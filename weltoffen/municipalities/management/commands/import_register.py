from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weltoffen.municipalities.register import DEFAULT_REGISTER_FILE, RegisterError, import_register


class Command(BaseCommand):
    help = "Importiert das Gemeindeverzeichnis (Destatis GV100AD als CSV). Mehrfaches Ausführen ändert nichts."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_REGISTER_FILE, help="CSV-Datei des Verzeichnisses")

    def handle(self, *args, file: Path, **options):
        try:
            report = import_register(file)
        except RegisterError as error:
            raise CommandError(str(error)) from error
        kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(report.by_kind.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Gemeindeverzeichnis: {report.total} Einträge ({kinds}); "
                f"{report.created} neu, {report.updated} geändert, {report.unchanged} unverändert, "
                f"{report.retired} nicht mehr im Verzeichnis; {report.seconds:.1f} s."
            )
        )
