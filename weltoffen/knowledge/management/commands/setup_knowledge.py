from django.core.management.base import BaseCommand, CommandError

from weltoffen.knowledge.site_setup import set_up_knowledge


class Command(BaseCommand):
    help = "Legt die Seiten der Wissensplattform an (Wissen, Praxisbeispiele, Veranstaltungen, FAQ, Kontakt, Säulen). Bestehende Seiten bleiben unverändert."

    def handle(self, *args, **options):
        try:
            created = set_up_knowledge()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Seiten angelegt: {', '.join(created)}.")
            if created
            else "Alle Seiten der Wissensplattform sind vorhanden; nichts geändert."
        )
