from django.core.management.base import BaseCommand, CommandError

from weltoffen.knowledge.demo import load_demo_content


class Command(BaseCommand):
    help = "Legt die als Beispielinhalt gekennzeichneten Demo-Inhalte der Wissensplattform an. Mehrfaches Ausführen ändert nichts."

    def handle(self, *args, **options):
        try:
            created = load_demo_content()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{name}: {count}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo-Inhalte neu angelegt ({summary})."))
