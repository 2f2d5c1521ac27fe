"""An API process's LISTEN connection on the outbox channel, for caches that must drop what a commit changed.

The worker listens on the same channel to wake up (`worker/loop.py`); this one hands each notification's payload to
the handler registered for it (`"applicable"`: the applicable-SLA mapping; `"watermark"`, on a channel of its own
so that workers are not woken by it: the watermarks of `services.watermarks`). While the connection is down, `live`
is false and `on_live(False)` tells the caches that depend on it to stand aside; `on_live(True)` when it is back
(they start empty, since anything may have changed in between).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import asyncpg

from services.events import NOTIFY_CHANNEL

log = logging.getLogger("sla.listener")


class OutboxListener:
    def __init__(
        self,
        dsn: str,
        handlers: dict[str, Callable[[], None]],
        *,
        on_live: Callable[[bool], None] | None = None,
        retry_cap: float = 30.0,
        channels: tuple[str, ...] = (NOTIFY_CHANNEL,),
    ) -> None:
        self.dsn = dsn
        self.channels = channels
        self.handlers = handlers
        self.on_live = on_live
        self.retry_cap = retry_cap
        self.live = False
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    def _notified(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        handler = self.handlers.get(payload)
        if handler is not None:
            handler()

    def _set_live(self, live: bool) -> None:
        self.live = live
        if self.on_live is not None:
            self.on_live(live)  # on both edges: whatever was kept may have changed while nobody listened

    async def run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            connection: asyncpg.Connection | None = None
            try:
                connection = await asyncpg.connect(self.dsn, timeout=5)
                dropped = asyncio.Event()
                connection.add_termination_listener(lambda *_, dropped=dropped: dropped.set())
                for channel in self.channels:
                    await connection.add_listener(channel, self._notified)
                if failures:
                    log.warning("outbox LISTEN restored; caches are used again")
                failures = 0
                self._set_live(True)
                waiters = {asyncio.ensure_future(dropped.wait()), asyncio.ensure_future(self._stopping.wait())}
                try:
                    while not connection.is_closed():
                        done, _ = await asyncio.wait(waiters, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)
                        if done:
                            break
                finally:
                    for waiter in waiters:
                        waiter.cancel()
                if not self._stopping.is_set():
                    raise ConnectionError("the LISTEN connection was closed")
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, ConnectionError) as exc:
                if failures == 0:
                    log.warning("outbox LISTEN unavailable (%s); caches that need it are off", type(exc).__name__)
                failures += 1
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(min(self.retry_cap, 0.2 * 2 ** min(failures, 16))):
                        await self._stopping.wait()
            finally:
                if self.live:
                    self._set_live(False)
                if connection is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(connection.close(), 1.0)
