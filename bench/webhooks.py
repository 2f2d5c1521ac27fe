"""Webhook delivery benchmark: two `sla worker` processes and a local receiver that answers 200 at once.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python bench/webhooks.py

(without DATABASE_URL the embedded PostgreSQL in ./.sla-bench is used). The database is emptied first.
Prints, side by side with a baseline measured in the same run:
- deliveries per second through the workers vs. the same receiver driven directly by one HTTP client with no
  database (the ceiling of this machine's HTTP path);
- commit-to-first-attempt latency when idle with LISTEN/NOTIFY vs. polling only.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.migrate import migrate  # noqa: E402
from services.actors import ALL_SCOPES, Actor  # noqa: E402
from services.events import record_event  # noqa: E402
from services.parties import PartyInput, create_party  # noqa: E402
from services.webhooks import SubscriptionCreate, create_subscription  # noqa: E402
from services.ssrf import parse_networks  # noqa: E402
from tests.support.committed import truncate_all  # noqa: E402

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
            while line := await reader.readline():
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


def start_workers(url: str, count: int, listen: bool) -> list[subprocess.Popen]:
    env = {**os.environ, "DATABASE_URL": url, "SLA_WEBHOOK_ALLOW_NETWORKS": "127.0.0.0/8",
           "SLA_WORKER_LISTEN": "1" if listen else "0", "SLA_WORKER_POLL_SECONDS": "1.0", "SLA_WORKER_LANES": "8"}
    command = [sys.executable, "-c", "from api.cli import main; main()", "worker"]
    return [subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parents[1]) for _ in range(count)]


def stop(workers: list[subprocess.Popen]) -> None:
    for w in workers:
        w.terminate()
    for w in workers:
        w.wait(timeout=30)


async def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        from db.embedded import start_embedded

        url = await asyncio.to_thread(start_embedded, Path(".sla-bench"))
    await migrate(url)
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
        subs = [await create_subscription(session, actor, SubscriptionCreate(url=f"{hook}?s={i}",
                event_types=["agreement.updated"]), now=now, allow=allow) for i in range(SUBSCRIPTIONS)]
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
            await record_event(session, actor, "agreement.updated", now=datetime.now(UTC), subject_party_id=party.id,
                               payload={"bench": True})
    started = time.monotonic()
    while receiver.count < total:
        await asyncio.sleep(0.01)
    worker_rate = total / (time.monotonic() - started)
    stop(workers)

    latencies = {}
    for mode, listen in (("LISTEN/NOTIFY", True), ("polling only (1 s)", False)):
        async with sessionmaker.begin() as session:
            await session.execute(__import__("sqlalchemy").text(
                f"UPDATE webhook_subscriptions SET status = 'paused' WHERE url NOT LIKE '%?s=0'"))
        workers = start_workers(url, 2, listen=listen)
        await asyncio.sleep(3)
        samples = []
        for _ in range(LATENCY_SAMPLES):
            async with sessionmaker.begin() as session:
                event = await record_event(session, actor, "agreement.updated", now=datetime.now(UTC),
                                           subject_party_id=party.id, payload={"bench": True})
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
    asyncio.run(main())
