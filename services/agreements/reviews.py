"""Reviews: setting the cadence, scheduling an extra review, completing (possibly with an amendment) and cancelling
one, reading them and their calendar feed. The cadence itself and the timers live in `review_schedule`."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, AgreementVersion, Review, ReviewCycle
from db.values import AgreementStatus, EventType, ReviewCycleSource, ReviewOutcome, ReviewStatus, VersionStatus
from services import policy
from services.actors import Actor
from services.agreements.inputs import ReviewCancellation, ReviewCompletion, ReviewCycleInput, ReviewSchedule
from services.agreements.proposals import propose_version
from services.agreements.review_schedule import (
    announce_review,
    calendar_duration,
    close_review,
    open_review,
    schedule_next_review,
    schedule_review_at,
    start_review_cycle,
)
from services.agreements.states import review_transition
from services.batch_reads import group_by
from services.errors import Conflict, InvalidInput, NotFound, check_expected_version
from services.policy import Action
from services.scoping import ReadableAgreementIds, get_readable_agreement, readable_agreements
from services.values import instant_input


async def set_review_cycle(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: ReviewCycleInput, *, now: datetime
) -> ReviewCycle:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.SET_REVIEW_CYCLE, actor, role)
    calendar_duration(data.cadence, "cadence")
    if data.notice is not None:
        calendar_duration(data.notice, "notice")
    cycle = await session.get(ReviewCycle, agreement.id)
    if cycle is None:
        cycle = ReviewCycle(agreement_id=agreement.id, cadence=data.cadence, source=ReviewCycleSource.EXPLICIT)
        session.add(cycle)
    cycle.cadence, cycle.notice, cycle.participants = data.cadence, data.notice, list(data.participants)
    cycle.source, cycle.updated_at = ReviewCycleSource.EXPLICIT, now
    await session.flush()
    await start_review_cycle(session, actor, agreement, now=now)
    return cycle


async def list_reviews(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID
) -> tuple[ReviewCycle | None, list[Review]]:
    agreement, _ = await get_readable_agreement(session, actor, agreement_id)
    rows = await session.scalars(
        select(Review).where(Review.agreement_id == agreement.id).order_by(Review.due_at, Review.created_at)
    )
    return await session.get(ReviewCycle, agreement.id), list(rows)


async def get_review(
    session: AsyncSession, actor: Actor, review_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Review, Agreement, str | None]:
    stmt = select(Review).where(
        Review.id == review_id, Review.agreement_id.in_(readable_agreements(actor).with_only_columns(Agreement.id))
    )
    if for_update:
        stmt = stmt.with_for_update()
    review = await session.scalar(stmt)
    if review is None:
        raise NotFound("review")
    agreement, role = await get_readable_agreement(session, actor, review.agreement_id, for_update=for_update)
    return review, agreement, role


async def schedule_review(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: ReviewSchedule, *, now: datetime
) -> Review:
    """An ad-hoc review (outside the cadence) when none is open."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.SCHEDULE_REVIEW, actor, role)
    instant_input(data.due_at, what="due_at")
    if data.due_at <= now:
        raise InvalidInput("due_at must be in the future", field="due_at")
    if agreement.status not in (AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED):
        raise Conflict(f"reviews are for active agreements; this one is {agreement.status}", "invalid_transition")
    if await open_review(session, agreement.id) is not None:
        raise Conflict("a review is already open for this agreement; complete or cancel it first", "review_open")
    return await schedule_review_at(
        session,
        actor,
        agreement,
        data.due_at,
        await session.get(ReviewCycle, agreement.id),
        now,
        participants=data.participants,
    )


async def complete_review(
    session: AsyncSession,
    actor: Actor,
    review_id: uuid.UUID,
    data: ReviewCompletion,
    *,
    now: datetime,
    expected_version: int | None = None,
) -> Review:
    review, agreement, role = await get_review(session, actor, review_id, for_update=True)
    check_expected_version(review.row_version, expected_version, "review")
    policy.require(Action.COMPLETE_REVIEW, actor, role)
    completed = ReviewStatus(review_transition(review.status, "complete"))
    amending = data.outcome == ReviewOutcome.AMENDMENT_PROPOSED
    if not amending and (data.amendment is not None or data.proposed_version is not None):
        raise InvalidInput("an amendment goes with outcome amendment_proposed", field="outcome")
    if amending and (data.amendment is None) == (data.proposed_version is None):
        raise InvalidInput(
            "amendment_proposed needs either `amendment` (to propose now) or `proposed_version`", field="amendment"
        )
    review.status = completed  # only once the input is known to be good: a refusal leaves the row as it was
    if amending:
        review.proposed_version_number = await _linked_proposal(session, actor, agreement, data, now)
    review.outcome, review.findings = data.outcome, data.findings
    review.participants = list(data.participants) or list(review.participants)
    review.completed_by_party_id, review.completed_at = actor.party_id, now
    review.row_version += 1
    await close_review(session, review)
    await announce_review(session, actor, EventType.REVIEW_COMPLETED, review, now=now)
    await schedule_next_review(session, actor, agreement, review, now)
    return review


async def _linked_proposal(
    session: AsyncSession, actor: Actor, agreement: Agreement, data: ReviewCompletion, now: datetime
) -> int:
    if data.amendment is not None:
        return (await propose_version(session, actor, agreement.id, data.amendment, now=now)).number
    version = await session.scalar(
        select(AgreementVersion).where(
            AgreementVersion.agreement_id == agreement.id, AgreementVersion.number == data.proposed_version
        )
    )
    if version is None or version.status != VersionStatus.PROPOSED:
        raise InvalidInput(
            f"version {data.proposed_version} is not a proposed version of this agreement", field="proposed_version"
        )
    return version.number


async def cancel_review(
    session: AsyncSession,
    actor: Actor,
    review_id: uuid.UUID,
    data: ReviewCancellation,
    *,
    now: datetime,
    expected_version: int | None = None,
) -> Review:
    review, agreement, role = await get_review(session, actor, review_id, for_update=True)
    check_expected_version(review.row_version, expected_version, "review")
    policy.require(Action.CANCEL_REVIEW, actor, role)
    review.status = ReviewStatus(review_transition(review.status, "cancel"))
    review.cancelled_at, review.cancel_reason = now, data.reason
    review.row_version += 1
    await close_review(session, review)
    await announce_review(session, actor, EventType.REVIEW_CANCELLED, review, now=now)
    await schedule_next_review(session, actor, agreement, review, now)
    return review


async def reviews_for(session: AsyncSession, agreement_ids: ReadableAgreementIds) -> dict[uuid.UUID, list[Review]]:
    """Batch read for DataLoaders, of agreements `services.scoping` found readable."""
    ids = list(agreement_ids)
    rows = await session.scalars(
        select(Review)
        .where(Review.agreement_id.in_(ids))
        .order_by(Review.agreement_id, Review.due_at, Review.created_at)
    )
    return group_by(rows, lambda r: r.agreement_id, ids)


async def cycles_for(session: AsyncSession, agreement_ids: ReadableAgreementIds) -> dict[uuid.UUID, ReviewCycle]:
    rows = await session.scalars(select(ReviewCycle).where(ReviewCycle.agreement_id.in_(list(agreement_ids))))
    return {cycle.agreement_id: cycle for cycle in rows}
