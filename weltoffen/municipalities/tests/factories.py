from datetime import date
from decimal import Decimal

import factory

from weltoffen.municipalities.models import Municipality, search_key_for, size_class_for


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("ags",)

    ags = factory.Sequence(lambda n: f"99{n:06d}")
    ars = factory.LazyAttribute(lambda m: m.ags)
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    short_name = factory.LazyAttribute(lambda m: m.name)
    kind = Municipality.Kind.STADT
    designation = "Stadt"
    population = 25_000
    population_date = date(2024, 12, 31)
    area_km2 = Decimal("42.00")
    latitude = Decimal("50.000000")
    longitude = Decimal("10.000000")
    register_date = date(2025, 11, 30)
    size_class = factory.LazyAttribute(lambda m: size_class_for(m.kind, m.population))
    search_key = factory.LazyAttribute(lambda m: search_key_for(m.short_name, m.name, m.designation))
