"""API clients: a party's credentials for the client-credentials grant."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ApiClient, Party
from services.actors import PARTY_SCOPES, Actor
from services.auth.tokens import hash_secret, new_client_secret
from services.errors import Forbidden, InvalidInput, NotFound
from services.events import record_event


class ApiClientOut(msgspec.Struct):
    """An API client as the operator and its party read it (never its secret)."""

    id: str
    client_id: str
    party_id: str | None
    name: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None


class ClientRevokedData(msgspec.Struct):
    """`client.revoked`, to the client's party."""

    client: ApiClientOut


async def create_api_client(
    session: AsyncSession,
    *,
    party_id: uuid.UUID,
    name: str,
    scopes: list[str] | None,
    now: datetime,
    actor: Actor | None = None,
) -> tuple[ApiClient, str]:
    """Create a client for a party; the plaintext secret is returned once and only its hash is kept."""
    if actor is not None and not actor.is_operator:
        raise Forbidden("only the operator creates API clients", "operator_only")
    if await session.get(Party, party_id) is None:
        raise NotFound("party")
    chosen = list(scopes) if scopes else list(PARTY_SCOPES)
    unknown = [s for s in chosen if s not in PARTY_SCOPES]
    if unknown:
        raise InvalidInput(f"unknown or operator-only scopes: {' '.join(unknown)}", field="scopes")
    secret = new_client_secret()
    client = ApiClient(
        id=uuid.uuid4(),
        client_id="cl_" + secrets.token_hex(12),
        secret_hash=hash_secret(secret),
        party_id=party_id,
        name=name,
        scopes=chosen,
        created_at=now,
    )
    session.add(client)
    await session.flush()
    return client, secret


async def list_api_clients(session: AsyncSession, actor: Actor, party_id: uuid.UUID) -> list[ApiClient]:
    if not actor.is_operator and actor.party_id != party_id:
        raise NotFound("party")
    if await session.get(Party, party_id) is None:
        raise NotFound("party")
    rows = await session.scalars(
        select(ApiClient).where(ApiClient.party_id == party_id).order_by(ApiClient.created_at, ApiClient.id)
    )
    return list(rows)


async def get_api_client(session: AsyncSession, actor: Actor, api_client_id: uuid.UUID) -> ApiClient:
    """The operator sees every client, a party its own; anything else is not found."""
    client = await session.get(ApiClient, api_client_id)
    if client is None or not (actor.is_operator or (client.party_id and client.party_id == actor.party_id)):
        raise NotFound("api client")
    return client


async def list_all_api_clients(session: AsyncSession, actor: Actor) -> list[ApiClient]:
    """Every client of every party (operator; `sla clients list`)."""
    if not actor.is_operator:
        raise Forbidden("only the operator lists every API client", "operator_only")
    return list(await session.scalars(select(ApiClient).order_by(ApiClient.created_at, ApiClient.id)))


async def revoke_api_client(
    session: AsyncSession, actor: Actor, api_client_id: uuid.UUID, *, now: datetime
) -> ApiClient:
    """Revoke a client (operator): it gets no new tokens, and the tokens it holds are refused at verification.
    Revoking twice is a no-op; the first revocation is a `client.revoked` event for the client's party."""
    if not actor.is_operator:
        raise Forbidden("only the operator revokes API clients", "operator_only")
    client = await get_api_client(session, actor, api_client_id)
    if client.revoked_at is None:
        client.revoked_at = now
        await session.flush()
        await record_event(
            session,
            actor,
            "client.revoked",
            now=now,
            payload=ClientRevokedData(client=msgspec.convert(client_snapshot(client), ApiClientOut)),
            subject_party_id=client.party_id,
        )
    return client


def client_snapshot(client: ApiClient) -> dict[str, Any]:
    return {
        "id": str(client.id),
        "client_id": client.client_id,
        "party_id": str(client.party_id) if client.party_id else None,
        "name": client.name,
        "scopes": list(client.scopes),
        "created_at": client.created_at,
        "revoked_at": client.revoked_at,
    }
