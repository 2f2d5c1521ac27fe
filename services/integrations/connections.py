"""A party's integrations: creation with the signing secret shown once, the mapping, rotation, and the audit of
the deliveries each received."""

from __future__ import annotations

import secrets as random_secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.encryption import Keyring, Sealed, integration_secret_context, keyring_from_environment
from db.models import Integration, IntegrationDelivery
from db.values import IntegrationKind, IntegrationStatus
from services.actors import Actor
from services.errors import Conflict, Forbidden, InvalidInput, NotFound, PreconditionFailed
from services.integrations.mapping import Mapping, MappingIn, default_mapping, merged_mapping
from services.pagination import after_time_and_id, check_limit, time_and_id_cursor

DEFAULT_ROTATION_GRACE = timedelta(hours=24)
MAX_ACTIVE_SECRETS = 5
MAX_SECRET = 500
MIN_SECRET = 16


class IntegrationCreate(msgspec.Struct, forbid_unknown_fields=True):
    kind: IntegrationKind
    name: str
    # The `source` of its ticket events (defaults to the kind): the first part of `/v1/tickets/{source}/{id}/sla`.
    source: str | None = None
    # Zendesk generates its webhooks' signing secrets: paste it here. Jira takes the secret you give it: leave this
    # out and one is generated and shown once.
    signing_secret: str | None = None
    mapping: MappingIn = msgspec.field(default_factory=MappingIn)


class IntegrationUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: str | msgspec.UnsetType = msgspec.UNSET
    status: IntegrationStatus | msgspec.UnsetType = msgspec.UNSET
    mapping: MappingIn | msgspec.UnsetType = msgspec.UNSET


class SecretRotation(msgspec.Struct, forbid_unknown_fields=True):
    # The tool's new secret (Zendesk: after "reset secret"); left out, one is generated and shown once.
    signing_secret: str | None = None


def _require_party(actor: Actor) -> uuid.UUID:
    if actor.party_id is None:
        raise Forbidden("integrations belong to a party; use a party token", "party_only")
    return actor.party_id


def _check_name(value: str, field: str, limit: int) -> str:
    cleaned = value.strip()
    if not 1 <= len(cleaned) <= limit:
        raise InvalidInput(f"must be 1–{limit} characters", field=field)
    return cleaned


def _check_secret(kind: IntegrationKind, given: str | None) -> str:
    if given is None:
        if kind is IntegrationKind.ZENDESK:
            raise InvalidInput(
                "Zendesk generates the signing secret: copy it from the webhook (Admin Center → Webhooks → "
                "Signing secret) into signing_secret",
                field="signing_secret",
            )
        return random_secrets.token_urlsafe(32)
    if not MIN_SECRET <= len(given) <= MAX_SECRET or given != given.strip():
        raise InvalidInput(
            f"a signing secret is {MIN_SECRET}–{MAX_SECRET} characters without surrounding spaces",
            field="signing_secret",
        )
    return given


def _sealed(keyring: Keyring | None, integration_id: uuid.UUID, secret: str, expires_at: str | None) -> dict[str, Any]:
    sealed = (keyring or keyring_from_environment()).seal_text(secret, integration_secret_context(integration_id))
    return {**sealed.to_json(), "expires_at": expires_at}


def _in_grace(stored: dict[str, Any], now: datetime) -> bool:
    return stored.get("expires_at") is None or datetime.fromisoformat(stored["expires_at"]) > now


def verifying_secrets(integration: Integration, now: datetime, keyring: Keyring | None = None) -> list[str]:
    """The secrets a delivery may be signed with now: the current one, then those still in their grace."""
    keyring = keyring or keyring_from_environment()
    context = integration_secret_context(integration.id)
    return [keyring.open_text(Sealed.from_json(s), context) for s in integration.secrets if _in_grace(s, now)]


def mapping_of(integration: Integration) -> Mapping:
    return msgspec.convert(integration.mapping, Mapping)


def integration_snapshot(integration: Integration, *, secret: str | None = None) -> dict[str, Any]:
    snapshot: dict[str, Any] = {
        "id": str(integration.id),
        "party_id": str(integration.party_id),
        "kind": integration.kind,
        "name": integration.name,
        "source": integration.source,
        "status": integration.status,
        "events_url": f"/v1/integrations/{integration.kind}/events?integration={integration.id}",
        "mapping": integration.mapping,
        "created_at": integration.created_at,
        "updated_at": integration.updated_at,
        "version": integration.row_version,
    }
    if secret is not None:
        snapshot["signing_secret"] = secret
    return snapshot


async def _name_taken(session: AsyncSession, party_id: uuid.UUID, name: str, but: uuid.UUID | None = None) -> bool:
    stmt = (
        select(func.count()).select_from(Integration).where(Integration.party_id == party_id, Integration.name == name)
    )
    if but is not None:
        stmt = stmt.where(Integration.id != but)
    return bool(await session.scalar(stmt))


async def create_integration(
    session: AsyncSession, actor: Actor, data: IntegrationCreate, *, now: datetime, keyring: Keyring | None = None
) -> tuple[Integration, str]:
    """A new integration and its signing secret (returned once, stored encrypted)."""
    party_id = _require_party(actor)
    name = _check_name(data.name, "name", 200)
    source = _check_name(data.source if data.source is not None else str(data.kind), "source", 64)
    secret = _check_secret(data.kind, data.signing_secret)
    if await _name_taken(session, party_id, name):
        raise Conflict(f"the party already has an integration named {name!r}", "duplicate_name")
    mapping = merged_mapping(default_mapping(data.kind), data.mapping)
    integration = Integration(
        id=uuid.uuid4(),
        party_id=party_id,
        kind=data.kind,
        name=name,
        source=source,
        status=IntegrationStatus.ACTIVE,
        mapping=msgspec.to_builtins(mapping),
        secrets=[],
        row_version=1,
        created_at=now,
        updated_at=now,
    )
    integration.secrets = [_sealed(keyring, integration.id, secret, None)]
    session.add(integration)
    await session.flush()
    return integration, secret


async def list_integrations(session: AsyncSession, actor: Actor) -> list[Integration]:
    party_id = _require_party(actor)
    found = await session.scalars(
        select(Integration).where(Integration.party_id == party_id).order_by(Integration.created_at, Integration.id)
    )
    return list(found)


async def get_integration(
    session: AsyncSession, actor: Actor, integration_id: uuid.UUID, *, for_update: bool = False
) -> Integration:
    """The caller's party's integration; another party's answers exactly like an unknown id."""
    party_id = _require_party(actor)
    stmt = select(Integration).where(Integration.id == integration_id, Integration.party_id == party_id)
    integration = await session.scalar(stmt.with_for_update() if for_update else stmt)
    if integration is None:
        raise NotFound("integration")
    return integration


async def update_integration(
    session: AsyncSession,
    actor: Actor,
    integration_id: uuid.UUID,
    data: IntegrationUpdate,
    *,
    expected_version: int | None,
    now: datetime,
) -> Integration:
    integration = await get_integration(session, actor, integration_id, for_update=True)
    if expected_version is not None and expected_version != integration.row_version:
        raise PreconditionFailed(f"the integration is at version {integration.row_version}, not {expected_version}")
    if not isinstance(data.name, msgspec.UnsetType):
        name = _check_name(data.name, "name", 200)
        if await _name_taken(session, integration.party_id, name, but=integration.id):
            raise Conflict(f"the party already has an integration named {name!r}", "duplicate_name")
        integration.name = name
    if not isinstance(data.status, msgspec.UnsetType):
        integration.status = data.status
    if not isinstance(data.mapping, msgspec.UnsetType):
        integration.mapping = msgspec.to_builtins(merged_mapping(mapping_of(integration), data.mapping))
    integration.row_version += 1
    integration.updated_at = now
    await session.flush()
    return integration


async def delete_integration(session: AsyncSession, actor: Actor, integration_id: uuid.UUID) -> None:
    """The integration and its audit go; the ticket events it fed stay (they are the party's tickets)."""
    integration = await get_integration(session, actor, integration_id, for_update=True)
    await session.delete(integration)
    await session.flush()


async def rotate_secret(
    session: AsyncSession,
    actor: Actor,
    integration_id: uuid.UUID,
    data: SecretRotation,
    *,
    now: datetime,
    grace: timedelta = DEFAULT_ROTATION_GRACE,
    keyring: Keyring | None = None,
) -> tuple[Integration, str]:
    """A new signing secret; the older ones still verify until their grace ends, so the tool can be switched over
    without refused deliveries (at most `MAX_ACTIVE_SECRETS` verify at once)."""
    integration = await get_integration(session, actor, integration_id, for_update=True)
    secret = _check_secret(integration.kind, data.signing_secret)
    ends = (now + grace).isoformat()
    older = [{**s, "expires_at": s.get("expires_at") or ends} for s in integration.secrets]
    older = [s for s in older if _in_grace(s, now)]
    integration.secrets = [_sealed(keyring, integration.id, secret, None), *older[: MAX_ACTIVE_SECRETS - 1]]
    integration.row_version += 1
    integration.updated_at = now
    await session.flush()
    return integration, secret


def delivery_snapshot(delivery: IntegrationDelivery) -> dict[str, Any]:
    return {
        "id": str(delivery.id),
        "received_at": delivery.received_at,
        "outcome": delivery.outcome,
        "status_code": delivery.status_code,
        "reason": delivery.reason,
        "delivery_ref": delivery.delivery_ref,
        "ticket_ref": delivery.ticket_ref,
        "events_accepted": delivery.events_accepted,
        "events_duplicate": delivery.events_duplicate,
        "ignored": list(delivery.ignored),
        "body_sha256": delivery.body_sha256,
    }


async def list_deliveries(
    session: AsyncSession, actor: Actor, integration_id: uuid.UUID, *, limit: int = 50, cursor: str | None = None
) -> tuple[list[IntegrationDelivery], str | None]:
    """Every delivery the integration received, accepted, ignored or refused, newest first."""
    check_limit(limit)
    await get_integration(session, actor, integration_id)
    stmt = select(IntegrationDelivery).where(IntegrationDelivery.integration_id == integration_id)
    if cursor:
        stmt = stmt.where(
            func.row(IntegrationDelivery.received_at, IntegrationDelivery.id) < func.row(*after_time_and_id(cursor))
        )
    rows = list(
        await session.scalars(
            stmt.order_by(IntegrationDelivery.received_at.desc(), IntegrationDelivery.id.desc()).limit(limit + 1)
        )
    )
    items = rows[:limit]
    next_cursor = time_and_id_cursor(items[-1].received_at, items[-1].id) if len(rows) > limit else None
    return items, next_cursor
