"""Helpers for the GraphQL tests: every call goes through `POST /graphql` on the real app."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from tests.flows import Deal


class GraphQL:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def raw(self, query: str, headers: dict[str, str], **variables: Any) -> dict[str, Any]:
        response = await self.client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def __call__(self, query: str, headers: dict[str, str], **variables: Any) -> dict[str, Any]:
        """The `data` of a request that must not fail at the GraphQL level."""
        body = await self.raw(query, headers, **variables)
        assert not body.get("errors"), body["errors"]
        return body["data"]


@pytest.fixture
def gql(client) -> GraphQL:
    return GraphQL(client)


ERROR_FIELDS = "... on Error { __typename code message field problems { field message } }"


async def mutate(
    gql: GraphQL, name: str, selection: str, headers: dict[str, str], signature: str, arguments: str, **variables: Any
) -> dict[str, Any]:
    """Run one mutation and return its result object (payload or typed error), with `__typename`."""
    query = f"mutation({signature}) {{ {name}({arguments}) {{ __typename {selection} {ERROR_FIELDS} }} }}"
    return (await gql(query, headers, **variables))[name]


async def count(session, model) -> int:
    return await session.scalar(select(func.count()).select_from(model))


PROPOSE = """
mutation($id: UUID!) { proposeVersion(agreementId: $id, input: {summary: "initial terms"}) {
  __typename ... on ProposeVersionPayload { version { number status } } ... on Error { code message } } }
"""
APPROVE = """
mutation($id: UUID!, $n: Int!) { approveVersion(agreementId: $id, number: $n) {
  __typename ... on ApproveVersionPayload { version { number status } } ... on Error { code message field } } }
"""


async def accept_first_version(gql: GraphQL, deal: Deal) -> None:
    """Propose the draft and have both signatories approve it."""
    data = await gql(PROPOSE, deal.h["provider"], id=deal.agreement_id)
    assert data["proposeVersion"]["__typename"] == "ProposeVersionPayload", data
    for side in ("provider", "customer"):
        data = await gql(APPROVE, deal.h[side], id=deal.agreement_id, n=1)
        assert data["approveVersion"]["__typename"] == "ApproveVersionPayload", data
    assert data["approveVersion"]["version"]["status"] == "ACCEPTED"
