"""GraphQL cost: the computed price of an operation, the maximum per operation, the per-caller budget and the
`rateLimit` field."""

from __future__ import annotations

from datetime import timedelta

from graphql import parse

from api.rate_limits import RateLimits
from schema.app import build_schema
from schema.cost import operation_cost

SCHEMA = build_schema()._schema
# node { id } = 2; edges { … } = 3; agreements(first: 20) { … } = 1 + 20 × 3
AGREEMENTS = "query($n: Int) { agreements(first: $n) { edges { node { id } } } }"


def cost(document: str, **variables) -> int:
    return operation_cost(SCHEMA, parse(document), None, variables)


def test_a_connection_multiplies_its_children_by_first():
    assert cost(AGREEMENTS, n=20) == 61
    assert cost(AGREEMENTS, n=1) == 4
    assert cost("{ agreements(first: 20) { edges { node { id } } } }") == 61
    # Without `first`, the default page size (50).
    assert cost("{ agreements { edges { node { id } } } }") == 151
    # Nested connections multiply: 1 + 10 × (1 + (1 + 1 + 5 × (1 + (1 + 1))))
    nested = "{ agreements(first: 10) { edges { node { id history(first: 5) { edges { node { id } } } } } } }"
    assert cost(nested) == 1 + 10 * (1 + (1 + 1 + 1 + 5 * (1 + (1 + 1))))


def test_fragments_count_where_they_are_spread_and_typename_is_free():
    spread = "query { agreements(first: 20) { edges { node { ...A } } } } fragment A on Agreement { id __typename }"
    inline = "{ agreements(first: 20) { edges { node { ... on Agreement { id } } } } }"
    assert cost(spread) == cost(inline) == 61


async def test_an_operation_over_the_maximum_is_refused_before_it_runs(gql, deal):
    huge = "{ agreements(first: 100) { edges { node { id history(first: 100) { edges { node { id type } } } } } } }"
    body = await gql.raw(huge, deal.h["provider"])
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "query_too_costly"
    assert error["extensions"]["cost"] > error["extensions"]["max_cost"] == 25_000
    assert "first" in error["message"]


async def test_rate_limit_reports_cost_and_remaining_and_the_budget_runs_out(gql, deal, app, clock):
    app.state.rate_limits = RateLimits(
        per_caller=None, token_per_ip=None, token_failures=None, graphql_cost_budget="150/minute"
    )
    query = "{ agreements(first: 20) { edges { node { id } } } rateLimit { cost limit remaining resetAt } }"
    first = await gql(query, deal.h["provider"])
    # 61 for the agreements, 5 for rateLimit and its four fields.
    assert first["rateLimit"]["cost"] == 66 and first["rateLimit"]["limit"] == 150
    assert first["rateLimit"]["remaining"] == 150 - 66
    reset_at = first["rateLimit"]["resetAt"]
    assert clock() < clock().fromisoformat(reset_at.replace("Z", "+00:00")) <= clock() + timedelta(seconds=60)
    second = await gql(query, deal.h["provider"])
    assert second["rateLimit"]["remaining"] == 150 - 2 * 66
    refused = await gql.raw(query, deal.h["provider"])
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "rate_limited"
    assert refused["errors"][0]["extensions"]["retry_after"] >= 1
    # Another caller has a budget of its own.
    other = await gql(query, deal.h["customer"])
    assert other["rateLimit"]["remaining"] == 150 - 66


async def test_without_a_budget_rate_limit_reports_the_cost_only(gql, deal, app):
    app.state.rate_limits = RateLimits(per_caller=None, token_per_ip=None, token_failures=None)
    data = await gql("{ rateLimit { cost limit remaining resetAt } }", deal.h["provider"])
    assert data["rateLimit"] == {"cost": 5, "limit": None, "remaining": None, "resetAt": None}
