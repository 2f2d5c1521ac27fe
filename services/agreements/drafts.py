"""Agreements: drafts, reading, listing and the lifecycle (activate, suspend, resume, terminate)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import Sequence, and_, delete, func, or_, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import Agreement, AgreementVersion, Approval, Clause, Invitation, Membership, Party, Timer
from db.values import AgreementStatus, Role
from services import policy
from services.actors import Actor
from services.agreements.clause_terms import validate_terms
from services.agreements.lifecycle import REQUIRED_ROLES, agreement_transition, effective_status
from services.batch_reads import group_by
from services.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from services.events import record_event
from services.pagination import after_time_and_id, check_limit, time_and_id_cursor
from services.policy import Action
from services.scoping import get_readable_agreement, readable_agreements, visible_clauses
from services.timers import cancel_timer, schedule_timer, timer_handler
from services.values import check_timezone, instant_input

REFERENCE_SEQUENCE = Sequence("agreement_reference_seq", metadata=Base.metadata)


class ClauseInput(msgspec.Struct, forbid_unknown_fields=True):
    key: str
    kind: str
    title: str
    body: str = ""
    terms: dict[str, Any] = {}
    shared_with_third_parties: bool = False


class MembershipInput(msgspec.Struct, forbid_unknown_fields=True):
    party_id: uuid.UUID
    role: Role


class AgreementCreate(msgspec.Struct, forbid_unknown_fields=True):
    title: str
    memberships: list[MembershipInput]
    clauses: list[ClauseInput] = []
    description: str | None = None
    timezone: str = "UTC"
    effective_from: datetime | None = None
    effective_to: datetime | None = None


class AgreementUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """A partial update of a draft; absent fields stay as they are. `clauses` replaces the whole draft set."""

    title: str | msgspec.UnsetType = msgspec.UNSET
    description: str | None | msgspec.UnsetType = msgspec.UNSET
    timezone: str | msgspec.UnsetType = msgspec.UNSET
    effective_from: datetime | None | msgspec.UnsetType = msgspec.UNSET
    effective_to: datetime | None | msgspec.UnsetType = msgspec.UNSET
    memberships: list[MembershipInput] | msgspec.UnsetType = msgspec.UNSET
    clauses: list[ClauseInput] | msgspec.UnsetType = msgspec.UNSET


# ---------------------------------------------------------------- validation


def _check_text(value: str, *, field: str, max_length: int) -> None:
    if not value.strip():
        raise InvalidInput(f"{field} must not be empty", field=field)
    if len(value) > max_length:
        raise InvalidInput(f"{field} must be at most {max_length} characters", field=field)


def validate_clauses(clauses: list[ClauseInput], *, field: str = "clauses") -> list[dict[str, Any]]:
    seen: set[str] = set()
    checked = []
    for index, clause in enumerate(clauses):
        where = f"{field}[{index}]"
        if not clause.key or len(clause.key) > 100 or not all(ch.isalnum() or ch in "-_." for ch in clause.key):
            raise InvalidInput("clause keys are 1–100 letters, digits, '-', '_' or '.'", field=f"{where}.key")
        if clause.key in seen:
            raise InvalidInput(f"clause key {clause.key!r} appears twice", field=f"{where}.key")
        seen.add(clause.key)
        _check_text(clause.title, field=f"{where}.title", max_length=300)
        terms = validate_terms(clause.kind, clause.terms, field=f"{where}.terms")
        checked.append(
            {
                "key": clause.key,
                "kind": clause.kind,
                "title": clause.title,
                "body": clause.body,
                "terms": terms,
                "shared_with_third_parties": clause.shared_with_third_parties,
            }
        )
    return checked


def _check_period(effective_from: datetime | None, effective_to: datetime | None) -> None:
    for name, value in (("effective_from", effective_from), ("effective_to", effective_to)):
        if value is not None:
            instant_input(value, what=name)
    if effective_from and effective_to and effective_to <= effective_from:
        raise InvalidInput("effective_to must be after effective_from", field="effective_to")


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
        if invitation is not None and invitation.status == "invited" and invitation.role == m.role:
            continue
        if member is not None:  # a new role is a new invitation: the party decides whether it takes it on
            await session.delete(member)
        if invitation is None:
            invitation = Invitation(id=uuid.uuid4(), agreement_id=agreement.id, party_id=m.party_id)
            session.add(invitation)
        invitation.role, invitation.status, invitation.decided_at = m.role, "invited", None
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
                "party.invited",
                now=now,
                subject_party_id=invitation.party_id,
                payload={"invitation": invitation_snapshot(invitation, agreement)},
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


def add_clauses(session: AsyncSession, version_id: uuid.UUID, clauses: Iterable[dict[str, Any]]) -> None:
    for position, clause in enumerate(clauses):
        session.add(Clause(id=uuid.uuid4(), version_id=version_id, position=position, **clause))


# ---------------------------------------------------------------- snapshots


def clause_snapshot(clause: Clause) -> dict[str, Any]:
    return {
        "id": str(clause.id),
        "key": clause.key,
        "kind": clause.kind,
        "title": clause.title,
        "body": clause.body,
        "terms": clause.terms,
        "shared_with_third_parties": clause.shared_with_third_parties,
    }


def version_snapshot(
    version: AgreementVersion, clauses: list[Clause] | None = None, approvals: list[Approval] | None = None
) -> dict[str, Any]:
    snapshot: dict[str, Any] = {
        "id": str(version.id),
        "number": version.number,
        "status": version.status,
        "summary": version.summary,
        "effective_from": version.effective_from,
        "proposed_by_party_id": _s(version.proposed_by_party_id),
        "proposed_at": version.proposed_at,
        "decided_at": version.decided_at,
    }
    if approvals is not None:
        snapshot["approvals"] = [
            {"party_id": str(a.party_id), "decision": a.decision, "comment": a.comment, "decided_at": a.decided_at}
            for a in approvals
        ]
    if clauses is not None:
        snapshot["clauses"] = [clause_snapshot(c) for c in clauses]
    return snapshot


@dataclass(frozen=True)
class MembershipState:
    """A party named on an agreement as its readers see it: a member (`accepted`), or an invitation (`invited`,
    `declined`). Of a party that has not accepted, nothing is shown beyond the id and role the inviter gave."""

    party_id: uuid.UUID
    role: str
    status: str
    created_at: datetime


def invitation_snapshot(invitation: Invitation, agreement: Agreement) -> dict[str, Any]:
    """What the invited party sees: the agreement's id, reference and title, and the role offered."""
    return {
        "id": str(invitation.id),
        "party_id": str(invitation.party_id),
        "role": invitation.role,
        "status": invitation.status,
        "agreement": {"id": str(agreement.id), "reference": agreement.reference, "title": agreement.title},
        "invited_by_party_id": _s(invitation.invited_by_party_id),
        "created_at": invitation.created_at,
        "decided_at": invitation.decided_at,
    }


def agreement_snapshot(
    agreement: Agreement,
    memberships: list[MembershipState],
    *,
    now: datetime,
    current_version_number: int | None = None,
) -> dict[str, Any]:
    return {
        "id": str(agreement.id),
        "reference": agreement.reference,
        "title": agreement.title,
        "description": agreement.description,
        "status": effective_status(agreement.status, agreement.effective_to, now),
        "timezone": agreement.timezone,
        "effective_from": agreement.effective_from,
        "effective_to": agreement.effective_to,
        "current_version": current_version_number,
        "memberships": [{"party_id": str(m.party_id), "role": m.role, "status": m.status} for m in memberships],
        "created_at": agreement.created_at,
        "updated_at": agreement.updated_at,
        "version": agreement.row_version,
    }


def _s(value: uuid.UUID | None) -> str | None:
    return str(value) if value else None


async def full_snapshot(
    session: AsyncSession, agreement: Agreement, *, now: datetime, version: AgreementVersion | None = None
) -> dict[str, Any]:
    """What an event carries: the agreement, and the version concerned with its clauses (filtered per role on read)."""
    memberships = await memberships_for(session, [agreement.id])
    current = await current_version(session, agreement.id, as_of=now)
    snapshot: dict[str, Any] = {
        "agreement": agreement_snapshot(
            agreement, memberships[agreement.id], now=now, current_version_number=current.number if current else None
        )
    }
    if version is not None:
        clauses = (await clauses_for(session, [version.id]))[version.id]
        approvals = (await approvals_for(session, [version.id]))[version.id]
        snapshot["version"] = version_snapshot(version, clauses, approvals)
    return snapshot


# ---------------------------------------------------------------- batch reads (REST and DataLoaders)


async def memberships_for(
    session: AsyncSession, agreement_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[MembershipState]]:
    """Members and the invitations not accepted (open or declined), per agreement, in the order they were named."""
    ids = list(agreement_ids)
    members = await session.execute(
        select(Membership.agreement_id, Membership.party_id, Membership.role, Membership.created_at).where(
            Membership.agreement_id.in_(ids)
        )
    )
    invited = await session.execute(
        select(
            Invitation.agreement_id, Invitation.party_id, Invitation.role, Invitation.status, Invitation.created_at
        ).where(Invitation.agreement_id.in_(ids), Invitation.status != "accepted")
    )
    states = [
        (agreement_id, MembershipState(party_id, role, "accepted", created_at))
        for agreement_id, party_id, role, created_at in members
    ]
    states += [
        (agreement_id, MembershipState(party_id, role, status, created_at))
        for agreement_id, party_id, role, status, created_at in invited
    ]
    # Named at the same instant: by role, so the order never depends on the (random) party ids.
    rank = {"provider": 0, "customer": 1, "third_party": 2}
    states.sort(key=lambda pair: (pair[1].created_at, rank.get(str(pair[1].role), 3), pair[1].party_id))
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


async def approvals_for(session: AsyncSession, version_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Approval]]:
    ids = list(version_ids)
    rows = await session.scalars(
        select(Approval).where(Approval.version_id.in_(ids)).order_by(Approval.decided_at, Approval.id)
    )
    return group_by(rows, lambda a: a.version_id, ids)


def _in_effect(as_of: datetime):
    return and_(
        AgreementVersion.status == "accepted",
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


async def current_version(
    session: AsyncSession, agreement_id: uuid.UUID, *, as_of: datetime
) -> AgreementVersion | None:
    return (await current_versions_for(session, [agreement_id], as_of=as_of)).get(agreement_id)


# ---------------------------------------------------------------- use cases


async def create_agreement(session: AsyncSession, actor: Actor, data: AgreementCreate, *, now: datetime) -> Agreement:
    _check_text(data.title, field="title", max_length=300)
    try:
        check_timezone(data.timezone)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="timezone") from None
    _check_period(data.effective_from, data.effective_to)
    clauses = validate_clauses(data.clauses)
    _check_memberships(actor, data.memberships)
    number = await session.scalar(select(REFERENCE_SEQUENCE.next_value()))
    agreement = Agreement(
        id=uuid.uuid4(),
        reference=f"SLA-{now.year}-{number:04d}",
        title=data.title,
        description=data.description,
        status="draft",
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
    draft = AgreementVersion(id=uuid.uuid4(), agreement_id=agreement.id, number=1, status="draft", created_at=now)
    session.add(draft)
    await session.flush()
    add_clauses(session, draft.id, clauses)
    await session.flush()
    await record_event(
        session,
        actor,
        "agreement.created",
        now=now,
        agreement_id=agreement.id,
        payload=await full_snapshot(session, agreement, now=now, version=draft),
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
    if agreement.status != "draft":
        raise Conflict(
            f"only a draft can be edited; this agreement is {agreement.status} (propose an amendment instead)",
            "not_a_draft",
        )
    if changes.title is not msgspec.UNSET:
        _check_text(changes.title, field="title", max_length=300)
        agreement.title = changes.title
    if changes.description is not msgspec.UNSET:
        agreement.description = changes.description
    if changes.timezone is not msgspec.UNSET:
        try:
            check_timezone(changes.timezone)
        except ValueError as exc:
            raise InvalidInput(str(exc), field="timezone") from None
        agreement.timezone = changes.timezone
    if changes.effective_from is not msgspec.UNSET:
        agreement.effective_from = changes.effective_from
    if changes.effective_to is not msgspec.UNSET:
        agreement.effective_to = changes.effective_to
    _check_period(agreement.effective_from, agreement.effective_to)
    invitations: list[Invitation] = []
    if changes.memberships is not msgspec.UNSET:
        _check_memberships(actor, changes.memberships)
        invitations = await _name_members(session, actor, agreement, changes.memberships, now=now)
    draft = await session.scalar(
        select(AgreementVersion).where(
            AgreementVersion.agreement_id == agreement.id, AgreementVersion.status == "draft"
        )
    )
    if changes.clauses is not msgspec.UNSET:
        clauses = validate_clauses(changes.clauses)
        if draft is None:
            number = (
                await session.scalar(
                    select(func.max(AgreementVersion.number)).where(AgreementVersion.agreement_id == agreement.id)
                )
                or 0
            ) + 1
            draft = AgreementVersion(
                id=uuid.uuid4(), agreement_id=agreement.id, number=number, status="draft", created_at=now
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
        "agreement.updated",
        now=now,
        agreement_id=agreement.id,
        payload=await full_snapshot(session, agreement, now=now, version=draft),
    )
    await _announce_invitations(session, actor, agreement, invitations, now=now)
    return agreement


async def get_agreement(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID) -> tuple[Agreement, str | None]:
    return await get_readable_agreement(session, actor, agreement_id)


class AgreementFilter(msgspec.Struct):
    status: str | None = None
    role: str | None = None
    counter_party: uuid.UUID | None = None
    as_of: datetime | None = None


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


async def transition_agreement(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    action: str,
    *,
    now: datetime,
    expected_version: int | None = None,
    reason: str | None = None,
) -> Agreement:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    check_if_match(agreement.row_version, expected_version)
    policy.require(Action(f"{action}_agreement"), actor, role)
    if effective_status(agreement.status, agreement.effective_to, now) == "expired":
        raise Conflict(f"cannot {action} an agreement that has expired", "invalid_transition")
    agreement.status = agreement_transition(agreement.status, action)
    if action == "activate":
        await check_signatories_joined(session, agreement.id)
    if (
        action == "terminate"
        and agreement.effective_from is not None
        and agreement.effective_from < now
        and (agreement.effective_to is None or agreement.effective_to > now)
    ):
        agreement.effective_to = now  # in effect until now, and no longer
    version = None
    if action == "activate":
        version = await session.scalar(
            select(AgreementVersion)
            .where(AgreementVersion.agreement_id == agreement.id, AgreementVersion.status == "accepted")
            .order_by(AgreementVersion.number.desc())
            .limit(1)
        )
        if version is None:
            raise Conflict("an agreement needs an accepted version before it can be activated", "no_accepted_version")
        if agreement.effective_from is None:
            agreement.effective_from = now
        if version.effective_from is None:
            version.effective_from = agreement.effective_from
    agreement.row_version += 1
    agreement.updated_at = now
    await session.flush()
    event_type = {
        "activate": "agreement.activated",
        "suspend": "agreement.suspended",
        "resume": "agreement.resumed",
        "terminate": "agreement.terminated",
    }[action]
    payload = await full_snapshot(session, agreement, now=now, version=version)
    if reason:
        payload["reason"] = reason
    await record_event(session, actor, event_type, now=now, agreement_id=agreement.id, payload=payload)
    # Reviews react to the lifecycle (imported here: reviews read versions through this module).
    from services.agreements.reviews import cancel_open_reviews, start_review_cycle

    if action == "activate":
        await start_review_cycle(session, actor, agreement, now=now)
    elif action == "terminate":
        await cancel_open_reviews(session, actor, agreement, now=now)
    if action == "activate" and agreement.effective_to is not None:
        await schedule_timer(
            session,
            "agreement.expiring",
            str(agreement.id),
            max(now, agreement.effective_to - EXPIRY_NOTICE),
            {"effective_to": agreement.effective_to.isoformat()},
        )
    elif action == "terminate":
        await cancel_timer(session, "agreement.expiring", str(agreement.id))
    return agreement


# Parties hear that an agreement ends this long before it does (the `agreement.expiring` event).
EXPIRY_NOTICE = timedelta(days=30)


@timer_handler("agreement.expiring")
async def announce_expiry(session: AsyncSession, timer: Timer, now: datetime) -> None:
    agreement = await session.get(Agreement, uuid.UUID(timer.key), with_for_update=True)
    if agreement is None or agreement.status not in ("active", "suspended") or agreement.effective_to is None:
        return
    if agreement.effective_to.isoformat() != timer.payload.get("effective_to"):
        return  # the end date changed since this was scheduled
    payload = await full_snapshot(session, agreement, now=now)
    payload["expires_at"] = agreement.effective_to
    await record_event(session, None, "agreement.expiring", now=now, agreement_id=agreement.id, payload=payload)


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
        version = await session.scalar(
            select(AgreementVersion).where(
                AgreementVersion.agreement_id == agreement.id, AgreementVersion.number == version_number
            )
        )
        if version is None:
            raise NotFound("version")
    else:
        if as_of is not None:
            instant_input(as_of, what="as_of")
        version = await current_version(session, agreement.id, as_of=as_of or now)
        if version is None and as_of is None:
            # Before anything was accepted, the working draft or open proposal is what there is to read.
            version = await session.scalar(
                select(AgreementVersion)
                .where(AgreementVersion.agreement_id == agreement.id)
                .order_by(AgreementVersion.number.desc())
                .limit(1)
            )
    if version is None:
        return None, []
    clauses = (await clauses_for(session, [version.id]))[version.id]
    return version, visible_clauses(clauses, role)
