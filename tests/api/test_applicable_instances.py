"""The applicable-SLA mapping cache on committed data: answered without a statement while the outbox listener is up,
dropped by the notification a change sends, and the same across two `sla serve` instances on one database."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import text

from services.outbox_listener import OutboxListener
from services.ticketing.applicable_mapping import MAPPINGS, NOTIFY_PAYLOAD, listener_changed
from tests.flows import accept_invitations, sla_clauses
from tests.schema.test_statement_count import counting_statements
from tests.support.committed import committed_app, sla_command, worker_env

# This branch's port range (18400-18499).
PORTS = (18431, 18432)


@pytest.fixture
async def env(engine, database_url):
    async with committed_app(engine, database_url) as env:
        env.database_url = database_url
        yield env


async def _active_agreement(env) -> tuple[dict, str, dict]:
    provider, customer = await env.party("Provider"), await env.party("Customer")
    h = {"provider": await env.headers(provider), "customer": await env.headers(customer)}
    body = {
        "title": "Support",
        "memberships": [
            {"party_id": str(provider.id), "role": "provider"},
            {"party_id": str(customer.id), "role": "customer"},
        ],
        "clauses": sla_clauses(),
    }
    created = await env.client.post("/v1/agreements", json=body, headers=h["provider"])
    assert created.status_code == 201, created.text
    agreement = f"/v1/agreements/{created.json()['id']}"
    await accept_invitations(env.client, created.json()["id"], h["customer"])
    assert (await env.client.post(f"{agreement}/versions", json={}, headers=h["provider"])).status_code == 201
    for side in ("provider", "customer"):
        assert (await env.client.post(f"{agreement}/versions/1/approve", headers=h[side])).status_code == 200
    assert (await env.client.post(f"{agreement}/activate", headers=h["provider"])).status_code == 200
    return h, agreement, {"customer": str(customer.id), "priority": "P1"}


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


async def _amend(client: httpx.AsyncClient, agreement: str, h: dict, duration: str, number: int) -> None:
    """A new version whose P1 first response takes `duration`, accepted by both sides."""
    clauses = sla_clauses()
    clauses[0]["terms"]["targets"][0]["duration"] = duration
    proposed = await client.post(
        f"{agreement}/versions", json={"clauses": [clauses[0]], "summary": duration}, headers=h["provider"]
    )
    assert proposed.status_code == 201, proposed.text
    for side in ("provider", "customer"):
        approved = await client.post(f"{agreement}/versions/{number}/approve", headers=h[side])
        assert approved.status_code == 200, approved.text


async def test_a_lookup_from_the_mapping_costs_no_statement_and_a_change_drops_it(env, engine) -> None:
    h, agreement, lookup = await _active_agreement(env)
    lookup["opened_at"] = _now()
    listener = OutboxListener(
        worker_env(env.database_url)["DATABASE_URL"], {NOTIFY_PAYLOAD: MAPPINGS.clear}, on_live=listener_changed
    )
    MAPPINGS.seconds = 30.0
    task = asyncio.create_task(listener.run())
    try:
        async with asyncio.timeout(10):
            while not MAPPINGS.usable:
                await asyncio.sleep(0.05)
        first = await env.client.get("/v1/sla/applicable", params=lookup, headers=h["provider"])
        assert first.status_code == 200, first.text
        assert first.json()["version"]["number"] == 1
        with counting_statements(engine) as statements:
            again = await env.client.get("/v1/sla/applicable", params=lookup, headers=h["provider"])
        assert again.json() == first.json()
        assert [s for s in statements if "agreement" in s] == []  # the token check may read; the lookup does not

        generation = MAPPINGS.generation
        suspended = await env.client.post(f"{agreement}/suspend", json={}, headers=h["provider"])
        assert suspended.status_code == 200, suspended.text
        async with asyncio.timeout(5):  # the notification arrives on commit
            while MAPPINGS.generation == generation:
                await asyncio.sleep(0.01)
        answer = (await env.client.get("/v1/sla/applicable", params=lookup, headers=h["provider"])).json()
        assert answer["targets"] == [] and "suspended" in answer["reason"]
    finally:
        listener.stop()
        await task
        MAPPINGS.seconds = 0.0
    assert not MAPPINGS.usable  # and without the listener, the mapping stands aside


async def _serve(database_url: str, port: int) -> subprocess.Popen:
    env = worker_env(database_url)
    return subprocess.Popen(
        [*sla_command(), "serve", "--no-worker", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "SLA_RATE_LIMIT": "off"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def _listeners(env) -> int:
    async with env.sessionmaker() as session:
        return await session.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND query LIKE 'LISTEN%sla_webhooks%'"
            )
        )


@contextlib.asynccontextmanager
async def two_instances(env, ports: tuple[int, int]) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """Two `sla serve` processes on the test database, each answering and listening on the notification channels."""
    processes = [await _serve(env.database_url, port) for port in ports]
    try:
        a, b = (httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) for port in ports)
        async with a, b:
            async with asyncio.timeout(60):
                for client in (a, b):
                    while True:
                        try:
                            if (await client.get("/healthz")).status_code == 200:
                                break
                        except httpx.TransportError:
                            pass
                        await asyncio.sleep(0.2)
                while await _listeners(env) < 2:  # both instances hear the outbox channel
                    await asyncio.sleep(0.1)
            yield a, b
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                await asyncio.to_thread(process.wait, 15)
            except subprocess.TimeoutExpired:
                process.kill()


async def test_a_change_written_through_one_instance_is_read_through_the_other_at_once(env) -> None:
    h, agreement, lookup = await _active_agreement(env)
    async with two_instances(env, PORTS) as (a, b):

        async def through_b() -> dict:
            response = await b.get("/v1/sla/applicable", params={**lookup, "opened_at": _now()}, headers=h["provider"])
            assert response.status_code == 200, response.text
            return response.json()

        for _ in range(3):  # kept in b's mapping
            assert (await through_b())["version"]["number"] == 1

        assert (await a.post(f"{agreement}/suspend", json={}, headers=h["provider"])).status_code == 200
        assert "suspended" in (await through_b())["reason"]
        assert (await a.post(f"{agreement}/resume", json={}, headers=h["provider"])).status_code == 200
        assert (await through_b())["targets"][0]["duration"] == "PT1H"

        await _amend(a, agreement, h, "PT2H", 2)
        answer = await through_b()
        assert answer["version"]["number"] == 2
        assert answer["targets"][0]["duration"] == "PT2H"
