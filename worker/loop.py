"""The worker loop: webhook delivery and timers, coordinated through PostgreSQL only.

A dispatcher claims subscriptions for up to `lanes` lanes, the one whose oldest due delivery has waited longest
first (`FOR UPDATE SKIP LOCKED` + a lease with a fencing token). Each lane sends its subscription's due
deliveries in order while a keeper renews the lease on a timer; the lane stops the moment a renewal fails, and
every write of its results is fenced by its token. A request in flight longer than `handoff_seconds` hands its
lane to a new one (up to `lanes × PARKED_PER_LANE` requests parked), so slow or dead endpoints cannot starve
healthy ones. `LISTEN/NOTIFY` wakes the dispatcher as soon as a change commits; if the LISTEN connection drops,
it polls and re-opens LISTEN with backoff. A database outage is waited out with exponential backoff, one log
line per step. Any number of workers may run against one database. On stop, a lane finishes the attempt in
flight, records it, and releases its lease, so nothing is lost; a killed worker's lease simply expires.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import random
import socket
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import is_connection_failure
from services.billing.periods import schedule_automatic_close
from services.events import NOTIFY_CHANNEL
from services.metrics import TIMERS_FIRED, WORKER_LISTENING
from services.reports.reports import schedule_due_reports
from services.retention import RetentionPolicy, prune
from services.webhooks.delivery import (
    Lease,
    Sender,
    claim_subscription,
    release_subscription,
    renew_lease,
)
from services.webhooks.policy import DeliveryPolicy
from worker.delivery import deliver_subscription
from worker.timers import fire_due_timers

log = logging.getLogger("sla.worker")
T = TypeVar("T")


def listen_dsn(database_url: str | None) -> str | None:
    """asyncpg's own DSN for the LISTEN connection (SQLAlchemy's URL carries a driver suffix)."""
    if not database_url:
        return None
    for prefix in ("postgresql+asyncpg://", "postgres://"):
        if database_url.startswith(prefix):
            return "postgresql://" + database_url[len(prefix) :]
    return database_url


def _wall_clock() -> datetime:
    return datetime.now(UTC)


PARKED_PER_LANE = 4


class Backoff:
    """Exponential backoff through a database outage, one log line per step and none per lane."""

    def __init__(self, what: str, *, first: float = 0.5, cap: float = 30.0) -> None:
        self.what, self.first, self.cap = what, first, cap
        self.step = 0

    @property
    def failing(self) -> bool:
        return self.step > 0

    def failed(self, exc: BaseException) -> float:
        delay = min(self.cap, self.first * 2 ** min(self.step, 16))
        self.step += 1
        log.warning("%s: database unavailable (%s); retry %d in %.1fs", self.what, _reason(exc), self.step, delay)
        return delay

    def succeeded(self) -> None:
        if self.step:
            log.warning("%s: database reachable again after %d retries", self.what, self.step)
            self.step = 0


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Worker:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        listen_dsn: str | None,
        policy: DeliveryPolicy,
        *,
        lanes: int = 8,
        poll_interval: float = 1.0,
        clock: Callable[[], datetime] = _wall_clock,
        name: str | None = None,
        close_periods_after_days: int | None = None,
        handoff_seconds: float | None = None,
        listen_retry_cap: float = 30.0,
        retention: RetentionPolicy | None = None,
        retention_interval: float = 3600.0,
        heartbeat_file: Path | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.listen_dsn = listen_dsn
        self.policy = policy
        self.lanes = lanes
        self.poll_interval = poll_interval
        # A request still in flight after this long frees its lane for other subscriptions.
        self.handoff_seconds = poll_interval if handoff_seconds is None else handoff_seconds
        self.listen_retry_cap = listen_retry_cap
        self.clock = clock
        self.close_periods_after_days = close_periods_after_days
        self.retention, self.retention_interval = retention, retention_interval
        # Rewritten after each timer round that reached the database: its age is the worker's liveness
        # (`sla worker --check`), for container health checks that cannot make HTTP requests.
        self.heartbeat_file = heartbeat_file
        self._next_prune: datetime | None = None
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{random.randrange(16**6):06x}"
        self.stopping = asyncio.Event()
        self._wake = asyncio.Event()
        self._rng = random.Random()
        self._database = Backoff(f"worker {self.name}")
        self._parked = 0
        self._listening = False
        self.attempts = 0

    @property
    def listening(self) -> bool:
        return self._listening

    @listening.setter
    def listening(self, up: bool) -> None:
        if up != self._listening:
            WORKER_LISTENING.inc(1 if up else -1)
        self._listening = up

    def stop(self) -> None:
        self.stopping.set()
        self._wake.set()

    def status(self) -> dict[str, object]:
        """The readiness signal: ready while the database answers; `wakeups` says LISTEN or polling."""
        return {
            "status": "unavailable" if self._database.failing else "ready",
            "database": "unreachable" if self._database.failing else "reachable",
            "wakeups": "listen" if self.listening else ("polling" if self.listen_dsn else "polling (LISTEN off)"),
            "worker": self.name,
        }

    async def serve_health(self, port: int, host: str = "127.0.0.1") -> asyncio.Server:
        """A minimal HTTP endpoint for `sla worker`: GET /readyz answers the status (503 while the database is
        unreachable), GET /healthz answers 200 while the process runs."""

        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                async with asyncio.timeout(5):
                    request = await reader.readline()
                    while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass
                path = request.split(b" ")[1] if request.count(b" ") >= 2 else b""
                if path == b"/readyz":
                    body = self.status()
                    code = 503 if body["status"] != "ready" else 200
                elif path == b"/healthz":
                    body, code = {"status": "ok"}, 200
                else:
                    body, code = {"status": 404, "code": "not_found", "detail": "GET /readyz or /healthz"}, 404
                payload = json.dumps(body).encode()
                reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[code]
                writer.write(
                    f"HTTP/1.1 {code} {reason}\r\ncontent-type: application/json\r\n"
                    f"content-length: {len(payload)}\r\nconnection: close\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
            except (OSError, TimeoutError, IndexError):
                pass
            finally:
                writer.close()

        return await asyncio.start_server(answer, host, port)

    async def run(self) -> None:
        sender = Sender(self.policy)
        try:
            async with asyncio.TaskGroup() as group:
                if self.listen_dsn:
                    group.create_task(self._listen_loop())
                group.create_task(self._dispatch(sender, group))
                group.create_task(self._timer_loop())
        finally:
            await sender.aclose()

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self.stopping.wait()

    async def _listen_loop(self) -> None:
        """Keep a LISTEN connection open; while it is down, the dispatcher polls. Logs once each way."""
        failures = 0
        while not self.stopping.is_set():
            connection = None
            try:
                connection = await asyncpg.connect(self.listen_dsn, timeout=max(1.0, self.poll_interval * 5))
                dropped = asyncio.Event()
                # `event=dropped` binds this connection's event, not whichever a later iteration makes.
                connection.add_termination_listener(lambda *_, event=dropped: event.set())
                await connection.add_listener(NOTIFY_CHANNEL, lambda *_: self._wake.set())
                if failures:
                    log.warning("LISTEN restored; wake-ups are immediate again")
                failures = 0
                self.listening = True
                self._wake.set()  # anything committed while it was down
                waiters = {asyncio.ensure_future(dropped.wait()), asyncio.ensure_future(self.stopping.wait())}
                try:
                    while not connection.is_closed():
                        done, _ = await asyncio.wait(
                            waiters, timeout=max(self.poll_interval, 1.0), return_when=asyncio.FIRST_COMPLETED
                        )
                        if done:
                            break
                finally:
                    for waiter in waiters:
                        waiter.cancel()
                if self.stopping.is_set():
                    return
                raise ConnectionError("the LISTEN connection was closed")
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, ConnectionError) as exc:
                self.listening = False
                if failures == 0:
                    log.warning(
                        "LISTEN unavailable (%s); polling every %.1fs until it is restored",
                        _reason(exc),
                        self.poll_interval,
                    )
                failures += 1
                await self._pause(min(self.listen_retry_cap, 0.2 * 2 ** min(failures, 16)))
            finally:
                self.listening = self.listening and not self.stopping.is_set()
                if connection is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(connection.close(), 1.0)

    async def _sleep(self) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.poll_interval):
                await self._wake.wait()
        if not self.stopping.is_set():
            self._wake.clear()

    async def _dispatch(self, sender: Sender, group: asyncio.TaskGroup) -> None:
        lanes = asyncio.Semaphore(self.lanes)
        while not self.stopping.is_set():
            await lanes.acquire()
            if self.stopping.is_set():
                lanes.release()
                break
            try:
                lease = await self._database_call(self.claim)
            except _Unavailable as outage:
                lanes.release()
                await self._pause(outage.delay)
                continue
            if lease is None:
                lanes.release()
                await self._sleep()
                continue
            group.create_task(self._lane(sender, lease, lanes))

    async def claim(self) -> Lease | None:
        async with self.sessionmaker() as session:
            lease = await claim_subscription(
                session, self.name, now=self.clock(), lease_seconds=self.policy.lease_seconds
            )
            await session.commit()
        return lease

    async def _lane(self, sender: Sender, lease: Lease, lanes: asyncio.Semaphore) -> None:
        parked = False

        def hand_off() -> None:
            nonlocal parked
            if not parked and self._parked < self.lanes * PARKED_PER_LANE:
                parked = True
                self._parked += 1
                lanes.release()

        lost = asyncio.Event()
        keeper = asyncio.create_task(self._keep_lease(lease, lost))
        try:
            self.attempts += await deliver_subscription(
                self.sessionmaker,
                sender,
                lease,
                clock=self.clock,
                rng=self._rng,
                stopping=self.stopping,
                lost=lost,
                slow_after=self.handoff_seconds,
                on_slow=hand_off,
            )
        except Exception as exc:  # noqa: BLE001 - keep the worker alive; the lease lets others take over
            if is_connection_failure(exc):
                log.warning(
                    "lane for subscription %s stopped: database unavailable (%s)", lease.subscription_id, _reason(exc)
                )
            else:
                log.exception("lane for subscription %s failed", lease.subscription_id)
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
            with contextlib.suppress(Exception):
                async with self.sessionmaker() as session:
                    await release_subscription(session, lease)
                    await session.commit()
            if parked:
                self._parked -= 1
            else:
                lanes.release()
            self._wake.set()  # more may be due (the batch size was reached, or others waited for a lane)

    async def _keep_lease(self, lease: Lease, lost: asyncio.Event) -> None:
        """Renew the lease every third of its length; a renewal that fails, or does not answer before the lease
        would run out, stops the lane."""
        loop = asyncio.get_running_loop()
        held_until = loop.time() + self.policy.lease_seconds
        while True:
            await asyncio.sleep(self.policy.lease_seconds / 3)
            asked = loop.time()
            try:
                async with asyncio.timeout(max(0.0, held_until - asked)):
                    async with self.sessionmaker() as session:
                        held = await renew_lease(
                            session, lease, now=self.clock(), lease_seconds=self.policy.lease_seconds
                        )
                        await session.commit()
            except Exception as exc:  # noqa: BLE001 - an unrenewed lease is a lost one
                log.warning(
                    "lease on subscription %s not renewed (%s); stopping its lane", lease.subscription_id, _reason(exc)
                )
                held = False
            if not held:
                lost.set()
                return
            held_until = asked + self.policy.lease_seconds

    async def _database_call(self, call: Callable[[], Awaitable[T]]) -> T:
        try:
            result = await call()
        except Exception as exc:
            if not is_connection_failure(exc):
                raise
            raise _Unavailable(self._database.failed(exc)) from None
        self._database.succeeded()
        return result

    async def _timer_loop(self) -> None:
        while not self.stopping.is_set():
            delay = self.poll_interval
            try:
                await self._database_call(self._fire_timers)
                self._beat()
            except _Unavailable as outage:
                delay = outage.delay
            except Exception:  # noqa: BLE001
                log.exception("timers failed")
            await self._pause(delay)

    def _beat(self) -> None:
        if self.heartbeat_file is None:
            return
        try:
            self.heartbeat_file.write_text(f"{self.clock().isoformat()} {self.name}\n")
        except OSError as error:  # a full or read-only disk must not stop deliveries; the check will fail
            log.warning("worker heartbeat file %s not written: %s", self.heartbeat_file, error.strerror)

    async def _fire_timers(self) -> None:
        if self.close_periods_after_days is not None:
            async with self.sessionmaker.begin() as session:
                await schedule_automatic_close(session, now=self.clock(), after_days=self.close_periods_after_days)
        async with self.sessionmaker.begin() as session:
            await schedule_due_reports(session, now=self.clock())
        TIMERS_FIRED.inc(await fire_due_timers(self.sessionmaker, now=self.clock()))
        await self._prune()

    async def _prune(self) -> None:
        """Retention, once per `retention_interval` in each worker (deletes skip rows another worker holds)."""
        now = self.clock()
        if self.retention is None or (self._next_prune is not None and now < self._next_prune):
            return
        self._next_prune = now + timedelta(seconds=self.retention_interval)
        async with self.sessionmaker.begin() as session:
            pruned = await prune(session, self.retention, now=now)
        if any(pruned.values()):
            log.info("retention pruned %s", pruned, extra={"pruned": pruned})


def make_worker(sessionmaker: async_sessionmaker[AsyncSession], settings, *, lanes: int | None = None) -> Worker:
    """The worker as the settings (`api.settings.Settings`) describe it, for `sla serve` and `sla worker`."""
    return Worker(
        sessionmaker,
        listen_dsn(settings.database_url) if settings.worker_listen else None,
        settings.delivery_policy(),
        lanes=lanes or settings.worker_lanes,
        poll_interval=settings.worker_poll_seconds,
        handoff_seconds=settings.worker_handoff_seconds,
        close_periods_after_days=settings.close_periods_after_days,
        retention=settings.retention_policy(),
        retention_interval=settings.retention_interval_seconds,
        heartbeat_file=settings.worker_heartbeat_file,
    )


class _Unavailable(Exception):
    def __init__(self, delay: float) -> None:
        self.delay = delay
