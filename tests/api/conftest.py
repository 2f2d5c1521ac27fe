"""Shared pieces of the REST tests: problem+json assertions and row counts (the agreement flow is `tests/flows.py`)."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, AgreementVersion, Approval, Clause, Event, IdempotencyKey, Membership, Party

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
