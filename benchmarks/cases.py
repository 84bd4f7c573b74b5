"""The measured operations, grouped by issue; each states the target it checks."""

from django.test import Client

from weltoffen.catalogue.loading import load_all
from weltoffen.municipalities.models import Municipality
from weltoffen.municipalities.register import import_register

from .harness import benchmark


def fresh_register():
    Municipality.objects.update(parent=None, land=None)
    Municipality.objects.all().delete()


@benchmark("[1] register: import all 11,061 rows into an empty table", target_seconds=10, repeat=3)
def register_first_import():
    def run():
        fresh_register()
        import_register()

    return run


@benchmark("[1] register: repeat import (nothing changes)", target_seconds=10, repeat=3)
def register_repeat_import():
    import_register()
    return import_register


@benchmark("[1] register: search 'Muenchen' (name, umlaut-folded)", target_seconds=0.05, repeat=50)
def search_by_name():
    if not Municipality.objects.exists():
        import_register()
    return lambda: list(Municipality.objects.search("Muenchen")[:8])


@benchmark("[1] register: search page with 'berg' (many results)", target_seconds=0.2, repeat=20)
def search_page():
    if not Municipality.objects.exists():
        import_register()
    client = Client()
    return lambda: client.get("/kommunen/", {"q": "berg"})


@benchmark("[1] catalogue: validate and load (unchanged)", repeat=5)
def catalogue_load():
    load_all()
    return load_all
