from django.core.management.base import BaseCommand

from weltoffen.peers import synthetic


class Command(BaseCommand):
    help = "Delete every synthetic team with its rounds, answers and consents, and rebuild the aggregates."

    def handle(self, *args, **options):
        self.stdout.write(f"Removed {synthetic.remove()} synthetic teams.")
