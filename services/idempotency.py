"""Idempotency keys: a retried POST with the same key and body gets the first response, once.

The key row is inserted in the request's own transaction, before the work. A concurrent request with the same
key waits on that row; if the first commits, the second replays its response; if it rolls back, the second
runs. Only successful (< 400) responses are remembered, so a corrected retry can go through.

A key belongs to one caller: its party, client and token subject *and* its scopes (`caller_identity`), so
another caller, or the same client with other scopes, never sees a stored response (its request is a new one).
Stored bodies are envelope-encrypted (they may hold a one-time secret such as a webhook or client secret), and
keys expire after a time-to-live: an expired key is a new request, and expired rows are purged as keys are used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.encryption import Keyring, Sealed, idempotency_context
from db.models import IdempotencyKey
from services.actors import Actor
from services.errors import DomainError, InvalidInput

# Expired keys removed per claim: enough to keep up with any rate of new keys, small enough to stay cheap.
PURGE_BATCH = 100


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


def caller_identity(actor: Actor) -> str:
    """Who may replay a key: same party, client and token subject, and exactly the same scopes."""
    digest = hashlib.sha256()
    for part in (str(actor.party_id or ""), actor.client_id or "", actor.subject or "", " ".join(sorted(actor.scopes))):
        digest.update(len(part.encode()).to_bytes(8, "big"))
        digest.update(part.encode())
    return digest.hexdigest()


async def claim_key(
    session: AsyncSession,
    principal: str,
    key: str,
    request_fingerprint: str,
    *,
    now: datetime,
    ttl: timedelta,
    keyring: Keyring,
) -> StoredResponse | None:
    """None when this request owns the key now; the stored response when it is a replay."""
    if not 1 <= len(key) <= 255:
        raise InvalidInput("Idempotency-Key must be 1–255 characters", field="Idempotency-Key")
    await _purge_expired(session, now)
    await session.execute(
        delete(IdempotencyKey).where(  # this key, expired: free for a new request
            IdempotencyKey.principal == principal, IdempotencyKey.key == key, IdempotencyKey.expires_at <= now
        )
    )
    claimed = await session.scalar(
        insert(IdempotencyKey)
        .values(
            principal=principal,
            key=key,
            fingerprint=request_fingerprint,
            status_code=0,
            headers=[],
            body=b"",
            created_at=now,
            expires_at=now + ttl,
        )
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
            "idempotency_key_reused",
            422,
        )
    body = (
        keyring.open(Sealed(existing.kek_id, existing.body), idempotency_context(principal, key))
        if existing.kek_id
        else existing.body
    )
    return StoredResponse(existing.status_code, [tuple(h) for h in existing.headers], body)


async def _purge_expired(session: AsyncSession, now: datetime) -> None:
    """Expired keys are ignored (their key is free for a new request) and removed a batch at a time."""
    expired = (
        select(IdempotencyKey.principal, IdempotencyKey.key)
        .where(IdempotencyKey.expires_at <= now)
        .limit(PURGE_BATCH)
        .with_for_update(skip_locked=True)
    )
    await session.execute(
        delete(IdempotencyKey).where(tuple_(IdempotencyKey.principal, IdempotencyKey.key).in_(expired))
    )


async def store_response(
    session: AsyncSession, principal: str, key: str, response: StoredResponse, *, keyring: Keyring
) -> None:
    sealed = keyring.seal(response.body, idempotency_context(principal, key))
    await session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.principal == principal, IdempotencyKey.key == key)
        .values(
            status_code=response.status_code,
            headers=[list(h) for h in response.headers],
            body=sealed.blob,
            kek_id=sealed.kek_id,
        )
    )
