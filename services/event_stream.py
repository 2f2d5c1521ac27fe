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


class _ListenHub:
    """One LISTEN connection per process (and database), shared by every open stream and subscription of it.

    A connection per stream would let a few dozen open portals use up PostgreSQL's `max_connections`. The hub opens
    its connection with the first stream, LISTENs on each channel some stream waits on, hands every notification to
    the streams of its channel, and closes when the last stream leaves. When the connection is lost, the streams read
    once per heartbeat (their `wait` times out) until a stream arrives or leaves and the hub connects again.
    """

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.loop = asyncio.get_running_loop()
        self._connection: asyncpg.Connection | None = None
        self._listening: set[str] = set()
        self._streams: dict[str, set[StreamWakeups]] = {}
        self._lock = asyncio.Lock()

    @property
    def streams(self) -> int:
        return sum(len(each) for each in self._streams.values())

    async def join(self, stream: StreamWakeups) -> None:
        async with self._lock:
            self._streams.setdefault(stream.channel, set()).add(stream)
            await self._listen()

    async def leave(self, stream: StreamWakeups) -> None:
        async with self._lock:
            self._streams.get(stream.channel, set()).discard(stream)
            if self.streams == 0:
                await self._close()
            else:
                await self._listen()

    async def _listen(self) -> None:
        """Connected and listening on every channel a stream waits on (reconnecting after a loss)."""
        if self._connection is not None and self._connection.is_closed():
            self._connection, self._listening = None, set()
        try:
            if self._connection is None:
                self._connection = await asyncpg.connect(self.dsn, timeout=5)
            for channel in [c for c, streams in self._streams.items() if streams and c not in self._listening]:
                await self._connection.add_listener(channel, self._notified)
                self._listening.add(channel)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("event stream LISTEN unavailable (%s); reading once per heartbeat", type(exc).__name__)
            await self._close()

    async def _close(self) -> None:
        connection, self._connection, self._listening = self._connection, None, set()
        if connection is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 1.0)

    def _notified(self, _connection: object, _pid: int, channel: str, payload: str) -> None:
        for stream in list(self._streams.get(channel, ())):
            stream.notified(payload)


_HUBS: dict[str, _ListenHub] = {}


def listen_hub(dsn: str) -> _ListenHub:
    """This process's hub for `dsn`, made on first use. A hub belongs to the event loop that made it (its connection
    and lock do): a process that runs another loop later (tests do) gets a hub of its own there."""
    loop = asyncio.get_running_loop()
    hub = _HUBS.get(dsn)
    if hub is None or hub.loop is not loop:
        hub = _HUBS[dsn] = _ListenHub(dsn)
    return hub


class StreamWakeups:
    """A stream's wake-ups: `wait` returns when a commit notified, or after `timeout` seconds.

    `channel` is `EVENTS_CHANNEL` (any new event) unless told; `wanted`, if given, keeps only the notifications
    whose payload it accepts (a ticket's changes, say), so the others cost the stream nothing. The notifications
    come through the process's shared LISTEN connection (`_ListenHub`). Without a DSN (an app bound to a test
    transaction) or while that connection is down, `wait` just sleeps out its timeout, so the stream degrades to
    reading once per heartbeat instead of failing.
    """

    def __init__(
        self, dsn: str | None, *, channel: str = EVENTS_CHANNEL, wanted: Callable[[str], bool] | None = None
    ) -> None:
        self.dsn = dsn
        self.channel = channel
        self.wanted = wanted
        self._woken = asyncio.Event()
        self._hub: _ListenHub | None = None

    async def __aenter__(self) -> StreamWakeups:
        if self.dsn is not None:
            self._hub = listen_hub(self.dsn)
            await self._hub.join(self)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._hub is not None:
            hub, self._hub = self._hub, None
            await asyncio.shield(hub.leave(self))

    def notified(self, payload: str) -> None:
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
