"""Idempotency keys: a retried POST with the same key and body gets the first response, once.

The key row is inserted in the request's own transaction, before the work. A concurrent request with the same
key waits on that row; if the first commits, the second replays its response; if it rolls back, the second
runs. Only successful (< 400) responses are remembered, so a corrected retry can go through.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import IdempotencyKey
from services.errors import DomainError, InvalidInput


@dataclass
class StoredResponse:
    status_code: int
    headers: list[tuple[str, str]]
    body: bytes


def fingerprint(method: str, path: str, query: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def claim_key(session: AsyncSession, principal: str, key: str, request_fingerprint: str) -> StoredResponse | None:
    """None when this request owns the key now; the stored response when it is a replay."""
    if not 1 <= len(key) <= 255:
        raise InvalidInput("Idempotency-Key must be 1–255 characters", field="Idempotency-Key")
    claimed = await session.scalar(
        insert(IdempotencyKey)
        .values(principal=principal, key=key, fingerprint=request_fingerprint, status_code=0, headers=[], body=b"")
        .on_conflict_do_nothing()
        .returning(IdempotencyKey.key)
    )
    if claimed is not None:
        return None
    existing = await session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.principal == principal, IdempotencyKey.key == key)
    )
    if existing is None:  # pragma: no cover - the owner rolled back between our insert and read
        raise DomainError("a request with this Idempotency-Key is in progress; retry", "idempotency_in_progress", 409)
    if existing.fingerprint != request_fingerprint:
        raise DomainError(
            "this Idempotency-Key was used with a different request; use a new key for a new request",
            "idempotency_key_reused", 422,
        )
    return StoredResponse(existing.status_code, [tuple(h) for h in existing.headers], existing.body)


async def store_response(session: AsyncSession, principal: str, key: str, response: StoredResponse) -> None:
    await session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.principal == principal, IdempotencyKey.key == key)
        .values(status_code=response.status_code, headers=[list(h) for h in response.headers], body=response.body)
    )
