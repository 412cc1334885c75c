"""Property-based run of schemathesis over the OpenAPI schema: no 5xx, every response fits its schema.

The schema does not depend on the index, so it is taken at import time from an
app with no index (``schemathesis.pytest.from_fixture`` would be the lazy way,
but schemathesis 4.32 breaks on pytest 9's nodes); the requests go to the app
over the shared corpus index. Bounded (25 examples per operation, fixed
derandomised seed) so it stays well under a minute and failures reproduce.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from service.api.main import create_app
from service.api.settings import Settings

schema = schemathesis.openapi.from_dict(create_app(Settings(index_dir="/nonexistent/plansearch-index")).openapi())


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case, service_app):
    case.call_and_validate(app=service_app, checks=[not_a_server_error, response_schema_conformance])
