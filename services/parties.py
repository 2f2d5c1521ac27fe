"""Parties (organisations or systems) and their ids in other tools."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Party, PartyExternalRef
from db.reading import ReadSource, fetchrow, reading
from db.values import EventType, PartyKind
from services import policy
from services.actors import Actor
from services.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from services.events import record_event
from services.pagination import after_time_and_id, check_limit, time_and_id_cursor
from services.policy import Action
from services.scoping import readable_parties


@dataclass
class PartyInput:
    name: str
    kind: str = PartyKind.ORGANIZATION
    contact_email: str | None = None
    external_refs: dict[str, str] | None = None


def _check_refs(refs: dict[str, str]) -> None:
    for system, external_id in refs.items():
        if not system or ":" in system or len(system) > 64:
            raise InvalidInput(
                "external ref systems are short names without ':' (e.g. zendesk)", field=f"external_refs.{system}"
            )
        if not external_id or len(external_id) > 200:
            raise InvalidInput("external ref ids must be 1–200 characters", field=f"external_refs.{system}")


async def _set_refs(session: AsyncSession, party_id: uuid.UUID, refs: dict[str, str]) -> None:
    _check_refs(refs)
    await session.execute(delete(PartyExternalRef).where(PartyExternalRef.party_id == party_id))
    for system, external_id in refs.items():
        taken = await session.scalar(
            select(PartyExternalRef.party_id).where(
                PartyExternalRef.system == system, PartyExternalRef.external_id == external_id
            )
        )
        if taken is not None and taken != party_id:
            raise Conflict(f"external ref {system}:{external_id} already names another party", "external_ref_taken")
        session.add(PartyExternalRef(system=system, external_id=external_id, party_id=party_id))
    await session.flush()


async def external_refs_for(session: AsyncSession, party_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, str]]:
    refs: dict[uuid.UUID, dict[str, str]] = defaultdict(dict)
    rows = await session.scalars(select(PartyExternalRef).where(PartyExternalRef.party_id.in_(list(party_ids))))
    for ref in rows:
        refs[ref.party_id][ref.system] = ref.external_id
    return refs


class PartyOut(msgspec.Struct):
    """A party as the API answers it (and `party.*` events carry it)."""

    id: uuid.UUID
    name: str
    kind: PartyKind
    contact_email: str | None
    external_refs: dict[str, str]
    created_at: datetime
    updated_at: datetime
    version: int


class PartyEventData(msgspec.Struct):
    """`party.created` and `party.updated`."""

    party: PartyOut


def party_out(party: Party, refs: dict[str, str]) -> PartyOut:
    return PartyOut(
        id=party.id,
        name=party.name,
        kind=party.kind,
        contact_email=party.contact_email,
        external_refs=dict(sorted(refs.items())),
        created_at=party.created_at,
        updated_at=party.updated_at,
        version=party.row_version,
    )


async def party_outs(session: AsyncSession, parties: list[Party]) -> list[PartyOut]:
    """Many parties with their external refs, in one batch read."""
    refs = await external_refs_for(session, [p.id for p in parties])
    return [party_out(p, refs.get(p.id, {})) for p in parties]


# The caller's own party with its external refs, for `/v1/me`: one statement, run by asyncpg itself (`db.reading.
# fetchrow`). A party always reads itself, so the caller's verified party id is the whole scope (`readable_parties`
# allows exactly this row). The refs come as one JSON object (NULL for none), ordered by system: the statement costs
# PostgreSQL about a third less than a join grouped into two ordered arrays.
_OWN_PARTY = """
    SELECT p.id, p.name, p.kind, p.contact_email, p.created_at, p.updated_at, p.row_version,
           (SELECT json_object_agg(r.system, r.external_id ORDER BY r.system)
            FROM party_external_refs r WHERE r.party_id = p.id) AS refs
    FROM parties p
    WHERE p.id = $1
"""


async def own_party(session: ReadSource, actor: Actor) -> PartyOut | None:
    """The caller's own party as the API shows it; None for the operator (it has no party). Read outside a
    transaction when the request holds none (`db.reading`)."""
    if actor.party_id is None:
        return None
    async with reading(session) as reader:
        row = await fetchrow(reader, _OWN_PARTY, actor.party_id)
    if row is None:
        raise NotFound("party")
    return PartyOut(
        id=row["id"],
        name=row["name"],
        kind=PartyKind(row["kind"]),
        contact_email=row["contact_email"],
        external_refs=row["refs"] or {},
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["row_version"],
    )


async def create_party(session: AsyncSession, actor: Actor, data: PartyInput, *, now: datetime) -> Party:
    policy.require(Action.MANAGE_PARTIES, actor, None)
    party = Party(
        id=uuid.uuid4(),
        name=data.name,
        kind=data.kind,
        contact_email=data.contact_email,
        created_at=now,
        updated_at=now,
        row_version=1,
    )
    session.add(party)
    await session.flush()
    refs = data.external_refs or {}
    await _set_refs(session, party.id, refs)
    await record_event(
        session,
        actor,
        EventType.PARTY_CREATED,
        now=now,
        subject_party_id=party.id,
        payload=PartyEventData(party=party_out(party, refs)),
    )
    return party


async def update_party(
    session: AsyncSession,
    actor: Actor,
    party_id: uuid.UUID,
    changes: dict[str, Any],
    *,
    expected_version: int | None,
    now: datetime,
) -> Party:
    policy.require(Action.MANAGE_PARTIES, actor, None)
    party = await session.scalar(select(Party).where(Party.id == party_id).with_for_update())
    if party is None:
        raise NotFound("party")
    if expected_version is not None and expected_version != party.row_version:
        raise PreconditionFailed("the party changed since you read it (ETag mismatch)")
    for field in ("name", "kind", "contact_email"):
        if field in changes:
            setattr(party, field, changes[field])
    if "external_refs" in changes:
        await _set_refs(session, party.id, changes["external_refs"] or {})
    party.row_version += 1
    party.updated_at = now
    await session.flush()
    refs = (await external_refs_for(session, [party.id])).get(party.id, {})
    await record_event(
        session,
        actor,
        EventType.PARTY_UPDATED,
        now=now,
        subject_party_id=party.id,
        payload=PartyEventData(party=party_out(party, refs)),
    )
    return party


async def get_party(session: AsyncSession, actor: Actor, party_id: uuid.UUID) -> Party:
    party = await session.scalar(readable_parties(actor).where(Party.id == party_id))
    if party is None:
        raise NotFound("party")
    return party


async def list_parties(
    session: AsyncSession, actor: Actor, *, limit: int = 50, cursor: str | None = None
) -> tuple[list[Party], str | None]:
    check_limit(limit)
    stmt = readable_parties(actor)
    if cursor:
        key = after_time_and_id(cursor)
        # A row comparison in SQL: a Python tuple comparison would silently compare created_at alone.
        stmt = stmt.where(func.row(Party.created_at, Party.id) > func.row(*key))
    rows = list(await session.scalars(stmt.order_by(Party.created_at, Party.id).limit(limit + 1)))
    items = rows[:limit]
    next_cursor = time_and_id_cursor(items[-1].created_at, items[-1].id) if len(rows) > limit else None
    return items, next_cursor


async def parties_by_ids(session: AsyncSession, actor: Actor, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Party]:
    rows = await session.scalars(readable_parties(actor).where(Party.id.in_(list(ids))))
    return {p.id: p for p in rows}


async def resolve_party_ref(session: AsyncSession, ref: str) -> uuid.UUID | None:
    """The id of an existing party named by its id or by an external ref such as `zendesk:12345`; else None."""
    try:
        party_id = uuid.UUID(ref)
    except ValueError:
        pass
    else:
        return await session.scalar(select(Party.id).where(Party.id == party_id))
    system, sep, external_id = ref.partition(":")
    if not sep:
        return None
    return await session.scalar(
        select(PartyExternalRef.party_id).where(
            PartyExternalRef.system == system, PartyExternalRef.external_id == external_id
        )
    )
