"""Webhook delivery benchmark: two `sla worker` processes and a local receiver that answers 200 at once.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python -m bench.webhooks   # from the repository root

(without DATABASE_URL the embedded PostgreSQL in ./.sla-bench is used). The database is emptied first.
Prints, side by side with a baseline measured in the same run:
- deliveries per second through the workers vs. the same receiver driven directly by one HTTP client with no
  database (the ceiling of this machine's HTTP path);
- commit-to-first-attempt latency when idle with LISTEN/NOTIFY vs. polling only.

`--resilience` (also run after the above unless `--throughput-only`) measures, with scaled-down settings:
- requests per event with a receiver slower than the lease (3 s lease, 1 s per answer, 8 events queued), with
  one and with two workers, and whether they arrived in order;
- the delay of a healthy endpoint's delivery while eight endpoints never answer (5 s timeout, 3 deliveries each,
  one worker with 8 lanes).
Run it against another checkout by copying this file there (it imports the code next to it).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx

from db.embedded import start_embedded
from db.engine import make_engine, make_sessionmaker
from db.migrate import migrate
from services.actors import ALL_SCOPES, Actor
from services.events import record_event
from services.parties import PartyInput, create_party
from services.webhooks.ssrf import parse_networks
from services.webhooks.subscriptions import SubscriptionCreate, create_subscription
from tests.support.committed import truncate_all

SUBSCRIPTIONS = 20
EVENTS = 250  # × SUBSCRIPTIONS deliveries
LATENCY_SAMPLES = 100
OPERATOR = Actor(party_id=None, scopes=frozenset(ALL_SCOPES), subject="bench")


class CountingReceiver:
    def __init__(self) -> None:
        self.count = 0
        self.arrivals: dict[str, float] = {}

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        host, port = self.server.sockets[0].getsockname()[:2]
        return f"http://{host}:{port}/hook"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.readline():  # the request line; empty at the end of the stream
                length = 0
                msg_id = None
                while (header := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = header.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    elif name.lower() == "webhook-id":
                        msg_id = value.strip()
                await reader.readexactly(length)
                self.count += 1
                if msg_id:
                    self.arrivals.setdefault(msg_id, time.monotonic())
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


def start_workers(url: str, count: int, listen: bool, **settings: str) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SLA_WEBHOOK_ALLOW_NETWORKS": "127.0.0.0/8",
        "SLA_WORKER_LISTEN": "1" if listen else "0",
        "SLA_WORKER_POLL_SECONDS": "1.0",
        "SLA_WORKER_LANES": "8",
        **settings,
    }
    command = [sys.executable, "-c", "from api.cli import main; main()", "worker"]
    return [
        subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=Path(__file__).resolve().parents[1],
        )
        for _ in range(count)
    ]


def stop(workers: list[subprocess.Popen]) -> None:
    for w in workers:
        w.terminate()
    for w in workers:
        w.wait(timeout=30)


async def database() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = await asyncio.to_thread(start_embedded, Path(".sla-bench"))
    await migrate(url)
    return url


class SlowReceiver:
    """Answers 200 after `delay` seconds; records every request's webhook-id and the event's `n`."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.received: list[tuple[str, int]] = []

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        host, port = self.server.sockets[0].getsockname()[:2]
        return f"http://{host}:{port}/slow"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.readline():
                length, msg_id = 0, ""
                while (header := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = header.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                    elif name.lower() == "webhook-id":
                        msg_id = value.strip()
                body = await reader.readexactly(length)
                self.received.append((msg_id, __import__("json").loads(body)["data"]["n"]))
                await asyncio.sleep(self.delay)
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def dead_receiver() -> str:
    """Accepts connections and never answers."""

    async def hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.read()
        finally:
            writer.close()

    server = await asyncio.start_server(hang, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    return f"http://{host}:{port}/dead"


async def _subscriptions(sessionmaker, name: str, urls: list[str]):
    allow = parse_networks("127.0.0.0/8")
    now = datetime.now(UTC)
    async with sessionmaker.begin() as session:
        party = await create_party(session, OPERATOR, PartyInput(name=name), now=now)
        actor = Actor(party_id=party.id, scopes=frozenset(ALL_SCOPES))
        for hook in urls:
            await create_subscription(
                session, actor, SubscriptionCreate(url=hook, event_types=["agreement.updated"]), now=now, allow=allow
            )
    return party, actor


async def _events(sessionmaker, party, actor, count: int) -> list[str]:
    async with sessionmaker.begin() as session:
        return [
            str(
                (
                    await record_event(
                        session,
                        actor,
                        "agreement.updated",
                        now=datetime.now(UTC),
                        subject_party_id=party.id,
                        payload={"n": n},
                    )
                ).id
            )
            for n in range(count)
        ]


async def resilience() -> None:
    url = await database()
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    slow_rows = []
    for workers in (1, 2):
        await truncate_all(engine)
        receiver = SlowReceiver(delay=1.0)
        party, actor = await _subscriptions(sessionmaker, "Slow", [await receiver.start()])
        ids = await _events(sessionmaker, party, actor, 8)
        started = time.monotonic()
        running = start_workers(url, workers, listen=True, SLA_WORKER_LEASE_SECONDS="3")
        while {m for m, _ in receiver.received} != set(ids) and time.monotonic() - started < 120:
            await asyncio.sleep(0.05)
        await asyncio.sleep(4)  # time for duplicates to show up
        stop(running)
        order = [n for _, n in receiver.received]
        slow_rows.append((workers, len(receiver.received), len(ids), order == sorted(set(order)), order))
        receiver.server.close()

    await truncate_all(engine)
    dead = [await dead_receiver() for _ in range(8)]
    dead_party, dead_actor = await _subscriptions(sessionmaker, "Dead", dead)
    healthy = CountingReceiver()
    healthy_party, healthy_actor = await _subscriptions(sessionmaker, "Healthy", [await healthy.start()])
    await _events(sessionmaker, dead_party, dead_actor, 3)
    running = start_workers(url, 1, listen=True, SLA_WEBHOOK_TIMEOUT_SECONDS="5")
    await asyncio.sleep(6)  # boot, and every lane meets a dead endpoint
    (msg_id,) = await _events(sessionmaker, healthy_party, healthy_actor, 1)
    committed = time.monotonic()
    while msg_id not in healthy.arrivals and time.monotonic() - committed < 120:
        await asyncio.sleep(0.005)
    delay = healthy.arrivals.get(msg_id, float("nan")) - committed
    stop(running)
    await engine.dispose()

    print("\nSlow receiver (answers after 1 s; lease 3 s; 8 events queued)")
    print(f"{'workers':<10}{'requests':>10}{'events':>8}{'req/event':>11}{'in order':>10}  arrival order (n)")
    for workers, requests, events, in_order, order in slow_rows:
        print(f"{workers:<10}{requests:>10}{events:>8}{requests / events:>11.2f}{str(in_order):>10}  {order}")
    print("\nHealthy endpoint beside 8 dead ones (5 s timeout, 3 deliveries each, 8 lanes, poll 1 s)")
    print(f"{'commit -> healthy delivery':<30}{delay * 1000:>10.0f} ms\n")


async def main() -> None:
    url = await database()
    engine = make_engine(url)
    await truncate_all(engine)
    sessionmaker = make_sessionmaker(engine)
    receiver = CountingReceiver()
    hook = await receiver.start()
    now = datetime.now(UTC)
    async with sessionmaker.begin() as session:
        party = await create_party(session, OPERATOR, PartyInput(name="Bench"), now=now)
        actor = Actor(party_id=party.id, scopes=frozenset(ALL_SCOPES))
        allow = parse_networks("127.0.0.0/8")
        subs = [
            await create_subscription(
                session,
                actor,
                SubscriptionCreate(url=f"{hook}?s={i}", event_types=["agreement.updated"]),
                now=now,
                allow=allow,
            )
            for i in range(SUBSCRIPTIONS)
        ]
    del subs

    # Baseline 1: the receiver driven directly, no database, 16 concurrent connections.
    total = EVENTS * SUBSCRIPTIONS
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=16)) as client:
        started = time.monotonic()
        queue = list(range(total))

        async def drive() -> None:
            while queue:
                queue.pop()
                await client.post(hook, content=b"{}", headers={"webhook-id": "baseline"})

        await asyncio.gather(*(drive() for _ in range(16)))
        direct_rate = total / (time.monotonic() - started)
    receiver.count = 0

    # Throughput through two workers.
    workers = start_workers(url, 2, listen=True)
    await asyncio.sleep(3)  # boot
    async with sessionmaker.begin() as session:
        for _ in range(EVENTS):
            await record_event(
                session,
                actor,
                "agreement.updated",
                now=datetime.now(UTC),
                subject_party_id=party.id,
                payload={"bench": True},
            )
    started = time.monotonic()
    while receiver.count < total:
        await asyncio.sleep(0.01)
    worker_rate = total / (time.monotonic() - started)
    stop(workers)

    latencies = {}
    for mode, listen in (("LISTEN/NOTIFY", True), ("polling only (1 s)", False)):
        async with sessionmaker.begin() as session:
            await session.execute(
                __import__("sqlalchemy").text(
                    "UPDATE webhook_subscriptions SET status = 'paused' WHERE url NOT LIKE '%?s=0'"
                )
            )
        workers = start_workers(url, 2, listen=listen)
        await asyncio.sleep(3)
        samples = []
        for _ in range(LATENCY_SAMPLES):
            async with sessionmaker.begin() as session:
                event = await record_event(
                    session,
                    actor,
                    "agreement.updated",
                    now=datetime.now(UTC),
                    subject_party_id=party.id,
                    payload={"bench": True},
                )
                msg_id = str(event.id)
            committed = time.monotonic()
            while msg_id not in receiver.arrivals:
                await asyncio.sleep(0.001)
            samples.append((receiver.arrivals[msg_id] - committed) * 1000)
            await asyncio.sleep(0.05)  # idle between changes
        stop(workers)
        latencies[mode] = samples

    await engine.dispose()

    def pct(values, p):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    print(f"\nWebhook delivery, {os.cpu_count()} cores, {total} deliveries over {SUBSCRIPTIONS} subscriptions\n")
    print(f"{'throughput':<44}{'deliveries/s':>14}")
    print(f"{'two sla worker processes (target >= 500/s)':<44}{worker_rate:>14.0f}")
    print(f"{'baseline: direct HTTP, no database':<44}{direct_rate:>14.0f}")
    print(f"\n{'commit -> first attempt, idle':<28}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for mode, samples in latencies.items():
        label = mode + (" (target p99 <= 500)" if mode == "LISTEN/NOTIFY" else " baseline")
        print(f"{label:<28}{statistics.median(samples):>10.1f}{pct(samples, 99):>10.1f}{max(samples):>10.1f}")
    print()


if __name__ == "__main__":
    uuid.uuid4()
    if "--resilience" not in sys.argv:
        asyncio.run(main())
    if "--throughput-only" not in sys.argv:
        asyncio.run(resilience())
