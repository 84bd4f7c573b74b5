"""Municipalities in a small register tree and contributions with chosen scores."""

import itertools

from django.utils import timezone

from weltoffen.municipalities.models import Municipality
from weltoffen.municipalities.tests.factories import MunicipalityFactory
from weltoffen.peers import aggregation
from weltoffen.peers.models import Contribution
from weltoffen.selfcheck.tests.factories import AssessmentFactory

_numbers = itertools.count(1)


def land(ags="06", name="Hessen"):
    return MunicipalityFactory(ags=ags, name=name, short_name=name, kind=Municipality.Kind.LAND, population=6_000_000)


def kreis(parent, ags="06534", name="Marburg-Biedenkopf"):
    return MunicipalityFactory(
        ags=ags,
        name=name,
        short_name=name,
        kind=Municipality.Kind.KREIS,
        parent=parent,
        land=parent,
        population=240_000,
    )


def gemeinde(parent, *, name=None, population=8_000, kind=Municipality.Kind.GEMEINDE):
    number = next(_numbers)
    land_row = parent if parent.kind == Municipality.Kind.LAND else parent.land
    return MunicipalityFactory(
        ags=f"{parent.ags}{number:03d}" if len(parent.ags) == 5 else f"{parent.ags}9{number:05d}",
        name=name or f"Gemeinde {number}",
        kind=kind,
        parent=parent,
        land=land_row,
        population=population,
    )


def contribute(municipality, scores: dict, *, named=False, questions=None, synthetic=False, when=None):
    """A consenting contribution with the given field scores, counted at once."""
    assessment = AssessmentFactory(municipality=municipality)
    contribution = Contribution.objects.create(
        assessment=assessment,
        municipality=municipality,
        version=assessment.version,
        compare=True,
        named=named,
        scores=scores,
        questions=questions or {},
        scored_at=when or timezone.now(),
        agreed_at=timezone.now(),
        is_synthetic=synthetic,
    )
    aggregation.represent(municipality_id=municipality.pk, version_id=assessment.version_id)
    return contribution
