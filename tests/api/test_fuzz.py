"""Schemathesis: generated requests for every route never get a 500, and every answer matches
the OpenAPI document (status codes, content types, bodies, the error shape included)."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from app.main import create_app
from graph.embedded.nx_store import NetworkxStore
from graph.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

EXAMPLES_PER_ROUTE = 40


def test_generated_requests_conform_to_the_openapi_document(nx_reference: NetworkxStore) -> None:
    app = create_app(Settings(), nx_reference)
    with TestClient(app):  # runs the lifespan, so the store is open before any request
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 20
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES_PER_ROUTE,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: schemathesis.Case) -> None:
                response = case.call()
                assert response.status_code < 500, (case.path, case.query, response.text[:300])
                case.validate_response(response)

            check()
