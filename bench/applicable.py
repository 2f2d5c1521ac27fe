"""The ticketing hot path: `GET /v1/sla/applicable` on a real `sla serve` (2 processes) against PostgreSQL.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python bench/applicable.py

The database is emptied and seeded with one active agreement (business-hours calendar with holidays, six targets).
Prints requests per second and latency for the hot path side by side with two baselines measured in the same run by
the same client: `/healthz` (no auth, no database) and `/v1/me` (token check plus one query).
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.migrate import migrate  # noqa: E402
from services.actors import PARTY_SCOPES, Actor  # noqa: E402
from services.agreements import AgreementCreate, ClauseInput, MembershipInput, create_agreement, transition_agreement  # noqa: E402
from services.keys import ensure_signing_key  # noqa: E402
from services.parties import PartyInput, create_party  # noqa: E402
from services.tokens import mint_party_token  # noqa: E402
from services.versions import Decision, VersionProposal, decide_version, propose_version  # noqa: E402
from tests.support.committed import OPERATOR, truncate_all  # noqa: E402

REQUESTS = 3000
CONCURRENCY = 16


class TokenSettings:
    issuer = audience = "sla-api"
    token_ttl_seconds = 3600
    signing_algorithm = "ES256"


async def seed(url: str) -> tuple[str, str]:
    engine = make_engine(url)
    await truncate_all(engine)
    now = datetime.now(UTC)
    async with make_sessionmaker(engine).begin() as session:
        await ensure_signing_key(session, now=now)
        provider = await create_party(session, OPERATOR, PartyInput("Acme"), now=now)
        customer = await create_party(session, OPERATOR, PartyInput("Globex", external_refs={"zendesk": "12345"}), now=now)
        p = Actor(party_id=provider.id, scopes=frozenset(PARTY_SCOPES))
        c = Actor(party_id=customer.id, scopes=frozenset(PARTY_SCOPES))
        targets = [{"key": f"{prio}-{metric}", "metric": metric, "match": {"priority": prio}, "duration": duration,
                    "warn_at_percent": [75]}
                   for prio, duration in (("P1", "PT1H"), ("P2", "PT4H"), ("P3", "PT16H"))
                   for metric in ("first_response", "resolution")]
        agreement = await create_agreement(session, p, AgreementCreate(
            title="Bench", timezone="Europe/Berlin",
            memberships=[MembershipInput(provider.id, "provider"), MembershipInput(customer.id, "customer")],
            clauses=[ClauseInput("levels", "service_level", "Levels", terms={"targets": targets}),
                     ClauseInput("hours", "schedule", "Hours", terms={
                         "timezone": "Europe/Berlin", "holidays": {"country": "DE", "subdivision": "BE"},
                         "weekly_windows": {d: [{"start": "09:00", "end": "17:00"}]
                                            for d in ("mon", "tue", "wed", "thu", "fri")}}),
                     ClauseInput("escalation", "escalation", "Escalation", terms={"levels": [
                         {"level": 1, "after": "PT2H", "to": {"role": "provider"}}]})]), now=now)
        await propose_version(session, p, agreement.id, VersionProposal(), now=now)
        for actor in (p, c):
            await decide_version(session, actor, agreement.id, 1, "approved", Decision(), now=now)
        await transition_agreement(session, c, agreement.id, "activate", now=now)
        token = await mint_party_token(session, settings=TokenSettings, party_id=provider.id,
                                       scopes=list(PARTY_SCOPES), now=now)
    await engine.dispose()
    return token, "zendesk:12345"


async def measure(client: httpx.AsyncClient, path: str, params: dict | None, headers: dict) -> tuple[float, list[float]]:
    latencies: list[float] = []
    remaining = REQUESTS

    async def loop() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            response = await client.get(path, params=params, headers=headers)
            assert response.status_code == 200, response.text
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(CONCURRENCY)))
    return REQUESTS / (time.perf_counter() - started), latencies


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        from db.embedded import start_embedded

        url = await asyncio.to_thread(start_embedded, Path(".sla-bench"))
    await migrate(url)
    token, customer = await seed(url)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "SLA_ENVIRONMENT": "production"}
    server = subprocess.Popen([sys.executable, "-c", "from api.cli import main; main()", "serve", "--no-worker",
                               "--workers", "2", "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with httpx.AsyncClient(base_url=base, limits=httpx.Limits(max_connections=CONCURRENCY)) as client:
            for _ in range(100):
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.2)
            params = {"customer": customer, "priority": "P2", "opened_at": "2026-12-24T15:00:00Z"}
            await measure(client, "/v1/sla/applicable", params, headers)  # warm-up
            rows = [
                ("/v1/sla/applicable (hot path)", *await measure(client, "/v1/sla/applicable", params, headers)),
                ("baseline: /v1/me", *await measure(client, "/v1/me", None, headers)),
                ("baseline: /healthz", *await measure(client, "/healthz", None, {})),
            ]
    finally:
        server.terminate()
        server.wait(timeout=30)

    def pct(values, p):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    print(f"\n{REQUESTS} requests per route, {CONCURRENCY} concurrent, `sla serve --workers 2`, {os.cpu_count()} cores\n")
    print(f"{'route':<34}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}")
    for name, rate, latencies in rows:
        print(f"{name:<34}{rate:>8.0f}{statistics.median(latencies):>9.1f}{pct(latencies, 99):>9.1f}")
    print()


if __name__ == "__main__":
    asyncio.run(main())
