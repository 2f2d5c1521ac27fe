"""Per-party scoping, written once. Every read of agreement data passes through here.

A party sees only agreements it is a member of, and within them what its role may see. Anything else
answers exactly as if it did not exist.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, Clause, Membership, Party
from services.actors import Actor
from services.agreements.clause_terms import visible_to_role
from services.errors import NotFound


def readable_agreements(actor: Actor) -> Select[tuple[Agreement]]:
    stmt = select(Agreement)
    if not actor.is_operator:
        stmt = stmt.where(
            Agreement.id.in_(select(Membership.agreement_id).where(Membership.party_id == actor.party_id))
        )
    return stmt


async def get_readable_agreement(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Agreement, str | None]:
    """The agreement and the caller's role on it (None for the operator), or NotFound."""
    stmt = readable_agreements(actor).where(Agreement.id == agreement_id)
    if for_update:
        stmt = stmt.with_for_update()
    agreement = await session.scalar(stmt)
    if agreement is None:
        raise NotFound("agreement")
    return agreement, await role_on(session, actor, agreement.id)


async def role_on(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID) -> str | None:
    if actor.party_id is None:
        return None
    return await session.scalar(
        select(Membership.role).where(Membership.agreement_id == agreement_id, Membership.party_id == actor.party_id)
    )


async def roles_on(
    session: AsyncSession, actor: Actor, agreement_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, str | None]:
    ids = list(agreement_ids)
    if actor.party_id is None:
        return {agreement_id: None for agreement_id in ids}
    rows = await session.execute(
        select(Membership.agreement_id, Membership.role).where(
            Membership.agreement_id.in_(ids), Membership.party_id == actor.party_id
        )
    )
    return dict(rows.all())


def visible_clauses(clauses: Sequence[Clause], role: str | None) -> list[Clause]:
    return [c for c in clauses if visible_to_role(c.kind, c.shared_with_third_parties, role)]


def readable_parties(actor: Actor) -> Select[tuple[Party]]:
    """The operator sees every party; a party sees itself and those it shares an agreement with."""
    stmt = select(Party)
    if not actor.is_operator:
        mine = select(Membership.agreement_id).where(Membership.party_id == actor.party_id)
        shared = select(Membership.party_id).where(Membership.agreement_id.in_(mine))
        stmt = stmt.where((Party.id == actor.party_id) | Party.id.in_(shared))
    return stmt
