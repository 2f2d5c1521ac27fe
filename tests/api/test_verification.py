"""Measured SLIs through the REST edge: a month of ratio measurements against a 99.9 % objective, its error budget
and burn-rate alerts worked by hand; data-source, idempotency, closed-period and bad-input refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.models import Event, SliMeasurement
from tests.api.conftest import assert_problem
from tests.flows import activate

VERIFICATION = {
    "key": "measured",
    "kind": "verification",
    "title": "Measured availability",
    "terms": {
        "data_source": "provider's monitoring",
        "method": "share of good API requests",
        "measurement_period": "PT1H",
        "indicators": [
            {
                "key": "api-availability",
                "source": {"role": "provider"},
                "method": "ratio",
                "objective": "99.9",
                "compliance_window": "calendar_month",
            },
            {
                "key": "latency-p95",
                "source": {"role": "provider"},
                "method": "threshold",
                "objective": "99",
                "threshold": {"op": "le", "limit": "300", "unit": "ms"},
                "compliance_window": "rolling_28d",
            },
        ],
    },
}
# November 2026 in Berlin: 30 days of 24 hours (no clock change), from 2026-10-31T23:00Z.
MONTH_START = datetime(2026, 10, 31, 23, tzinfo=UTC)
HOURS = 30 * 24
PER_HOUR = 100_000
NORMAL_BAD = 147  # 0.147 % of the hour's requests fail: burn rate 1.47
BAD_HOUR = 9 * 24 + 14  # 10 November, 14:00-15:00 Berlin
BAD_HOUR_BAD = 2_307  # 2.307 %: burn rate 23.07


def _hour(index: int) -> dict:
    bad = BAD_HOUR_BAD if index == BAD_HOUR else NORMAL_BAD
    start = MONTH_START + timedelta(hours=index)
    return {
        "indicator": "api-availability",
        "window_start": start.isoformat(),
        "window_end": (start + timedelta(hours=1)).isoformat(),
        "good": PER_HOUR - bad,
        "total": PER_HOUR,
    }


@pytest.fixture
async def measured(client, deal, clock):
    clock.now = datetime(2026, 10, 20, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[VERIFICATION])
    a = deal.path
    return deal, a


async def _slo_events(session) -> list[tuple[str, str, str]]:
    rows = await session.execute(
        select(Event.type, Event.payload).where(Event.type.like("slo.%")).order_by(Event.position)
    )
    return [(type_, payload["alert"], payload["at"]) for type_, payload in rows]


async def test_a_month_at_99_85_percent_against_99_9(client, measured, clock, session):
    deal, a = measured
    # A day at a time, as a monitoring tool posting once a day would.
    for day in range(30):
        clock.now = MONTH_START + timedelta(days=day + 1, minutes=1)
        r = await client.post(
            f"{a}/measurements",
            json={"measurements": [_hour(day * 24 + h) for h in range(24)]},
            headers=deal.h["provider"],
        )
        assert r.status_code == 201, r.text
        assert r.json()["recorded"] == 24 and r.json()["unchanged"] == 0

    # Worked by hand: 720 hours × 100 000 requests = 72 000 000; bad: 719 × 147 + 2 307 = 108 000, so 99.85 %.
    # The budget at 99.9 % is 0.1 % of 72 000 000 = 72 000 bad requests; 108 000 spent is 150 %: −50 % remains.
    r = await client.get(f"{a}/indicators", params={"as_of": "2026-11-30T23:00:00Z"}, headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    ratio = next(i for i in r.json()["indicators"] if i["key"] == "api-availability")
    assert (ratio["good"], ratio["total"]) == (72_000_000 - 108_000, 72_000_000)
    assert ratio["attainment"] == "99.8500" and ratio["met"] is False and ratio["objective"] == "99.9"
    assert ratio["window_start"] == "2026-10-31T23:00:00Z" and ratio["window_end"] == "2026-11-30T23:00:00Z"
    assert ratio["error_budget"] == {
        "allowed_bad": "72000.0000",
        "consumed_bad": 108_000,
        "remaining_percent": "-50.00",
        "exhausted": True,
    }
    # At the month's end the last hour burns at 0.147 % / 0.1 % = 1.47 over every window; thresholds for a 30-day
    # window: fast 2 % × 720 h / 1 h = 14.4, medium 5 % × 720 / 6 = 6, slow 10 % × 720 / 72 = 1.
    rates = {b["alert"]: b for b in ratio["burn_rates"]}
    assert {name: (b["threshold"], b["long_burn_rate"], b["firing"]) for name, b in rates.items()} == {
        "fast": ("14.40", "1.47", False),
        "medium": ("6.00", "1.47", False),
        "slow": ("1.00", "1.47", True),
    }
    assert ratio["open_episodes"] == ["budget_exhausted", "slow"]

    # The bad hour burns at 2.307 % / 0.1 % = 23.07 > 14.4 over its 1 h and 5 min windows: the fast alert fires once,
    # at its end, and recovers the hour after. Its 6 h window, (5 × 147 + 2 307) / 600 000 = 0.507 %, burns at 5.07,
    # below 6: no medium alert. From the first hour on, 1.47 > 1 fires the slow alert and spends the budget so far
    # (0.147 % > 0.1 %): one episode each, open all month.
    bad_hour_end = (MONTH_START + timedelta(hours=BAD_HOUR + 1)).isoformat().replace("+00:00", "Z")
    after_bad_hour = (MONTH_START + timedelta(hours=BAD_HOUR + 2)).isoformat().replace("+00:00", "Z")
    first_hour_end = "2026-11-01T00:00:00Z"
    assert await _slo_events(session) == [
        ("slo.burn_rate_high", "slow", first_hour_end),
        ("slo.budget_exhausted", "budget_exhausted", first_hour_end),
        ("slo.burn_rate_high", "fast", bad_hour_end),
        ("slo.recovered", "fast", after_bad_hour),
    ]
    fired = await session.scalar(
        select(Event.payload).where(Event.type == "slo.burn_rate_high", Event.payload["alert"].astext == "fast")
    )
    assert (fired["long_burn_rate"], fired["short_burn_rate"], fired["threshold"]) == ("23.07", "23.07", "14.40")
    assert (fired["long_window"], fired["short_window"], fired["budget_percent"]) == ("PT1H", "PT5M", "2")

    # The same day again changes nothing and announces nothing; other figures for a stored window are refused.
    day_one = [_hour(h) for h in range(24)]
    r = await client.post(f"{a}/measurements", json={"measurements": day_one}, headers=deal.h["provider"])
    assert r.status_code == 200 and r.json() == {"recorded": 0, "unchanged": 24, "events": []}
    changed = {**day_one[3], "good": day_one[3]["good"] - 1}
    assert_problem(
        await client.post(f"{a}/measurements", json={"measurements": [changed]}, headers=deal.h["provider"]),
        409,
        "measurement_window_reused",
    )
    assert len(await _slo_events(session)) == 4

    # A series at one-day resolution: the bad day has 23 × 147 + 2 307 = 5 688 bad of 2 400 000 (99.763 %), the next
    # 24 × 147 = 3 528 (99.853 %).
    r = await client.get(
        f"{a}/indicators",
        params={
            "as_of": "2026-11-30T23:00:00Z",
            "from": "2026-11-09T23:00:00Z",
            "to": "2026-11-11T23:00:00Z",
            "resolution": "P1D",
        },
        headers=deal.h["provider"],
    )
    series = next(i for i in r.json()["indicators"] if i["key"] == "api-availability")["series"]
    assert [(p["start"], p["good"], p["total"], p["attainment"]) for p in series] == [
        ("2026-11-09T23:00:00Z", 2_400_000 - 23 * 147 - 2_307, 2_400_000, "99.7630"),
        ("2026-11-10T23:00:00Z", 2_400_000 - 24 * 147, 2_400_000, "99.8530"),
    ]


async def test_threshold_samples_count_good_when_within_the_limit(client, measured, clock):
    deal, a = measured
    clock.now = datetime(2026, 11, 2, tzinfo=UTC)
    samples = [
        {"indicator": "latency-p95", "at": "2026-11-01T10:00:00Z", "value": "280"},
        {"indicator": "latency-p95", "at": "2026-11-01T11:00:00Z", "value": "300"},
        {"indicator": "latency-p95", "at": "2026-11-01T12:00:00Z", "value": "300.5"},
        {"indicator": "latency-p95", "at": "2026-11-01T13:00:00Z", "value": "120"},
    ]
    r = await client.post(f"{a}/measurements", json={"measurements": samples}, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    r = await client.get(f"{a}/indicators", params={"as_of": "2026-11-01T14:00:00Z"}, headers=deal.h["provider"])
    latency = next(i for i in r.json()["indicators"] if i["key"] == "latency-p95")
    # 3 of 4 samples at or under 300 ms: 75 %, against 99 %: budget 1 % of 4 = 0.04 samples, 1 spent: −2400 %.
    assert (latency["good"], latency["total"], latency["attainment"]) == (3, 4, "75.0000")
    assert latency["error_budget"]["remaining_percent"] == "-2400.00"
    assert latency["window_start"] == "2026-10-04T14:00:00Z"  # rolling 28 days


async def test_only_the_declared_data_source_posts(client, measured, clock, session):
    deal, a = measured
    clock.now = datetime(2026, 11, 2, tzinfo=UTC)
    body = {"measurements": [_hour(0)]}
    assert_problem(
        await client.post(f"{a}/measurements", json=body, headers=deal.h["customer"]), 403, "not_the_data_source"
    )
    assert_problem(
        await client.post(f"{a}/measurements", json=body, headers=deal.h["third"]), 403, "not_the_data_source"
    )
    assert_problem(await client.post(f"{a}/measurements", json=body, headers=deal.h["operator"]), 403)
    outsider = await client.post(f"{a}/measurements", json=body, headers=deal.h["outsider"])
    assert_problem(outsider, 404)
    assert await session.scalar(select(func.count()).select_from(SliMeasurement)) == 0
    # The clause is not shared with third parties: their indicator list is empty, as their clause list has none.
    r = await client.get(f"{a}/indicators", headers=deal.h["third"])
    assert r.status_code == 200 and r.json()["indicators"] == []


async def test_late_data_for_a_closed_period_is_refused(client, measured, clock, session):
    deal, a = measured
    clock.now = datetime(2026, 11, 3, tzinfo=UTC)
    r = await client.post("/v1/billing/periods/2026-10/close", headers=deal.h["operator"])
    assert r.status_code == 200, r.text
    october = {
        "indicator": "api-availability",
        "window_start": "2026-10-31T21:00:00Z",
        "window_end": "2026-10-31T22:00:00Z",
        "good": 10,
        "total": 10,
    }
    assert_problem(
        await client.post(f"{a}/measurements", json={"measurements": [october, _hour(0)]}, headers=deal.h["provider"]),
        409,
        "period_closed",
    )
    assert await session.scalar(select(func.count()).select_from(SliMeasurement)) == 0
    r = await client.post(f"{a}/measurements", json={"measurements": [_hour(0)]}, headers=deal.h["provider"])
    assert r.status_code == 201, r.text


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"indicator": "nope", "at": "2026-11-01T10:00:00Z", "value": "1"}, "measurements[0].indicator"),
        ({**_hour(0), "good": 100_001}, "measurements[0].good"),
        ({**_hour(0), "total": -1}, "measurements[0].total"),
        ({**_hour(0), "window_end": _hour(0)["window_start"]}, "measurements[0].window_end"),
        ({**_hour(0), "at": "2026-11-01T10:00:00Z"}, "measurements[0].at"),
        ({"indicator": "latency-p95", "at": "2026-11-01T10:00:00Z"}, "measurements[0].value"),
        ({"indicator": "latency-p95", "at": "2026-11-01T10:00:00Z", "value": "1e3"}, "measurements[0].value"),
        ({**_hour(24 * 40)}, "measurements[0].window_end"),  # the future
    ],
)
async def test_bad_measurements_are_422_naming_the_item(client, measured, clock, session, item, field):
    deal, a = measured
    clock.now = datetime(2026, 11, 2, tzinfo=UTC)
    r = await client.post(f"{a}/measurements", json={"measurements": [_hour(1), item]}, headers=deal.h["provider"])
    body = assert_problem(r, 422, "invalid_input")
    assert [e["field"] for e in body["errors"]] == [field.replace("[0]", "[1]")]
    assert await session.scalar(select(func.count()).select_from(SliMeasurement)) == 0


async def test_bad_reads_are_422(client, measured):
    deal, a = measured
    for params, field in [
        ({"from": "2026-11-01T00:00:00Z"}, "to"),
        ({"from": "2026-11-02T00:00:00Z", "to": "2026-11-01T00:00:00Z"}, "to"),
        ({"from": "2026-11-01T00:00:00Z", "to": "2026-11-02T00:00:00Z", "resolution": "P1M"}, "resolution"),
        ({"from": "2020-01-01T00:00:00Z", "to": "2026-11-02T00:00:00Z", "resolution": "PT1M"}, "resolution"),
    ]:
        assert_problem(await client.get(f"{a}/indicators", params=params, headers=deal.h["provider"]), 422, field=field)
