"""Faults that must lose nothing, with real `sla worker` processes, a real receiver and committed data."""

from __future__ import annotations

import asyncio
import collections
import json
import signal
import subprocess

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from tests.support.committed import committed_app, sla_command, worker_env
from tests.support.receiver import Receiver


@pytest.fixture
async def env(engine, database_url):
    async with committed_app(engine, database_url) as env:
        env.database_url = database_url
        yield env


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [*sla_command(), "worker", "--lanes", "4"],
        env=worker_env(env.database_url),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


async def _agreements(env, provider, customer, count: int) -> None:
    h = await env.headers(provider)
    for i in range(count):
        body = {
            "title": f"Agreement {i}",
            "memberships": [
                {"party_id": str(provider.id), "role": "provider"},
                {"party_id": str(customer.id), "role": "customer"},
            ],
        }
        r = await env.client.post("/v1/agreements", json=body, headers=h)
        assert r.status_code == 201, r.text


async def _subscribe(env, party, url, types=("agreement.created",)):
    r = await env.client.post(
        "/v1/webhooks", json={"url": url, "event_types": list(types)}, headers=await env.headers(party)
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _wait(condition, timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not await condition():
            await asyncio.sleep(0.1)


async def _stop(process: subprocess.Popen, signum=signal.SIGTERM) -> str:
    """Signal and wait without blocking the loop: the receiver lives in this loop too."""
    if process.poll() is None:
        process.send_signal(signum)
    try:
        out, _ = await asyncio.to_thread(process.communicate, timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = await asyncio.to_thread(process.communicate)
    return out.decode(errors="replace")


async def test_killed_worker_delivery_is_taken_over_after_the_lease(env):
    provider, customer = await env.party("Acme"), await env.party("Globex")
    rx = await Receiver(script=["timeout"], hang_seconds=60).start()
    sub = await _subscribe(env, provider, rx.url)
    await _agreements(env, provider, customer, 1)
    first = start_worker(env)
    try:
        await rx.wait_for(1)
    finally:
        first.kill()  # SIGKILL while the attempt is in flight: nothing recorded, the lease still held
        await asyncio.to_thread(first.wait)
    second = start_worker(env)
    try:
        await rx.wait_for(2, timeout=30)

        async def succeeded():
            return [d.status for d in await env.deliveries(sub)] == ["succeeded"]

        await _wait(succeeded)
    finally:
        await _stop(second)
    assert rx.requests[0].headers["webhook-id"] == rx.requests[1].headers["webhook-id"]
    Webhook(sub["secret"]).verify(rx.requests[1].body, rx.requests[1].headers)


async def test_graceful_stop_finishes_the_attempt_in_flight(env):
    provider, customer = await env.party("Acme"), await env.party("Globex")
    rx = await Receiver(script=["slow"], hang_seconds=0.8).start()
    sub = await _subscribe(env, provider, rx.url)
    await _agreements(env, provider, customer, 1)
    worker = start_worker(env)
    await rx.wait_for(1)
    output = await _stop(worker, signal.SIGTERM)
    assert worker.returncode == 0, output
    (delivery,), attempts = await env.deliveries(sub), await env.attempts(sub)
    assert delivery.status == "succeeded"
    assert [a.status_code for a in attempts] == [200]


async def test_three_workers_never_send_one_attempt_twice(env):
    provider, customer = await env.party("Acme"), await env.party("Globex")
    rx = await Receiver().start()
    subs = [await _subscribe(env, provider, f"{rx.url}?s={i}") for i in range(5)]
    await _agreements(env, provider, customer, 20)
    workers = [start_worker(env) for _ in range(3)]
    try:
        await rx.wait_for(100, timeout=60)
        await asyncio.sleep(1.0)  # time for any duplicate to show up
    finally:
        outputs = [await _stop(w) for w in workers]
    seen = collections.Counter((r.path, r.headers["webhook-id"]) for r in rx.requests)
    assert len(seen) == 100, outputs
    assert max(seen.values()) == 1
    attempts = await env.attempts(*subs)
    assert len(attempts) == 100 and {a.attempt_number for a in attempts} == {1}
    assert len({a.worker for a in attempts}) >= 1
    by_sub = collections.defaultdict(list)
    for r in rx.requests:
        by_sub[r.path].append(json.loads(r.body)["data"]["agreement"]["title"])
    assert len(by_sub) == len(subs)


async def test_a_worker_started_while_the_database_is_unreachable_retries_then_gives_up(env):
    # Nothing listens on this port (the range reserved for this branch's servers).
    environment = {
        **worker_env("postgresql://postgres@127.0.0.1:18218/sla_webhooks_none"),
        "SLA_WORKER_STARTUP_WAIT_SECONDS": "2",
    }
    started = asyncio.get_running_loop().time()
    process = subprocess.Popen(
        [*sla_command(), "worker", "--lanes", "1"],
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    out, _ = await asyncio.to_thread(process.communicate, timeout=30)
    output = out.decode(errors="replace")
    assert process.returncode != 0
    assert asyncio.get_running_loop().time() - started >= 2
    assert output.count("retrying in") >= 2 and "gave up after 2s" in output
    assert "Traceback" not in output


async def test_sla_worker_reports_readiness_on_its_health_port(env):
    environment = {**worker_env(env.database_url), "SLA_WORKER_HEALTH_PORT": "18217"}
    process = subprocess.Popen(
        [*sla_command(), "worker", "--lanes", "1"],
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        async with httpx.AsyncClient() as client:

            async def listening():
                try:
                    r = await client.get("http://127.0.0.1:18217/readyz")
                except httpx.HTTPError:
                    return False
                return r.status_code == 200 and r.json()["wakeups"] == "listen"

            await _wait(listening, timeout=20)
            assert (await client.get("http://127.0.0.1:18217/healthz")).json() == {"status": "ok"}
    finally:
        await _stop(process)
