"""Timers: work the worker must do at a given time, exactly once, even if nobody calls the API.

A capability schedules a timer (kind + key, so rescheduling replaces rather than duplicates) in the same
transaction as the change that makes it necessary, and exposes a handler for its kind; the worker's table
(`worker.timers.TIMER_HANDLERS`, kind → handler, built from plain imports) says which handler runs. The worker fires
due timers one at a time: the row is locked (`FOR UPDATE SKIP LOCKED`) and marked fired in the same transaction as
the handler's writes, so two workers never fire one timer twice, and a crash simply leaves it due.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import bindparam, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import DateTime

from db.models import Timer
from db.values import TimerStatus

log = logging.getLogger("sla.timers")

Handler = Callable[[AsyncSession, Timer, datetime], Awaitable[None]]
MAX_ATTEMPTS = 10


def timer_handler(kind: str) -> Callable[[Handler], Handler]:
    """Marks a handler with the kind it serves, for the reader; registers nothing (the worker runs only what its
    table lists, and `tests/worker/test_timer_table.py` checks that every marked handler is in it under its kind)."""

    def marked(handler: Handler) -> Handler:
        return handler

    return marked


async def schedule_timer(
    session: AsyncSession, kind: str, key: str, due_at: datetime, payload: dict[str, Any] | None = None
) -> None:
    await schedule_timers(session, [(kind, key, due_at, payload)])


# One statement for any number of timers, its text fixed (arrays, not a VALUES list rendered per call): ingesting a
# batch of ticket events schedules hundreds at once.
_SCHEDULE_MANY = text(
    """INSERT INTO timers (id, kind, key, due_at, payload, status)
    SELECT gen_random_uuid(), t.kind, t.key, t.due_at, CAST(t.payload AS jsonb), 'pending'
    FROM unnest(
        CAST(:kinds AS varchar[]), CAST(:keys AS varchar[]), CAST(:due_ats AS timestamptz[]), CAST(:payloads AS text[])
    ) AS t(kind, key, due_at, payload)
    ON CONFLICT (kind, key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload, status = 'pending',
        attempts = 0, last_error = NULL, fired_at = NULL"""
).bindparams(bindparam("due_ats", type_=ARRAY(DateTime(timezone=True))))


async def schedule_timers(
    session: AsyncSession, timers: Sequence[tuple[str, str, datetime, dict[str, Any] | None]]
) -> None:
    """Schedule (or move) each (kind, key, due_at, payload) in one statement; a later duplicate of a (kind, key)
    wins, as it would one statement at a time."""
    latest = {(kind, key): (due_at, payload or {}) for kind, key, due_at, payload in timers}
    if not latest:
        return
    await session.execute(
        _SCHEDULE_MANY,
        {
            "kinds": [kind for kind, _ in latest],
            "keys": [key for _, key in latest],
            "due_ats": [due_at for due_at, _ in latest.values()],
            "payloads": [msgspec.json.encode(payload).decode() for _, payload in latest.values()],
        },
    )


async def cancel_timer(session: AsyncSession, kind: str, key: str) -> None:
    await session.execute(
        update(Timer).where(Timer.kind == kind, Timer.key == key, Timer.status == "pending").values(status="cancelled")
    )


async def run_timer(session: AsyncSession, timer: Timer, now: datetime, handler: Handler | None) -> None:
    """Run a due timer's handler (None: its kind has none) in the caller's transaction and mark it fired; on failure,
    retry it later.

    The timer is marked fired before its handler runs (the savepoint's flush writes it), so a handler may schedule
    the same timer again for its next moment (a ticket clock's next warning or its deadline) in this transaction."""
    try:
        if handler is None:
            raise LookupError(f"no handler for timer kind {timer.kind!r}")
        timer.status, timer.fired_at = TimerStatus.FIRED, now
        async with session.begin_nested():
            await handler(session, timer, now)
    except Exception as exc:  # noqa: BLE001 - a failing handler must not stop the others
        log.exception("timer %s/%s failed", timer.kind, timer.key)
        timer.status, timer.fired_at = TimerStatus.PENDING, None
        timer.attempts += 1
        timer.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if timer.attempts >= MAX_ATTEMPTS:
            timer.status = TimerStatus.FAILED
        else:
            timer.due_at = now + timedelta(seconds=min(3600, 5 * 2**timer.attempts))


async def claim_due_timer(session: AsyncSession, *, now: datetime) -> Timer | None:
    """Lock the next due timer; another worker skips it (`FOR UPDATE SKIP LOCKED`)."""
    return await session.scalar(
        select(Timer)
        .where(Timer.status == "pending", Timer.due_at <= now)
        .order_by(Timer.due_at)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
