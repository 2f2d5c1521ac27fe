"""Billing through the REST edge: the newcomer's October example, CSV, closing, usage, maintenance, disputes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from db.models import BillingPeriod, Event, FrozenStatement
from services.billing.periods import schedule_automatic_close
from tests.api.conftest import assert_problem, row_counts
from tests.flows import activate
from worker.timers import fire_due_timers

BILLING_CLAUSES = [
    {
        "key": "uptime",
        "kind": "service_level",
        "title": "Availability",
        "terms": {"targets": [{"key": "uptime", "metric": "availability", "percentage": "99.9"}]},
    },
    {
        "key": "fees",
        "kind": "cost",
        "title": "Fees",
        "terms": {
            "price_lines": [
                {
                    "code": "base",
                    "description": "Monthly fee",
                    "amount": {"amount": "1000.00", "currency": "EUR"},
                    "unit": "month",
                },
                {
                    "code": "hours",
                    "description": "Consulting",
                    "amount": {"amount": "80.00", "currency": "EUR"},
                    "unit": "hour",
                },
            ]
        },
    },
    {
        "key": "uptime-credits",
        "kind": "service_credit",
        "title": "Service credits",
        "terms": {
            "target": "uptime",
            "tiers": [
                {"below": "99.9", "credit_percent": "10", "price_lines": ["base"]},
                {"below": "99.0", "credit_percent": "25", "price_lines": ["base"]},
            ],
            "monthly_cap_percent": "100",
            "minimum": {"amount": "1.00", "currency": "EUR"},
            "claim_window": "P30D",
        },
    },
]
OUTAGE = {
    "kind": "outage",
    "started_at": "2026-10-14T09:00:00Z",
    "ended_at": "2026-10-14T10:30:00Z",
    "service": "api",
    "description": "database failover",
}


@pytest.fixture
async def billed(client, deal, clock):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=BILLING_CLAUSES)
    a = deal.path
    clock.now = datetime(2026, 10, 20, 12, tzinfo=UTC)
    return deal, a


def _uptime(attainment):
    return next(t for t in attainment["targets"] if t["target_key"] == "uptime")


async def _statement(client, deal, who="provider", **params):
    r = await client.get(
        "/v1/billing/statements",
        params={"customer": str(deal.customer.id), "period": "2026-10", **params},
        headers=deal.h[who],
    )
    assert r.status_code == 200, r.text
    return r.json()


async def test_october_outage_credit_json_and_csv(client, billed):
    deal, a = billed
    r = await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    r = await client.get(f"{a}/attainment", params={"period": "2026-10"}, headers=deal.h["third"])
    uptime = _uptime(r.json())
    # 90 min of October in Berlin (31 days and the extra hour of 25 October): 100 × (1 − 5400 / 2682000) =
    # 99.798657…, shown truncated (never rounded up past a threshold).
    assert uptime["measured"] == "99.7986" and uptime["met"] is False and r.json()["provisional"] is True
    assert uptime["evidence"] == {"incidents": 1, "downtime_seconds": 5400}

    pull = await _statement(client, deal)
    (statement,) = pull["statements"]
    assert statement["provisional"] is True and statement["sha256"] is None
    assert [(line["code"], line["amount"]) for line in statement["lines"]] == [("base", "1000.00")]
    (credit,) = statement["credits"]
    assert credit["status"] == "owed" and credit["amount"] == "100.00"
    assert credit["tier"] == {"below": "99.9", "credit_percent": "10"} and credit["attainment"] == "99.7986"
    assert statement["totals"] == [{"currency": "EUR", "amount": "900.00"}]
    assert pull["totals"] == [{"currency": "EUR", "amount": "900.00"}]

    r = await client.get(
        "/v1/billing/statements",
        params={"customer": str(deal.customer.id), "period": "2026-10"},
        headers={**deal.h["customer"], "Accept": "text/csv"},
    )
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(row["type"], row["code"], row["amount"]) for row in rows] == [
        ("charge", "base", "1000.00"),
        ("credit", "uptime-credits", "-100.00"),
        ("total", "", "900.00"),
    ]
    assert rows[1]["credit_percent"] == "10" and rows[0]["provisional"] == "true"
    assert r.headers["content-type"] == "text/csv; charset=utf-8"  # one charset, not two

    # `format=csv` is the same answer for clients that cannot set Accept (a browser link, a spreadsheet import).
    by_query = await client.get(
        "/v1/billing/statements",
        params={"customer": str(deal.customer.id), "period": "2026-10", "format": "csv"},
        headers=deal.h["customer"],
    )
    assert by_query.headers["content-type"] == r.headers["content-type"] and by_query.text == r.text
    as_json = await client.get(
        "/v1/billing/statements",
        params={"customer": str(deal.customer.id), "period": "2026-10", "format": "json"},
        headers={**deal.h["customer"], "Accept": "text/csv"},
    )
    assert as_json.json()["totals"] == [{"currency": "EUR", "amount": "900.00"}]


async def test_third_parties_never_see_statements_and_outsiders_learn_nothing(client, billed):
    deal, a = billed
    for who in ("third", "outsider"):  # not theirs to bill: answered exactly like an unknown customer
        mine = await client.get(
            "/v1/billing/statements",
            params={"customer": str(deal.customer.id), "period": "2026-10"},
            headers=deal.h[who],
        )
        unknown = await client.get(
            "/v1/billing/statements",
            params={"customer": "00000000-0000-4000-8000-000000000000", "period": "2026-10"},
            headers=deal.h[who],
        )
        assert_problem(mine, 404)
        assert mine.json()["detail"].replace(str(deal.customer.id), "X") == unknown.json()["detail"].replace(
            "00000000-0000-4000-8000-000000000000", "X"
        )
    assert_problem(await client.get(f"{a}/attainment", params={"period": "2026-10"}, headers=deal.h["outsider"]), 404)
    assert_problem(
        await client.get(
            "/v1/billing/statements", params={"customer": "nobody:1", "period": "2026-10"}, headers=deal.h["provider"]
        ),
        404,
    )


async def test_closing_freezes_with_a_hash_and_announces(client, billed, clock, session):
    deal, a = billed
    await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    assert_problem(
        await client.post("/v1/billing/periods/2026-10/close", headers=deal.h["operator"]), 409, "period_not_ended"
    )
    clock.now = datetime(2026, 11, 3, 9, tzinfo=UTC)
    assert_problem(await client.post("/v1/billing/periods/2026-10/close", headers=deal.h["provider"]), 403)
    r = await client.post("/v1/billing/periods/2026-10/close", headers=deal.h["operator"])
    assert r.status_code == 200, r.text
    assert r.json()["agreements"] == 1
    assert_problem(
        await client.post("/v1/billing/periods/2026-10/close", headers=deal.h["operator"]), 409, "period_closed"
    )
    (statement,) = (await _statement(client, deal))["statements"]
    assert statement["provisional"] is False and statement["credits"][0]["amount"] == "100.00"
    frozen = await session.scalar(select(FrozenStatement))
    canonical = json.dumps(frozen.content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert hashlib.sha256(canonical).hexdigest() == frozen.sha256 == statement["sha256"]
    # Later incidents for the closed period are refused; nothing stored.
    before = await row_counts(session)
    late = {**OUTAGE, "started_at": "2026-10-20T09:00:00Z", "ended_at": "2026-10-20T09:10:00Z"}
    assert_problem(await client.post(f"{a}/incidents", json=late, headers=deal.h["provider"]), 409, "period_closed")
    assert await row_counts(session) == before
    types = {e["type"] for e in (await client.get("/v1/events", headers=deal.h["customer"])).json()["items"]}
    assert {"attainment.period_closed", "credit.computed"} <= types
    third = {
        e["type"]
        for e in (await client.get("/v1/events", headers=deal.h["third"], params={"limit": 100})).json()["items"]
    }
    assert "credit.computed" not in third and "attainment.period_closed" in third
    assert await session.scalar(select(Event.type).where(Event.type == "credit.computed")) == "credit.computed"


async def test_usage_is_idempotent_and_priced(client, billed):
    deal, a = billed
    usage = {"usage_id": "u-1", "price_code": "hours", "quantity": "1.5", "occurred_at": "2026-10-05T10:00:00Z"}
    r = await client.post(f"{a}/usage", json=usage, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    r = await client.post(f"{a}/usage", json=usage, headers=deal.h["provider"])
    assert r.status_code == 200 and r.json()["usage_id"] == "u-1"
    assert_problem(await client.post(f"{a}/usage", json={**usage, "quantity": "2"}, headers=deal.h["provider"]), 409)
    for bad, field in (
        ({**usage, "usage_id": "u-2", "quantity": "-1"}, "quantity"),
        ({**usage, "usage_id": "u-3", "quantity": "abc"}, "quantity"),
        ({**usage, "usage_id": "u-4", "price_code": "base"}, "price_code"),
    ):
        assert_problem(await client.post(f"{a}/usage", json=bad, headers=deal.h["provider"]), 422, field=field)
    lines = (await _statement(client, deal))["statements"][0]["lines"]
    assert ("hours", "1.5", "120.00") in [(line["code"], line["quantity"], line["amount"]) for line in lines]


async def test_maintenance_counts_only_when_the_customer_accepted_it(client, billed):
    deal, a = billed
    window = {"kind": "maintenance", "started_at": "2026-10-10T01:00:00Z", "ended_at": "2026-10-10T05:00:00Z"}
    maintenance = (await client.post(f"{a}/incidents", json=window, headers=deal.h["provider"])).json()
    before = _uptime(
        (await client.get(f"{a}/attainment", params={"period": "2026-10"}, headers=deal.h["provider"])).json()
    )
    assert before["evidence"]["downtime_seconds"] == 4 * 3600
    assert_problem(await client.post(f"{a}/incidents/{maintenance['id']}/accept", headers=deal.h["provider"]), 403)
    r = await client.post(f"{a}/incidents/{maintenance['id']}/accept", headers=deal.h["customer"])
    assert r.status_code == 200 and r.json()["counts_as_downtime"] is False
    assert_problem(await client.post(f"{a}/incidents/{maintenance['id']}/accept", headers=deal.h["customer"]), 409)
    after = _uptime(
        (await client.get(f"{a}/attainment", params={"period": "2026-10"}, headers=deal.h["provider"])).json()
    )
    assert after["evidence"]["downtime_seconds"] == 0 and after["met"] is True
    outage = (await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])).json()
    assert_problem(
        await client.post(f"{a}/incidents/{outage['id']}/accept", headers=deal.h["customer"]), 409, "not_maintenance"
    )


async def test_a_disputed_credit_is_held_and_the_adjustment_replaces_it(client, billed):
    deal, a = billed
    await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    r = await client.post(
        "/v1/disputes",
        headers=deal.h["customer"],
        json={
            "agreement_id": deal.agreement_id,
            "respondent_party_id": str(deal.provider.id),
            "about": "credit",
            "clause_key": "uptime-credits",
            "credit_period": "2026-10",
            "subject": "Credit too low",
            "description": "The outage lasted longer",
        },
    )
    assert r.status_code == 201, r.text
    dispute = r.json()["id"]
    credit = (await _statement(client, deal))["statements"][0]["credits"][0]
    assert credit["status"] == "disputed" and credit["dispute_id"] == dispute
    await client.post(f"/v1/disputes/{dispute}/acknowledge", headers=deal.h["provider"])
    r = await client.post(
        f"/v1/disputes/{dispute}/resolve",
        headers=deal.h["customer"],
        json={"outcome": "Agreed on 250", "adjustment": {"amount": "250.00", "currency": "EUR"}},
    )
    assert r.status_code == 200, r.text
    statement = (await _statement(client, deal))["statements"][0]
    credit = statement["credits"][0]
    assert credit["status"] == "adjusted" and credit["amount"] == "250.00" and credit["computed_amount"] == "100.00"
    assert statement["totals"] == [{"currency": "EUR", "amount": "750.00"}]


async def test_bad_input(client, billed, session):
    deal, a = billed
    before = await row_counts(session)
    for period in ("2026-13", "2026/10", "October"):
        assert_problem(
            await client.get(
                "/v1/billing/statements",
                params={"customer": str(deal.customer.id), "period": period},
                headers=deal.h["provider"],
            ),
            422,
            field="period",
        )
        assert_problem(
            await client.get(f"{a}/attainment", params={"period": period}, headers=deal.h["provider"]),
            422,
            field="period",
        )
    assert_problem(
        await client.post(
            f"{a}/incidents", json={**OUTAGE, "ended_at": "2026-10-14T08:00:00Z"}, headers=deal.h["provider"]
        ),
        422,
        field="ended_at",
    )
    assert_problem(
        await client.post(f"{a}/incidents", json={**OUTAGE, "kind": "meteor"}, headers=deal.h["provider"]), 400
    )
    assert_problem(await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["customer"]), 403)
    assert_problem(await client.post("/v1/billing/periods/2026-13/close", headers=deal.h["operator"]), 422)
    # Before 1970 is outside the supported range (DESIGN.md "Bounds"); a long one is refused as too long.
    assert_problem(
        await client.post(
            f"{a}/incidents", json={**OUTAGE, "started_at": "1900-01-01T00:00:00Z"}, headers=deal.h["provider"]
        ),
        422,
        field="started_at",
    )
    assert_problem(
        await client.post(
            f"{a}/incidents", json={**OUTAGE, "started_at": "2020-01-01T00:00:00Z"}, headers=deal.h["provider"]
        ),
        422,
        field="ended_at",
    )
    assert_problem(
        await client.get(
            "/v1/billing/statements",
            params={"customer": "00000000-0000-4000-8000-000000000000", "period": "2026-10"},
            headers=deal.h["provider"],
        ),
        404,
    )
    assert await row_counts(session) == before


async def test_the_worker_closes_a_period_days_after_it_ended(client, billed, clock, sessionmaker, session):
    deal, a = billed
    await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    now = datetime(2026, 11, 3, tzinfo=UTC)  # two days after October ended: not yet (five days)
    async with sessionmaker() as s:
        await schedule_automatic_close(s, now=now, after_days=5)
        await s.commit()
    await fire_due_timers(sessionmaker, now=now)
    assert await session.get(BillingPeriod, "2026-10") is None
    await fire_due_timers(sessionmaker, now=datetime(2026, 11, 7, tzinfo=UTC))
    closed = await session.get(BillingPeriod, "2026-10")
    assert closed is not None and closed.closed_by == "worker" and closed.agreements == 1
    (statement,) = (await _statement(client, deal))["statements"]
    assert statement["provisional"] is False and statement["credits"][0]["amount"] == "100.00"


async def test_csv_neutralises_formulas_but_keeps_negative_amounts_as_numbers(client, billed):
    deal, a = billed
    hostile = '=HYPERLINK("https://evil.example","click")'
    clauses = [
        {
            **BILLING_CLAUSES[1],
            "terms": {
                "price_lines": [
                    {
                        "code": "@base",
                        "description": hostile,
                        "amount": {"amount": "1000.00", "currency": "EUR"},
                        "unit": "month",
                    },
                    {
                        "code": "hours",
                        "description": "+1\t-2",
                        "amount": {"amount": "80.00", "currency": "EUR"},
                        "unit": "hour",
                    },
                ]
            },
        },
        {
            **BILLING_CLAUSES[2],
            "terms": {
                **BILLING_CLAUSES[2]["terms"],
                "tiers": [{"below": "99.9", "credit_percent": "10", "price_lines": ["@base"]}],
            },
        },
    ]
    r = await client.post(
        f"{a}/versions", json={"clauses": clauses, "effective_from": "2026-10-01T00:00:00Z"}, headers=deal.h["provider"]
    )
    assert r.status_code == 201, r.text
    for side in ("provider", "customer"):
        assert (await client.post(f"{a}/versions/2/approve", headers=deal.h[side])).status_code == 200
    await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    r = await client.get(
        "/v1/billing/statements",
        params={"customer": str(deal.customer.id), "period": "2026-10"},
        headers={**deal.h["provider"], "Accept": "text/csv"},
    )
    rows = list(csv.DictReader(io.StringIO(r.text)))
    charge, credit, total = rows
    assert charge["code"] == "'@base" and charge["description"] == "'" + hostile
    assert credit["amount"] == "-100.00" and total["amount"] == "900.00"  # numbers, not formulas
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert not value.startswith("-") or value in ("-100.00",), value


async def test_csv_sums_to_the_json_total_when_a_credit_is_held(client, billed):
    deal, a = billed
    await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    r = await client.post(
        "/v1/disputes",
        headers=deal.h["customer"],
        json={
            "agreement_id": deal.agreement_id,
            "respondent_party_id": str(deal.provider.id),
            "about": "credit",
            "clause_key": "uptime-credits",
            "credit_period": "2026-10",
            "subject": "Credit",
            "description": "d",
        },
    )
    assert r.status_code == 201, r.text
    pull = await _statement(client, deal)
    assert pull["statements"][0]["credits"][0]["status"] == "disputed"
    assert pull["totals"] == [{"currency": "EUR", "amount": "1000.00"}]
    r = await client.get(
        "/v1/billing/statements",
        params={"customer": str(deal.customer.id), "period": "2026-10"},
        headers={**deal.h["provider"], "Accept": "text/csv"},
    )
    rows = list(csv.DictReader(io.StringIO(r.text)))
    credit = next(row for row in rows if row["type"] == "credit")
    assert (credit["amount"], credit["held_amount"], credit["status"]) == ("0.00", "-100.00", "disputed")
    lines = sum(Decimal(row["amount"]) for row in rows if row["type"] != "total")
    (total,) = [row for row in rows if row["type"] == "total"]
    assert lines == Decimal(total["amount"]) == Decimal(pull["totals"][0]["amount"]) == Decimal("1000.00")


async def test_an_unclaimed_credit_expires_after_the_claim_window(client, billed, clock):
    deal, a = billed
    await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    (credit,) = (await _statement(client, deal))["statements"][0]["credits"]
    # P30D after the end of October in Berlin: 1 December 00:00 local.
    assert credit["status"] == "owed" and credit["claim_by"] == "2026-11-30T23:00:00Z"
    clock.now = datetime(2026, 11, 30, 22, 59, tzinfo=UTC)
    assert (await _statement(client, deal))["statements"][0]["credits"][0]["status"] == "owed"
    clock.now = datetime(2026, 12, 1, tzinfo=UTC)
    pull = await _statement(client, deal)
    (credit,) = pull["statements"][0]["credits"]
    assert (credit["status"], credit["amount"], credit["computed_amount"]) == ("expired", "0.00", "100.00")
    assert pull["statements"][0]["totals"] == pull["totals"] == [{"currency": "EUR", "amount": "1000.00"}]
    # Closed periods read the same way: the frozen statement keeps claim_by, expiry applies when read.
    assert (await client.post("/v1/billing/periods/2026-10/close", headers=deal.h["operator"])).status_code == 200
    frozen = await _statement(client, deal)
    assert frozen["statements"][0]["credits"][0]["status"] == "expired" and frozen["totals"] == pull["totals"]


async def test_a_credit_claimed_in_time_stays_payable(client, billed, clock):
    deal, a = billed
    await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    clock.now = datetime(2026, 11, 20, tzinfo=UTC)
    r = await client.post(
        "/v1/disputes",
        headers=deal.h["customer"],
        json={
            "agreement_id": deal.agreement_id,
            "respondent_party_id": str(deal.provider.id),
            "about": "credit",
            "clause_key": "uptime-credits",
            "credit_period": "2026-10",
            "subject": "Claim",
            "description": "d",
        },
    )
    assert r.status_code == 201, r.text
    assert (await client.post(f"/v1/disputes/{r.json()['id']}/withdraw", headers=deal.h["customer"])).status_code == 200
    clock.now = datetime(2026, 12, 15, tzinfo=UTC)
    (credit,) = (await _statement(client, deal))["statements"][0]["credits"]
    assert credit["status"] == "owed" and credit["amount"] == "100.00"
    assert credit["claimed_at"] == "2026-11-20T00:00:00Z"


async def test_a_microsecond_over_the_threshold_owes_the_credit(client, billed):
    deal, a = billed
    tight = [
        {
            "key": "uptime",
            "kind": "service_level",
            "title": "Availability",
            "terms": {"targets": [{"key": "uptime", "metric": "availability", "percentage": "99.99"}]},
        },
        {
            **BILLING_CLAUSES[2],
            "terms": {
                "target": "uptime",
                "tiers": [{"below": "99.99", "credit_percent": "10", "price_lines": ["base"]}],
            },
        },
    ]
    r = await client.post(
        f"{a}/versions", json={"clauses": tight, "effective_from": "2026-10-01T00:00:00Z"}, headers=deal.h["provider"]
    )
    assert r.status_code == 201, r.text
    for side in ("provider", "customer"):
        assert (await client.post(f"{a}/versions/2/approve", headers=deal.h[side])).status_code == 200
    # October in Berlin is 31 days and an hour (2,682,000 s); 0.01 % of it is 268.2 s.
    outage = {"kind": "outage", "started_at": "2026-10-10T10:00:00Z", "ended_at": "2026-10-10T10:04:28.200001Z"}
    assert (await client.post(f"{a}/incidents", json=outage, headers=deal.h["provider"])).status_code == 201
    uptime = _uptime(
        (await client.get(f"{a}/attainment", params={"period": "2026-10"}, headers=deal.h["provider"])).json()
    )
    assert uptime["measured_exact"].startswith("99.98999999996") and uptime["measured"] == "99.9899"
    assert uptime["met"] is False
    (credit,) = (await _statement(client, deal))["statements"][0]["credits"]
    assert credit["status"] == "owed" and credit["amount"] == "100.00" and credit["attainment"] == "99.9899"


async def test_statements_answer_304_until_they_change(client, billed):
    deal, a = billed
    url, params = "/v1/billing/statements", {"customer": str(deal.customer.id), "period": "2026-10"}
    tags = {}
    for accept in ("application/json", "text/csv"):
        first = await client.get(url, params=params, headers={**deal.h["provider"], "Accept": accept})
        assert first.status_code == 200, first.text
        tag = tags[accept] = first.headers["etag"]
        again = await client.get(
            url, params=params, headers={**deal.h["provider"], "Accept": accept, "If-None-Match": tag}
        )
        assert again.status_code == 304 and again.content == b""
    r = await client.post(f"{a}/incidents", json=OUTAGE, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    changed = await client.get(
        url, params=params, headers={**deal.h["provider"], "If-None-Match": tags["application/json"]}
    )
    assert changed.status_code == 200 and changed.headers["etag"] != tags["application/json"]
