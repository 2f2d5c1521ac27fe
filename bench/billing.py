"""Billing benchmark: closing a period for 2,000 agreements with 100 tickets each, and the statements pull for a
customer with 200 agreements.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sla_bench python -m bench.billing   # from the repository root

The database is emptied and seeded in bulk (COPY). Printed side by side with a baseline measured in the same run:
closing (batched compute, freeze with SHA-256, record events) vs. computing the same statements one agreement at a
time without storing them; the
pull of an open (provisional, computed on demand) period vs. the same pull once the period is frozen.
Targets: close ≤ 60 s; statement p50 ≤ 200 ms.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
from sqlalchemy import select

from db.embedded import start_embedded
from db.engine import make_engine, make_sessionmaker
from db.migrate import migrate
from db.models import Agreement
from services.actors import ALL_SCOPES, PARTY_SCOPES, Actor
from services.billing.credits import Period
from services.billing.figures import compute_statement
from services.billing.periods import close_period
from services.billing.statements import billing_statements
from tests.support.committed import truncate_all
from worker.loop import listen_dsn

AGREEMENTS = 2000
TICKETS = 100
BIG_CUSTOMER_AGREEMENTS = 200
PERIOD = Period(2026, 10)
OPERATOR = Actor(party_id=None, scopes=frozenset(ALL_SCOPES), subject="bench")
START = datetime(2026, 9, 1, tzinfo=UTC)

SERVICE_LEVEL = {
    "targets": [
        {"key": "uptime", "metric": "availability", "percentage": "99.9"},
        {
            "key": "p1-first",
            "metric": "first_response",
            "match": {"priority": "P1"},
            "duration": "PT1H",
            "compliance_target": "95",
        },
    ]
}
COST = {
    "price_lines": [
        {
            "code": "base",
            "description": "Monthly fee",
            "unit": "month",
            "amount": {"amount": "1000.00", "currency": "EUR"},
        }
    ]
}
CREDIT = {
    "target": "uptime",
    "tiers": [{"below": "99.9", "credit_percent": "10"}, {"below": "99.0", "credit_percent": "25"}],
    "monthly_cap_percent": "100",
}


async def seed(dsn: str) -> tuple[uuid.UUID, uuid.UUID]:
    connection = await asyncpg.connect(dsn)
    rng = random.Random(7)
    provider, big = uuid.uuid4(), uuid.uuid4()
    others = [uuid.uuid4() for _ in range(9)]
    parties = [(provider, "Provider"), (big, "Big customer")] + [(p, f"Customer {i}") for i, p in enumerate(others)]
    await connection.copy_records_to_table(
        "parties",
        records=[(p, n, "organization", START, START, 1) for p, n in parties],
        columns=["id", "name", "kind", "created_at", "updated_at", "row_version"],
    )
    agreements, members, versions, clauses, incidents, tickets, clocks = [], [], [], [], [], [], []
    for i in range(AGREEMENTS):
        aid, vid = uuid.uuid4(), uuid.uuid4()
        customer = big if i < BIG_CUSTOMER_AGREEMENTS else others[i % len(others)]
        agreements.append((aid, f"SLA-2026-{i + 1:05d}", f"Agreement {i}", "active", "UTC", START, START, START, 1, 0))
        members += [(aid, provider, "provider", START), (aid, customer, "customer", START)]
        versions.append((vid, aid, 1, "accepted", START, START, START))
        for position, (key, kind, terms) in enumerate(
            (("levels", "service_level", SERVICE_LEVEL), ("fees", "cost", COST), ("credits", "service_credit", CREDIT))
        ):
            clauses.append((uuid.uuid4(), vid, key, kind, key, "", json.dumps(terms), False, position))
        outage = datetime(2026, 10, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(40000))
        incidents.append(
            (uuid.uuid4(), aid, "outage", outage, outage + timedelta(minutes=rng.randrange(5, 600)), START)
        )
        for t in range(TICKETS):
            tid = uuid.uuid4()
            opened = datetime(2026, 10, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(43000))
            tickets.append((tid, "bench", f"{i}-{t}", provider, customer, aid, vid, opened, "{}", "{}", START, START))
            status = "met" if rng.random() < 0.96 else "breached"
            clocks.append(
                (
                    uuid.uuid4(),
                    tid,
                    "first_response",
                    1,
                    "p1-first",
                    "levels",
                    vid,
                    status,
                    opened,
                    opened + timedelta(hours=1),
                    opened + timedelta(hours=1),
                    "[]",
                    START,
                )
            )
    await connection.copy_records_to_table(
        "agreements",
        records=agreements,
        columns=[
            "id",
            "reference",
            "title",
            "status",
            "timezone",
            "effective_from",
            "created_at",
            "updated_at",
            "row_version",
            "last_event_sequence",
        ],
    )
    await connection.copy_records_to_table(
        "agreement_memberships", records=members, columns=["agreement_id", "party_id", "role", "created_at"]
    )
    await connection.copy_records_to_table(
        "agreement_versions",
        records=versions,
        columns=["id", "agreement_id", "number", "status", "effective_from", "decided_at", "created_at"],
    )
    await connection.copy_records_to_table(
        "clauses",
        records=clauses,
        columns=["id", "version_id", "key", "kind", "title", "body", "terms", "shared_with_third_parties", "position"],
    )
    await connection.copy_records_to_table(
        "incidents", records=incidents, columns=["id", "agreement_id", "kind", "started_at", "ended_at", "created_at"]
    )
    await connection.copy_records_to_table(
        "tickets",
        records=tickets,
        columns=[
            "id",
            "source",
            "external_id",
            "reporter_party_id",
            "customer_party_id",
            "agreement_id",
            "version_id",
            "opened_at",
            "state",
            "match_explanation",
            "created_at",
            "updated_at",
        ],
    )
    await connection.copy_records_to_table(
        "sla_clocks",
        records=clocks,
        columns=[
            "id",
            "ticket_id",
            "metric",
            "cycle",
            "target_key",
            "clause_key",
            "version_id",
            "status",
            "started_at",
            "original_due_at",
            "due_at",
            "history",
            "updated_at",
        ],
    )
    await connection.execute("ANALYZE")
    await connection.close()
    return provider, big


async def main() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = await asyncio.to_thread(start_embedded, Path(".sla-bench"))
    await migrate(url)
    engine = make_engine(url)
    await truncate_all(engine)
    started = time.perf_counter()
    provider, big = await seed(listen_dsn(url))
    seeded = time.perf_counter() - started
    sessionmaker = make_sessionmaker(engine)
    now = datetime.now(UTC)
    actor = Actor(party_id=provider, scopes=frozenset(PARTY_SCOPES))

    async def pull() -> float:
        async with sessionmaker() as session:
            t = time.perf_counter()
            result = await billing_statements(session, actor, str(big), str(PERIOD), now=now)
            assert len(result.statements) == BIG_CUSTOMER_AGREEMENTS
            return (time.perf_counter() - t) * 1000

    open_pulls = [await pull() for _ in range(5)]

    async with sessionmaker() as session:
        t = time.perf_counter()
        for agreement in await session.scalars(select(Agreement)):
            await compute_statement(session, agreement, PERIOD, now=now)
        compute_only = time.perf_counter() - t

    async with sessionmaker.begin() as session:
        t = time.perf_counter()
        record = await close_period(session, OPERATOR, str(PERIOD), now=now)
        close_seconds = time.perf_counter() - t
    assert record.agreements == AGREEMENTS
    frozen_pulls = [await pull() for _ in range(20)]
    await engine.dispose()

    print(f"\nBilling, {os.cpu_count()} cores; seeded {AGREEMENTS} agreements × {TICKETS} tickets in {seeded:.1f} s\n")
    print(f"{'closing ' + str(PERIOD):<58}{'seconds':>10}")
    print(f"{'close: compute, freeze with SHA-256, events (target <= 60)':<58}{close_seconds:>10.1f}")
    print(f"{'baseline: compute one agreement at a time, store nothing':<58}{compute_only:>10.1f}")
    print(f"\n{'statements pull, customer with 200 agreements':<58}{'p50 ms':>10}{'max ms':>10}")
    for label, pulls in (
        ("open period, computed on demand (provisional)", open_pulls),
        ("closed period, frozen (target p50 <= 200)", frozen_pulls),
    ):
        print(f"{label:<58}{statistics.median(pulls):>10.0f}{max(pulls):>10.0f}")
    print()


if __name__ == "__main__":
    asyncio.run(main())
