"""`GET /v1/events/stream` against a real `sla serve --demo`: real commits, real NOTIFY, real HTTP streaming.

Two parties stream at once; each receives its own events within a second of the commit and never the other's;
`Last-Event-ID` resumes with what was missed; a revoked API client's stream ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Iterator

import asyncpg
import httpx
import pytest
from httpx_sse import ServerSentEvent, aconnect_sse

from tests.demo_server import DemoServer, demo_server

PORT = 19201


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server(
        database_url,
        tmp_path_factory.mktemp("stream"),
        PORT,
        "stream",
        # Longer than the one second an event may take, so only the NOTIFY wake-up can be that fast.
        SLA_EVENT_STREAM_HEARTBEAT_SECONDS="4",
    ) as running:
        yield running


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _draft(client: httpx.AsyncClient, server: DemoServer, provider: str, title: str) -> str:
    """A draft of `provider` ("PROVIDER": Acme, "CUSTOMER": Globex) with the demo's third party as its customer:
    Acme's and Globex's drafts share no member but that one."""
    answer = await client.post(
        "/v1/agreements",
        headers=_auth(server.token(provider)),
        json={
            "title": title,
            "timezone": "Europe/Berlin",
            "memberships": [
                {"party_id": server.token(f"{provider}_ID"), "role": "provider"},
                {"party_id": server.token("THIRD_PARTY_ID"), "role": "customer"},
            ],
        },
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


class Stream:
    """An open stream read in the background: what arrived, with when."""

    def __init__(self) -> None:
        self.received: list[tuple[float, ServerSentEvent]] = []
        self.opened = asyncio.Event()
        self.changed = asyncio.Event()

    async def read(self, client: httpx.AsyncClient, token: str, headers: dict[str, str] | None = None) -> None:
        async with aconnect_sse(
            client, "GET", "/v1/events/stream", headers={**_auth(token), **(headers or {})}
        ) as source:
            assert source.response.status_code == 200
            assert source.response.headers["content-type"].startswith("text/event-stream")
            self.opened.set()
            async for message in source.aiter_sse():
                self.received.append((time.monotonic(), message))
                self.changed.set()

    def events(self) -> list[dict]:
        # A heartbeat comment comes out of httpx-sse as a message without data.
        return [json.loads(m.data) for _, m in self.received if m.data and m.event != "stream.closed"]

    async def until(self, predicate, timeout: float = 5.0) -> tuple[float, ServerSentEvent]:
        async with asyncio.timeout(timeout):
            while True:
                for arrived, message in self.received:
                    if predicate(message):
                        return arrived, message
                self.changed.clear()
                await self.changed.wait()


@pytest.fixture
async def client(server: DemoServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.api, timeout=httpx.Timeout(10, read=30)) as http:
        yield http


def _about(agreement_id: str):
    return lambda m: m.data and json.loads(m.data).get("agreement_id") == agreement_id


async def test_each_party_gets_its_own_events_within_a_second_and_never_the_others(server, client):
    provider, customer = Stream(), Stream()
    readers = [
        asyncio.create_task(provider.read(client, server.token("PROVIDER"))),
        asyncio.create_task(customer.read(client, server.token("CUSTOMER"))),
    ]
    try:
        await asyncio.wait_for(asyncio.gather(provider.opened.wait(), customer.opened.wait()), 10)
        await asyncio.sleep(0.3)  # both streams are past their first read and waiting on LISTEN
        committed = time.monotonic()
        customer_draft = await _draft(client, server, "CUSTOMER", "Globex only")
        arrived, message = await customer.until(_about(customer_draft))
        assert arrived - committed < 1.0, f"the customer's event arrived after {arrived - committed:.2f} s"
        assert message.event == "agreement.created"
        assert message.id, "each event carries an id to resume from"

        committed = time.monotonic()
        provider_draft = await _draft(client, server, "PROVIDER", "Acme only")
        arrived, _ = await provider.until(_about(provider_draft))
        assert arrived - committed < 1.0, f"the provider's event arrived after {arrived - committed:.2f} s"
        # The provider's stream passed the customer's (earlier) commit without showing it, and vice versa.
        await asyncio.sleep(1.5)  # a heartbeat later: still nothing of the other party's
        assert all(e.get("agreement_id") != customer_draft for e in provider.events())
        assert all(e.get("agreement_id") != provider_draft for e in customer.events())
    finally:
        for reader in readers:
            reader.cancel()
        await asyncio.gather(*readers, return_exceptions=True)


async def test_last_event_id_resumes_with_the_missed_events(server, client):
    first = Stream()
    reader = asyncio.create_task(first.read(client, server.token("PROVIDER")))
    try:
        await asyncio.wait_for(first.opened.wait(), 10)
        await asyncio.sleep(0.3)
        seen = await _draft(client, server, "PROVIDER", "Seen")
        _, last = await first.until(_about(seen))
    finally:
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)
    # While disconnected: two more of the provider's events and one of the customer's.
    missed = [await _draft(client, server, "PROVIDER", f"Missed {n}") for n in (1, 2)]
    others = await _draft(client, server, "CUSTOMER", "Not the provider's")
    resumed = Stream()
    reader = asyncio.create_task(resumed.read(client, server.token("PROVIDER"), {"Last-Event-ID": last.id}))
    try:
        await resumed.until(_about(missed[1]))
    finally:
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)
    ids = [e["agreement_id"] for e in resumed.events()]
    assert seen not in ids, "resuming starts after the Last-Event-ID, not at it"
    assert ids.index(missed[0]) < ids.index(missed[1])
    assert others not in ids


async def test_a_stream_starts_at_now_without_last_event_id(server, client):
    before = await _draft(client, server, "PROVIDER", "Before")
    stream = Stream()
    reader = asyncio.create_task(stream.read(client, server.token("PROVIDER")))
    try:
        await asyncio.wait_for(stream.opened.wait(), 10)
        await asyncio.sleep(0.3)
        after = await _draft(client, server, "PROVIDER", "After")
        await stream.until(_about(after))
    finally:
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)
    assert before not in [e.get("agreement_id") for e in stream.events()]


async def test_the_stream_closes_when_its_client_is_revoked(server, client):
    # A token of a fresh API client of the provider, so revoking it touches no other test.
    created = await client.post(
        f"/v1/parties/{server.token('PROVIDER_ID')}/clients",
        headers=_auth(server.token("OPERATOR")),
        json={"name": "portal"},
    )
    assert created.status_code == 201, created.text
    credentials = created.json()
    issued = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": credentials["client_id"],
            "client_secret": credentials["client_secret"],
        },
    )
    assert issued.status_code == 200, issued.text
    stream = Stream()
    reader = asyncio.create_task(stream.read(client, issued.json()["access_token"]))
    try:
        await asyncio.wait_for(stream.opened.wait(), 10)
        await asyncio.sleep(0.5)
        revoked = await client.post(f"/v1/clients/{credentials['id']}/revoke", headers=_auth(server.token("OPERATOR")))
        assert revoked.status_code == 200, revoked.text
        # Noticed at the next wake-up: the heartbeat at the latest.
        _, closing = await stream.until(lambda m: m.event == "stream.closed", timeout=8)
        assert "revoked" in json.loads(closing.data)["reason"]
        await asyncio.wait_for(reader, 5)  # the server ended the response
    finally:
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)


async def test_an_idle_stream_sends_heartbeat_comments(server, client):
    async with client.stream("GET", "/v1/events/stream", headers=_auth(server.token("CUSTOMER"))) as answer:
        async with asyncio.timeout(8):
            async for line in answer.aiter_lines():
                if line.startswith(": heartbeat"):
                    break


async def test_the_stream_refuses_what_the_list_refuses(server, client):
    assert (await client.get("/v1/events/stream")).status_code == 401
    bad = await client.get("/v1/events/stream", headers={**_auth(server.token("PROVIDER")), "Last-Event-ID": "nope"})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")


async def test_open_streams_share_one_listen_connection(database_url):
    """However many streams are open, the process holds one LISTEN connection, and each is still woken."""
    from services.event_stream import StreamWakeups, listen_hub  # noqa: PLC0415 - the unit under test
    from services.events import EVENTS_CHANNEL  # noqa: PLC0415

    dsn = database_url.replace("postgresql+asyncpg://", "postgresql://")
    notifier = await asyncpg.connect(dsn)
    count_listening = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%sla_events%'"
    )
    try:
        before = await notifier.fetchval(count_listening)
        async with contextlib.AsyncExitStack() as stack:
            streams = [await stack.enter_async_context(StreamWakeups(dsn)) for _ in range(20)]
            hub = listen_hub(dsn)
            assert hub.streams == 20
            assert await notifier.fetchval(count_listening) == before + 1
            for stream in streams:
                stream.arm()
            await notifier.execute(f"NOTIFY {EVENTS_CHANNEL}")
            woken = await asyncio.gather(*(stream.wait(5) for stream in streams))
            assert all(woken)
        assert hub.streams == 0  # the last one out closed the connection
        async with asyncio.timeout(5):  # the backend of a closed connection leaves pg_stat_activity shortly after
            while await notifier.fetchval(count_listening) != before:
                await asyncio.sleep(0.05)
    finally:
        await notifier.close()
