"""How cost grows with the data: each hot path measured on a small and on a large database, side by side.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_growth python bench/growth.py

Empties the database (use one of its own), seeds the small case with COPY and generate_series (not through the API:
a million ticket events would take hours there), measures, grows the data to the large case and measures again:

- the applicable-SLA lookup, p50 of the same 200 customers asked in turn, among 200 and among 20,000 customers
  (each with one active agreement of 20 targets, French holidays and escalation levels);
- the GraphQL agreements list, first page of 10 with members, party names and current clauses, for a party with
  10 and with 1,000 agreements (response cache off: every request is computed);
- the statements pull of one customer's open period, with 20 and with 2,000 agreements (linear in what it returns);
- ticket ingestion, `POST /v1/tickets/events` with 100 new tickets, with 10,000 and 1,000,000 ticket events stored;
- the period close (in a transaction rolled back afterwards, so both sizes close the same period) of every
  agreement in effect in October: 200 and 2,000 + the 180 of the small case.

Requests go through the real app in this process (httpx's ASGI transport, real engine): the whole request path
without a network hop. The mapping cache of the lookup is not used (it needs the app's LISTEN task), so the lookup
pays its one statement every time — the case that depends on the size of the database.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from api.settings import Settings  # noqa: E402
from bench.billing import COST, CREDIT, SERVICE_LEVEL  # noqa: E402
from bench.hot_paths import CLAUSES, PORTAL_QUERY, PRIORITIES, BenchTokenSettings  # noqa: E402
from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.migrate import migrate  # noqa: E402
from services.actors import ALL_SCOPES, PARTY_SCOPES, Actor  # noqa: E402
from services.auth.keys import ensure_signing_key  # noqa: E402
from services.auth.tokens import mint_party_token  # noqa: E402
from services.billing.periods import close_period  # noqa: E402
from tests.support.committed import truncate_all  # noqa: E402
from worker.loop import listen_dsn  # noqa: E402

OPERATOR = Actor(party_id=None, scopes=frozenset(ALL_SCOPES), subject="bench")
BILLING_START = datetime(2026, 9, 1, tzinfo=UTC)  # in effect all October
LOOKUP_START = datetime(2026, 11, 20, tzinfo=UTC)  # after October: not part of its close
PERIOD = "2026-10"
ASKED = 200  # lookup customers asked in turn, in both cases
SMALL = {"customers": 200, "portal": 10, "statements": 20, "others": 180, "ticket_events": 10_000}
LARGE = {"customers": 20_000, "portal": 1_000, "statements": 2_000, "others": 180, "ticket_events": 1_000_000}
EVENTS_PER_TICKET = 10
LOOKUP_CLAUSES = [(c.key, c.kind, c.title, c.terms) for c in CLAUSES]
BILLING_CLAUSES = [("levels", "service_level", "Levels", SERVICE_LEVEL), ("fees", "cost", "Fees", COST)]
BILLING_CLAUSES.append(("credits", "service_credit", "Credits", CREDIT))


class Seeder:
    """Writes rows with COPY: parties, and active agreements with one accepted version each."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self.connection = connection
        self.count = 0

    async def parties(self, names: list[str], refs: list[str | None]) -> list[uuid.UUID]:
        ids = [uuid.uuid4() for _ in names]
        at = BILLING_START
        await self.connection.copy_records_to_table(
            "parties",
            records=[(i, n, "organization", at, at, 1) for i, n in zip(ids, names, strict=True)],
            columns=["id", "name", "kind", "created_at", "updated_at", "row_version"],
        )
        await self.connection.copy_records_to_table(
            "party_external_refs",
            records=[("zendesk", r, i) for i, r in zip(ids, refs, strict=True) if r is not None],
            columns=["system", "external_id", "party_id"],
        )
        return ids

    async def agreements(
        self, provider: uuid.UUID, customers: list[uuid.UUID], clauses: list[tuple], start: datetime
    ) -> list[uuid.UUID]:
        agreements, members, versions, rows = [], [], [], []
        ids = []
        for customer in customers:
            self.count += 1
            aid, vid = uuid.uuid4(), uuid.uuid4()
            ids.append(aid)
            created = start + timedelta(milliseconds=self.count)
            agreements.append(
                (aid, f"GRW-{self.count:07d}", f"Agreement {self.count}", "active", "Europe/Paris", start, created)
            )
            members += [(aid, provider, "provider", created), (aid, customer, "customer", created)]
            versions.append((vid, aid, 1, "accepted", start, start, created))
            for position, (key, kind, title, terms) in enumerate(clauses):
                rows.append((uuid.uuid4(), vid, key, kind, title, "", json.dumps(terms), False, position))
        await self.connection.copy_records_to_table(
            "agreements",
            records=[(*a, a[-1], 1, 0) for a in agreements],
            columns=[
                "id", "reference", "title", "status", "timezone", "effective_from", "created_at", "updated_at",
                "row_version", "last_event_sequence",
            ],
        )  # fmt: skip
        await self.connection.copy_records_to_table(
            "agreement_memberships", records=members, columns=["agreement_id", "party_id", "role", "created_at"]
        )
        await self.connection.copy_records_to_table(
            "agreement_versions",
            records=versions,
            columns=["id", "agreement_id", "number", "status", "effective_from", "decided_at", "created_at"],
        )
        await self.connection.copy_records_to_table(
            "clauses",
            records=rows,
            columns=[
                "id",
                "version_id",
                "key",
                "kind",
                "title",
                "body",
                "terms",
                "shared_with_third_parties",
                "position",
            ],
        )
        return ids

    async def ticket_events(self, reporter: uuid.UUID, first_ticket: int, events: int) -> None:
        """`events` stored ticket events, ten per ticket, written by one INSERT … SELECT generate_series each."""
        tickets = events // EVENTS_PER_TICKET
        await self.connection.execute(
            """
            INSERT INTO tickets (id, source, external_id, reporter_party_id, opened_at, state, match_explanation,
                                 created_at, updated_at)
            SELECT gen_random_uuid(), 'seed', 'seed-' || n, $1, $2, '{}', '{}', $2, $2
            FROM generate_series($3::int, $4::int) AS n
            """,
            reporter, BILLING_START, first_ticket, first_ticket + tickets - 1,
        )  # fmt: skip
        await self.connection.execute(
            """
            INSERT INTO ticket_events (id, ticket_id, source, event_id, type, occurred_at, data, received_at)
            SELECT gen_random_uuid(), t.id, 'seed', t.external_id || '-' || e, 'agent_replied',
                   $2::timestamptz + make_interval(mins => e), '{}', $2
            FROM generate_series($3::int, $4::int) AS n
            JOIN tickets AS t ON t.reporter_party_id = $1 AND t.source = 'seed' AND t.external_id = 'seed-' || n
            CROSS JOIN generate_series(1, $5::int) AS e
            """,
            reporter, BILLING_START, first_ticket, first_ticket + tickets - 1, EVENTS_PER_TICKET,
        )  # fmt: skip


async def timed(call: Callable[[], Awaitable[None]], times: int) -> float:
    """p50 in milliseconds of `times` calls, after one unmeasured call."""
    await call()
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def ok(response: httpx.Response) -> dict:
    if response.status_code != 200:
        raise SystemExit(
            f"{response.request.method} {response.request.url} answered {response.status_code}: {response.text[:500]}"
        )
    return response.json()


async def measure(url: str, ids: dict, counts: dict, batch: list[int]) -> dict[str, float]:
    settings = Settings(environment="development", database_url=url, rate_limit="off", graphql_response_cache_entries=0)
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    app = create_app(settings, engine=engine, sessionmaker=sessionmaker)
    now = datetime.now(UTC)
    async with sessionmaker.begin() as session:
        await ensure_signing_key(session, now=now)
        tokens = {
            name: await mint_party_token(
                session, settings=BenchTokenSettings, party_id=ids[name], scopes=list(PARTY_SCOPES), now=now
            )
            for name in ("provider", "portal")
        }
    h = {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()}
    results: dict[str, float] = {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=600) as c:
        turn = iter(range(10**9))

        async def lookup() -> None:
            n = next(turn)
            params = {
                "customer": f"zendesk:growth-{n % ASKED:05d}",
                "priority": PRIORITIES[n % len(PRIORITIES)],
                "opened_at": (now - timedelta(hours=n % 48)).isoformat(),
            }
            answer = ok(await c.get("/v1/sla/applicable", params=params, headers=h["provider"]))
            assert len(answer["targets"]) == 4, answer

        for _ in range(ASKED):  # every asked customer's version compiled before measuring
            await lookup()
        results["lookup"] = await timed(lookup, 2 * ASKED)

        async def portal() -> None:
            answer = ok(await c.post("/graphql", json={"query": PORTAL_QUERY}, headers=h["portal"]))
            assert not answer.get("errors") and len(answer["data"]["agreements"]["edges"]) == 10, answer

        results["portal"] = await timed(portal, 40)

        async def statements() -> None:
            params = {"customer": str(ids["billing"]), "period": PERIOD}
            answer = ok(await c.get("/v1/billing/statements", params=params, headers=h["provider"]))
            assert len(answer["statements"]) == counts["statements"], len(answer["statements"])

        results["statements"] = await timed(statements, 5)

        async def ingest() -> None:
            batch[0] += 1
            events = [
                {
                    "source": "bench", "event_id": f"{batch[0]}-{j}", "ticket_id": f"{batch[0]}-{j}", "type": "created",
                    "occurred_at": (now - timedelta(minutes=5)).isoformat(),
                    "customer": f"zendesk:growth-{(batch[0] * 100 + j) % ASKED:05d}", "priority": PRIORITIES[j % 5],
                }
                for j in range(100)
            ]  # fmt: skip
            answer = (await c.post("/v1/tickets/events", json={"events": events}, headers=h["provider"])).json()
            assert len(answer["tickets"]) == 100, str(answer)[:300]

        results["ingest"] = await timed(ingest, 15)

    async with sessionmaker() as session:
        started = time.perf_counter()
        record = await close_period(session, OPERATOR, PERIOD, now=now)
        results["close"] = (time.perf_counter() - started) * 1000
        results["closed"] = record.agreements
        await session.rollback()
    await engine.dispose()
    return results


async def grow(seeder: Seeder, ids: dict, have: dict, want: dict) -> None:
    """Add what the database lacks to go from `have` to `want`."""
    new = want["customers"] - have.get("customers", 0)
    start = have.get("customers", 0)
    customers = await seeder.parties(
        [f"Growth customer {i}" for i in range(start, start + new)],
        [f"growth-{i:05d}" for i in range(start, start + new)],
    )
    await seeder.agreements(ids["provider"], customers, LOOKUP_CLAUSES, LOOKUP_START)
    portal = want["portal"] - have.get("portal", 0)
    await seeder.agreements(ids["provider"], [ids["portal"]] * portal, LOOKUP_CLAUSES, LOOKUP_START)
    billed = want["statements"] - have.get("statements", 0)
    await seeder.agreements(ids["provider"], [ids["billing"]] * billed, BILLING_CLAUSES, BILLING_START)
    others = want["others"] - have.get("others", 0)
    await seeder.agreements(ids["provider"], [ids["other"]] * others, BILLING_CLAUSES, BILLING_START)
    stored = have.get("ticket_events", 0)
    await seeder.ticket_events(ids["provider"], stored // EVENTS_PER_TICKET + 1, want["ticket_events"] - stored)
    await seeder.connection.execute("ANALYZE")


async def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("set DATABASE_URL to a database of its own (it is emptied)")
    await migrate(url)
    engine = make_engine(url)
    await truncate_all(engine)
    await engine.dispose()
    connection = await asyncpg.connect(listen_dsn(url))
    seeder = Seeder(connection)
    provider, portal, billing, other = await seeder.parties(
        ["Growth provider", "Portal party", "Billed customer", "Other customer"], [None, None, None, None]
    )
    ids = {"provider": provider, "portal": portal, "billing": billing, "other": other}
    batch = [0]
    rows, sizes = [], []
    have: dict = {}
    # --quick: a smoke run of the script itself, a tenth of the large case.
    large = {k: v // 10 if k != "others" else v for k, v in LARGE.items()} if "--quick" in sys.argv else LARGE
    for size in (SMALL, large):
        started = time.perf_counter()
        await grow(seeder, ids, have, size)
        have = size
        print(f"seeded {size} in {time.perf_counter() - started:.0f} s", flush=True)
        rows.append(await measure(url, ids, size, batch))
        sizes.append(size)
        print(rows[-1], flush=True)
    await connection.close()
    print_table(rows, sizes)


def print_table(rows: list[dict[str, float]], sizes: list[dict]) -> None:
    (small, large), (s, g) = rows, sizes
    lines = [
        # what, key, the small and the large case, how much more the large one returns
        ("`/v1/sla/applicable` p50 (the same 200 customers asked in turn)", "lookup",
         f"{s['customers']:,} customers", f"{g['customers']:,} customers", 1),
        ("GraphQL agreements list, first page of 10 (portal shape, no response cache), p50", "portal",
         f"{s['portal']:,} agreements", f"{g['portal']:,} agreements", 1),
        ("statements pull, one customer's open period, p50", "statements",
         f"{s['statements']:,} agreements", f"{g['statements']:,} agreements", g["statements"] / s["statements"]),
        ("`POST /v1/tickets/events`, 100 new tickets, p50", "ingest",
         f"{s['ticket_events']:,} events stored", f"{g['ticket_events']:,} events stored", 1),
        ("period close of October (rolled back), every agreement in effect", "close",
         f"{int(small['closed']):,} agreements", f"{int(large['closed']):,} agreements",
         large["closed"] / small["closed"]),
    ]  # fmt: skip
    load = os.getloadavg()[0]
    print(f"\nGrowth, {os.cpu_count()} cores, load average {load:.1f}\n")
    print("| what | small case | ms | large case | ms | large ÷ small | what it returns, large ÷ small |")
    print("|---|---|---:|---|---:|---:|---:|")
    for what, key, small_label, large_label, returned in lines:
        ratio = large[key] / small[key]
        print(
            f"| {what} | {small_label} | {small[key]:,.1f} | {large_label} | {large[key]:,.1f} | {ratio:.2f} × "
            f"| {returned:,.1f} × |"
        )
    print()


if __name__ == "__main__":
    asyncio.run(main())
