"""CPU time and statements per batch of ticket events, in-process: a figure that stays meaningful on a shared machine.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python -m bench.ingest_cpu [--batches 12]
        [--statements] [--profile [pyinstrument|cprofile]]

Seeds like `bench.hot_paths` (reused while its marker party exists), then sends `POST /v1/tickets/events` batches of
100 through the real app in this process (httpx's ASGI transport, a real engine, no network hop), shaped like the
benchmark's: new tickets across the 200 customers and priorities, agent replies on tickets opened earlier, and
priority changes on tickets opened earlier. Prints, per batch, the CPU time of this process (`time.process_time`,
which a loaded machine does not inflate the way wall time is), the wall time, the number of SQL statements and the
time spent waiting on them (`--statements` lists each with its time), the CPU time of the PostgreSQL backends serving
this process's connections (from `/proc/<pid>/schedstat`, when PostgreSQL runs on this machine: the database's share
of a batch, which waiting time inflates on a loaded machine and this does not), and the medians per kind of batch (the
first batch, which compiles the versions, is not counted). Like `sla serve` workers, the process freezes what startup
built out of the garbage collector's full passes. `--profile` writes a pyinstrument profile of the measured batches
(when pyinstrument is installed); `--profile cprofile` prints cProfile's functions by own time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import os
import pstats
import statistics
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import event

from api.app import create_app
from api.settings import Settings
from bench.hot_paths import INGEST_BATCH, PRIORITIES, provider_token, seed
from db.engine import make_engine, make_sessionmaker
from db.migrate import migrate


def backend_cpu_seconds(pids: set[int]) -> float | None:
    """CPU time of these PostgreSQL backends so far (the scheduler's nanoseconds on a CPU, `/proc/<pid>/schedstat`),
    or None when they are not on this machine."""
    nanoseconds = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/schedstat") as stat:
                nanoseconds += int(stat.read().split()[0])
        except (OSError, ValueError, IndexError):
            return None
    return nanoseconds / 1e9


def batches(source: str, customers: list[str], count: int, at: datetime) -> list[tuple[str, list[dict[str, Any]]]]:
    """`count` batches: new tickets, then in turn replies and priority changes on tickets opened two batches earlier."""
    created = (at - timedelta(seconds=120)).isoformat()
    later = (at - timedelta(seconds=30)).isoformat()
    out: list[tuple[str, list[dict[str, Any]]]] = []
    opened: list[list[str]] = []
    for n in range(count):
        kind = "created" if n < 2 or n % 3 == 0 else ("agent_replied" if n % 3 == 1 else "priority_changed")
        if kind == "created":
            tickets = [f"{n}-{j}" for j in range(INGEST_BATCH)]
            opened.append(tickets)
            events = [
                {
                    "source": source,
                    "event_id": f"{t}-c",
                    "ticket_id": t,
                    "type": "created",
                    "occurred_at": created,
                    "customer": customers[(n * INGEST_BATCH + j) % len(customers)],
                    "priority": PRIORITIES[j % len(PRIORITIES)],
                }
                for j, t in enumerate(tickets)
            ]
        else:
            tickets = opened[-2] if len(opened) > 1 else opened[-1]
            events = [
                {
                    "source": source,
                    "event_id": f"{t}-{kind}",
                    "ticket_id": t,
                    "type": kind,
                    "occurred_at": later,
                    **({"priority": PRIORITIES[(j + 1) % len(PRIORITIES)]} if kind == "priority_changed" else {}),
                }
                for j, t in enumerate(tickets)
            ]
        out.append((kind, events))
    return out


async def run(url: str, count: int, profile: str | None, show: bool) -> None:
    await migrate(url)
    seeded = await seed(url)
    token = await provider_token(url, seeded.provider_id)
    settings = Settings(environment="development", database_url=url, rate_limit="off")
    engine = make_engine(url)
    statements = [0]
    texts: list[str] = []

    database = [0.0, 0.0]  # seconds waiting on statements in this batch; when the running one started

    backends: set[int] = set()
    backend_started: list[float | None] = [None]

    @event.listens_for(engine.sync_engine, "connect")
    def remember_backend(dbapi_connection: Any, _: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT pg_backend_pid()")
        backends.add(cursor.fetchone()[0])
        cursor.close()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def count_statement(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        statements[0] += 1
        texts.append(" ".join(statement.split())[:100])
        if show:
            backend_started[0] = backend_cpu_seconds(backends)
        database[1] = time.perf_counter()

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def statement_done(*_: Any) -> None:
        took = time.perf_counter() - database[1]
        database[0] += took
        on_backend = ""
        if show and (now := backend_cpu_seconds(backends)) is not None and backend_started[0] is not None:
            on_backend = f"(database cpu {(now - backend_started[0]) * 1000:5.1f})  "
        texts[-1] = f"{took * 1000:6.1f} ms  {on_backend}{texts[-1]}"

    app = create_app(settings, engine=engine, sessionmaker=make_sessionmaker(engine))
    gc.freeze()  # as `create_app_from_env` does for every `sla serve` worker
    headers = {"Authorization": f"Bearer {token}"}
    customers = list(seeded.agreements)
    source = f"cpu-{uuid.uuid4().hex[:8]}"
    plan = batches(source, customers, count + 1, datetime.now(UTC))
    cpu: dict[str, list[float]] = defaultdict(list)
    database_cpu: dict[str, list[float]] = defaultdict(list)
    profiler: Any = None
    if profile == "cprofile":
        profiler = cProfile.Profile()
        profiler.start = profiler.enable
    elif profile:
        from pyinstrument import Profiler  # noqa: PLC0415 - a development tool, not a dependency

        profiler = Profiler(async_mode="enabled")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=600) as c:
        for n, (kind, events) in enumerate(plan):
            if n == 1 and profiler is not None:
                profiler.start()
            statements[0], database[0] = 0, 0.0
            texts.clear()
            backends_started = backend_cpu_seconds(backends)
            cpu_started, wall_started = time.process_time(), time.perf_counter()
            response = await c.post("/v1/tickets/events", json={"events": events}, headers=headers)
            cpu_ms = (time.process_time() - cpu_started) * 1000
            backends_now = backend_cpu_seconds(backends)
            database_ms = (
                (backends_now - backends_started) * 1000
                if backends_now is not None and backends_started is not None
                else None
            )
            wall_ms = (time.perf_counter() - wall_started) * 1000
            if response.status_code != 200 or response.json()["accepted"] != len(events):
                raise SystemExit(f"batch {n} answered {response.status_code}: {response.text[:800]}")
            print(
                f"batch {n:3d} {kind:17s} cpu {cpu_ms:6.1f} ms  wall {wall_ms:7.1f} ms  {statements[0]:3d} statements "
                f"taking {database[0] * 1000:6.1f} ms"
                + (f", database cpu {database_ms:6.1f} ms" if database_ms is not None else "")
            )
            if show:
                for text in texts:
                    print(f"    {text}")
            if n > 0:  # the first batch compiles versions and schedules: reported, not counted
                cpu[kind].append(cpu_ms)
                if database_ms is not None:
                    database_cpu[kind].append(database_ms)
    if isinstance(profiler, cProfile.Profile):
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(45)
        path = os.path.join(tempfile.gettempdir(), "ingest_cpu.prof")
        profiler.dump_stats(path)
        print(f"profile: {path} (python -m pstats {path})")
    elif profiler is not None:
        profiler.stop()
        path = os.path.join(tempfile.gettempdir(), "ingest_profile.html")
        with open(path, "w") as out:
            out.write(profiler.output_html())
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        print(f"profile: {path}")
    await engine.dispose()
    every = [ms for values in cpu.values() for ms in values]
    for kind, values in cpu.items():
        on_database = f", database cpu {statistics.median(database_cpu[kind]):7.1f} ms" if database_cpu[kind] else ""
        print(
            f"{kind:17s} median cpu {statistics.median(values):7.1f} ms{on_database} per batch of {INGEST_BATCH} "
            f"({len(values)})"
        )
    print(f"{'all':17s} median cpu {statistics.median(every):7.1f} ms per batch of {INGEST_BATCH}")
    print(f"os.getloadavg(): {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", type=int, default=12)
    parser.add_argument(
        "--profile", nargs="?", const="pyinstrument", choices=("pyinstrument", "cprofile"), help="profile the batches"
    )
    parser.add_argument("--statements", action="store_true", help="list each batch's statements")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("set DATABASE_URL to a database of its own (it is seeded like bench.hot_paths)")
    asyncio.run(run(url, args.batches, args.profile, args.statements))


if __name__ == "__main__":
    main()
