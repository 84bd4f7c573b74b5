from django.core.management.base import BaseCommand

from weltoffen.knowledge.indexing import rebuild_index
from weltoffen.knowledge.models import SearchEntry


class Command(BaseCommand):
    help = (
        "Baut den Index der Website-Suche neu auf: alle veröffentlichten Seiten, die FAQ und aus dem aktuellen "
        "Katalog Handlungsfelder, Fragen und die Methodik. Mehrfaches Ausführen ändert nichts."
    )

    def handle(self, *args, **options):
        counts = rebuild_index()
        labels = dict(SearchEntry.Kind.choices)
        summary = ", ".join(f"{labels[kind]}: {count}" for kind, count in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Suchindex aufgebaut: {sum(counts.values())} Einträge ({summary})."))
