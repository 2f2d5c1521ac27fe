"""CPU time per GraphQL portal query, in-process: a figure that stays meaningful on a shared, loaded machine.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python -m bench.portal_cpu [--requests 300]
        [--profile cprofile] [--concurrency 1] [--baseline]

Seeds the data of `bench/hot_paths.py` once (reused while its marker party exists), builds the real app
(`api.app.create_app`, SLA_ENVIRONMENT=production settings, the response cache on) and sends it N portal queries
(`PORTAL_QUERY`) through httpx's ASGI transport, each with a distinct variable so that none is answered from the
response cache — the "cold" row of `bench/hot_paths.py`. Prints `time.process_time()` per request (the CPU this
process spent: app, driver, and the client, which is small), the wall time, and the SQL statements per request.
The portal query is a compiled read (`schema/compiled`); `SLA_GRAPHQL_COMPILED_READS=false` measures the same
query through Strawberry.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import time
from contextlib import AbstractContextManager, nullcontext

import httpx
from sqlalchemy import event

from api.app import create_app
from api.settings import Settings
from bench.hot_paths import PORTAL_QUERY, portal_shape, provider_token, seed
from db.engine import make_engine, make_sessionmaker
from db.migrate import migrate
from db.reading import observe_raw_statements

BASELINE_QUERY = "{ me { operator } }"


async def run(url: str, requests: int, concurrency: int, profile: str | None, baseline: bool) -> None:
    seeded = await seed(url)
    token = await provider_token(url, seeded.provider_id)
    settings = Settings(environment="production", database_url=url, rate_limit="off", log_level="WARNING")
    engine = make_engine(url, pool_size=settings.db_pool_size)
    statements = [0]

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def count(*_: object) -> None:
        statements[0] += 1

    def count_raw(query: str, url: object) -> AbstractContextManager[object]:
        # The hot reads asyncpg runs itself (db.reading.fetchrow: the compiled reads), which SQLAlchemy never sees.
        statements[0] += 1
        return nullcontext()

    observe_raw_statements(count_raw)

    app = create_app(settings, engine=engine, sessionmaker=make_sessionmaker(engine))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    query = BASELINE_QUERY if baseline else PORTAL_QUERY
    bodies = [json.dumps({"query": query, "variables": {"poll": n}}) for n in range(requests + 50)]
    async with (
        app.lifespan(),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=600) as client,
    ):

        async def one(body: str) -> None:
            response = await client.post("/graphql", content=body, headers=headers)
            answer = response.json()
            if response.status_code != 200 or answer.get("errors"):
                raise SystemExit(f"{response.status_code}: {answer}")
            if not baseline and len(portal_shape(answer, postgraphile=False)) != 10:
                raise SystemExit(f"not 10 agreements: {answer}")

        for body in bodies[requests:]:  # warm-up: imports, caches of statements and documents, pool
            await one(body)
        statements[0] = 0
        queue = iter(bodies[:requests])

        async def drive() -> None:
            for body in queue:
                await one(body)

        profiler = None
        if profile == "cprofile":
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(drive() for _ in range(concurrency)))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if isinstance(profiler, cProfile.Profile):
            profiler.disable()
            profiler.dump_stats("portal_cpu.prof")
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    await engine.dispose()
    print(
        f"{requests} cold {'baseline' if baseline else 'portal'} queries, concurrency {concurrency}: "
        f"CPU {1000 * cpu / requests:.2f} ms/request, wall {1000 * wall / requests:.2f} ms/request, "
        f"{statements[0] / requests:.2f} statements/request, load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--profile", choices=("cprofile",), help="profile the CPU (cProfile, by process time)")
    parser.add_argument(
        "--baseline", action="store_true", help=f"send {BASELINE_QUERY} instead: the cost of the stack around a query"
    )
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    os.environ.setdefault("SLA_SECRET_KEY", "YmVuY2htYXJrIGtleS1lbmNyeXB0aW9uIGtleSAzMmI=")
    asyncio.run(migrate(url))
    asyncio.run(run(url, args.requests, args.concurrency, args.profile, args.baseline))


if __name__ == "__main__":
    main()
