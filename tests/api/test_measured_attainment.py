"""The measured figure decides an availability target when the verification clause says so (`decides_target`), the
incidents otherwise; statements (REST and GraphQL) show both, with which one decided, and the credit follows the
deciding figure. Statements frozen before the measured figure was shown read back, and hash, as they were frozen.

Worked by hand for November 2026 in Berlin (30 days of 24 hours, from 2026-10-31T23:00Z): 43,200 minutes.
* Incidents: one outage of 21 min 36 s = 0.05 % of the month, so 99.95 % (meets 99.9 %).
* Measurements: ten hourly windows of 100,000 requests, 99,850 good in each: 998,500 of 1,000,000 = 99.85 %
  (misses 99.9 %, in the 10 % tier: 10 % of the 1,000.00 EUR base fee = 100.00 EUR).
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from db.models import FrozenStatement
from services.billing.figures import frozen_content, statement_hash, thawed
from tests.api.test_billing import BILLING_CLAUSES
from tests.api.test_verification import VERIFICATION
from tests.flows import activate
from tests.schema.conftest import GraphQL

NOVEMBER_START = datetime(2026, 10, 31, 23, tzinfo=UTC)
OUTAGE = {
    "kind": "outage",
    "started_at": "2026-11-10T10:00:00Z",
    "ended_at": "2026-11-10T10:21:36Z",
    "service": "api",
    "description": "load balancer",
}
STATEMENT = """
query($customer: String!, $period: String!) { billingStatements(customer: $customer, period: $period) {
  statements { sha256 attainment { targetKey measured measuredExact met decidedBy byIncidents
    byMeasurement { indicator good total attainment } }
    credits { targetKey status amount { amount currency } } } } }
"""


def verification(decides: str | None) -> dict:
    clause = copy.deepcopy(VERIFICATION)
    if decides is not None:
        clause["terms"]["indicators"][0]["decides_target"] = decides
    return clause


async def record_november(client, deal, clock, *, measured: bool = True) -> None:
    clock.now = datetime(2026, 12, 1, 8, tzinfo=UTC)
    r = await client.post(f"{deal.path}/incidents", json=OUTAGE, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    if not measured:
        return
    windows = [
        {
            "indicator": "api-availability",
            "window_start": (NOVEMBER_START + timedelta(hours=h)).isoformat(),
            "window_end": (NOVEMBER_START + timedelta(hours=h + 1)).isoformat(),
            "good": 99_850,
            "total": 100_000,
        }
        for h in range(10)
    ]
    r = await client.post(f"{deal.path}/measurements", json={"measurements": windows}, headers=deal.h["provider"])
    assert r.status_code == 201, r.text


async def statement(client, deal) -> dict:
    r = await client.get(
        "/v1/billing/statements",
        params={"customer": str(deal.customer.id), "period": "2026-11"},
        headers=deal.h["provider"],
    )
    assert r.status_code == 200, r.text
    (found,) = r.json()["statements"]
    return found


async def test_the_measured_figure_decides_when_the_clause_says_so(client, deal, clock):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[*BILLING_CLAUSES, verification("uptime")])
    await record_november(client, deal, clock)
    found = await statement(client, deal)
    (uptime,) = [t for t in found["attainment"] if t["target_key"] == "uptime"]
    assert uptime["decided_by"] == "measured"
    assert uptime["by_incidents"] == "99.9500"
    assert uptime["by_measurement"] == {
        "indicator": "api-availability",
        "good": 998_500,
        "total": 1_000_000,
        "attainment": "99.8500",
    }
    # The deciding figure is the attainment, and the credit follows it.
    assert (uptime["measured"], uptime["measured_exact"], uptime["met"]) == ("99.8500", "99.85", False)
    (credit,) = [c for c in found["credits"] if c["target_key"] == "uptime"]
    assert (credit["status"], credit["amount"], credit["attainment"]) == ("owed", "100.00", "99.8500")
    assert credit["tier"] == {"below": "99.9", "credit_percent": "10"}

    attainment = (
        await client.get(f"{deal.path}/attainment", params={"period": "2026-11"}, headers=deal.h["customer"])
    ).json()
    assert [t["decided_by"] for t in attainment["targets"] if t["target_key"] == "uptime"] == ["measured"]


async def test_the_statement_shows_it_over_graphql(client, deal, clock):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[*BILLING_CLAUSES, verification("uptime")])
    await record_november(client, deal, clock)
    data = await GraphQL(client)(STATEMENT, deal.h["provider"], customer=str(deal.customer.id), period="2026-11")
    (found,) = data["billingStatements"]["statements"]
    assert [t for t in found["attainment"] if t["targetKey"] == "uptime"] == [
        {
            "targetKey": "uptime",
            "measured": "99.8500",
            "measuredExact": "99.85",
            "met": False,
            "decidedBy": "MEASURED",
            "byIncidents": "99.9500",
            "byMeasurement": {
                "indicator": "api-availability",
                "good": "998500",
                "total": "1000000",
                "attainment": "99.8500",
            },
        }
    ]
    assert [c for c in found["credits"] if c["targetKey"] == "uptime"] == [
        {"targetKey": "uptime", "status": "OWED", "amount": {"amount": "100.00", "currency": "EUR"}}
    ]


async def test_the_incidents_decide_otherwise(client, deal, clock):
    # The same measurements, but no indicator decides the target: the incidents' 99.95 % meets 99.9 %, no credit.
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[*BILLING_CLAUSES, verification(None)])
    await record_november(client, deal, clock)
    found = await statement(client, deal)
    (uptime,) = [t for t in found["attainment"] if t["target_key"] == "uptime"]
    assert (uptime["decided_by"], uptime["measured"], uptime["met"]) == ("incidents", "99.9500", True)
    assert "by_measurement" not in uptime and uptime["by_incidents"] == "99.9500"
    (credit,) = [c for c in found["credits"] if c["target_key"] == "uptime"]
    assert (credit["status"], credit["amount"]) == ("none", "0.00")


async def test_without_measurements_in_the_period_the_incidents_decide(client, deal, clock):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[*BILLING_CLAUSES, verification("uptime")])
    await record_november(client, deal, clock, measured=False)
    (uptime,) = [t for t in (await statement(client, deal))["attainment"] if t["target_key"] == "uptime"]
    assert (uptime["decided_by"], uptime["measured"], uptime["met"]) == ("incidents", "99.9500", True)
    assert "by_measurement" not in uptime


async def test_closed_statements_stay_as_they_were_frozen(client, deal, clock, session):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[*BILLING_CLAUSES, verification("uptime")])
    await record_november(client, deal, clock)
    clock.now = datetime(2026, 12, 3, tzinfo=UTC)
    r = await client.post("/v1/billing/periods/2026-11/close", headers=deal.h["operator"])
    assert r.status_code == 200, r.text
    closed = await statement(client, deal)
    frozen = await session.scalar(select(FrozenStatement).where(FrozenStatement.period == "2026-11"))
    assert closed["sha256"] == frozen.sha256 == statement_hash(frozen.content)
    assert [t["decided_by"] for t in frozen.content["attainment"] if t["target_key"] == "uptime"] == ["measured"]
    assert [c["amount"] for c in closed["credits"] if c["target_key"] == "uptime"] == ["100.00"]

    # A statement frozen before the measured figure was shown (no `decided_by`, `by_…` keys) reads back byte for byte
    # as it was frozen, with its hash.
    legacy = copy.deepcopy(frozen.content)
    for target in legacy["attainment"]:
        for key in ("decided_by", "by_incidents", "by_measurement"):
            target.pop(key, None)
    digest = statement_hash(legacy)
    await session.execute(
        update(FrozenStatement).where(FrozenStatement.period == "2026-11").values(content=legacy, sha256=digest)
    )
    await session.commit()
    assert statement_hash(frozen_content(thawed(legacy, digest))) == digest
    served = await statement(client, deal)
    assert served["sha256"] == digest
    assert served["attainment"] == legacy["attainment"]
    assert not any("decided_by" in t or "by_measurement" in t for t in served["attainment"])
