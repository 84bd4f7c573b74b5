"""Schemathesis against the project's own OpenAPI schema: any 5xx or any response that
does not match the schema fails the suite."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from django.core.wsgi import get_wsgi_application

from weltoffen.api.api import api
from weltoffen.peers.tests.factories import contribute, gemeinde, kreis, land

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))


@pytest.fixture
def data(catalogue):
    """Published aggregates to return; the WSGI app must keep the test's connection open
    (as Django's test client does), or PostgreSQL loses the test transaction."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    marburg = kreis(land())
    for index in range(7):
        contribute(gemeinde(marburg), {"steuerung": 20.0 + 9 * index})
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_schema_and_never_fails_with_5xx(case, data):
    response = case.call(app=get_wsgi_application())
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
