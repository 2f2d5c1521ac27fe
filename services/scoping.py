"""Per-party scoping, written once. Every read of agreement data passes through here.

A party sees only agreements it is a member of, and within them what its role may see. Anything else
answers exactly as if it did not exist. Batch reads that take agreement ids take `ReadableAgreementIds`, which only
this module produces, so a caller cannot hand them ids it did not scope.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import NewType

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, Clause, Membership, Party
from db.values import Role
from services.actors import Actor
from services.agreements.clause_terms import visible_to_role
from services.errors import NotFound

# Agreement ids the caller may read, as produced by `readable_agreement_ids` or `readable_among` below.
ReadableAgreementIds = NewType("ReadableAgreementIds", tuple[uuid.UUID, ...])


def readable_among(
    actor: Actor, ids: Iterable[uuid.UUID], roles: Mapping[uuid.UUID, str | None]
) -> ReadableAgreementIds:
    """The ids the caller may read, given its role on each (as `roles_on` answers): all for the operator, else those
    it has a role on."""
    if actor.is_operator:
        return ReadableAgreementIds(tuple(ids))
    return ReadableAgreementIds(tuple(i for i in ids if roles.get(i) is not None))


async def readable_agreement_ids(session: AsyncSession, actor: Actor, ids: Iterable[uuid.UUID]) -> ReadableAgreementIds:
    wanted = list(ids)
    return readable_among(actor, wanted, await roles_on(session, actor, wanted))


def readable_agreements(actor: Actor) -> Select[Agreement]:
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
    return await party_role_on(session, actor.party_id, agreement_id)


async def party_role_on(session: AsyncSession, party_id: uuid.UUID, agreement_id: uuid.UUID) -> Role | None:
    """A given party's role on the agreement (a respondent, a subscriber), or None if it is no member."""
    return await session.scalar(
        select(Membership.role).where(Membership.agreement_id == agreement_id, Membership.party_id == party_id)
    )


def member_agreement_ids(party_id: uuid.UUID) -> Select[uuid.UUID]:
    """The agreements a party is a member of, as a subquery."""
    return select(Membership.agreement_id).where(Membership.party_id == party_id)


def member_party_ids(agreement_id: uuid.UUID) -> Select[uuid.UUID]:
    """The parties that are members of an agreement, as a subquery."""
    return select(Membership.party_id).where(Membership.agreement_id == agreement_id)


async def signatory_party_ids(session: AsyncSession, agreement_id: uuid.UUID) -> set[uuid.UUID]:
    """The provider and the customer of an agreement."""
    rows = await session.scalars(
        member_party_ids(agreement_id).where(Membership.role.in_((Role.PROVIDER, Role.CUSTOMER)))
    )
    return set(rows)


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


def readable_parties(actor: Actor) -> Select[Party]:
    """The operator sees every party; a party sees itself and those it shares an agreement with."""
    stmt = select(Party)
    if not actor.is_operator:
        mine = select(Membership.agreement_id).where(Membership.party_id == actor.party_id)
        shared = select(Membership.party_id).where(Membership.agreement_id.in_(mine))
        stmt = stmt.where((Party.id == actor.party_id) | Party.id.in_(shared))
    return stmt
