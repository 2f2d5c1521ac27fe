"""The review cadence: which review comes next, and the timers that make it due and overdue.

`scheduled → due (at the notice time) → overdue (at the due time) → completed | cancelled`. The due and overdue
transitions fire from the worker's timers, once each, even if nobody calls the API. The lifecycle (activation,
termination), accepted amendments and the review use cases call in here; it calls none of them back.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, Clause, Review, ReviewCycle, Timer
from db.values import AgreementStatus, ClauseKind, EventType, ReviewCycleSource, ReviewStatus
from services.actors import Actor
from services.agreements.reads import current_version
from services.agreements.states import OPEN_REVIEW, review_transition
from services.agreements.views import ReviewEventData, review_out
from services.calendar_arithmetic import CalendarDuration, add_calendar, next_after
from services.errors import Conflict, InvalidInput
from services.events import record_event
from services.timers import cancel_timer, schedule_timer, timer_handler
from services.values import check_duration


def calendar_duration(value: str, field: str) -> CalendarDuration:
    """An ISO 8601 duration such as P3M as the calendar adds it, or InvalidInput naming `field`."""
    try:
        return CalendarDuration.of(check_duration(value, what=field))
    except ValueError as exc:
        raise InvalidInput(str(exc), field=field) from None


def _cadence_after(agreement: Agreement, anchor: datetime, cycle: ReviewCycle, after: datetime) -> datetime:
    """The first `anchor + n × cadence` after `after`, in the agreement's time zone."""
    return next_after(anchor, calendar_duration(cycle.cadence, "cadence"), ZoneInfo(agreement.timezone), after)


async def announce_review(
    session: AsyncSession, actor: Actor | None, event_type: EventType, review: Review, *, now: datetime
) -> None:
    await record_event(
        session,
        actor,
        event_type,
        now=now,
        agreement_id=review.agreement_id,
        payload=ReviewEventData(review=review_out(review)),
    )


async def schedule_review_at(
    session: AsyncSession,
    actor: Actor | None,
    agreement: Agreement,
    due_at: datetime,
    cycle: ReviewCycle | None,
    now: datetime,
    participants: list[str] | None = None,
) -> Review:
    notice_at = (
        add_calendar(due_at, calendar_duration(cycle.notice, "notice"), ZoneInfo(agreement.timezone), -1)
        if cycle and cycle.notice
        else due_at
    )
    review = Review(
        id=uuid.uuid4(),
        agreement_id=agreement.id,
        status=ReviewStatus.SCHEDULED,
        due_at=due_at,
        notice_at=min(notice_at, due_at),
        row_version=1,
        created_at=now,
        participants=participants if participants is not None else list(cycle.participants if cycle else []),
    )
    session.add(review)
    await session.flush()
    await schedule_timer(session, "review.due", str(review.id), review.notice_at)
    await schedule_timer(session, "review.overdue", str(review.id), review.due_at)
    await announce_review(session, actor, EventType.REVIEW_SCHEDULED, review, now=now)
    return review


async def open_review(session: AsyncSession, agreement_id: uuid.UUID) -> Review | None:
    return await session.scalar(
        select(Review).where(Review.agreement_id == agreement_id, Review.status.in_(OPEN_REVIEW))
    )


async def _review_clause(session: AsyncSession, agreement_id: uuid.UUID, now: datetime) -> Clause | None:
    version = await current_version(session, agreement_id, as_of=now)
    if version is None:
        return None
    return await session.scalar(
        select(Clause)
        .where(Clause.version_id == version.id, Clause.kind == ClauseKind.REVIEW)
        .order_by(Clause.position)
        .limit(1)
    )


async def start_review_cycle(
    session: AsyncSession, actor: Actor | None, agreement: Agreement, *, now: datetime
) -> None:
    """On activation or an accepted amendment: take the cadence from the `review` clause (unless set explicitly)
    and make sure the next review is scheduled."""
    cycle = await session.get(ReviewCycle, agreement.id)
    if cycle is None or cycle.source == ReviewCycleSource.CLAUSE:
        clause = await _review_clause(session, agreement.id, now)
        if clause is not None:
            terms = clause.terms
            if cycle is None:
                cycle = ReviewCycle(
                    agreement_id=agreement.id, source=ReviewCycleSource.CLAUSE, cadence=terms["cadence"]
                )
                session.add(cycle)
            cycle.cadence, cycle.notice = terms["cadence"], terms.get("notice")
            cycle.participants, cycle.updated_at = list(terms.get("participants", [])), now
            await session.flush()
    if (
        cycle is not None
        and agreement.status == AgreementStatus.ACTIVE
        and await open_review(session, agreement.id) is None
    ):
        anchor = agreement.effective_from or now
        await schedule_review_at(
            session, actor, agreement, _cadence_after(agreement, anchor, cycle, anchor), cycle, now
        )


async def close_review(session: AsyncSession, review: Review) -> None:
    """A completed or cancelled review: its timers will not fire."""
    await session.flush()
    for kind in ("review.due", "review.overdue"):
        await cancel_timer(session, kind, str(review.id))


async def schedule_next_review(
    session: AsyncSession, actor: Actor | None, agreement: Agreement, review: Review, now: datetime
) -> None:
    cycle = await session.get(ReviewCycle, agreement.id)
    if cycle is None or agreement.status != AgreementStatus.ACTIVE:
        return
    # The next date of the cycle after this review (and, for one completed late, after now), counted from the
    # agreement's start: anchor + n × cadence, never chained from a month-end date that was clamped.
    anchor = agreement.effective_from or review.due_at
    due_at = _cadence_after(agreement, anchor, cycle, max(review.due_at, now))
    await schedule_review_at(session, actor, agreement, due_at, cycle, now)


async def cancel_open_reviews(
    session: AsyncSession, actor: Actor | None, agreement: Agreement, *, now: datetime
) -> None:
    """A terminated agreement is no longer reviewed."""
    review = await open_review(session, agreement.id)
    if review is not None:
        review.status, review.cancelled_at = ReviewStatus.CANCELLED, now
        review.cancel_reason = f"agreement {agreement.status}"
        review.row_version += 1
        await close_review(session, review)
        await announce_review(session, actor, EventType.REVIEW_CANCELLED, review, now=now)


async def _mark(session: AsyncSession, timer: Timer, now: datetime, action: str, event_type: EventType) -> None:
    review = await session.get(Review, uuid.UUID(timer.key), with_for_update=True)
    if review is None or review.status not in OPEN_REVIEW:
        return
    try:
        review.status = ReviewStatus(review_transition(review.status, action))
    except Conflict:
        return  # already past this point
    review.row_version += 1
    await session.flush()
    await announce_review(session, None, event_type, review, now=now)


@timer_handler("review.due")
async def review_becomes_due(session: AsyncSession, timer: Timer, now: datetime) -> None:
    await _mark(session, timer, now, "due", EventType.REVIEW_DUE)


@timer_handler("review.overdue")
async def review_becomes_overdue(session: AsyncSession, timer: Timer, now: datetime) -> None:
    await _mark(session, timer, now, "overdue", EventType.REVIEW_OVERDUE)
