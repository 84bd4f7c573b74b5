from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weltoffen.catalogue.loading import DATA_DIR, CatalogueError, load_all
from weltoffen.catalogue.models import CatalogueFrozen

STATUS_LABELS = {"created": "neu angelegt", "updated": "aktualisiert", "unchanged": "unverändert"}


class Command(BaseCommand):
    help = "Prüft und lädt alle Versionen des Fragenkatalogs. Bei einem Fehler wird nichts geladen."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=DATA_DIR, help="Ordner mit den Katalogversionen")

    def handle(self, *args, path: Path, **options):
        try:
            results = load_all(path)
        except CatalogueError as error:
            raise CommandError(
                f"Der Katalog enthält {len(error.problems)} Fehler; nichts wurde geladen:\n" + "\n".join(error.problems)
            ) from error
        except CatalogueFrozen as error:
            raise CommandError(f"{error} Nichts wurde geladen.") from error
        for result in results:
            version = result.version
            per_field = ", ".join(f"{f.number}: {f.questions.count()}" for f in version.fields.all())
            current = " (aktuell)" if version.is_current else ""
            self.stdout.write(
                self.style.SUCCESS(
                    f"Katalog {version.key}{current}: {STATUS_LABELS[result.status]}; "
                    f"{version.questions.count()} Fragen (je Handlungsfeld {per_field})."
                )
            )
