"""Review cycles: how often the parties review the agreement, and the reviews themselves.

`scheduled → due (at the notice time) → overdue (at the due time) → completed | cancelled`. The due and overdue
transitions fire from the worker's timers, once each, even if nobody calls the API. Completing or cancelling a
review schedules the next one of the cycle.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, AgreementVersion, Clause, Review, ReviewCycle, Timer
from db.values import ReviewOutcome, ReviewStatus
from services import policy
from services.actors import Actor
from services.batch_reads import group_by
from services.errors import Conflict, InvalidInput, NotFound, check_expected_version
from services.events import record_event
from services.policy import Action
from services.scoping import ReadableAgreementIds, get_readable_agreement, readable_agreements
from services.ticketing.business_time import CalendarDuration, add_calendar, next_after
from services.timers import cancel_timer, schedule_timer, timer_handler
from services.values import check_duration, instant_input

OPEN = (ReviewStatus.SCHEDULED, ReviewStatus.DUE, ReviewStatus.OVERDUE)


class ReviewCycleInput(msgspec.Struct, forbid_unknown_fields=True):
    cadence: str
    notice: str | None = None
    participants: list[str] = []


class ReviewCompletion(msgspec.Struct, forbid_unknown_fields=True):
    outcome: ReviewOutcome
    participants: list[str] = []
    findings: str | None = None
    # For `amendment_proposed`: either propose here (the usual amendment flow) or name a version already proposed.
    amendment: dict[str, Any] | None = None
    proposed_version: int | None = None


class ReviewCancellation(msgspec.Struct, forbid_unknown_fields=True):
    reason: str | None = None


class ReviewSchedule(msgspec.Struct, forbid_unknown_fields=True):
    due_at: datetime
    participants: list[str] = []


def review_transition(current: str, action: str) -> str:
    """The review state machine (pure)."""
    allowed = {"due": ("scheduled",), "overdue": ("scheduled", "due"), "complete": OPEN, "cancel": OPEN}[action]
    if current not in allowed:
        verb = {"complete": "complete", "cancel": "cancel"}.get(action, f"mark {action}")
        raise Conflict(f"cannot {verb} a review that is {current}", "invalid_transition")
    return {"due": "due", "overdue": "overdue", "complete": "completed", "cancel": "cancelled"}[action]


def _duration(value: str, field: str):
    try:
        return check_duration(value, what=field)
    except ValueError as exc:
        raise InvalidInput(str(exc), field=field) from None


def review_snapshot(review: Review) -> dict[str, Any]:
    return {
        "id": str(review.id),
        "agreement_id": str(review.agreement_id),
        "status": review.status,
        "due_at": review.due_at,
        "notice_at": review.notice_at,
        "participants": list(review.participants),
        "findings": review.findings,
        "outcome": review.outcome,
        "proposed_version": review.proposed_version_number,
        "completed_by_party_id": str(review.completed_by_party_id) if review.completed_by_party_id else None,
        "completed_at": review.completed_at,
        "cancelled_at": review.cancelled_at,
        "cancel_reason": review.cancel_reason,
        "created_at": review.created_at,
        "version": review.row_version,
    }


def cycle_snapshot(cycle: ReviewCycle | None) -> dict[str, Any] | None:
    if cycle is None:
        return None
    return {
        "cadence": cycle.cadence,
        "notice": cycle.notice,
        "participants": list(cycle.participants),
        "source": cycle.source,
    }


async def _schedule(
    session: AsyncSession,
    actor: Actor | None,
    agreement: Agreement,
    due_at: datetime,
    cycle: ReviewCycle | None,
    now: datetime,
    participants: list[str] | None = None,
) -> Review:
    notice_at = (
        add_calendar(due_at, _calendar_duration(cycle.notice, "notice"), ZoneInfo(agreement.timezone), -1)
        if cycle and cycle.notice
        else due_at
    )
    review = Review(
        id=uuid.uuid4(),
        agreement_id=agreement.id,
        status="scheduled",
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
    await record_event(
        session,
        actor,
        "review.scheduled",
        now=now,
        agreement_id=agreement.id,
        payload={"review": review_snapshot(review)},
    )
    return review


async def _open_review(session: AsyncSession, agreement_id: uuid.UUID) -> Review | None:
    return await session.scalar(select(Review).where(Review.agreement_id == agreement_id, Review.status.in_(OPEN)))


async def _review_clause(session: AsyncSession, agreement_id: uuid.UUID, now: datetime) -> Clause | None:
    from services.agreements.drafts import current_version

    version: AgreementVersion | None = await current_version(session, agreement_id, as_of=now)
    if version is None:
        return None
    return await session.scalar(
        select(Clause)
        .where(Clause.version_id == version.id, Clause.kind == "review")
        .order_by(Clause.position)
        .limit(1)
    )


async def start_review_cycle(
    session: AsyncSession, actor: Actor | None, agreement: Agreement, *, now: datetime
) -> None:
    """On activation or an accepted amendment: take the cadence from the `review` clause (unless set explicitly)
    and make sure the next review is scheduled."""
    cycle = await session.get(ReviewCycle, agreement.id)
    if cycle is None or cycle.source == "clause":
        clause = await _review_clause(session, agreement.id, now)
        if clause is not None:
            terms = clause.terms
            if cycle is None:
                cycle = ReviewCycle(agreement_id=agreement.id, source="clause", cadence=terms["cadence"])
                session.add(cycle)
            cycle.cadence, cycle.notice = terms["cadence"], terms.get("notice")
            cycle.participants, cycle.updated_at = list(terms.get("participants", [])), now
            await session.flush()
    if cycle is not None and agreement.status == "active" and await _open_review(session, agreement.id) is None:
        anchor = agreement.effective_from or now
        await _schedule(session, actor, agreement, _cadence_after(agreement, anchor, cycle, anchor), cycle, now)


async def set_review_cycle(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: ReviewCycleInput, *, now: datetime
) -> ReviewCycle:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.SET_REVIEW_CYCLE, actor, role)
    _duration(data.cadence, "cadence")
    if data.notice is not None:
        _duration(data.notice, "notice")
    cycle = await session.get(ReviewCycle, agreement.id)
    if cycle is None:
        cycle = ReviewCycle(agreement_id=agreement.id, cadence=data.cadence, source="explicit")
        session.add(cycle)
    cycle.cadence, cycle.notice, cycle.participants = data.cadence, data.notice, list(data.participants)
    cycle.source, cycle.updated_at = "explicit", now
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
    if agreement.status not in ("active", "suspended"):
        raise Conflict(f"reviews are for active agreements; this one is {agreement.status}", "invalid_transition")
    if await _open_review(session, agreement.id) is not None:
        raise Conflict("a review is already open for this agreement; complete or cancel it first", "review_open")
    return await _schedule(
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
    review.status = review_transition(review.status, "complete")
    if data.outcome == "amendment_proposed":
        review.proposed_version_number = await _linked_proposal(session, actor, agreement, data, now)
    elif data.amendment is not None or data.proposed_version is not None:
        raise InvalidInput("an amendment goes with outcome amendment_proposed", field="outcome")
    review.outcome, review.findings = data.outcome, data.findings
    review.participants = list(data.participants) or list(review.participants)
    review.completed_by_party_id, review.completed_at = actor.party_id, now
    review.row_version += 1
    await _close(session, review)
    await record_event(
        session,
        actor,
        "review.completed",
        now=now,
        agreement_id=agreement.id,
        payload={"review": review_snapshot(review)},
    )
    await _next(session, actor, agreement, review, now)
    return review


async def _linked_proposal(
    session: AsyncSession, actor: Actor, agreement: Agreement, data: ReviewCompletion, now: datetime
) -> int:
    from services.agreements.proposals import VersionProposal, propose_version

    if (data.amendment is None) == (data.proposed_version is None):
        raise InvalidInput(
            "amendment_proposed needs either `amendment` (to propose now) or `proposed_version`", field="amendment"
        )
    if data.amendment is not None:
        try:
            proposal = msgspec.convert(data.amendment, VersionProposal)
        except msgspec.ValidationError as exc:
            raise InvalidInput(f"amendment: {exc}", field="amendment") from None
        return (await propose_version(session, actor, agreement.id, proposal, now=now)).number
    version = await session.scalar(
        select(AgreementVersion).where(
            AgreementVersion.agreement_id == agreement.id, AgreementVersion.number == data.proposed_version
        )
    )
    if version is None or version.status != "proposed":
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
    review.status = review_transition(review.status, "cancel")
    review.cancelled_at, review.cancel_reason = now, data.reason
    review.row_version += 1
    await _close(session, review)
    await record_event(
        session,
        actor,
        "review.cancelled",
        now=now,
        agreement_id=agreement.id,
        payload={"review": review_snapshot(review)},
    )
    await _next(session, actor, agreement, review, now)
    return review


async def _close(session: AsyncSession, review: Review) -> None:
    await session.flush()
    for kind in ("review.due", "review.overdue"):
        await cancel_timer(session, kind, str(review.id))


async def _next(
    session: AsyncSession, actor: Actor | None, agreement: Agreement, review: Review, now: datetime
) -> None:
    cycle = await session.get(ReviewCycle, agreement.id)
    if cycle is None or agreement.status != "active":
        return
    # The next date of the cycle after this review (and, for one completed late, after now), counted from the
    # agreement's start: anchor + n × cadence, never chained from a month-end date that was clamped.
    anchor = agreement.effective_from or review.due_at
    due_at = _cadence_after(agreement, anchor, cycle, max(review.due_at, now))
    await _schedule(session, actor, agreement, due_at, cycle, now)


def _cadence_after(agreement: Agreement, anchor: datetime, cycle: ReviewCycle, after: datetime) -> datetime:
    """The first `anchor + n × cadence` after `after`, in the agreement's time zone."""
    return next_after(anchor, _calendar_duration(cycle.cadence, "cadence"), ZoneInfo(agreement.timezone), after)


def _calendar_duration(value: str, field: str) -> CalendarDuration:
    return CalendarDuration.of(_duration(value, field))


async def cancel_open_reviews(
    session: AsyncSession, actor: Actor | None, agreement: Agreement, *, now: datetime
) -> None:
    """A terminated agreement is no longer reviewed."""
    review = await _open_review(session, agreement.id)
    if review is not None:
        review.status, review.cancelled_at, review.cancel_reason = "cancelled", now, f"agreement {agreement.status}"
        review.row_version += 1
        await _close(session, review)
        await record_event(
            session,
            actor,
            "review.cancelled",
            now=now,
            agreement_id=agreement.id,
            payload={"review": review_snapshot(review)},
        )


async def _mark(session: AsyncSession, timer: Timer, now: datetime, action: str) -> None:
    review = await session.get(Review, uuid.UUID(timer.key), with_for_update=True)
    if review is None or review.status not in OPEN:
        return
    try:
        review.status = review_transition(review.status, action)
    except Conflict:
        return  # already past this point
    review.row_version += 1
    await session.flush()
    await record_event(
        session,
        None,
        f"review.{action}",
        now=now,
        agreement_id=review.agreement_id,
        payload={"review": review_snapshot(review)},
    )


@timer_handler("review.due")
async def review_becomes_due(session: AsyncSession, timer: Timer, now: datetime) -> None:
    await _mark(session, timer, now, "due")


@timer_handler("review.overdue")
async def review_becomes_overdue(session: AsyncSession, timer: Timer, now: datetime) -> None:
    await _mark(session, timer, now, "overdue")


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
