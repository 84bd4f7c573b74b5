from datetime import date

import factory

from weltoffen.municipalities.models import Municipality
from weltoffen.municipalities.tests.factories import MunicipalityFactory
from weltoffen.support.models import SupportService


def land(ags: str = "09", name: str = "Bayern") -> Municipality:
    return MunicipalityFactory(ags=ags, name=name, short_name=name, kind=Municipality.Kind.LAND, designation="Land")


class SupportServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportService

    key = factory.Sequence(lambda n: f"angebot-{n}")
    land = None
    kind = SupportService.Kind.VICTIM_COUNSELLING
    name = factory.Sequence(lambda n: f"Beratungsstelle {n}")
    description = "Berät Betroffene vertraulich."
    source = "https://example.org/quelle"
    checked_on = date(2026, 12, 1)
