"""Bounded input (DESIGN.md "Bounds"): crafted input that used to answer 500 answers 4xx with a `code`."""

from __future__ import annotations

import base64
import json

import pytest

from tests.api.conftest import assert_problem, row_counts
from tests.flows import activate
from tests.support.procedures import PROCEDURE_CLAUSES

DEEP = "[" * 50_000 + "]" * 50_000


def cursor_of(*values) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


async def test_deeply_nested_json_is_refused_before_parsing(client, deal, session):
    before = await row_counts(session)
    h = {**deal.h["provider"], "content-type": "application/json"}
    assert_problem(await client.post("/v1/agreements", content=DEEP, headers=h), 400, "json_too_deep")
    nested_terms = '{"title": "x", "memberships": [], "clauses": ' + DEEP + "}"
    assert_problem(await client.post("/v1/agreements", content=nested_terms, headers=h), 400, "json_too_deep")
    # Unauthenticated: the token endpoint checks the body the same way.
    assert_problem(
        await client.post("/oauth/token", content=DEEP, headers={"content-type": "application/json"}),
        400,
        "json_too_deep",
    )
    # /graphql answers the same refusal as a GraphQL response (GraphQL over HTTP), not a problem document.
    assert_graphql_error(await client.post("/graphql", content=DEEP, headers=h), 400, "json_too_deep")
    variables = '{"query": "{ __typename }", "variables": {"a": ' + DEEP + "}}"
    assert_graphql_error(await client.post("/graphql", content=variables, headers=h), 400, "json_too_deep")
    assert await row_counts(session) == before


async def test_nesting_within_the_bound_and_brackets_inside_strings_pass(client, deal):
    h = {**deal.h["provider"], "content-type": "application/json"}
    body = json.dumps({"query": "{ __typename }", "variables": {"a": "[" * 10_000, "b": [[[[{"c": "]]]]"}]]]]}})
    response = await client.post("/graphql", content=body, headers=h)
    assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}


async def test_invalid_utf8_in_a_graphql_body_is_400(client, deal):
    response = await client.post(
        "/graphql",
        content=b'{"query": "{ __typename \xff\xfe }"}',
        headers={**deal.h["provider"], "content-type": "application/json"},
    )
    assert_graphql_error(response, 400, "invalid_encoding")


def assert_graphql_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == [code]


@pytest.mark.parametrize("value", [True, False, 2**64, 2**63, -1, -(2**70), 1.5, "12", None])
@pytest.mark.parametrize("path", ["/v1/events", "/v1/agreements/{a}/history"])
async def test_event_cursors_decoding_to_anything_but_a_64_bit_position_are_422(path, value, client, deal):
    response = await client.get(
        path.format(a=deal.agreement_id), params={"cursor": cursor_of(value)}, headers=deal.h["provider"]
    )
    assert_problem(response, 422, "invalid_input", field="cursor")


@pytest.mark.parametrize(
    "values",
    [
        ("9999-12-31T23:59:59-14:00", "00000000-0000-4000-8000-000000000000"),
        ("0001-01-01T00:00:00+14:00", "00000000-0000-4000-8000-000000000000"),
        ("2026-01-01T00:00:00", "00000000-0000-4000-8000-000000000000"),
        (True, "00000000-0000-4000-8000-000000000000"),
        (2**70, None),
    ],
)
@pytest.mark.parametrize("path", ["/v1/agreements", "/v1/parties", "/v1/disputes", "/v1/calendars"])
async def test_timestamp_cursors_outside_the_supported_years_are_422(path, values, client, deal):
    response = await client.get(
        path,
        params={"cursor": cursor_of(*values)},
        headers=deal.h["operator"] if path == "/v1/parties" else deal.h["provider"],
    )
    assert_problem(response, 422, "invalid_input", field="cursor")


@pytest.mark.parametrize("version", ["99999999999", "2147483648", "0", "-1", "9" * 40])
async def test_clause_version_query_is_bounded(version, client, deal):
    response = await client.get(
        f"/v1/agreements/{deal.agreement_id}/clauses", params={"version": version}, headers=deal.h["provider"]
    )
    assert_problem(response, 422, "invalid_input", field="version")


@pytest.mark.parametrize("period", ["0000-01", "0001-01", "1969-12", "9000-01", "9999-12"])
async def test_periods_outside_the_supported_years_are_422(period, client, deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    before = await row_counts(session)
    a = f"/v1/agreements/{deal.agreement_id}"
    assert_problem(
        await client.get(f"{a}/attainment", params={"period": period}, headers=deal.h["provider"]),
        422,
        "invalid_input",
        field="period",
    )
    assert_problem(
        await client.get(
            "/v1/billing/statements",
            params={"customer": str(deal.customer.id), "period": period},
            headers=deal.h["provider"],
        ),
        422,
        "invalid_input",
        field="period",
    )
    assert_problem(
        await client.post(f"/v1/billing/periods/{period}/close", headers=deal.h["operator"]),
        422,
        "invalid_input",
        field="period",
    )
    assert await row_counts(session) == before


@pytest.mark.parametrize(
    "opened_at",
    ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "1969-12-31T23:59:59Z"],
)
async def test_applicable_opened_at_outside_the_supported_years_is_422(opened_at, client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    response = await client.get(
        "/v1/sla/applicable",
        params={"customer": str(deal.customer.id), "opened_at": opened_at},
        headers=deal.h["provider"],
    )
    assert_problem(response, 422, "invalid_input", field="opened_at")


async def test_the_supported_range_still_works(client, deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    a = f"/v1/agreements/{deal.agreement_id}"
    assert (
        await client.get(f"{a}/attainment", params={"period": "1970-01"}, headers=deal.h["provider"])
    ).status_code == 200
    assert (
        await client.get(f"{a}/attainment", params={"period": "8999-12"}, headers=deal.h["provider"])
    ).status_code == 200
    response = await client.get(
        "/v1/sla/applicable",
        params={"customer": str(deal.customer.id), "opened_at": "8999-12-31T00:00:00Z"},
        headers=deal.h["provider"],
    )
    assert response.status_code == 200, response.text
