"""GraphQL subscriptions (`graphql-transport-ws`) against a real `sla serve --demo`: a real WebSocket client
(`websockets`), real commits by other requests, real NOTIFY.

Two parties subscribe while both write: each receives its own events within a second of the commit and never the
other's; `ticketSla` pushes a ticket's clocks when a ticket event changes them, and only to those who may see the
ticket; a socket without a valid token is refused (4403, 4401 before `connection_init`); a socket is closed when its
token expires or its API client is revoked; queries do not run over the socket.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from api.settings import Settings
from db.engine import make_engine, make_sessionmaker
from schema.app import SUBSCRIPTION_FIELDS
from services.actors import PARTY_SCOPES
from services.auth.tokens import mint_party_token
from tests.demo_server import DemoServer, demo_server

PORT = 18421
PROTOCOL = "graphql-transport-ws"

EVENTS = "subscription ($types: [EventType!]) { events(types: $types) { id type agreementId data } }"
TICKET = """subscription ($source: String!, $id: String!) {
  ticketSla(source: $source, externalId: $id) { ticket { externalId } clocks { metric status dueAt } }
}"""


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with demo_server(
        database_url,
        tmp_path_factory.mktemp("subscriptions"),
        PORT,
        "subscriptions",
        # Longer than the one second an event may take, so only the NOTIFY wake-up can be that fast.
        SLA_EVENT_STREAM_HEARTBEAT_SECONDS="4",
        SLA_CORS_ORIGINS="https://portal.example",
    ) as running:
        yield running


@pytest.fixture
async def client(server: DemoServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.api, timeout=10) as http:
        yield http


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _ws_url(server: DemoServer) -> str:
    return server.api.replace("http://", "ws://", 1) + "/graphql"


class Subscriber:
    """One socket, one subscription: what arrived, with when."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.received: list[tuple[float, Any]] = []
        self.changed = asyncio.Event()
        self.reader: asyncio.Task[None] | None = None

    @classmethod
    async def open(
        cls, server: DemoServer, token: str, query: str, variables: dict[str, Any] | None = None
    ) -> Subscriber:
        socket = await connect(_ws_url(server), subprotocols=[PROTOCOL])  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
        ack = json.loads(await asyncio.wait_for(socket.recv(), 5))
        assert ack["type"] == "connection_ack", ack
        await socket.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables or {}}})
        )
        subscriber = cls(socket)
        subscriber.reader = asyncio.create_task(subscriber._read())
        return subscriber

    async def _read(self) -> None:
        try:
            async for raw in self.socket:
                message = json.loads(raw)
                assert message["type"] in ("next", "complete", "ping", "pong"), message
                if message["type"] == "next":
                    assert "errors" not in message["payload"], message
                    self.received.append((time.monotonic(), message["payload"]["data"]))
                    self.changed.set()
        except ConnectionClosed:
            pass

    def data(self) -> list[Any]:
        return [data for _, data in self.received]

    async def until(self, predicate, timeout: float = 5.0) -> tuple[float, Any]:
        async with asyncio.timeout(timeout):
            while True:
                for arrived, data in self.received:
                    if predicate(data):
                        return arrived, data
                self.changed.clear()
                await self.changed.wait()

    async def close(self) -> None:
        await self.socket.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


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


def _about(agreement_id: str):
    return lambda data: data["events"]["agreementId"] == agreement_id


async def _fresh_party(client: httpx.AsyncClient, server: DemoServer) -> tuple[str, str]:
    """A new party with an API client of its own: (its token, the client's id), so revoking it touches no other test."""
    operator = _auth(server.token("OPERATOR"))
    party = await client.post("/v1/parties", headers=operator, json={"name": f"Outsider {uuid.uuid4().hex[:6]}"})
    assert party.status_code == 201, party.text
    created = await client.post(f"/v1/parties/{party.json()['id']}/clients", headers=operator, json={"name": "portal"})
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
    return issued.json()["access_token"], credentials["id"]


async def test_each_party_gets_its_own_events_within_a_second_and_never_the_others(server, client):
    provider = await Subscriber.open(server, server.token("PROVIDER"), EVENTS)
    customer = await Subscriber.open(server, server.token("CUSTOMER"), EVENTS)
    try:
        await asyncio.sleep(0.3)  # both subscriptions are past their first read and waiting on LISTEN
        # Both parties write, one after the other, each while the other's subscription is open.
        committed = time.monotonic()
        customer_draft = await _draft(client, server, "CUSTOMER", "Globex only")
        arrived, data = await customer.until(_about(customer_draft))
        assert arrived - committed < 1.0, f"the customer's event arrived after {arrived - committed:.2f} s"
        assert data["events"]["type"] == "agreement.created"

        committed = time.monotonic()
        provider_draft = await _draft(client, server, "PROVIDER", "Acme only")
        arrived, _ = await provider.until(_about(provider_draft))
        assert arrived - committed < 1.0, f"the provider's event arrived after {arrived - committed:.2f} s"
        await asyncio.sleep(1.5)  # still nothing of the other party's
        assert all(d["events"]["agreementId"] != customer_draft for d in provider.data())
        assert all(d["events"]["agreementId"] != provider_draft for d in customer.data())
    finally:
        await provider.close()
        await customer.close()


async def test_types_narrow_the_events(server, client):
    only_updates = await Subscriber.open(server, server.token("PROVIDER"), EVENTS, {"types": ["AGREEMENT_UPDATED"]})
    everything = await Subscriber.open(server, server.token("PROVIDER"), EVENTS)
    try:
        await asyncio.sleep(0.3)
        draft = await _draft(client, server, "PROVIDER", "Renamed later")
        read = await client.get(f"/v1/agreements/{draft}", headers=_auth(server.token("PROVIDER")))
        renamed = await client.patch(
            f"/v1/agreements/{draft}",
            headers={**_auth(server.token("PROVIDER")), "If-Match": read.headers["etag"]},
            json={"title": "Renamed"},
        )
        assert renamed.status_code == 200, renamed.text
        await only_updates.until(_about(draft))
        await everything.until(lambda d: _about(draft)(d) and d["events"]["type"] == "agreement.updated")
        assert {d["events"]["type"] for d in only_updates.data()} == {"agreement.updated"}
        assert {"agreement.created", "agreement.updated"} <= {d["events"]["type"] for d in everything.data()}
    finally:
        await only_updates.close()
        await everything.close()


async def test_ticket_sla_is_pushed_when_its_clocks_change_and_only_to_who_may_see_it(server, client):
    ticket = f"sub-{uuid.uuid4().hex[:8]}"
    variables = {"source": "zendesk", "id": ticket}
    outsider_token, _ = await _fresh_party(client, server)
    provider = await Subscriber.open(server, server.token("PROVIDER"), TICKET, variables)
    customer = await Subscriber.open(server, server.token("CUSTOMER"), TICKET, variables)
    outsider = await Subscriber.open(server, outsider_token, TICKET, variables)
    try:
        # The state at once: no such ticket yet.
        for subscriber in (provider, customer, outsider):
            await subscriber.until(lambda d: d == {"ticketSla": None})
        await asyncio.sleep(0.3)
        opened = datetime.now(UTC) - timedelta(minutes=5)

        async def send(event_id: str, kind: str, at: datetime, **extra: str) -> None:
            event = {"source": "zendesk", "event_id": event_id, "ticket_id": ticket, "type": kind}
            event["occurred_at"] = at.isoformat()
            answer = await client.post(
                "/v1/tickets/events",
                headers=_auth(server.token("PROVIDER")),
                json={"events": [{**event, **extra}]},
            )
            assert answer.status_code == 200, answer.text
            assert answer.json()["accepted"] == 1

        committed = time.monotonic()
        await send(f"{ticket}-1", "created", opened, customer="zendesk:12345", priority="P1")
        arrived, data = await provider.until(lambda d: d["ticketSla"] is not None)
        assert arrived - committed < 1.0, f"the clocks arrived after {arrived - committed:.2f} s"
        assert data["ticketSla"]["ticket"]["externalId"] == ticket
        running = [c for c in data["ticketSla"]["clocks"] if c["status"] == "RUNNING"]
        assert running, data
        await customer.until(lambda d: d == data)  # the customer is on the ticket's agreement

        committed = time.monotonic()
        await send(f"{ticket}-2", "agent_replied", opened + timedelta(minutes=3))
        arrived, replied = await provider.until(lambda d: d != data and d["ticketSla"] is not None)
        assert arrived - committed < 1.0
        assert replied["ticketSla"]["clocks"] != data["ticketSla"]["clocks"]
        await customer.until(lambda d: d == replied)
        await asyncio.sleep(1.0)
        assert outsider.data() == [{"ticketSla": None}], "the outsider saw nothing but the ticket's absence"
        assert len(provider.data()) == 3, "one message per change: the absence, the creation, the reply"
    finally:
        for subscriber in (provider, customer, outsider):
            await subscriber.close()


async def _closed(socket: ClientConnection | Subscriber, timeout: float = 5.0) -> tuple[int | None, str | None]:
    """Read until the server closes the socket: its close code and reason."""
    if isinstance(socket, Subscriber):
        assert socket.reader is not None
        await asyncio.wait_for(asyncio.shield(socket.reader), timeout)
        socket = socket.socket
    try:
        async with asyncio.timeout(timeout):
            async for _ in socket:
                pass
    except ConnectionClosed:
        pass
    assert socket.close_code is not None, "the server did not close the socket"
    return socket.close_code, socket.close_reason


@pytest.mark.parametrize(
    "payload",
    [{}, {"Authorization": "Bearer not-a-jwt"}, {"token": ""}, {"Authorization": "Basic eDp5"}],
    ids=["no token", "malformed", "empty", "not bearer"],
)
async def test_a_socket_without_a_valid_token_is_refused(server, payload):
    async with connect(_ws_url(server), subprotocols=[PROTOCOL]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
        code, _ = await _closed(socket)
    assert code == 4403


async def test_the_token_may_come_as_token(server):
    async with connect(_ws_url(server), subprotocols=[PROTOCOL]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": {"token": server.token("CUSTOMER")}}))
        assert json.loads(await asyncio.wait_for(socket.recv(), 5))["type"] == "connection_ack"


async def test_subscribing_before_connection_init_is_refused(server):
    async with connect(_ws_url(server), subprotocols=[PROTOCOL]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": EVENTS}}))
        code, _ = await _closed(socket)
    assert code == 4401


async def test_a_socket_is_closed_when_its_token_expires(server):
    # A token whose `exp` passed 27 s ago: within the verifiers' 30 s leeway for 3 s more, as it would be over HTTP.
    with mock.patch.dict(os.environ, server.env):
        settings = Settings()
    assert settings.data_dir == Path(server.env["SLA_DATA_DIR"])
    engine = make_engine(server.env["DATABASE_URL"])
    try:
        async with make_sessionmaker(engine)() as session:
            issued_at = datetime.now(UTC) - timedelta(seconds=settings.token_ttl_seconds + 27)
            token = await mint_party_token(
                session,
                settings=settings,
                party_id=uuid.UUID(server.token("CUSTOMER_ID")),
                scopes=list(PARTY_SCOPES),
                now=issued_at,
            )
    finally:
        await engine.dispose()
    subscriber = await Subscriber.open(server, token, EVENTS)
    try:
        opened = time.monotonic()
        code, reason = await _closed(subscriber, timeout=10)
        assert code == 4401
        assert reason == "token has expired"
        assert 1.5 < time.monotonic() - opened < 6, "closed when the token expired, not before nor long after"
    finally:
        await subscriber.close()


async def test_a_socket_is_closed_when_its_client_is_revoked(server, client):
    token, client_id = await _fresh_party(client, server)
    subscriber = await Subscriber.open(server, token, EVENTS)
    try:
        await asyncio.sleep(0.3)
        revoked = await client.post(f"/v1/clients/{client_id}/revoke", headers=_auth(server.token("OPERATOR")))
        assert revoked.status_code == 200, revoked.text
        # Noticed at the next check: the heartbeat (4 s here) at the latest.
        code, reason = await _closed(subscriber, timeout=8)
        assert code == 4401
        assert reason is not None and "revoked" in reason
    finally:
        await subscriber.close()


async def test_only_subscriptions_run_over_the_socket(server, client):
    async with connect(_ws_url(server), subprotocols=[PROTOCOL]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": {"token": server.token("CUSTOMER")}}))
        assert json.loads(await asyncio.wait_for(socket.recv(), 5))["type"] == "connection_ack"
        await socket.send(json.dumps({"id": "q", "type": "subscribe", "payload": {"query": "{ me { scopes } }"}}))
        answer = json.loads(await asyncio.wait_for(socket.recv(), 5))
    assert answer["type"] == "next" and answer["payload"]["data"] is None, answer
    assert answer["payload"]["errors"][0]["extensions"]["code"] == "subscriptions_only", answer
    # And over HTTP a subscription is refused with a clear answer (a request error: 400 under the GraphQL media
    # type, 200 with the error under application/json, as for every GraphQL error), never an internal error.
    for accept, status in (("application/graphql-response+json", 400), ("application/json", 200)):
        over_http = await client.post(
            "/graphql", headers={**_auth(server.token("CUSTOMER")), "Accept": accept}, json={"query": EVENTS}
        )
        assert over_http.status_code == status, over_http.text
        assert over_http.json()["errors"][0]["extensions"]["code"] == "subscription_needs_websocket"


async def test_a_subscription_needs_the_read_scope(server, client):
    """Field scopes apply to subscriptions as to queries: a token without `agreements:read` gets an error."""
    with mock.patch.dict(os.environ, server.env):
        settings = Settings()
    engine = make_engine(server.env["DATABASE_URL"])
    try:
        async with make_sessionmaker(engine)() as session:
            token = await mint_party_token(
                session,
                settings=settings,
                party_id=uuid.UUID(server.token("CUSTOMER_ID")),
                scopes=["tickets:write"],
                now=datetime.now(UTC),
            )
    finally:
        await engine.dispose()
    async with connect(_ws_url(server), subprotocols=[PROTOCOL]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
        assert json.loads(await asyncio.wait_for(socket.recv(), 5))["type"] == "connection_ack"
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": EVENTS}}))
        answer = json.loads(await asyncio.wait_for(socket.recv(), 5))
    assert answer["type"] in ("next", "error"), answer
    errors = answer["payload"]["errors"] if answer["type"] == "next" else answer["payload"]
    assert errors[0]["extensions"]["code"] == "insufficient_scope", answer


async def test_browser_pages_may_connect_only_from_the_cors_origins(server):
    allowed = await connect(_ws_url(server), subprotocols=[PROTOCOL], origin="https://portal.example")  # type: ignore[list-item,arg-type]
    await allowed.close()
    with pytest.raises(InvalidStatus) as refused:
        await connect(_ws_url(server), subprotocols=[PROTOCOL], origin="https://attacker.example")  # type: ignore[list-item,arg-type]
    assert refused.value.response.status_code == 403


def test_every_subscription_has_its_isolation_case_here():
    """A new subscription fails here until a test above shows it never reaches another party's data."""
    assert SUBSCRIPTION_FIELDS == ("events", "ticketSla")
