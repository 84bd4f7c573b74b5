from django.core.management.base import BaseCommand

from weltoffen.pages.site_setup import set_up_site


class Command(BaseCommand):
    help = "Legt Startseite, Rechtstexte und Betreiberangaben einer neuen Installation an. Bestehende Seiten bleiben unverändert."

    def handle(self, *args, **options):
        created = set_up_site()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Seiten angelegt: {', '.join(created)}."))
        else:
            self.stdout.write("Alle Grundseiten sind vorhanden; nichts geändert.")
