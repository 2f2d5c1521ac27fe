"""Invitations: a party named on an agreement by another party joins it only by accepting.

Until it accepts, the invited party sees the invitation and nothing else of the agreement (no event but
`party.invited` reaches it), and the inviter learns nothing about it beyond the id it supplied. Accepting makes it a
member (`Membership`): from then on both see each other's profiles and the agreement's events.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, Invitation, Membership
from db.values import AgreementStatus, MembershipStatus
from services.actors import Actor
from services.agreements.views import InvitationOut, agreement_event_data, invitation_out
from services.errors import Conflict, Forbidden, InvalidInput, NotFound
from services.events import record_event
from services.pagination import after_time_and_id, check_limit, time_and_id_cursor

STATUSES = tuple(MembershipStatus)


def _readable(actor: Actor) -> Select[Invitation, Agreement]:
    """The operator sees every invitation; a party only those addressed to it."""
    stmt = select(Invitation, Agreement).join(Agreement, Agreement.id == Invitation.agreement_id)
    if not actor.is_operator:
        stmt = stmt.where(Invitation.party_id == actor.party_id)
    return stmt


async def list_invitations(
    session: AsyncSession,
    actor: Actor,
    *,
    status: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[InvitationOut], str | None]:
    """The invitations addressed to the caller's party, oldest first (all of them for the operator)."""
    check_limit(limit)
    stmt = _readable(actor)
    if status is not None:
        if status not in STATUSES:
            raise InvalidInput(f"status must be one of: {', '.join(STATUSES)}", field="status")
        stmt = stmt.where(Invitation.status == status)
    if cursor:
        key = after_time_and_id(cursor)
        stmt = stmt.where(func.row(Invitation.created_at, Invitation.id) > func.row(*key))
    rows = (await session.execute(stmt.order_by(Invitation.created_at, Invitation.id).limit(limit + 1))).all()
    items = rows[:limit]
    next_cursor = time_and_id_cursor(items[-1][0].created_at, items[-1][0].id) if len(rows) > limit else None
    return [invitation_out(invitation, agreement) for invitation, agreement in items], next_cursor


async def get_invitation(session: AsyncSession, actor: Actor, invitation_id: uuid.UUID) -> InvitationOut:
    found = (await session.execute(_readable(actor).where(Invitation.id == invitation_id))).first()
    if found is None:
        raise NotFound("invitation")
    return invitation_out(*found)


async def answer_invitation(
    session: AsyncSession,
    actor: Actor,
    invitation_id: uuid.UUID,
    answer: Literal[MembershipStatus.ACCEPTED, MembershipStatus.DECLINED],
    *,
    now: datetime,
) -> InvitationOut:
    """The invited party accepts (and becomes a member) or declines; either is final for this invitation."""
    if actor.party_id is None:
        raise Forbidden("only the invited party answers an invitation; use a party token", "party_only")
    found = (
        await session.execute(_readable(actor).where(Invitation.id == invitation_id).with_for_update(of=Invitation))
    ).first()
    if found is None:
        raise NotFound("invitation")
    invitation, agreement = found
    if invitation.status != MembershipStatus.INVITED:
        raise Conflict(f"this invitation was already {invitation.status}", "invitation_answered")
    if agreement.status == AgreementStatus.TERMINATED:
        raise Conflict("the agreement was terminated; there is nothing left to join", "invalid_transition")
    invitation.status, invitation.decided_at = answer, now
    if answer == MembershipStatus.ACCEPTED:
        session.add(
            Membership(agreement_id=agreement.id, party_id=invitation.party_id, role=invitation.role, created_at=now)
        )
    await session.flush()
    payload = await agreement_event_data(session, agreement, now=now)
    answered = payload.invitation = invitation_out(invitation, agreement)
    # To the agreement's members: on acceptance that includes the new member, on a decline it does not.
    await record_event(session, actor, f"invitation.{answer}", now=now, agreement_id=agreement.id, payload=payload)
    return answered
