"""Import of the model municipalities of the programme (data/modellkommunen.csv)."""

import csv
from pathlib import Path

from django.db import transaction

from .models import Municipality, ProgrammeParticipation
from .register import RegisterError

MODEL_MUNICIPALITIES_FILE = Path(__file__).resolve().parent / "data" / "modellkommunen.csv"


@transaction.atomic
def import_participations(path: Path = MODEL_MUNICIPALITIES_FILE) -> int:
    """Idempotent: one participation per municipality, updated in place. Needs the register."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    wanted = {row["ags"] for row in rows} | {row["teil_von_ags"] for row in rows if row["teil_von_ags"]}
    known = {m.ags: m for m in Municipality.objects.filter(ags__in=wanted)}
    missing = sorted(wanted - set(known))
    if missing:
        raise RegisterError(
            f"{path}: AGS nicht im Gemeindeverzeichnis: {', '.join(missing)}. Zuerst import_register ausführen."
        )
    for row in rows:
        ProgrammeParticipation.objects.update_or_create(
            municipality=known[row["ags"]],
            defaults={
                "role": row["rolle"],
                "part_of": known.get(row["teil_von_ags"]),
                "source_url": row["source_url"],
                "note": row["hinweis"],
            },
        )
    return len(rows)
