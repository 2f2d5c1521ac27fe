"""Reports of other frequencies than monthly: a quarterly report is published once, `due_after_period_end` after the
calendar quarter ends in the agreement's zone, with figures over the whole quarter and the credits of its months;
frequencies other than P1W, P1M, P3M and P1Y are refused when the clause is written."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from sqlalchemy import func, select

from db.models import Event, ServiceReport, Timer
from services.reports.reports import schedule_due_reports
from tests.api.conftest import assert_problem
from tests.api.test_reports import P1_CREDITS, REPORTING, record_october
from tests.flows import activate, propose
from worker.timers import fire_due_timers

QUARTERLY = copy.deepcopy(REPORTING)
QUARTERLY["key"] = "quarterly-report"
QUARTERLY["terms"]["frequency"] = "P3M"


async def test_a_quarterly_report_is_published_once_after_the_quarter(client, deal, clock, session, sessionmaker):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[P1_CREDITS, QUARTERLY])
    clock.now = datetime(2026, 10, 31, 12, tzinfo=UTC)
    await record_october(client, deal)  # ten P1 tickets in October, eight answered within the hour

    # In December the last complete quarter is Q3 (the agreement was in effect from 15 September): not Q4 yet.
    await schedule_due_reports(session, now=datetime(2026, 12, 20, tzinfo=UTC))
    await session.flush()
    assert {
        t.payload["period"] for t in await session.scalars(select(Timer).where(Timer.kind == "report.publish"))
    } == {"2026-Q3"}
    # On 2 January Q4 (1 October 00:00 CEST to 1 January 00:00 CET, i.e. 2026-09-30T22:00Z to 2026-12-31T23:00Z)
    # is complete: its report is due five days after, at 2027-01-05T23:00Z; scheduling again changes nothing.
    for day in (2, 3):
        await schedule_due_reports(session, now=datetime(2027, 1, day, tzinfo=UTC))
    await session.flush()
    (timer,) = await session.scalars(select(Timer).where(Timer.key == f"{deal.agreement_id}/2026-Q4"))
    assert timer.due_at == datetime(2027, 1, 5, 23, tzinfo=UTC)
    await session.commit()

    async def q4_reports() -> int:
        return await session.scalar(
            select(func.count()).select_from(ServiceReport).where(ServiceReport.period == "2026-Q4")
        )

    await fire_due_timers(sessionmaker, now=datetime(2027, 1, 5, 22, 59, tzinfo=UTC))
    assert await q4_reports() == 0  # not before it is due
    await fire_due_timers(sessionmaker, now=datetime(2027, 1, 5, 23, 1, tzinfo=UTC))
    await fire_due_timers(sessionmaker, now=datetime(2027, 1, 9, tzinfo=UTC))
    assert await q4_reports() == 1
    published = [
        e.payload
        for e in await session.scalars(select(Event).where(Event.type == "report.published"))
        if e.payload["period"] == "2026-Q4"
    ]
    assert len(published) == 2  # once to the signatories, once (their own rendering) to the third party

    r = await client.get(f"{deal.path}/reports/2026-Q4", headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["period"], body["period_start"], body["period_end"]) == (
        "2026-Q4",
        "2026-09-30T22:00:00Z",
        "2026-12-31T23:00:00Z",
    )
    # Worked by hand: the clocks due in the quarter are October's ten, eight met: 80 %.
    (p1,) = [t for t in body["attainment"] if t["target_key"] == "p1-first-response"]
    assert (p1["measured"], p1["evidence"]) == ("80.00", {"clocks_due": 10, "clocks_met": 8})
    assert body["breaches"] == [{"priority": "P1", "metric": "first_response", "breached": 2}]
    # Credits are monthly: October's 80 % is below the 90 % tier, 10 % of 1,200.00 EUR = 120.00 EUR; November and
    # December had no P1 clock due (not measured, nothing owed). Totals: 3 × 1,200.00 − 120.00 = 3,480.00 EUR.
    assert [(c["period"], c["status"], c["amount"]) for c in body["credits"]] == [
        ("2026-10", "owed", "120.00"),
        ("2026-11", "not_measured", "0.00"),
        ("2026-12", "not_measured", "0.00"),
    ]
    assert body["totals"] == [{"currency": "EUR", "amount": "3480.00"}]
    # The trend is of quarters: Q3's report (its timer was due on 5 October, and fired with Q4's) had no P1 clock due.
    (trend,) = [t for t in body["trend"] if t["target_key"] == "p1-first-response"]
    assert trend["points"] == [{"period": "2026-Q3", "measured": None}, {"period": "2026-Q4", "measured": "80.00"}]

    listing = (await client.get(f"{deal.path}/reports", headers=deal.h["customer"])).json()
    assert [item["period"] for item in listing["items"]] == ["2026-Q4", "2026-Q3"]
    # The month identifier names a month, not the quarter.
    assert_problem(await client.get(f"{deal.path}/reports/2026-12", headers=deal.h["customer"]), 404)


async def test_only_weekly_monthly_quarterly_and_yearly_reports(client, deal, clock, session):
    fortnightly = copy.deepcopy(REPORTING)
    fortnightly["terms"]["frequency"] = "P2W"
    before = await session.scalar(select(func.count()).select_from(Timer))
    r = await propose(client, deal, clauses=[fortnightly])
    assert_problem(r, 422)
    assert "P1W, P1M, P3M, P1Y" in r.json()["detail"]
    assert any(e["field"].endswith("frequency") for e in r.json()["errors"])
    assert await session.scalar(select(func.count()).select_from(Timer)) == before
    assert_problem(await client.get(f"{deal.path}/reports/2026-W54", headers=deal.h["customer"]), 422, field="period")
