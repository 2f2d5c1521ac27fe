"""Reads of agreements, versions, clauses and approvals that the use cases and the DataLoaders share.

Batch functions take ids and answer one query each, grouped by id in the order asked; they apply no scoping (the
caller already holds agreements `services.scoping` found readable). The layer below the views and the use cases.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import msgspec
from sqlalchemy import (
    UUID,
    ColumnElement,
    CompoundSelect,
    DateTime,
    String,
    and_,
    bindparam,
    column,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AgreementVersion, Approval, Clause, Invitation, Membership
from db.values import MembershipStatus, Role, VersionStatus
from services.agreements.states import REQUIRED_ROLES
from services.batch_reads import among, group_by
from services.errors import Conflict, NotFound
from services.rows import ClauseHeading, PartyRow, VersionRow


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
    grouped = group_by(states, lambda pair: pair[0], ids)
    return {agreement_id: _in_naming_order([state for _, state in pairs]) for agreement_id, pairs in grouped.items()}


def _in_naming_order(states: list[MembershipState]) -> list[MembershipState]:
    return sorted(states, key=lambda state: (state.created_at, _ROLE_RANK.get(state.role, 3), state.party_id))


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
) -> dict[uuid.UUID, list[ClauseHeading]]:
    """Like `clauses_for`, with every column but `terms` (read them with `clause_terms_for`)."""
    ids = list(version_ids)
    rows = await session.execute(_CLAUSE_HEADINGS, {"ids": ids})
    return group_by((ClauseHeading(**row._mapping) for row in rows), lambda c: c.version_id, ids)


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
) -> dict[uuid.UUID, VersionRow]:
    """`current_versions_for` as plain rows (the same attributes, no ORM instances), for hot reads."""
    rows = await session.execute(_CURRENT_VERSION_ROWS, {"ids": list(agreement_ids), "as_of": as_of})
    return {row.agreement_id: VersionRow(**row._mapping) for row in rows}


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


# ---------------------------------------------------------------- an agreement page's nested reads, in one statement


@dataclass(frozen=True)
class NestedReads:
    """What a page of agreements shows below each one, read for all of them at once (`nested_reads_for`)."""

    role: Role | None  # the caller's
    memberships: list[MembershipState]
    current_version: VersionRow | None
    clauses: list[ClauseHeading]  # of the current version, unfiltered: visibility is the reader's to apply
    member_parties: list[PartyRow]  # the accepted members' parties; readable by the caller only if it has a role


# Per agreement: the caller's role, members and open or declined invitations, the version in effect at :as_of (the
# newest accepted one already effective, as `current_versions_for`) with its clauses but their terms, and the parties
# of the accepted members. JSON built by PostgreSQL, decoded by msgspec into the structs above: one statement and one
# round trip instead of five, and no per-row work in SQLAlchemy.
_NESTED_READS = (
    text(
        """
SELECT a.id,
  (SELECT m.role FROM agreement_memberships m WHERE m.agreement_id = a.id AND m.party_id = :party_id) AS role,
  (SELECT coalesce(json_agg(json_build_object(
            'party_id', s.party_id, 'role', s.role, 'status', s.status, 'created_at', s.created_at)), '[]')::text
     FROM (SELECT party_id, role, 'accepted' AS status, created_at FROM agreement_memberships
            WHERE agreement_id = a.id
           UNION ALL
           SELECT party_id, role, status, created_at FROM agreement_invitations
            WHERE agreement_id = a.id AND status <> 'accepted') s) AS memberships,
  v.version::text AS version,
  coalesce(v.clauses, '[]')::text AS clauses,
  (SELECT coalesce(json_agg(row_to_json(p)), '[]')::text
     FROM agreement_memberships m JOIN parties p ON p.id = m.party_id WHERE m.agreement_id = a.id) AS parties
FROM unnest(CAST(:ids AS uuid[])) AS a(id)
LEFT JOIN LATERAL (
  SELECT row_to_json(av) AS version,
    (SELECT json_agg(json_build_object(
              'id', c.id, 'version_id', c.version_id, 'key', c.key, 'kind', c.kind, 'title', c.title, 'body', c.body,
              'shared_with_third_parties', c.shared_with_third_parties, 'position', c.position) ORDER BY c.position)
       FROM clauses c WHERE c.version_id = av.id) AS clauses
  FROM agreement_versions av
  WHERE av.agreement_id = a.id AND av.status = 'accepted' AND coalesce(av.effective_from, av.decided_at) <= :as_of
  ORDER BY av.number DESC
  LIMIT 1
) v ON true
"""
    )
    .bindparams(
        bindparam("ids", type_=ARRAY(UUID(as_uuid=True))),
        bindparam("party_id", type_=UUID(as_uuid=True)),
        bindparam("as_of", type_=DateTime(timezone=True)),
    )
    .columns(
        column("id", UUID(as_uuid=True)),
        column("role", String),
        column("memberships", String),
        column("version", String),
        column("clauses", String),
        column("parties", String),
    )
)
_MEMBERSHIPS = msgspec.json.Decoder(list[MembershipState])
_VERSION = msgspec.json.Decoder(VersionRow)
_CLAUSES = msgspec.json.Decoder(list[ClauseHeading])
_PARTIES = msgspec.json.Decoder(list[PartyRow])


async def nested_reads_for(
    session: AsyncSession, party_id: uuid.UUID | None, agreement_ids: Iterable[uuid.UUID], *, as_of: datetime
) -> dict[uuid.UUID, NestedReads]:
    """For agreements the caller (`party_id`, None for the operator) may read: see `NestedReads`."""
    rows = await session.execute(_NESTED_READS, {"ids": list(agreement_ids), "party_id": party_id, "as_of": as_of})
    return {
        agreement_id: NestedReads(
            role=Role(role) if role else None,
            memberships=[_in_utc(m) for m in _in_naming_order(_MEMBERSHIPS.decode(memberships))],
            current_version=_in_utc(_VERSION.decode(version)) if version else None,
            clauses=_CLAUSES.decode(clauses),
            member_parties=[_in_utc(p) for p in _PARTIES.decode(parties)],
        )
        for agreement_id, role, memberships, version, clauses, parties in rows
    }


Decoded = TypeVar("Decoded", MembershipState, VersionRow, PartyRow)


def _in_utc(value: Decoded) -> Decoded:
    """PostgreSQL writes a timestamp into JSON at the session's time zone offset; the columns read as UTC (asyncpg's
    datetimes), and so must these, or the same instant would print differently. A no-op on a UTC server."""
    shifted = {
        name: moment.astimezone(UTC)
        for name in _TIMESTAMPS[type(value)]
        if (moment := getattr(value, name)) is not None and moment.tzinfo is not UTC
    }
    if not shifted:
        return value
    if isinstance(value, MembershipState):
        return dataclasses.replace(value, **shifted)
    return msgspec.structs.replace(value, **shifted)


_TIMESTAMPS: dict[type, tuple[str, ...]] = {
    MembershipState: ("created_at",),
    VersionRow: ("effective_from", "proposed_at", "decided_at", "created_at"),
    PartyRow: ("created_at", "updated_at"),
}
