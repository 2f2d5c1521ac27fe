"""The caller's events as they happen: what `list_events` shows it, read again whenever a commit notifies.

A stream holds no transaction while it waits. It listens on `EVENTS_CHANNEL` (every new event notifies it on
commit, `services.events.notify_event_stream`), so an idle stream costs no query until something happens or its
heartbeat is due. Each wake-up reads the events after the last position sent, in pages, with the same scoping and
role filtering as `GET /v1/events`, so the stream never shows what the list would not.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from types import TracebackType

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Event
from services.actors import Actor
from services.events import EVENTS_CHANNEL, EventOut, event_out, list_events
from services.pagination import MAX_LIMIT, encode_cursor

log = logging.getLogger("sla.event_stream")


class StreamWakeups:
    """One LISTEN connection for one stream: `wait` returns when a commit notified, or after `timeout` seconds.

    `channel` is `EVENTS_CHANNEL` (any new event) unless told; `wanted`, if given, keeps only the notifications
    whose payload it accepts (a ticket's changes, say), so the others cost the stream nothing.
    Without a DSN (an app bound to a test transaction) or while the connection is down, `wait` just sleeps out
    its timeout, so the stream degrades to reading once per heartbeat instead of failing.
    """

    def __init__(
        self, dsn: str | None, *, channel: str = EVENTS_CHANNEL, wanted: Callable[[str], bool] | None = None
    ) -> None:
        self.dsn = dsn
        self.channel = channel
        self.wanted = wanted
        self._woken = asyncio.Event()
        self._connection: asyncpg.Connection | None = None

    async def __aenter__(self) -> StreamWakeups:
        if self.dsn is not None:
            try:
                self._connection = await asyncpg.connect(self.dsn, timeout=5)
                await self._connection.add_listener(self.channel, self._notified)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                log.warning("event stream LISTEN unavailable (%s); reading once per heartbeat", type(exc).__name__)
                await self._close()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._close()

    async def _close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._connection.close(), 1.0)
            self._connection = None

    def _notified(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        if self.wanted is None or self.wanted(payload):
            self._woken.set()

    def arm(self) -> None:
        """Forget earlier notifications; called before each read, so a commit during the read wakes the next wait."""
        self._woken.clear()

    async def wait(self, timeout: float) -> bool:
        """True when a commit notified, False when the timeout passed first."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._woken.wait()
                return True
        return False


class StreamedEvent:
    __slots__ = ("event", "resume_id")

    def __init__(self, event: EventOut, resume_id: str) -> None:
        self.event = event
        # The `GET /v1/events` cursor of this event's position: resuming with it (Last-Event-ID) continues after it.
        self.resume_id = resume_id


async def events_after(
    sessionmaker: async_sessionmaker[AsyncSession],
    actor: Actor,
    *,
    after: str | None,
    types: list[str] | None,
) -> list[StreamedEvent]:
    """Every event the caller may see after the cursor `after` (None: none yet), oldest first, read page by page in
    short transactions of their own."""
    found: list[StreamedEvent] = []
    cursor = after
    while True:
        async with sessionmaker() as session:
            items, next_cursor = await list_events(session, actor, types=types, limit=MAX_LIMIT, cursor=cursor)
        for event, role in items:
            found.append(StreamedEvent(event_out(event, role, actor), encode_cursor(event.position)))
        if next_cursor is None:
            return found
        cursor = next_cursor


async def latest_position(sessionmaker: async_sessionmaker[AsyncSession]) -> str:
    """A cursor after every event committed so far: a stream opened without Last-Event-ID starts from now."""
    async with sessionmaker() as session:
        position = await current_position(session)
    return encode_cursor(position)


async def current_position(session: AsyncSession) -> int:
    value = await session.scalar(select(func.coalesce(func.max(Event.position), 0)))
    return int(value or 0)
