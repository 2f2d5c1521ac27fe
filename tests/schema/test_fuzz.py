"""No GraphQL input produces a server error: generated documents for every root field, valid ones (positive) and
ones with one schema violation (negative), as a party and as the operator, answer without a 5xx and without a
masked bug (`internal error`).

Like the REST schemathesis run (tests/api/test_openapi.py), the app runs in the test client's own thread and event
loop, on committed data seeded by `fuzzed_app` and deleted afterwards.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis_graphql import Mode, mutations, nodes, queries
from litestar.testing import TestClient

from schema.app import MUTATION_FIELDS, QUERY_FIELDS, sdl
from tests.api.test_openapi import fuzzed_app  # noqa: F401 - the fixture, shared with the REST run

MAX_EXAMPLES = 5

_OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-14))])


def custom_scalars(seeded: dict) -> dict:
    ids = [seeded["ids"]["agreement_id"], seeded["ids"]["party_id"]]
    return {
        "UUID": st.one_of(st.sampled_from(ids), st.uuids().map(str), st.text(max_size=40)).map(nodes.String),
        "DateTime": st.one_of(
            st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=_OFFSETS).map(
                datetime.isoformat
            ),
            st.datetimes().map(datetime.isoformat),
            st.text(max_size=40),
        ).map(nodes.String),
        "Decimal": st.one_of(
            st.decimals(allow_nan=True, allow_infinity=True).map(str),
            st.sampled_from(["1e3", "1_000", " 1.00 ", "9" * 40, "-0.00001"]),
            st.text(max_size=20),
        ).map(nodes.String),
        "JSON": st.one_of(st.text(max_size=40), st.sampled_from(['{"a": [1, 2]}', "[]", "null"])).map(nodes.String),
    }


def _failures(client: TestClient, headers: dict[str, str], strategy) -> str | None:
    found: list[str] = []

    @given(document=strategy)
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(document: str) -> None:
        response = client.post("/graphql", json={"query": document}, headers=headers)
        assert response.status_code < 500, f"{response.status_code} for {document!r}: {response.text[:500]}"
        errors = response.json().get("errors") or []
        assert not any(e.get("message") == "internal error" for e in errors), f"{document!r}: {errors}"

    try:
        run()
    except InvalidArgument as exc:
        if "NEGATIVE mode" not in str(exc):  # a field without arguments has nothing to make invalid
            found.append(str(exc))
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - report every field's failures together
        found.append(str(exc))
    return "\n".join(found) or None


@pytest.mark.parametrize(
    ("who", "mode"), [("party", Mode.POSITIVE), ("party", Mode.NEGATIVE), ("operator", Mode.POSITIVE)]
)
def test_no_graphql_input_is_a_server_error(who, mode, fuzzed_app):  # noqa: F811
    app, seeded = fuzzed_app
    schema = sdl()
    scalars = custom_scalars(seeded)
    headers = {"Authorization": f"Bearer {seeded[who]}"}
    failures: list[str] = []
    with TestClient(app) as client:
        for kind, fields, make in (("query", QUERY_FIELDS, queries), ("mutation", MUTATION_FIELDS, mutations)):
            for field in fields:
                problem = _failures(client, headers, make(schema, fields=[field], custom_scalars=scalars, mode=mode))
                if problem:
                    failures.append(f"{kind} {field}: {problem}")
    assert len(QUERY_FIELDS) + len(MUTATION_FIELDS) >= 40
    assert not failures, "\n\n".join(failures)


def test_the_generator_reaches_the_resolvers(fuzzed_app):  # noqa: F811
    # A run that only ever produced invalid documents would prove nothing: seeded data comes back.
    app, seeded = fuzzed_app
    with TestClient(app) as client:
        response = client.post(
            "/graphql",
            json={
                "query": "query($id: UUID!) { agreement(id: $id) { id } }",
                "variables": {"id": seeded["ids"]["agreement_id"]},
            },
            headers={"Authorization": f"Bearer {seeded['party']}"},
        )
    assert response.json() == {"data": {"agreement": {"id": seeded["ids"]["agreement_id"]}}}
    assert uuid.UUID(seeded["ids"]["agreement_id"])
