from django_tasks import task

from . import aggregation


@task()
def rebuild_aggregates() -> None:
    """Nightly safety net: consent changes update the aggregates at once (aggregation.py);
    this recomputes all of them from the contributions, so no drift can outlive a day."""
    aggregation.rebuild()
