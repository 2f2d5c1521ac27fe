"""Shared pieces of the REST tests: problem+json assertions, row counts and agreement set-ups."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, AgreementVersion, Approval, Clause, Event, IdempotencyKey, Membership, Party
from tests.conftest import Deal, accept_invitations, sla_clauses

PROBLEM_JSON = "application/problem+json"


def assert_problem(
    response: httpx.Response, status: int, code: str | None = None, *, field: str | None = None
) -> dict[str, Any]:
    """An RFC 9457 answer with the given status (and stable code, and a named field when given). The body comes
    back without `instance`, which names the request (its X-Request-Id) and so differs between any two answers."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].split(";")[0] == PROBLEM_JSON, response.headers
    body = response.json()
    assert body.pop("instance") == f"urn:sla-api:request:{response.headers['x-request-id']}", body
    assert body["status"] == status
    assert body["type"].startswith("https://") and body["title"] and body["detail"], body
    if code is not None:
        assert body["code"] == code, body
    if field is not None:
        fields = [e["field"] for e in body.get("errors", [])]
        assert field in fields or field in body["detail"], body
    return body


ROW_MODELS = {
    "agreements": Agreement,
    "versions": AgreementVersion,
    "clauses": Clause,
    "memberships": Membership,
    "approvals": Approval,
    "events": Event,
    "parties": Party,
    "idempotency_keys": IdempotencyKey,
}


async def row_counts(session: AsyncSession) -> dict[str, int]:
    return {name: await session.scalar(select(func.count()).select_from(model)) for name, model in ROW_MODELS.items()}


async def propose(client: httpx.AsyncClient, deal: Deal, side: str = "provider", **body: Any) -> httpx.Response:
    response = await client.post(
        f"/v1/agreements/{deal.agreement_id}/versions", json=body or {"summary": "terms"}, headers=deal.h[side]
    )
    return response


async def accept(client: httpx.AsyncClient, deal: Deal, number: int = 1) -> None:
    for side in ("provider", "customer"):
        response = await client.post(
            f"/v1/agreements/{deal.agreement_id}/versions/{number}/approve", headers=deal.h[side]
        )
        assert response.status_code == 200, response.text
    assert response.json()["status"] == "accepted"


async def activate(client: httpx.AsyncClient, deal: Deal) -> dict[str, Any]:
    """Propose the draft, accept it on both sides and activate the agreement."""
    response = await propose(client, deal)
    assert response.status_code == 201, response.text
    await accept(client, deal, 1)
    response = await client.post(f"/v1/agreements/{deal.agreement_id}/activate", headers=deal.h["provider"])
    assert response.status_code == 200, response.text
    return response.json()


async def create_agreement(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    members: dict[str, Any],
    *,
    title: str = "Another agreement",
    join: tuple[dict[str, str], ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A draft agreement; `members` maps role -> party; the parties whose headers are in `join` accept."""
    body = {
        "title": title,
        "memberships": [{"party_id": str(p.id), "role": role} for role, p in members.items()],
        "clauses": sla_clauses(),
        **extra,
    }
    response = await client.post("/v1/agreements", json=body, headers=headers)
    assert response.status_code == 201, response.text
    await accept_invitations(client, response.json()["id"], *join)
    return response.json()
