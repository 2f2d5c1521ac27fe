"""Drafts: creating an agreement, editing its draft and who is named on it, reading and listing agreements and
the clauses in effect."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

import msgspec
from sqlalchemy import Sequence, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import Agreement, AgreementVersion, Clause, Invitation, Membership, Party
from db.values import AgreementStatus, EventType, MembershipStatus, Role, VersionStatus
from services import policy
from services.actors import Actor
from services.agreements.inputs import (
    AgreementCreate,
    AgreementFilter,
    AgreementUpdate,
    CheckedClause,
    MembershipInput,
    check_agreement_timezone,
    check_period,
    check_text,
    validate_clauses,
)
from services.agreements.reads import (
    clauses_for,
    current_version,
    latest_version,
    next_version_number,
    version_numbered,
)
from services.agreements.states import REQUIRED_ROLES
from services.agreements.views import InvitationEventData, agreement_event_data, invitation_out
from services.errors import Conflict, InvalidInput, PreconditionFailed
from services.events import record_event
from services.pagination import after_time_and_id, check_limit, time_and_id_cursor
from services.policy import Action
from services.scoping import get_readable_agreement, readable_agreements, visible_clauses
from services.values import instant_input

REFERENCE_SEQUENCE = Sequence("agreement_reference_seq", metadata=Base.metadata)


def _check_memberships(actor: Actor, memberships: list[MembershipInput]) -> None:
    # Whether a named party exists is deliberately not checked: naming one is an invitation, and an invitation to
    # an unknown id is answered exactly like one to a real party (it simply never gets an answer).
    party_ids = [m.party_id for m in memberships]
    if len(party_ids) != len(set(party_ids)):
        raise InvalidInput("a party may hold only one role on an agreement", field="memberships")
    roles = [m.role for m in memberships]
    for required in sorted(REQUIRED_ROLES):
        if required not in roles:
            raise InvalidInput(f"an agreement needs a {required}", field="memberships")
    if not actor.is_operator and actor.party_id not in party_ids:
        raise InvalidInput("the creating party must be a member of the agreement", field="memberships")


async def _name_members(
    session: AsyncSession, actor: Actor, agreement: Agreement, wanted: list[MembershipInput], *, now: datetime
) -> list[Invitation]:
    """Store who is named on the agreement and return the new invitations.

    The caller's own party joins at once; every other party is invited and joins only by accepting. A member that
    stays with its role stays a member, an open invitation with its role stays open; a new party, a new role or a
    declined party named again is (re-)invited; a party no longer named leaves.
    """
    members = {
        m.party_id: m for m in await session.scalars(select(Membership).where(Membership.agreement_id == agreement.id))
    }
    invitations = {
        i.party_id: i for i in await session.scalars(select(Invitation).where(Invitation.agreement_id == agreement.id))
    }
    named = {m.party_id for m in wanted}
    gone = [party_id for party_id in {*members, *invitations} if party_id not in named]
    if gone:
        await session.execute(
            delete(Membership).where(Membership.agreement_id == agreement.id, Membership.party_id.in_(gone))
        )
        await session.execute(
            delete(Invitation).where(Invitation.agreement_id == agreement.id, Invitation.party_id.in_(gone))
        )
    new: list[Invitation] = []
    for m in wanted:
        member, invitation = members.get(m.party_id), invitations.get(m.party_id)
        if m.party_id == actor.party_id:
            if member is None:
                session.add(Membership(agreement_id=agreement.id, party_id=m.party_id, role=m.role, created_at=now))
            else:
                member.role = m.role
            if invitation is not None:
                await session.delete(invitation)
            continue
        if member is not None and member.role == m.role:
            continue
        if invitation is not None and invitation.status == MembershipStatus.INVITED and invitation.role == m.role:
            continue
        if member is not None:  # a new role is a new invitation: the party decides whether it takes it on
            await session.delete(member)
        if invitation is None:
            invitation = Invitation(id=uuid.uuid4(), agreement_id=agreement.id, party_id=m.party_id)
            session.add(invitation)
        invitation.role, invitation.status, invitation.decided_at = m.role, MembershipStatus.INVITED, None
        invitation.invited_by_party_id, invitation.created_at = actor.party_id, now
        new.append(invitation)
    await session.flush()
    return new


async def _announce_invitations(
    session: AsyncSession, actor: Actor, agreement: Agreement, invitations: list[Invitation], *, now: datetime
) -> None:
    """`party.invited`, to the invited party alone: nothing else about the agreement reaches it before it accepts.
    An invitation to an id that names no party is stored all the same; there is simply nobody to tell."""
    known = set(await session.scalars(select(Party.id).where(Party.id.in_([i.party_id for i in invitations]))))
    for invitation in invitations:
        if invitation.party_id in known:
            await record_event(
                session,
                actor,
                EventType.PARTY_INVITED,
                now=now,
                subject_party_id=invitation.party_id,
                payload=InvitationEventData(invitation=invitation_out(invitation, agreement)),
            )


def add_clauses(session: AsyncSession, version_id: uuid.UUID, clauses: Iterable[CheckedClause]) -> None:
    for position, clause in enumerate(clauses):
        session.add(
            Clause(
                id=uuid.uuid4(),
                version_id=version_id,
                position=position,
                key=clause.key,
                kind=clause.kind,
                title=clause.title,
                body=clause.body,
                terms=clause.terms,
                shared_with_third_parties=clause.shared_with_third_parties,
            )
        )


# ---------------------------------------------------------------- use cases


async def create_agreement(session: AsyncSession, actor: Actor, data: AgreementCreate, *, now: datetime) -> Agreement:
    check_text(data.title, field="title", max_length=300)
    check_agreement_timezone(data.timezone)
    check_period(data.effective_from, data.effective_to)
    clauses = validate_clauses(data.clauses)
    _check_memberships(actor, data.memberships)
    number = await session.scalar(select(REFERENCE_SEQUENCE.next_value()))
    agreement = Agreement(
        id=uuid.uuid4(),
        reference=f"SLA-{now.year}-{number:04d}",
        title=data.title,
        description=data.description,
        status=AgreementStatus.DRAFT,
        timezone=data.timezone,
        effective_from=data.effective_from,
        effective_to=data.effective_to,
        created_by_party_id=actor.party_id,
        row_version=1,
        last_event_sequence=0,
        created_at=now,
        updated_at=now,
    )
    session.add(agreement)
    await session.flush()
    invitations = await _name_members(session, actor, agreement, data.memberships, now=now)
    draft = AgreementVersion(
        id=uuid.uuid4(), agreement_id=agreement.id, number=1, status=VersionStatus.DRAFT, created_at=now
    )
    session.add(draft)
    await session.flush()
    add_clauses(session, draft.id, clauses)
    await session.flush()
    await record_event(
        session,
        actor,
        EventType.AGREEMENT_CREATED,
        now=now,
        agreement_id=agreement.id,
        payload=await agreement_event_data(session, agreement, now=now, version=draft),
    )
    await _announce_invitations(session, actor, agreement, invitations, now=now)
    return agreement


def check_if_match(agreement_version: int, expected: int | None) -> None:
    if expected is not None and expected != agreement_version:
        raise PreconditionFailed("the agreement changed since you read it (ETag mismatch); read it again")


async def update_draft(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    changes: AgreementUpdate,
    *,
    expected_version: int | None,
    now: datetime,
) -> Agreement:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    check_if_match(agreement.row_version, expected_version)
    policy.require(Action.EDIT_DRAFT, actor, role)
    if agreement.status != AgreementStatus.DRAFT:
        raise Conflict(
            f"only a draft can be edited; this agreement is {agreement.status} (propose an amendment instead)",
            "not_a_draft",
        )
    if changes.title is not msgspec.UNSET:
        check_text(changes.title, field="title", max_length=300)
        agreement.title = changes.title
    if changes.description is not msgspec.UNSET:
        agreement.description = changes.description
    if changes.timezone is not msgspec.UNSET:
        check_agreement_timezone(changes.timezone)
        agreement.timezone = changes.timezone
    if changes.effective_from is not msgspec.UNSET:
        agreement.effective_from = changes.effective_from
    if changes.effective_to is not msgspec.UNSET:
        agreement.effective_to = changes.effective_to
    check_period(agreement.effective_from, agreement.effective_to)
    invitations: list[Invitation] = []
    if changes.memberships is not msgspec.UNSET:
        _check_memberships(actor, changes.memberships)
        invitations = await _name_members(session, actor, agreement, changes.memberships, now=now)
    draft = await session.scalar(
        select(AgreementVersion).where(
            AgreementVersion.agreement_id == agreement.id, AgreementVersion.status == VersionStatus.DRAFT
        )
    )
    if changes.clauses is not msgspec.UNSET:
        clauses = validate_clauses(changes.clauses)
        if draft is None:
            draft = AgreementVersion(
                id=uuid.uuid4(),
                agreement_id=agreement.id,
                number=await next_version_number(session, agreement.id),
                status=VersionStatus.DRAFT,
                created_at=now,
            )
            session.add(draft)
            await session.flush()
        await session.execute(delete(Clause).where(Clause.version_id == draft.id))
        add_clauses(session, draft.id, clauses)
    agreement.row_version += 1
    agreement.updated_at = now
    await session.flush()
    await record_event(
        session,
        actor,
        EventType.AGREEMENT_UPDATED,
        now=now,
        agreement_id=agreement.id,
        payload=await agreement_event_data(session, agreement, now=now, version=draft),
    )
    await _announce_invitations(session, actor, agreement, invitations, now=now)
    return agreement


async def get_agreement(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID) -> tuple[Agreement, str | None]:
    return await get_readable_agreement(session, actor, agreement_id)


STATUSES = tuple(AgreementStatus)


async def list_agreements(
    session: AsyncSession,
    actor: Actor,
    filters: AgreementFilter,
    *,
    now: datetime,
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[Agreement], str | None]:
    """Newest first, keyset-paginated."""
    check_limit(limit)
    stmt = readable_agreements(actor)
    if filters.status is not None:
        if filters.status not in STATUSES:
            raise InvalidInput(f"status must be one of: {', '.join(STATUSES)}", field="status")
        live = or_(Agreement.effective_to.is_(None), Agreement.effective_to > now)
        if filters.status == "expired":
            stmt = stmt.where(Agreement.status.in_(("active", "suspended")), ~live)
        elif filters.status in ("active", "suspended"):
            stmt = stmt.where(Agreement.status == filters.status, live)
        else:
            stmt = stmt.where(Agreement.status == filters.status)
    if filters.role is not None:
        if filters.role not in tuple(Role):
            raise InvalidInput("role must be provider, customer or third_party", field="role")
        if actor.party_id is None:
            raise InvalidInput("the role filter needs a party token", field="role")
        stmt = stmt.where(
            Agreement.id.in_(
                select(Membership.agreement_id).where(
                    Membership.party_id == actor.party_id, Membership.role == filters.role
                )
            )
        )
    if filters.counter_party is not None:
        stmt = stmt.where(
            Agreement.id.in_(select(Membership.agreement_id).where(Membership.party_id == filters.counter_party))
        )
    if filters.as_of is not None:
        instant_input(filters.as_of, what="as_of")
        stmt = stmt.where(
            Agreement.status.in_(("active", "suspended", "terminated")),
            # Never activated means never in effect.
            Agreement.effective_from.is_not(None),
            Agreement.effective_from <= filters.as_of,
            or_(Agreement.effective_to.is_(None), Agreement.effective_to > filters.as_of),
        )
    if cursor:
        key = after_time_and_id(cursor)
        stmt = stmt.where(func.row(Agreement.created_at, Agreement.id) < func.row(*key))
    rows = list(await session.scalars(stmt.order_by(Agreement.created_at.desc(), Agreement.id.desc()).limit(limit + 1)))
    items = rows[:limit]
    next_cursor = time_and_id_cursor(items[-1].created_at, items[-1].id) if len(rows) > limit else None
    return items, next_cursor


async def agreement_clauses(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    *,
    now: datetime,
    version_number: int | None = None,
    as_of: datetime | None = None,
) -> tuple[AgreementVersion | None, list[Clause]]:
    """The clauses of the version in effect now (or at `as_of`, or version `n`), as the caller may see them."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id)
    if version_number is not None and as_of is not None:
        raise InvalidInput("give either version or as_of, not both", field="version")
    if version_number is not None:
        version: AgreementVersion | None = await version_numbered(session, agreement.id, version_number)
    else:
        if as_of is not None:
            instant_input(as_of, what="as_of")
        version = await current_version(session, agreement.id, as_of=as_of or now)
        if version is None and as_of is None:
            # Before anything was accepted, the working draft or open proposal is what there is to read.
            version = await latest_version(session, agreement.id)
    if version is None:
        return None, []
    clauses = (await clauses_for(session, [version.id]))[version.id]
    return version, visible_clauses(clauses, role)
