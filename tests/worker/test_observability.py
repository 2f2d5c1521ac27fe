"""What an operator sees of the worker: one log line per delivery attempt outcome."""

from __future__ import annotations

import asyncio
import logging

import pytest
from prometheus_client import REGISTRY

from tests.flows import sla_clauses
from tests.support.committed import committed_app
from tests.support.receiver import Receiver
from worker.loop import Worker, listen_dsn


@pytest.fixture
async def env(engine, database_url):
    async with committed_app(engine, database_url) as env:
        yield env


async def _subscribe(env, party, url: str, event_type: str) -> dict:
    r = await env.client.post(
        "/v1/webhooks", json={"url": url, "event_types": [event_type]}, headers=await env.headers(party)
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _agreement(env, provider, customer) -> None:
    body = {
        "title": "Support",
        "memberships": [
            {"party_id": str(provider.id), "role": "provider"},
            {"party_id": str(customer.id), "role": "customer"},
        ],
        "clauses": sla_clauses(),
    }
    r = await env.client.post("/v1/agreements", json=body, headers=await env.headers(provider))
    assert r.status_code == 201, r.text


async def _run_worker_until(env, condition) -> None:
    worker = Worker(
        env.sessionmaker, listen_dsn(env.settings.database_url), env.settings.delivery_policy(), poll_interval=0.1
    )
    task = asyncio.create_task(worker.run())
    try:
        async with asyncio.timeout(20):
            while not condition():
                await asyncio.sleep(0.05)
    finally:
        worker.stop()
        await task


async def test_each_attempt_outcome_is_one_line(env, caplog):
    caplog.set_level(logging.INFO, logger="sla.worker.delivery")
    provider, customer = await env.party("Acme"), await env.party("Globex")
    ok_rx, down_rx = await Receiver().start(), await Receiver(default=503).start()
    ok_sub = await _subscribe(env, provider, ok_rx.url, "agreement.created")
    down_sub = await _subscribe(env, customer, down_rx.url, "party.invited")
    await _agreement(env, provider, customer)
    before = {o: attempts(o) for o in ("succeeded", "failed")}

    def lines():
        return [x for x in caplog.records if x.name == "sla.worker.delivery"]

    await _run_worker_until(env, lambda: len(lines()) >= 2)
    by_subscription = {x.subscription_id: x for x in lines()}
    assert len(lines()) == 2 == len(ok_rx.requests) + len(down_rx.requests)
    ok, down = by_subscription[ok_sub["id"]], by_subscription[down_sub["id"]]
    assert (ok.outcome, ok.status_code, ok.levelno) == ("succeeded", 200, logging.INFO)
    assert (down.outcome, down.status_code, down.levelno) == ("failed", 503, logging.WARNING)
    for line in (ok, down):
        assert line.event_id and line.delivery_id and isinstance(line.latency_ms, int)
    assert {o: attempts(o) - before[o] for o in before} == {"succeeded": 1, "failed": 1}


def attempts(outcome: str) -> float:
    return REGISTRY.get_sample_value("sla_webhook_attempts_total", {"outcome": outcome}) or 0.0
