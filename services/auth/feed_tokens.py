"""Feed tokens: a party's long-lived, revocable credentials for calendar feeds.

Calendar apps poll a URL for months and cannot send headers, so a 15-minute JWT in `?access_token=` expires under
them. A feed token is shown once, kept only as its SHA-256 (it is 256 random bits, so a fast hash is enough, as for
API client secrets), reads agreements and nothing else, and stops working the moment it is revoked."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FeedToken
from db.values import Scope
from services.actors import Actor
from services.auth.tokens import hash_secret
from services.errors import InvalidInput, NotFound, Unauthorized

FEED_TOKEN_PREFIX = "sft_"
# What a feed token may do: read the agreements its party is a member of (scoping.py decides which).
FEED_SCOPES = frozenset({Scope.AGREEMENTS_READ.value})
MAX_NAME_LENGTH = 200


def _owner(actor: Actor) -> uuid.UUID:
    if actor.party_id is None:
        raise InvalidInput("a feed token belongs to a party; the operator has no calendar to subscribe to")
    return actor.party_id


async def create_feed_token(session: AsyncSession, actor: Actor, name: str, *, now: datetime) -> tuple[FeedToken, str]:
    """A new token for the caller's party; the plaintext is returned once and only its hash is kept."""
    party_id = _owner(actor)
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"name must be 1 to {MAX_NAME_LENGTH} characters", field="name")
    secret = FEED_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = FeedToken(id=uuid.uuid4(), party_id=party_id, name=name, token_hash=hash_secret(secret), created_at=now)
    session.add(token)
    await session.flush()
    return token, secret


async def list_feed_tokens(session: AsyncSession, actor: Actor) -> list[FeedToken]:
    """The caller's party's tokens, revoked ones included (they show when), oldest first."""
    party_id = _owner(actor)
    rows = await session.scalars(
        select(FeedToken).where(FeedToken.party_id == party_id).order_by(FeedToken.created_at, FeedToken.id)
    )
    return list(rows)


async def revoke_feed_token(session: AsyncSession, actor: Actor, token_id: uuid.UUID, *, now: datetime) -> FeedToken:
    """Revoke one of the caller's party's tokens (again is a no-op); another party's answers like a missing one."""
    token = await session.get(FeedToken, token_id)
    if token is None or actor.party_id is None or token.party_id != actor.party_id:
        raise NotFound("feed token")
    if token.revoked_at is None:
        token.revoked_at = now
        await session.flush()
    return token


async def feed_actor(session: AsyncSession, secret: str) -> Actor:
    """The caller a feed URL stands for: its party, with read access only. Unknown or revoked answers 401 at once
    (checked against the database on every request, no cache)."""
    token = await session.scalar(select(FeedToken).where(FeedToken.token_hash == hash_secret(secret)))
    if token is None or token.revoked_at is not None:
        raise Unauthorized("the feed token is unknown or revoked")
    return Actor(party_id=token.party_id, scopes=FEED_SCOPES, subject=f"feed:{token.id}")
