"""Firing due timers, one transaction each: the timer row is locked and marked fired in the same transaction
as its handler's writes, so two workers never fire one timer twice and a crash simply leaves it due."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.timers import claim_due_timer, run_timer


async def fire_due_timers(sessionmaker: async_sessionmaker[AsyncSession], *, now: datetime, limit: int = 100) -> int:
    """Fire up to `limit` due timers, each in its own transaction. Returns how many fired."""
    fired = 0
    for _ in range(limit):
        async with sessionmaker() as session:
            timer = await claim_due_timer(session, now=now)
            if timer is None:
                return fired
            await run_timer(session, timer, now)
            await session.commit()
            fired += timer.status == "fired"
    return fired
