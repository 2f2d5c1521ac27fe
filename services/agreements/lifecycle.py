"""The agreement's lifecycle: activate, suspend, resume, terminate, and the notice that it is about to expire."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, Timer
from db.values import AgreementStatus, EventType, VersionStatus
from services import policy
from services.actors import Actor
from services.agreements.drafts import check_if_match
from services.agreements.reads import check_signatories_joined, latest_version
from services.agreements.review_schedule import cancel_open_reviews, start_review_cycle
from services.agreements.states import agreement_transition, effective_status
from services.agreements.views import agreement_event_data
from services.errors import Conflict
from services.events import record_event
from services.policy import Action
from services.scoping import get_readable_agreement
from services.timers import cancel_timer, schedule_timer, timer_handler

# Parties hear that an agreement ends this long before it does (the `agreement.expiring` event).
EXPIRY_NOTICE = timedelta(days=30)

TRANSITION_EVENTS = {
    "activate": EventType.AGREEMENT_ACTIVATED,
    "suspend": EventType.AGREEMENT_SUSPENDED,
    "resume": EventType.AGREEMENT_RESUMED,
    "terminate": EventType.AGREEMENT_TERMINATED,
}


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
    if effective_status(agreement.status, agreement.effective_to, now) == AgreementStatus.EXPIRED:
        raise Conflict(f"cannot {action} an agreement that has expired", "invalid_transition")
    agreement.status = AgreementStatus(agreement_transition(agreement.status, action))
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
        version = await latest_version(session, agreement.id, status=VersionStatus.ACCEPTED)
        if version is None:
            raise Conflict("an agreement needs an accepted version before it can be activated", "no_accepted_version")
        if agreement.effective_from is None:
            agreement.effective_from = now
        if version.effective_from is None:
            version.effective_from = agreement.effective_from
    agreement.row_version += 1
    agreement.updated_at = now
    await session.flush()
    payload = await agreement_event_data(session, agreement, now=now, version=version)
    if reason:
        payload.reason = reason
    await record_event(session, actor, TRANSITION_EVENTS[action], now=now, agreement_id=agreement.id, payload=payload)
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


@timer_handler("agreement.expiring")
async def announce_expiry(session: AsyncSession, timer: Timer, now: datetime) -> None:
    agreement = await session.get(Agreement, uuid.UUID(timer.key), with_for_update=True)
    if (
        agreement is None
        or agreement.status not in (AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED)
        or agreement.effective_to is None
    ):
        return
    if agreement.effective_to.isoformat() != timer.payload.get("effective_to"):
        return  # the end date changed since this was scheduled
    payload = await agreement_event_data(session, agreement, now=now)
    payload.expires_at = agreement.effective_to
    await record_event(session, None, EventType.AGREEMENT_EXPIRING, now=now, agreement_id=agreement.id, payload=payload)
