from django.db import transaction

from weltoffen.catalogue.models import CatalogueVersion

from .models import Topic


@transaction.atomic
def sync_topics() -> int:
    """Create or update a Topic per field of action of the current catalogue (matched by key)."""
    try:
        version = CatalogueVersion.objects.current()
    except CatalogueVersion.DoesNotExist:
        return 0
    for field in version.fields.all():
        Topic.objects.update_or_create(
            key=field.key, defaults={"number": field.number, "title": field.title, "title_en": field.title_en}
        )
    return version.fields.count()
