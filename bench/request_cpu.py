"""CPU time per REST request, in process, next to the floor's: what the app itself spends, whatever the load.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python -m bench.request_cpu [--requests 5000]
        [--concurrency 8] [--only me,lookup] [--profile cprofile]

Seeds the data of `bench/hot_paths.py` once (reused while its marker party exists), builds the real app
(`api.app.create_app`, SLA_ENVIRONMENT=production settings, JSON logs to /dev/null) and the floor app
(`bench/floor_app.py`) in this process, and calls each as ASGI directly: no socket, no HTTP parser, no client, so
the figure is the application's own work (routing, middleware, token check, the handler, its statements through the
driver, the response, the access line and metrics). Prints `time.process_time()` per request for the floor's
`GET /parties/{id}`, `/healthz`, `/v1/me` and the applicable-SLA lookup (`bench.hot_paths.applicable_requests`),
and each one's ratio to the floor. Every answer is checked for status 200 and the lookup's for its target.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import os
import pstats
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import msgspec

from api.app import create_app
from api.logging import configure_logging
from api.settings import Settings
from bench.hot_paths import applicable_requests, provider_token, seed
from bench.wrk import HttpRequest
from db.migrate import migrate

ASGIApp = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]


def scope_of(request: HttpRequest, headers: dict[str, str]) -> dict[str, Any]:
    path, _, query = request.path.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"bench"), *((k.lower().encode(), v.encode()) for k, v in headers.items())],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }


async def call(app: ASGIApp, scope: dict[str, Any]) -> tuple[int, bytes]:
    answer: dict[str, Any] = {"status": 0, "body": b""}

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    await app(dict(scope), receive, send)
    return answer["status"], answer["body"]


async def measure(
    name: str,
    app: ASGIApp,
    scopes: list[dict[str, Any]],
    requests: int,
    concurrency: int,
    check: Callable[[bytes], None],
    profile: bool,
) -> float:
    async def one(scope: dict[str, Any]) -> None:
        status, body = await call(app, scope)
        if status != 200:
            raise SystemExit(f"{name}: {status} {body[:300]!r}")
        check(body)

    for scope in scopes[: min(len(scopes), 400)]:  # warm-up: caches, statements, the pool
        await one(scope)
    queue = iter(scopes[i % len(scopes)] for i in range(requests))

    async def drive() -> None:
        for scope in queue:
            await one(scope)

    profiler = cProfile.Profile(time.process_time) if profile else None
    if profiler is not None:
        profiler.enable()
    cpu = time.process_time()
    await asyncio.gather(*(drive() for _ in range(concurrency)))
    cpu = time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(f"request_cpu_{name}.prof")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return 1000 * cpu / requests


async def run(url: str, requests: int, concurrency: int, only: set[str], profile: bool, rate_limit: str) -> None:
    seeded = await seed(url)
    token = await provider_token(url, seeded.provider_id)
    auth = {"Authorization": f"Bearer {token}"}
    settings = Settings(environment="production", database_url=url, rate_limit=rate_limit)
    # The app makes its own engine, as `sla serve` does, so its per-process caches (kept while its LISTEN
    # connection is up) are used as they are when served.
    app = create_app(settings)
    sys.path.insert(0, str(Path(__file__).parent))
    os.environ["DATABASE_URL"] = url
    import floor_app  # noqa: PLC0415 - bench/ is not a package the app knows

    def has_target(body: bytes) -> None:
        if not msgspec.json.decode(body).get("targets"):
            raise SystemExit(f"the lookup answered no target: {body[:300]!r}")

    cases: list[tuple[str, ASGIApp, list[dict[str, Any]], Callable[[bytes], None]]] = [
        ("floor", floor_app.app, [scope_of(HttpRequest("GET", f"/parties/{seeded.provider_id}"), {})], lambda _: None),
        ("healthz", app, [scope_of(HttpRequest("GET", "/healthz"), {})], lambda _: None),
        ("me", app, [scope_of(HttpRequest("GET", "/v1/me"), auth)], lambda _: None),
        ("lookup", app, [scope_of(r, auth) for r in applicable_requests(seeded, 400)], has_target),
    ]
    figures: dict[str, float] = {}
    async with app.lifespan(), floor_app.app.lifespan():
        # The floor app's start-up installs Litestar's default logging on the root logger; the access lines go where
        # `sla serve` sends them, one JSON handler (here to /dev/null), and nowhere else.
        logging.getLogger().handlers.clear()
        configure_logging("json", "INFO", stream=open(os.devnull, "w"))  # noqa: SIM115 - lives as long as the run
        for name, target, scopes, check in cases:
            if only and name not in only and name != "floor":
                continue
            figures[name] = await measure(name, target, scopes, requests, concurrency, check, profile)
    floor = figures["floor"]
    print(
        f"{requests} requests each, concurrency {concurrency}, per-caller rate limit {rate_limit}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for name, ms in figures.items():
        ratio = "" if name == "floor" else f"   floor / this = {floor / ms:.2f}"
        print(f"  {name:8} CPU {ms:.3f} ms/request{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--only", default="", help="comma-separated: healthz, me, lookup (the floor always runs)")
    parser.add_argument("--profile", action="store_true", help="cProfile each case (by process time)")
    parser.add_argument(
        "--rate-limit",
        default="off",
        help="the per-caller limit (SLA_RATE_LIMIT), such as 100000/minute: what counting costs (default off, as in "
        "bench.hot_paths, where one token sends everything)",
    )
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    os.environ.setdefault("SLA_SECRET_KEY", "YmVuY2htYXJrIGtleS1lbmNyeXB0aW9uIGtleSAzMmI=")
    asyncio.run(migrate(url))
    only = {name for name in args.only.split(",") if name}
    asyncio.run(run(url, args.requests, args.concurrency, only, args.profile, args.rate_limit))


if __name__ == "__main__":
    main()
