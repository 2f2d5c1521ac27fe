"""The worker loop: webhook delivery and timers, coordinated through PostgreSQL only.

Several lanes each lease one subscription at a time (`FOR UPDATE SKIP LOCKED` + a lease) and send its due
deliveries in order. `LISTEN/NOTIFY` wakes the lanes as soon as a change commits; polling is the fallback.
Any number of workers may run against one database. On stop, a lane finishes the attempt in flight, records
it, and releases its lease, so nothing is lost; a killed worker's lease simply expires.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
from collections.abc import Callable
from datetime import UTC, datetime

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.delivery import DeliveryPolicy, Sender, claim_subscription, release_subscription
from services.events import NOTIFY_CHANNEL
from services.billing import schedule_automatic_close
from worker.delivery import deliver_subscription
from worker.timers import fire_due_timers

# Importing the capabilities registers their timer handlers.
import services.agreements  # noqa: E402,F401
import services.billing  # noqa: E402,F401
import services.disputes  # noqa: E402,F401
import services.reviews  # noqa: E402,F401
import services.tickets  # noqa: E402,F401

log = logging.getLogger("sla.worker")


def listen_dsn(database_url: str | None) -> str | None:
    """asyncpg's own DSN for the LISTEN connection (SQLAlchemy's URL carries a driver suffix)."""
    if not database_url:
        return None
    for prefix in ("postgresql+asyncpg://", "postgres://"):
        if database_url.startswith(prefix):
            return "postgresql://" + database_url[len(prefix):]
    return database_url


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class Worker:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], listen_dsn: str | None, policy: DeliveryPolicy, *,
        lanes: int = 8, poll_interval: float = 1.0, clock: Callable[[], datetime] = _wall_clock,
        name: str | None = None, close_periods_after_days: int | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.listen_dsn = listen_dsn
        self.policy = policy
        self.lanes = lanes
        self.poll_interval = poll_interval
        self.clock = clock
        self.close_periods_after_days = close_periods_after_days
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{random.randrange(16**6):06x}"
        self.stopping = asyncio.Event()
        self._wake = asyncio.Event()
        self._rng = random.Random()
        self.attempts = 0

    def stop(self) -> None:
        self.stopping.set()
        self._wake.set()

    async def run(self) -> None:
        sender = Sender(self.policy)
        listener = await self._listen()
        try:
            async with asyncio.TaskGroup() as group:
                for lane in range(self.lanes):
                    group.create_task(self._delivery_lane(sender, lane))
                group.create_task(self._timer_loop())
        finally:
            if listener is not None:
                with contextlib.suppress(Exception):
                    await listener.close()
            await sender.aclose()

    async def _listen(self) -> asyncpg.Connection | None:
        if not self.listen_dsn:
            return None
        try:
            connection = await asyncpg.connect(self.listen_dsn)
            await connection.add_listener(NOTIFY_CHANNEL, lambda *_: self._wake.set())
            return connection
        except (OSError, asyncpg.PostgresError):
            log.warning("LISTEN unavailable; polling every %.1fs", self.poll_interval)
            return None

    async def _sleep(self) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.poll_interval):
                await self._wake.wait()
        if not self.stopping.is_set():
            self._wake.clear()

    async def _delivery_lane(self, sender: Sender, lane: int) -> None:
        while not self.stopping.is_set():
            try:
                worked = await self.deliver_once(sender)
            except Exception:  # noqa: BLE001 - keep the lane alive; the lease lets others take over
                log.exception("delivery lane %s failed", lane)
                worked = False
            if not worked:
                await self._sleep()

    async def deliver_once(self, sender: Sender) -> bool:
        async with self.sessionmaker() as session:
            subscription_id = await claim_subscription(session, self.name, now=self.clock(),
                                                       lease_seconds=self.policy.lease_seconds)
            await session.commit()
        if subscription_id is None:
            return False
        try:
            self.attempts += await deliver_subscription(
                self.sessionmaker, sender, subscription_id, self.name, clock=self.clock, rng=self._rng,
                stopping=self.stopping)
        finally:
            async with self.sessionmaker() as session:
                await release_subscription(session, subscription_id, self.name)
                await session.commit()
        return True

    async def _timer_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                if self.close_periods_after_days is not None:
                    async with self.sessionmaker.begin() as session:
                        await schedule_automatic_close(session, now=self.clock(),
                                                       after_days=self.close_periods_after_days)
                await fire_due_timers(self.sessionmaker, now=self.clock())
            except Exception:  # noqa: BLE001
                log.exception("timers failed")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_interval):
                    await self.stopping.wait()
