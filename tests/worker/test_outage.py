"""A 20-second database outage, for real: the worker reaches PostgreSQL through a TCP relay that is cut and
restored. It writes a bounded number of log lines (no tracebacks), and resumes delivering by itself."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import pytest
from sqlalchemy.engine import make_url

from db.engine import make_engine, make_sessionmaker
from tests.support.committed import committed_app
from tests.support.receiver import Receiver
from worker.loop import Worker, listen_dsn

RELAY_PORT = 18610  # this branch's port range
OUTAGE_SECONDS = 20.0


class Relay:
    """Forwards 127.0.0.1:RELAY_PORT to the test database (TCP, or the embedded server's unix socket); `cut()`
    drops every connection and refuses new ones."""

    def __init__(self, database_url: str) -> None:
        url = make_url(database_url)
        socket_dir = url.query.get("host")
        port = url.port or int(str(url.query.get("port", 5432)))
        self.socket = f"{socket_dir}/.s.PGSQL.{port}" if isinstance(socket_dir, str) else None
        self.target = (url.host or "127.0.0.1", port)
        self.relayed_url = (
            url.difference_update_query(["host", "port"])
            .set(host="127.0.0.1", port=RELAY_PORT)
            .render_as_string(hide_password=False)
        )
        self.server: asyncio.Server | None = None
        self.pipes: set[asyncio.Task] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._connect, "127.0.0.1", RELAY_PORT, reuse_address=True)

    async def _connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await (
                asyncio.open_unix_connection(self.socket) if self.socket else asyncio.open_connection(*self.target)
            )
        except OSError:
            writer.close()
            return
        for source, sink in ((reader, upstream_writer), (upstream_reader, writer)):
            task = asyncio.create_task(self._pipe(source, sink))
            self.pipes.add(task)
            task.add_done_callback(self.pipes.discard)

    @staticmethod
    async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            sink.close()

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for task in list(self.pipes):
            task.cancel()
        await asyncio.gather(*self.pipes, return_exceptions=True)
        await self.server.wait_closed()

    async def stop(self) -> None:
        await self.cut()


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def worker_lines():
    handler = _Lines()
    logger = logging.getLogger("sla.worker")
    previous = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)
    logger.setLevel(previous)


async def _agreement(env, provider, customer) -> None:
    body = {
        "title": "Support",
        "memberships": [
            {"party_id": str(provider.id), "role": "provider"},
            {"party_id": str(customer.id), "role": "customer"},
        ],
    }
    r = await env.client.post("/v1/agreements", json=body, headers=await env.headers(provider))
    assert r.status_code == 201, r.text


async def test_a_20_second_outage_costs_a_few_lines_and_the_worker_resumes(engine, database_url, worker_lines):
    relay = Relay(database_url)
    await relay.start()
    relayed_url = relay.relayed_url
    relayed = make_engine(relayed_url, pool_size=4)
    rx = await Receiver().start()
    try:
        async with committed_app(engine, database_url) as env:
            provider, customer = await env.party("Acme"), await env.party("Globex")
            r = await env.client.post(
                "/v1/webhooks",
                json={"url": rx.url, "event_types": ["agreement.created"]},
                headers=await env.headers(provider),
            )
            assert r.status_code == 201, r.text
            worker = Worker(
                make_sessionmaker(relayed),
                listen_dsn(relayed_url),
                env.settings.delivery_policy(),
                lanes=2,
                poll_interval=0.2,
            )
            task = asyncio.create_task(worker.run())
            try:
                await _agreement(env, provider, customer)
                await rx.wait_for(1)

                await relay.cut()
                before = len(worker_lines)
                await asyncio.sleep(OUTAGE_SECONDS / 2)
                # The API (on its own connection) keeps recording events while the worker cannot reach them.
                await _agreement(env, provider, customer)
                await asyncio.sleep(OUTAGE_SECONDS / 2)
                assert worker.status()["database"] == "unreachable"
                during = worker_lines[before:]

                await relay.start()
                # Backoff is capped at 30 s; after a 20 s outage the next try is at most ~16 s away.
                await rx.wait_for(2, timeout=45)
                assert worker.status()["database"] == "reachable"
            finally:
                worker.stop()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(task, 30)
    finally:
        await relayed.dispose()
        await relay.stop()
        await rx.stop()

    messages = [record.getMessage() for record in during]
    # One line per backoff step (0.5, 1, 2, 4, 8, 16 s) for the dispatcher, the timers and LISTEN: a handful, not
    # one per lane per poll (the issue counted 23,000 lines in 25 s).
    assert 2 <= len(during) <= 25, messages
    assert all(record.exc_info is None for record in during), messages
    assert any("database unavailable" in message for message in messages), messages
