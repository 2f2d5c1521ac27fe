"""Firing due timers, one transaction each: the timer row is locked and marked fired in the same transaction
as its handler's writes, so two workers never fire one timer twice and a crash simply leaves it due.

`TIMER_HANDLERS` is the one list of what the worker does for each kind of timer: plain imports of the capabilities'
handlers, nothing registered by importing a module."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.values import TimerKind
from services.agreements.lifecycle import announce_expiry
from services.agreements.review_schedule import review_becomes_due, review_becomes_overdue
from services.billing.periods import close_when_due
from services.disputes.cases import escalate_overdue_stage
from services.reports.reports import publish_when_due
from services.ticketing.tickets import clock_moment_due, legacy_warning_due
from services.timers import Handler, claim_due_timer, run_timer

TIMER_HANDLERS: Mapping[str, Handler] = {
    TimerKind.AGREEMENT_EXPIRING: announce_expiry,
    TimerKind.REVIEW_DUE: review_becomes_due,
    TimerKind.REVIEW_OVERDUE: review_becomes_overdue,
    TimerKind.DISPUTE_STAGE_DEADLINE: escalate_overdue_stage,
    TimerKind.SLA_DUE: clock_moment_due,
    TimerKind.SLA_WARNING: legacy_warning_due,
    TimerKind.BILLING_CLOSE_PERIOD: close_when_due,
    TimerKind.REPORT_PUBLISH: publish_when_due,
}


async def fire_due_timers(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    now: datetime,
    limit: int = 100,
    handlers: Mapping[str, Handler] = TIMER_HANDLERS,
) -> int:
    """Fire up to `limit` due timers, each in its own transaction. Returns how many fired."""
    fired = 0
    for _ in range(limit):
        async with sessionmaker() as session:
            timer = await claim_due_timer(session, now=now)
            if timer is None:
                return fired
            await run_timer(session, timer, now, handlers.get(timer.kind))
            await session.commit()
            fired += timer.status == "fired"
    return fired
