from django.core.management.base import BaseCommand, CommandError

from weltoffen.municipalities.programme import import_participations
from weltoffen.municipalities.register import RegisterError


class Command(BaseCommand):
    help = "Importiert die Modellkommunen des Programms (data/modellkommunen.csv). Mehrfaches Ausführen ändert nichts."

    def handle(self, *args, **options):
        try:
            count = import_participations()
        except RegisterError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Modellkommunen: {count} Einträge importiert oder aktualisiert."))
