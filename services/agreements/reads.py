"""Reads of agreements, versions, clauses and approvals that the use cases and the DataLoaders share.

Batch functions take ids and answer one query each, grouped by id in the order asked; they apply no scoping (the
caller already holds agreements `services.scoping` found readable). The layer below the views and the use cases.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Row, and_, bindparam, func, literal, select, union_all
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AgreementVersion, Approval, Clause, Invitation, Membership
from db.values import MembershipStatus, Role, VersionStatus
from services.agreements.states import REQUIRED_ROLES
from services.batch_reads import among, group_by
from services.errors import Conflict, NotFound


@dataclass(frozen=True)
class MembershipState:
    """A party named on an agreement as its readers see it: a member (`accepted`), or an invitation (`invited`,
    `declined`). Of a party that has not accepted, nothing is shown beyond the id and role the inviter gave."""

    party_id: uuid.UUID
    role: Role
    status: MembershipStatus
    created_at: datetime


# Named at the same instant: by role, so the order never depends on the (random) party ids.
_ROLE_RANK = {Role.PROVIDER: 0, Role.CUSTOMER: 1, Role.THIRD_PARTY: 2}


# Built once: a statement built per call costs more CPU than running it (SQLAlchemy coerces every clause anew).
_MEMBERSHIP_STATES: CompoundSelect[Any] = union_all(
    select(
        Membership.agreement_id,
        Membership.party_id,
        Membership.role,
        literal(MembershipStatus.ACCEPTED.value).label("status"),
        Membership.created_at,
    ).where(among(Membership.agreement_id)),
    select(
        Invitation.agreement_id, Invitation.party_id, Invitation.role, Invitation.status, Invitation.created_at
    ).where(
        among(Invitation.agreement_id),
        Invitation.status != MembershipStatus.ACCEPTED,
    ),
)


async def memberships_for(
    session: AsyncSession, agreement_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[MembershipState]]:
    """Members and the invitations not accepted (open or declined), per agreement, in the order they were named."""
    ids = list(agreement_ids)
    states = [
        (agreement_id, MembershipState(party_id, Role(role), MembershipStatus(status), created_at))
        for agreement_id, party_id, role, status, created_at in await session.execute(_MEMBERSHIP_STATES, {"ids": ids})
    ]
    states.sort(key=lambda pair: (pair[1].created_at, _ROLE_RANK.get(pair[1].role, 3), pair[1].party_id))
    grouped = group_by(states, lambda pair: pair[0], ids)
    return {agreement_id: [state for _, state in pairs] for agreement_id, pairs in grouped.items()}


async def versions_for(
    session: AsyncSession, agreement_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[AgreementVersion]]:
    ids = list(agreement_ids)
    rows = await session.scalars(
        select(AgreementVersion)
        .where(AgreementVersion.agreement_id.in_(ids))
        .order_by(AgreementVersion.agreement_id, AgreementVersion.number)
    )
    return group_by(rows, lambda v: v.agreement_id, ids)


async def clauses_for(session: AsyncSession, version_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Clause]]:
    ids = list(version_ids)
    rows = await session.scalars(
        select(Clause).where(Clause.version_id.in_(ids)).order_by(Clause.version_id, Clause.position)
    )
    return group_by(rows, lambda c: c.version_id, ids)


# The clause columns but `terms` (the one large value), for reads that list clauses: plain rows, no ORM instances.
_CLAUSE_HEADINGS = (
    select(*(column for column in Clause.__table__.columns if column.key != "terms"))
    .where(among(Clause.version_id))
    .order_by(Clause.version_id, Clause.position)
)
_CLAUSE_TERMS = select(Clause.id, Clause.terms).where(among(Clause.id))


async def clause_headings_for(
    session: AsyncSession, version_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[Row[Any]]]:
    """Like `clauses_for`, as rows with every column but `terms` (read them with `clause_terms_for`)."""
    ids = list(version_ids)
    return group_by(await session.execute(_CLAUSE_HEADINGS, {"ids": ids}), lambda c: c.version_id, ids)


async def clause_terms_for(session: AsyncSession, clause_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """The terms of each clause, by clause id."""
    rows = await session.execute(_CLAUSE_TERMS, {"ids": list(clause_ids)})
    return {clause_id: terms for clause_id, terms in rows}


async def approvals_for(session: AsyncSession, version_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Approval]]:
    ids = list(version_ids)
    rows = await session.scalars(
        select(Approval).where(Approval.version_id.in_(ids)).order_by(Approval.decided_at, Approval.id)
    )
    return group_by(rows, lambda a: a.version_id, ids)


def _in_effect(as_of: datetime) -> ColumnElement[bool]:
    return and_(
        AgreementVersion.status == VersionStatus.ACCEPTED,
        func.coalesce(AgreementVersion.effective_from, AgreementVersion.decided_at) <= as_of,
    )


async def current_versions_for(
    session: AsyncSession, agreement_ids: Iterable[uuid.UUID], *, as_of: datetime
) -> dict[uuid.UUID, AgreementVersion]:
    """The version in effect at `as_of` for each agreement: the newest accepted one already effective."""
    rows = await session.scalars(
        select(AgreementVersion)
        .where(AgreementVersion.agreement_id.in_(list(agreement_ids)), _in_effect(as_of))
        .order_by(AgreementVersion.agreement_id, AgreementVersion.number.desc())
        .ext(distinct_on(AgreementVersion.agreement_id))
    )
    return {v.agreement_id: v for v in rows}


_CURRENT_VERSION_ROWS = (
    select(AgreementVersion.__table__)
    .where(
        among(AgreementVersion.agreement_id),
        AgreementVersion.status == VersionStatus.ACCEPTED,
        func.coalesce(AgreementVersion.effective_from, AgreementVersion.decided_at) <= bindparam("as_of"),
    )
    .order_by(AgreementVersion.agreement_id, AgreementVersion.number.desc())
    .ext(distinct_on(AgreementVersion.agreement_id))
)


async def current_version_rows_for(
    session: AsyncSession, agreement_ids: Iterable[uuid.UUID], *, as_of: datetime
) -> dict[uuid.UUID, Row[Any]]:
    """`current_versions_for` as plain rows (the same attributes, no ORM instances), for hot reads."""
    rows = await session.execute(_CURRENT_VERSION_ROWS, {"ids": list(agreement_ids), "as_of": as_of})
    return {v.agreement_id: v for v in rows}


async def current_version(
    session: AsyncSession, agreement_id: uuid.UUID, *, as_of: datetime
) -> AgreementVersion | None:
    return (await current_versions_for(session, [agreement_id], as_of=as_of)).get(agreement_id)


async def version_numbered(
    session: AsyncSession, agreement_id: uuid.UUID, number: int, *, for_update: bool = False
) -> AgreementVersion:
    """Version `number` of an agreement the caller may read; not-found otherwise."""
    stmt = select(AgreementVersion).where(
        AgreementVersion.agreement_id == agreement_id, AgreementVersion.number == number
    )
    if for_update:
        stmt = stmt.with_for_update()
    version = await session.scalar(stmt)
    if version is None:
        raise NotFound("version")
    return version


async def latest_version(
    session: AsyncSession, agreement_id: uuid.UUID, *, status: VersionStatus | None = None
) -> AgreementVersion | None:
    """The agreement's newest version (of `status`, if given)."""
    stmt = select(AgreementVersion).where(AgreementVersion.agreement_id == agreement_id)
    if status is not None:
        stmt = stmt.where(AgreementVersion.status == status)
    return await session.scalar(stmt.order_by(AgreementVersion.number.desc()).limit(1))


async def next_version_number(session: AsyncSession, agreement_id: uuid.UUID) -> int:
    highest = await session.scalar(
        select(func.max(AgreementVersion.number)).where(AgreementVersion.agreement_id == agreement_id)
    )
    return (highest or 0) + 1


async def has_accepted_version(session: AsyncSession, agreement_id: uuid.UUID) -> bool:
    return bool(
        await session.scalar(
            select(func.count()).where(
                AgreementVersion.agreement_id == agreement_id, AgreementVersion.status == VersionStatus.ACCEPTED
            )
        )
    )


async def check_signatories_joined(session: AsyncSession, agreement_id: uuid.UUID) -> None:
    """A version is proposed, approved or activated only once the provider and the customer are members."""
    joined = set(
        await session.scalars(
            select(Membership.role).where(Membership.agreement_id == agreement_id, Membership.role.in_(REQUIRED_ROLES))
        )
    )
    missing = sorted(REQUIRED_ROLES - joined)
    if missing:
        raise Conflict(
            f"the {' and the '.join(missing)} {'has' if len(missing) == 1 else 'have'} not accepted "
            "the invitation to this agreement yet",
            "invitation_pending",
        )
