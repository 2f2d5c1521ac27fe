"""Per-party scoping, written once. Every read of agreement data passes through here.

A party sees only agreements it is a member of, and within them what its role may see. Anything else
answers exactly as if it did not exist. Batch reads that take agreement ids take `ReadableAgreementIds`, which only
this module produces, so a caller cannot hand them ids it did not scope.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import NewType

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, Clause, Membership, Party
from db.values import ClauseKind, Role
from services.actors import Actor
from services.batch_reads import among
from services.errors import NotFound
from services.rows import PartyRow

# Clause visibility (DESIGN.md §1): third parties see these kinds, never the money ones, and any other kind only when
# the clause is shared with them.
THIRD_PARTY_KINDS = frozenset(
    {ClauseKind.SERVICE_LEVEL, ClauseKind.SCHEDULE, ClauseKind.RESPONSIBILITY, ClauseKind.ESCALATION}
)
NEVER_THIRD_PARTY_KINDS = frozenset({ClauseKind.COST, ClauseKind.SERVICE_CREDIT})

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


_ROLES_ON = select(Membership.agreement_id, Membership.role).where(
    among(Membership.agreement_id), Membership.party_id == bindparam("party_id")
)


async def roles_on(
    session: AsyncSession, actor: Actor, agreement_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, str | None]:
    ids = list(agreement_ids)
    if actor.party_id is None:
        return {agreement_id: None for agreement_id in ids}
    rows = await session.execute(_ROLES_ON, {"ids": ids, "party_id": actor.party_id})
    return {agreement_id: role for agreement_id, role in rows}


def visible_to_role(kind: str, shared_with_third_parties: bool, role: str | None) -> bool:
    """Whether a member with `role` (None: the operator) may see a clause of `kind`."""
    if role is None or role in (Role.PROVIDER, Role.CUSTOMER):
        return True
    if kind in NEVER_THIRD_PARTY_KINDS:
        return False
    return kind in THIRD_PARTY_KINDS or shared_with_third_parties


def visible_clauses(clauses: Sequence[Clause], role: str | None) -> list[Clause]:
    return [c for c in clauses if visible_to_role(c.kind, c.shared_with_third_parties, role)]


def _sql_list(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in sorted(names))


def visible_clause_sql(clause: str, role: str) -> str:
    """`visible_to_role` for a party as a SQL condition on the clause row `clause`, `role` the SQL expression of the
    caller's role on its agreement, for reads that PostgreSQL answers whole (`schema.compiled`). A party with no role
    sees nothing, as `schema.agreements.types.visible_clauses_of` fails closed; the operator sees every clause (no
    condition)."""
    return (
        f"({role} IN ({_sql_list((Role.PROVIDER, Role.CUSTOMER))}) OR ({role} IS NOT NULL "
        f"AND {clause}.kind NOT IN ({_sql_list(NEVER_THIRD_PARTY_KINDS)}) AND ("
        f"{clause}.kind IN ({_sql_list(THIRD_PARTY_KINDS)}) OR {clause}.shared_with_third_parties)))"
    )


def readable_agreement_sql(agreement: str, party: str) -> str:
    """`readable_agreements` for a party as a SQL condition on the agreement row `agreement`, `party` the SQL
    expression of the caller's party id (the operator reads every agreement: no condition)."""
    return f"{agreement}.id IN (SELECT agreement_id FROM agreement_memberships WHERE party_id = {party})"


def readable_party_sql(party_row: str, party: str) -> str:
    """`readable_parties` for a party as a SQL condition on the party row `party_row`: the caller itself and those
    it shares an agreement with (the operator reads every party: no condition)."""
    return (
        f"({party_row}.id = {party} OR {party_row}.id IN (SELECT shared.party_id FROM agreement_memberships shared "
        f"WHERE shared.agreement_id IN (SELECT mine.agreement_id FROM agreement_memberships mine "
        f"WHERE mine.party_id = {party})))"
    )


def readable_parties(actor: Actor) -> Select[Party]:
    """The operator sees every party; a party sees itself and those it shares an agreement with."""
    stmt = select(Party)
    if not actor.is_operator:
        mine = select(Membership.agreement_id).where(Membership.party_id == actor.party_id)
        shared = select(Membership.party_id).where(Membership.agreement_id.in_(mine))
        stmt = stmt.where((Party.id == actor.party_id) | Party.id.in_(shared))
    return stmt


# `readable_parties` among given ids, built once, as plain rows (no ORM instances): for the hot reads of GraphQL.
_PARTY_ROWS = select(Party.__table__).where(among(Party.id))
_READABLE_PARTY_ROWS = _PARTY_ROWS.where(
    (Party.id == bindparam("party_id"))
    | Party.id.in_(
        select(Membership.party_id).where(
            Membership.agreement_id.in_(
                select(Membership.agreement_id).where(Membership.party_id == bindparam("party_id"))
            )
        )
    )
)


async def readable_party_rows(
    session: AsyncSession, actor: Actor, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, PartyRow]:
    """The parties among `ids` the caller may see (as `readable_parties`), as plain rows."""
    if actor.is_operator:
        rows = await session.execute(_PARTY_ROWS, {"ids": list(ids)})
    else:
        rows = await session.execute(_READABLE_PARTY_ROWS, {"ids": list(ids), "party_id": actor.party_id})
    return {row.id: PartyRow(**row._mapping) for row in rows}


def customer_agreement_ids(actor: Actor, customer_id: uuid.UUID) -> Select[uuid.UUID]:
    """The agreements whose customer is `customer_id` that the caller signed (as provider or customer), as a
    subquery; the operator's: all of them. What a billing pull may read: third parties see no statements."""
    stmt = select(Membership.agreement_id).where(Membership.party_id == customer_id, Membership.role == Role.CUSTOMER)
    if not actor.is_operator:
        signed = select(Membership.agreement_id).where(
            Membership.party_id == actor.party_id, Membership.role.in_((Role.PROVIDER, Role.CUSTOMER))
        )
        stmt = stmt.where(Membership.agreement_id.in_(signed))
    return stmt


async def members_by_role(
    session: AsyncSession, agreement_ids: ReadableAgreementIds
) -> dict[uuid.UUID, dict[Role, list[uuid.UUID]]]:
    """Each agreement's member parties by role (who a frozen statement is about and whom its events reach)."""
    members: dict[uuid.UUID, dict[Role, list[uuid.UUID]]] = {i: {role: [] for role in Role} for i in agreement_ids}
    for agreement_id, party_id, role in await session.execute(
        select(Membership.agreement_id, Membership.party_id, Membership.role).where(
            Membership.agreement_id.in_(list(agreement_ids))
        )
    ):
        members[agreement_id][Role(role)].append(party_id)
    return members


def every_agreement(agreement_ids: Iterable[uuid.UUID]) -> ReadableAgreementIds:
    """Ids read on no party's behalf (the worker closing a period, the operator): every agreement is readable."""
    return ReadableAgreementIds(tuple(agreement_ids))
