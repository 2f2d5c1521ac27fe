"""Delivery that stays correct with slow and dead endpoints: fenced leases, the circuit breaker, lanes that slow
endpoints cannot hold, subscription changes honoured mid-batch, LISTEN re-opened, database outages waited out.
Real worker code, real local receivers, committed data."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
import uuid
from datetime import timedelta

import httpx
import pytest
from prometheus_client import REGISTRY
from sqlalchemy import func, select, text, update

from api.settings import Settings
from db.engine import make_engine, make_sessionmaker
from db.models import Event, WebhookAttempt, WebhookDelivery, WebhookSubscription
from services.webhooks.delivery import DeliveryPolicy, Lease, Outcome, Sender, claim_subscription, record_attempt
from services.webhooks.ssrf import parse_networks
from tests.support.committed import committed_app
from tests.support.receiver import Receiver
from worker.loop import Worker, listen_dsn


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def worker_log():
    """What the worker logged (its logger may not propagate to pytest's capture)."""
    handler = _Records()
    logger = logging.getLogger("sla.worker")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


async def _subscribe(env, party, url, types=("*",)):
    r = await env.client.post(
        "/v1/webhooks", json={"url": url, "event_types": list(types)}, headers=await env.headers(party)
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _agreement(env, provider, customer) -> str:
    body = {
        "title": "Support",
        "memberships": [
            {"party_id": str(provider.id), "role": "provider"},
            {"party_id": str(customer.id), "role": "customer"},
        ],
    }
    r = await env.client.post("/v1/agreements", json=body, headers=await env.headers(provider))
    assert r.status_code == 201, r.text
    return r.json()["id"]


async def _update_draft(env, party, agreement_id: str, times: int) -> None:
    h = await env.headers(party)
    path = f"/v1/agreements/{agreement_id}"
    for i in range(times):
        version = (await env.client.get(path, headers=h)).json()["version"]
        r = await env.client.patch(path, json={"title": f"Support {i}"}, headers={**h, "If-Match": f'"{version}"'})
        assert r.status_code == 200, r.text


def _worker(env, *, lanes: int = 8, poll: float = 0.2, **kwargs) -> Worker:
    return Worker(
        env.sessionmaker,
        listen_dsn(env.settings.database_url),
        env.settings.delivery_policy(),
        lanes=lanes,
        poll_interval=poll,
        **kwargs,
    )


async def _until(condition, timeout: float = 20.0) -> None:
    async with asyncio.timeout(timeout):
        while not await condition():
            await asyncio.sleep(0.05)


async def _stop(workers, tasks) -> None:
    for worker in workers:
        worker.stop()
    await asyncio.gather(*tasks)


def _sequences(rx: Receiver) -> list[int]:
    return [json.loads(r.body)["data"]["sequence"] for r in rx.requests]


@pytest.mark.parametrize("workers", [1, 2])
async def test_a_receiver_slower_than_the_lease_gets_each_event_once_in_order(engine, database_url, workers):
    # Each answer takes longer than the whole lease: only renewal on a timer keeps a second lane away.
    async with committed_app(engine, database_url, worker_lease_seconds=1.5, webhook_timeout_seconds=5) as env:
        provider, customer = await env.party("Acme"), await env.party("Globex")
        rx = await Receiver(default="slow", hang_seconds=1.6).start()
        await _subscribe(env, provider, rx.url, types=["agreement.created", "agreement.updated"])
        agreement_id = await _agreement(env, provider, customer)
        await _update_draft(env, provider, agreement_id, 3)
        running = [_worker(env, lanes=8, name=f"w{i}") for i in range(workers)]
        tasks = [asyncio.create_task(w.run()) for w in running]
        try:
            await rx.wait_for(4, timeout=30)
            await asyncio.sleep(2.0)  # time for a duplicate to show up
        finally:
            await _stop(running, tasks)
        assert _sequences(rx) == [1, 2, 3, 4]
        async with env.sessionmaker() as session:
            attempts = list(await session.scalars(select(WebhookAttempt)))
            statuses = set(await session.scalars(select(WebhookDelivery.status)))
        assert sorted(a.attempt_number for a in attempts) == [1] * 4 and statuses == {"succeeded"}


async def test_a_lane_that_lost_its_lease_records_nothing(engine, database_url):
    async with committed_app(engine, database_url) as env:
        provider, customer = await env.party("Acme"), await env.party("Globex")
        rx = await Receiver().start()
        sub = await _subscribe(env, provider, rx.url)
        await _agreement(env, provider, customer)
        now = env.app.state.clock()
        takeovers = REGISTRY.get_sample_value("sla_webhook_lease_takeovers_total")
        async with env.sessionmaker() as session:
            mine = await claim_subscription(session, "a", now=now, lease_seconds=30)
            await session.commit()
        assert REGISTRY.get_sample_value("sla_webhook_lease_takeovers_total") == takeovers  # a free subscription
        # The lease expires (a stalled process) and another lane claims it: the fencing token moves on.
        async with env.sessionmaker() as session:
            await session.execute(update(WebhookSubscription).values(lease_expires_at=now - timedelta(seconds=1)))
            theirs = await claim_subscription(session, "b", now=now, lease_seconds=30)
            await session.commit()
            delivery = await session.scalar(select(WebhookDelivery))
        assert theirs.token == mine.token + 1 and str(theirs.subscription_id) == sub["id"]
        assert REGISTRY.get_sample_value("sla_webhook_lease_takeovers_total") == takeovers + 1
        for stale in (mine, Lease(mine.subscription_id, "b", mine.token)):
            async with env.sessionmaker() as session:
                assert not await record_attempt(
                    session,
                    stale,
                    delivery.id,
                    Outcome(200, None, 5),
                    env.settings.delivery_policy(),
                    now=now,
                    rng=random.Random(),
                    started_at=now,
                )
                await session.commit()
        async with env.sessionmaker() as session:
            assert await session.scalar(select(func.count()).select_from(WebhookAttempt)) == 0
            assert (await session.get(WebhookDelivery, delivery.id)).status == "pending"


async def test_eight_dead_endpoints_do_not_delay_a_healthy_one(engine, database_url):
    async with committed_app(engine, database_url, webhook_timeout_seconds=8) as env:
        provider, customer, healthy = await env.party("Acme"), await env.party("Globex"), await env.party("Healthy")
        dead = [await Receiver(default="timeout", hang_seconds=10).start() for _ in range(8)]
        for rx in dead:
            await _subscribe(env, provider, rx.url, types=["agreement.created"])
        for _ in range(3):
            await _agreement(env, provider, customer)
        fine = await Receiver().start()
        await _subscribe(env, healthy, fine.url, types=["agreement.created"])
        worker = _worker(env, lanes=8, poll=0.2)
        task = asyncio.create_task(worker.run())
        try:
            for rx in dead:
                await rx.wait_for(1, timeout=10)  # every lane has met a dead endpoint
            await asyncio.sleep(0.3)
            await _agreement(env, healthy, customer)
            committed = time.monotonic()  # the answer follows the commit
            await fine.wait_for(1, timeout=10)
            delay = time.monotonic() - committed
        finally:
            await _stop([worker], [task])
            for rx in dead:
                await rx.stop()
        # Within one poll interval (plus scheduling slack on a loaded machine), not the dead endpoints' 8 s timeout.
        assert delay <= worker.poll_interval + 0.3, delay
        assert all(len(rx.requests) == 1 for rx in dead)  # one attempt each, not one lane each per delivery


async def test_a_dead_endpoint_costs_one_attempt_per_backoff_step_and_its_owner_is_told(engine, database_url):
    async with committed_app(
        engine, database_url, webhook_breaker_threshold=2, webhook_retry_schedule="0.4,0.4,0.4,0.4,0.4,0.4,0.4,0.4"
    ) as env:
        provider, customer = await env.party("Acme"), await env.party("Globex")
        rx = await Receiver(default=500).start()
        ops = await Receiver().start()
        sub = await _subscribe(env, provider, rx.url, types=["agreement.created"])
        await _subscribe(env, provider, ops.url, types=["webhook.failing"])
        for _ in range(10):
            await _agreement(env, provider, customer)
        worker = _worker(env, poll=0.1)
        task = asyncio.create_task(worker.run())
        try:
            await asyncio.sleep(2.0)
            failed_requests = len(rx.requests)
            rx.default = 200  # the endpoint recovers: the next probe closes the circuit and the backlog drains

            async def drained():
                async with env.sessionmaker() as session:
                    return (
                        await session.scalar(
                            select(func.count()).where(
                                WebhookDelivery.status == "pending",
                                WebhookDelivery.subscription_id == uuid.UUID(sub["id"]),
                            )
                        )
                        == 0
                    )

            await _until(drained, timeout=20)
            await ops.wait_for(1)
        finally:
            await _stop([worker], [task])
        # 2 failures open the circuit; then probes 0.4, 0.8 s apart: about 4 in two seconds, not 10 × retries.
        assert 2 <= failed_requests <= 5, failed_requests
        (notice,) = ops.requests
        payload = json.loads(notice.body)
        assert payload["type"] == "webhook.failing" and payload["data"]["subscription"]["id"] == sub["id"]
        async with env.sessionmaker() as session:
            row = await session.get(WebhookSubscription, uuid.UUID(sub["id"]))
            assert (row.consecutive_failures, row.circuit_open_until) == (0, None)
            feed = list(await session.scalars(select(Event.type).where(Event.subject_party_id == provider.id)))
            own = await session.scalar(
                select(func.count())
                .select_from(WebhookDelivery)
                .join(Event, Event.id == WebhookDelivery.event_id)
                .where(Event.type == "webhook.failing", WebhookDelivery.subscription_id == uuid.UUID(sub["id"]))
            )
        assert feed.count("webhook.failing") == 1 and own == 0
        r = await env.client.get("/v1/events", params={"type": "webhook.failing"}, headers=await env.headers(provider))
        assert [e["type"] for e in r.json()["items"]] == ["webhook.failing"]


async def test_an_exhausted_delivery_is_announced_to_the_owner(engine, database_url):
    async with committed_app(engine, database_url, webhook_breaker_threshold=100, webhook_retry_schedule="0.1") as env:
        provider, customer = await env.party("Acme"), await env.party("Globex")
        rx, ops = await Receiver(default=500).start(), await Receiver().start()
        sub = await _subscribe(env, provider, rx.url, types=["agreement.created"])
        await _subscribe(env, provider, ops.url, types=["webhook.delivery_exhausted"])
        await _agreement(env, provider, customer)
        worker = _worker(env, poll=0.1)
        task = asyncio.create_task(worker.run())
        try:
            await ops.wait_for(1)
        finally:
            await _stop([worker], [task])
        assert len(rx.requests) == 2
        payload = json.loads(ops.requests[0].body)
        assert payload["type"] == "webhook.delivery_exhausted"
        assert payload["data"]["subscription"]["id"] == sub["id"] and payload["data"]["attempts"] == 2
        # Both survive the common members: the failed event's id, and this notice's own event id.
        failed = json.loads(rx.requests[0].body)
        assert failed["type"] == "agreement.created"
        assert payload["data"]["failed_event_id"] == failed["data"]["event_id"]
        assert payload["data"]["event_id"] != failed["data"]["event_id"]
        r = await env.client.get(
            "/v1/events", params={"type": "webhook.delivery_exhausted"}, headers=await env.headers(provider)
        )
        assert [e["id"] for e in r.json()["items"]] == [payload["data"]["event_id"]]


async def test_pause_url_change_and_delete_apply_before_the_next_attempt(engine, database_url, worker_log):
    async with committed_app(engine, database_url) as env:
        provider, customer = await env.party("Acme"), await env.party("Globex")
        h = await env.headers(provider)
        old, new = (
            await Receiver(default="slow", hang_seconds=0.3).start(),
            await Receiver(default="slow", hang_seconds=0.3).start(),
        )
        sub = await _subscribe(env, provider, old.url, types=["agreement.created", "agreement.updated"])
        agreement_id = await _agreement(env, provider, customer)
        await _update_draft(env, provider, agreement_id, 14)
        worker = _worker(env)
        task = asyncio.create_task(worker.run())
        path = f"/v1/webhooks/{sub['id']}"
        try:
            await old.wait_for(2)
            assert (await env.client.post(f"{path}/pause", headers=h)).status_code == 200
            at_pause = len(old.requests)
            await asyncio.sleep(1.0)
            assert len(old.requests) <= at_pause + 1  # at most the attempt already under way
            r = await env.client.patch(path, json={"url": new.url}, headers=h)
            assert r.status_code == 200, r.text
            assert (await env.client.post(f"{path}/resume", headers=h)).status_code == 200
            at_move = len(old.requests)
            await new.wait_for(2)
            assert (await env.client.delete(path, headers=h)).status_code == 204
            at_delete = len(new.requests)
            await asyncio.sleep(1.0)
        finally:
            await _stop([worker], [task])
        assert len(old.requests) == at_move
        assert len(new.requests) <= at_delete + 1
        sequences = _sequences(old) + _sequences(new)
        assert sequences == sorted(set(sequences)), sequences  # nothing sent twice, nothing out of order
        assert not [r.getMessage() for r in worker_log if r.levelno >= logging.ERROR]


async def test_listen_is_reopened_after_connections_are_terminated(engine, database_url, worker_log):
    async with committed_app(engine, database_url) as env:
        provider, customer = await env.party("Acme"), await env.party("Globex")
        rx = await Receiver().start()
        await _subscribe(env, provider, rx.url, types=["agreement.created"])
        # Polling every 2 s: only LISTEN makes delivery immediate.
        worker = _worker(env, poll=2.0, listen_retry_cap=0.5)
        task = asyncio.create_task(worker.run())
        health = await worker.serve_health(0)
        port = health.sockets[0].getsockname()[1]

        async def latency() -> float:
            count = len(rx.requests)
            committed = time.monotonic()
            await _agreement(env, provider, customer)
            await rx.wait_for(count + 1, timeout=10)
            return time.monotonic() - committed

        try:
            await _until(lambda: _is(worker.listening))
            idle = await latency()
            async with engine.connect() as connection:
                await connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            await _until(lambda: _is(not worker.listening), timeout=5)
            await _until(lambda: _is(worker.listening), timeout=10)
            after = await latency()
            async with httpx.AsyncClient() as client:
                ready = await client.get(f"http://127.0.0.1:{port}/readyz")
            env.app.state.worker = worker  # as `sla serve` runs it in-process: the API's /readyz reports it
            api_ready = (await env.client.get("/readyz")).json()
        finally:
            health.close()
            await _stop([worker], [task])
        assert idle < 1.0 and after < 1.0, (idle, after)
        assert ready.status_code == 200 and ready.json()["wakeups"] == "listen"
        assert api_ready["status"] == "ready" and api_ready["worker"]["wakeups"] == "listen"
        messages = [r.getMessage() for r in worker_log]
        assert sum("LISTEN unavailable" in m for m in messages) == 1
        assert sum("LISTEN restored" in m for m in messages) == 1


async def _is(value: bool) -> bool:
    return value


async def test_a_database_outage_is_waited_out_with_one_line_per_step(database_url, worker_log):
    # Nothing listens on this port (the range reserved for this branch's servers).
    dead = make_engine("postgresql://postgres@127.0.0.1:18219/sla_webhooks_none", pool_size=2)
    policy = Settings(environment="test", webhook_allow_networks="127.0.0.0/8").delivery_policy()
    worker = Worker(make_sessionmaker(dead), None, policy, lanes=8, poll_interval=0.05)
    task = asyncio.create_task(worker.run())
    try:
        await asyncio.sleep(2.0)
        status = worker.status()
    finally:
        await _stop([worker], [task])
        await dead.dispose()
    lines = list(worker_log)
    # Backoff 0.5, 1, 2 s … for the dispatcher and the timers: a handful of lines, not one per lane per poll.
    assert 2 <= len(lines) <= 8, [r.getMessage() for r in lines]
    assert all(r.exc_info is None for r in lines)
    assert all("database unavailable" in r.getMessage() for r in lines)
    assert status["status"] == "unavailable" and status["database"] == "unreachable"


async def test_requests_to_one_endpoint_respect_the_concurrency_limit():
    rx = await Receiver(default="slow", hang_seconds=0.4).start()
    other = await Receiver(default="slow", hang_seconds=0.4).start()
    sender = Sender(DeliveryPolicy(endpoint_concurrency=1, allow_networks=parse_networks("127.0.0.0/8")))
    try:
        started = time.monotonic()
        outcomes = await asyncio.gather(*(sender.send(url, {}, b"{}") for url in (rx.url, rx.url, other.url)))
        elapsed = time.monotonic() - started
    finally:
        await sender.aclose()
        await rx.stop()
        await other.stop()
    assert [o.status_code for o in outcomes] == [200, 200, 200]
    # Two requests to one host:port run one after the other; another endpoint does not wait for them.
    assert 0.8 <= elapsed < 1.2, elapsed
    assert outcomes[2].latency_ms < 700
