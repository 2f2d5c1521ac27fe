"""Watermarks kept per process between notified changes: a warm GraphQL poll runs no statement at all while the
listener is up, a change drops what was kept, and two `sla serve` instances on one database answer alike at once."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from services.outbox_listener import OutboxListener
from services.watermarks import WATERMARK_CHANNEL, WATERMARK_PAYLOAD, WATERMARKS
from tests.api.test_applicable_instances import _active_agreement, two_instances
from tests.schema.test_statement_count import counting_statements
from tests.support.committed import committed_app, worker_env

PORTS = (18435, 18436)
POLL = {"query": "{ agreements(first: 5) { edges { node { title status } } } }"}


@pytest.fixture
async def env(engine, database_url):
    async with committed_app(engine, database_url) as env:
        env.database_url = database_url
        yield env


def _titles(answer: httpx.Response) -> list[tuple[str, str]]:
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "errors" not in body, body
    return [(e["node"]["title"], e["node"]["status"]) for e in body["data"]["agreements"]["edges"]]


async def test_a_warm_poll_runs_no_statement_and_a_change_drops_the_kept_watermark(env, engine) -> None:
    h, agreement, _ = await _active_agreement(env)
    listener = OutboxListener(
        worker_env(env.database_url)["DATABASE_URL"],
        {WATERMARK_PAYLOAD: WATERMARKS.changed},
        on_live=WATERMARKS.listener_changed,
        channels=(WATERMARK_CHANNEL,),
    )
    WATERMARKS.seconds = 30.0
    task = asyncio.create_task(listener.run())
    try:
        async with asyncio.timeout(10):
            while not WATERMARKS.usable:
                await asyncio.sleep(0.05)
        first = _titles(await env.client.post("/graphql", json=POLL, headers=h["customer"]))
        assert first == [("Support", "ACTIVE")]
        with counting_statements(engine) as statements:
            assert _titles(await env.client.post("/graphql", json=POLL, headers=h["customer"])) == first
        assert statements == []  # neither the watermark nor the query: both kept

        generation = WATERMARKS.generation
        suspended = await env.client.post(f"{agreement}/suspend", json={}, headers=h["provider"])
        assert suspended.status_code == 200, suspended.text
        async with asyncio.timeout(5):  # the notification arrives on commit
            while WATERMARKS.generation == generation:
                await asyncio.sleep(0.01)
        assert _titles(await env.client.post("/graphql", json=POLL, headers=h["customer"])) == [
            ("Support", "SUSPENDED")
        ]
    finally:
        listener.stop()
        await task
        WATERMARKS.seconds = 0.0
    assert not WATERMARKS.usable  # without the listener, every poll reads the watermark again


async def test_a_change_written_through_one_instance_is_polled_through_the_other_at_once(env) -> None:
    h, agreement, _ = await _active_agreement(env)
    async with two_instances(env, PORTS) as (a, b):

        async def through_b() -> list[tuple[str, str]]:
            return _titles(await b.post("/graphql", json=POLL, headers=h["customer"]))

        for _ in range(3):  # b keeps the watermark and the answer
            assert await through_b() == [("Support", "ACTIVE")]
        assert (await a.post(f"{agreement}/suspend", json={}, headers=h["provider"])).status_code == 200
        assert await through_b() == [("Support", "SUSPENDED")]
        assert (await a.post(f"{agreement}/resume", json={}, headers=h["provider"])).status_code == 200
        assert await through_b() == [("Support", "ACTIVE")]
