from django.core.management.base import BaseCommand, CommandError

from weltoffen.support.site_setup import set_up_support


class Command(BaseCommand):
    help = "Legt den Leitfaden bei Anfeindungen an, falls er fehlt. Ein bestehender Leitfaden bleibt unverändert."

    def handle(self, *args, **options):
        try:
            created = set_up_support()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if created:
            self.stdout.write(self.style.SUCCESS(f"Seite angelegt: {', '.join(created)}."))
        else:
            self.stdout.write("Der Leitfaden ist vorhanden; nichts geändert.")
