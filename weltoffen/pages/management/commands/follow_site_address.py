from django.core.management.base import BaseCommand

from weltoffen.pages.site_setup import follow_site_address, site_address


class Command(BaseCommand):
    help = "Stellt den Wagtail-Site-Eintrag auf die Adresse, unter der die Website läuft (SITE_URL bzw. HOST und PORT)."

    def handle(self, *args, **options):
        hostname, port = site_address()
        if follow_site_address():
            self.stdout.write(f"Site-Eintrag auf {hostname}:{port} umgestellt.")
        else:
            self.stdout.write(f"Site-Eintrag zeigt schon auf {hostname}:{port}.")
