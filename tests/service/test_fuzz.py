"""Schemathesis against the app's own /openapi.json, as each role: no answer is a 5xx, and every
answer matches what the document promises for its status.

Bounded so the file runs in a few minutes on 2 cores: a few generated examples per operation and
role (valid and invalid data both), no shrinking beyond Hypothesis' defaults, no example database.
Each role's requests share one test transaction that is rolled back, as in the rest of the suite.
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import checks

from seeds import demo, load
from service.queries import users
from tests.factories import bearer, make_user, with_session

EXAMPLES_PER_OPERATION = 12
CHECKS = [checks.response_schema_conformance, checks.content_type_conformance]


def _without_lifespan(app):
    """The app as schemathesis reaches it: the session's TestClient already runs the real lifespan
    (pool, models), so a second start-up is answered without running it."""
    async def asgi(scope, receive, send):
        if scope["type"] != "lifespan":
            return await app(scope, receive, send)
        while True:
            message = await receive()
            await send({"type": f"{message['type']}.complete"})
            if message["type"] == "lifespan.shutdown":
                return
    return asgi


DEMO_POSITIONS, DEMO_CANDIDATES = 80, 200  # a small demo: the fuzzing is about inputs, not volume
DEMO_ACCOUNTS = {"candidate": "candidate1@demo.example", "hr": "hr.unige@demo.example", "hub": "hub@demo.example"}


@pytest.fixture(scope="module")
def demo_data():
    return demo.generate(seed=7, n_positions=DEMO_POSITIONS, n_candidates=DEMO_CANDIDATES)


@pytest.fixture(params=["anonymous", "candidate", "hr", "hub", "admin"])
def role(request) -> str:
    return request.param


@pytest.fixture
def role_headers(role, app, conn, demo_data) -> dict:
    """Headers of the role's demo account, on a small demo ecosystem. The salary models are not fitted
    (minutes of CPU): their endpoints answer the designed 503 with Retry-After, which is allowed."""
    load.load(conn, demo_data, "not-a-real-hash", show_progress=False)
    if role == "anonymous":
        return {}
    if role == "admin":  # the demo has no administrator: one is made as `ecotalent users create` does
        return bearer(app, make_user(conn, "admin", "admin@fuzz.example"))
    return bearer(app, with_session(conn, users.get_user_by_email(conn, DEMO_ACCOUNTS[role])))


@pytest.fixture
def api_schema(app, client, role):  # `client` routes the app's requests into the test's transaction
    schema = schemathesis.openapi.from_asgi("/openapi.json", _without_lifespan(app))
    schema.config.generation.update(max_examples=EXAMPLES_PER_OPERATION)
    schema.config.phases.coverage.enabled = False
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request_without_5xx_and_as_documented(case, role_headers):
    response = case.call(headers=role_headers)
    retry_later = response.status_code == 503 and "retry-after" in {name.lower() for name in response.headers}
    assert response.status_code < 500 or retry_later, (
        f"{case.method} {case.formatted_path} answered {response.status_code}: {response.text[:300]}")
    case.validate_response(response, checks=CHECKS)
