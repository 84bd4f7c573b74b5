from django.core.management.base import BaseCommand

from weltoffen.support.requests import purge_expired_help_requests


class Command(BaseCommand):
    help = "Löscht vertrauliche Anfragen, deren letzte Änderung länger als 180 Tage zurückliegt."

    def handle(self, *args, **options):
        deleted = purge_expired_help_requests()
        self.stdout.write(f"Vertrauliche Anfragen gelöscht: {deleted}.")
