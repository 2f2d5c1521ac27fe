"""The domain's metrics move with what happens: ticket events stored, clocks breached, timers due, periods closed,
database pool waits; and a change counts only once its transaction commits."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from prometheus_client import REGISTRY, Counter
from sqlalchemy import text

from api.app import create_app
from db.engine import make_engine
from services.metrics import count_on_commit
from tests.api.test_metrics import scrape
from tests.api.test_tickets import _event, live  # noqa: F401 - `live` is a fixture used below
from worker.timers import fire_due_timers


def value(metrics: dict, name: str) -> float:
    return metrics.get((name, ()), 0.0)


async def test_ticket_events_breaches_and_due_timers_are_counted(client, live, clock, sessionmaker):  # noqa: F811
    operator = live.h["operator"]
    before = await scrape(client, operator)
    clock.now = datetime(2026, 12, 22, 8, 5, tzinfo=UTC)
    created = _event("c1", "created", "2026-12-22T08:00:00Z", customer=str(live.customer.id), priority="P1")
    batch = {"events": [created]}
    r = await client.post("/v1/tickets/events", json=batch, headers=live.h["provider"])
    assert r.status_code == 200 and r.json()["accepted"] == 1, r.text
    # A duplicate stores nothing and counts nothing.
    await client.post("/v1/tickets/events", json={"events": [created]}, headers=live.h["provider"])

    # Past the next-response deadline without an answer, its timer is due until the worker fires it.
    clock.now = datetime(2026, 12, 22, 8, tzinfo=UTC) + timedelta(minutes=61)
    due = await scrape(client, operator)
    assert value(due, "sla_ticket_events_ingested_total") - value(before, "sla_ticket_events_ingested_total") == 1
    assert value(due, "sla_timers_due") >= 1
    await fire_due_timers(sessionmaker, now=clock.now)
    after = await scrape(client, operator)
    assert value(after, "sla_timers_due") == 0
    assert value(after, "sla_clocks_breached_total") - value(before, "sla_clocks_breached_total") >= 1


async def test_closing_a_period_is_counted(client, deal, clock):
    operator = deal.h["operator"]
    before = await scrape(client, operator)
    r = await client.post("/v1/billing/periods/2026-10/close", headers=deal.h["operator"])
    assert r.status_code in (200, 201), r.text
    after = await scrape(client, operator)
    assert value(after, "sla_billing_periods_closed_total") - value(before, "sla_billing_periods_closed_total") == 1


async def test_a_rolled_back_change_counts_nothing(sessionmaker):
    counter = Counter("sla_test_on_commit", "a counter for this test only")

    def counted() -> float | None:
        return REGISTRY.get_sample_value("sla_test_on_commit_total")

    async with sessionmaker() as session:
        await session.execute(text("SELECT 1"))  # the service's write
        count_on_commit(session, counter, 2)
        await session.rollback()
        await session.commit()
        assert counted() == 0  # the rolled-back 2 is forgotten
        await session.execute(text("SELECT 1"))
        count_on_commit(session, counter, 3)
        savepoint = await session.begin_nested()  # as around a GraphQL mutation that fails
        count_on_commit(session, counter, 100)
        await savepoint.rollback()  # only the savepoint's count goes
        await session.commit()
    assert counted() == 3


async def test_a_checkout_that_waits_for_the_exhausted_pool_is_counted(database_url, client, world):
    operator = await world.headers(None)
    before = await scrape(client, operator)
    engine = make_engine(database_url, pool_size=1)  # one connection and one overflow
    try:
        first, second = await engine.connect(), await engine.connect()

        async def connect():
            return await engine.connect()

        waiting = asyncio.create_task(connect())
        await asyncio.sleep(0.2)
        assert not waiting.done()
        await first.close()
        third = await asyncio.wait_for(waiting, 5)
        await third.execute(text("SELECT 1"))
        await third.close()
        await second.close()
    finally:
        await engine.dispose()
    after = await scrape(client, operator)
    assert value(after, "sla_db_pool_waits_total") - value(before, "sla_db_pool_waits_total") == 1
    waited = ("sla_db_pool_wait_seconds_sum", ())
    assert after[waited] - before.get(waited, 0.0) >= 0.15


async def test_the_api_pool_keeps_what_it_opened_and_waits_past_it(settings):
    # An overflow connection is closed when it is returned: past the pool, every request opened a new PostgreSQL
    # backend. The API's pool opens up to SLA_DB_POOL_SIZE as needed, keeps them, and past them a checkout waits.
    app = create_app(settings.model_copy(update={"db_pool_size": 2}))
    engine = app.state.engine
    try:
        first, second = await engine.connect(), await engine.connect()
        waiting = asyncio.ensure_future(engine.connect())
        await asyncio.sleep(0.2)
        assert not waiting.done()  # no third connection: it waits
        pids = {await c.scalar(text("SELECT pg_backend_pid()")) for c in (first, second)}
        await first.close()
        third = await asyncio.wait_for(waiting, 5)
        assert await third.scalar(text("SELECT pg_backend_pid()")) in pids  # the one returned, kept open
        await third.close()
        await second.close()
        assert engine.pool.checkedin() == 2 and engine.pool.overflow() == 0
    finally:
        await engine.dispose()
