from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weltoffen.support.directory import DEFAULT_SERVICES_FILE, DirectoryError, load_services


class Command(BaseCommand):
    help = "Lädt die Unterstützungsangebote nach Land (data/angebote.yaml). Mehrfaches Ausführen ändert nichts."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_SERVICES_FILE, help="YAML-Datei der Angebote")

    def handle(self, *args, file: Path, **options):
        try:
            report = load_services(file)
        except DirectoryError as error:
            raise CommandError(
                "Die Angebote wurden nicht geladen, nichts wurde geändert:\n" + "\n".join(error.problems)
            ) from error
        for key in report.stale:
            self.stderr.write(
                self.style.WARNING(
                    f"Veraltet: „{key}“ wurde vor mehr als zwölf Monaten zuletzt geprüft. Bitte Angaben mit der Quelle vergleichen."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Unterstützungsangebote: {report.created} neu, {report.updated} geändert, "
                f"{report.unchanged} unverändert, {report.kept_from_admin} in der Verwaltung neuer geprüft und beibehalten."
            )
        )
