"""[9] Scale of the comparison on the database in DATABASE_URL (use your own, filled with
`manage.py generate_synthetic_data --municipalities N`). Run:

    DATABASE_URL=postgres://…/wk_x .venv/bin/python -m benchmarks.peers_scale

Prints the median time of: the comparison block of a results page, the dashboard tables,
the API aggregate endpoint, and updating the aggregates when one more round consents.
"""

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weltoffen.settings.base")
django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from weltoffen.peers import aggregation, dashboard  # noqa: E402
from weltoffen.peers.comparison import comparison_for  # noqa: E402
from weltoffen.peers.models import ContributedScore, Contribution  # noqa: E402


def median_seconds(run, repeat=10) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    contribution = Contribution.objects.comparing().select_related("assessment__version", "municipality").first()
    scores = contribution.scores
    client = Client()
    rows = {
        "comparison on a results page (target 0.2 s)": median_seconds(
            lambda: comparison_for(contribution.assessment, scores)
        ),
        "dashboard tables (target 0.2 s)": median_seconds(dashboard.all_tables, repeat=5),
        "API /aggregates (target 0.05 s)": median_seconds(
            lambda: client.get(
                "/api/v1/aggregates?field=steuerung",
                HTTP_HOST="127.0.0.1",
                REMOTE_ADDR=f"10.0.{time.time_ns() % 250}.1",
            )
        ),
    }

    def reconsent():
        with transaction.atomic():
            ContributedScore.objects.filter(contribution=contribution).delete()
            aggregation.represent(municipality_id=contribution.municipality_id, version_id=contribution.version_id)

    rows["aggregates after one round consents (target 1 s)"] = median_seconds(reconsent, repeat=5)
    count = ContributedScore.objects.values("municipality_id").distinct().count()
    print(f"contributing municipalities: {count}")
    for name, seconds in rows.items():
        print(f"{name}: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
