"""Measured SLIs through POST /graphql: `recordMeasurements` as the declared data source (typed errors otherwise,
nothing stored), and `indicators` with the error budget and burn rates worked by hand, as REST answers them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from db.models import Event, SliMeasurement
from tests.api.test_verification import VERIFICATION
from tests.flows import activate
from tests.schema.conftest import count, mutate

RECORD = ("$id: UUID!, $input: RecordMeasurementsInput!", "agreementId: $id, input: $input")
PAYLOAD = "... on RecordMeasurementsPayload { recorded unchanged events }"
INDICATORS = """
query($id: UUID!, $asOf: DateTime, $from: DateTime, $to: DateTime) {
  indicators(agreementId: $id, asOf: $asOf, from: $from, to: $to, resolution: "PT6H") {
    asOf
    indicators {
      key attainment met good total objective complianceWindow windowStart
      errorBudget { allowedBad consumedBad remainingPercent exhausted }
      burnRates { alert threshold longBurnRate shortBurnRate firing }
      openEpisodes
      series { start good total attainment }
    }
  }
}
"""
START = datetime(2026, 10, 31, 23, tzinfo=UTC)  # 1 November 2026, 00:00 in Berlin


def _hours(bad_per_hour: list[int]) -> list[dict]:
    return [
        {
            "indicator": "api-availability",
            "windowStart": (START + timedelta(hours=h)).isoformat(),
            "windowEnd": (START + timedelta(hours=h + 1)).isoformat(),
            "good": str(10_000 - bad),
            "total": "10000",
        }
        for h, bad in enumerate(bad_per_hour)
    ]


async def test_record_and_read_indicators(client, gql, deal, clock, session):
    clock.now = datetime(2026, 10, 20, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[VERIFICATION])
    clock.now = START + timedelta(hours=12)
    # Eleven clean hours, then one with 300 bad of 10 000: 3 % / 0.1 % = burn rate 30, above 14.4 over 1 h and 5 min.
    batch = {"measurements": _hours([0] * 11 + [300])}
    result = await mutate(
        gql, "recordMeasurements", PAYLOAD, deal.h["provider"], *RECORD, id=deal.agreement_id, input=batch
    )
    assert result == {
        "__typename": "RecordMeasurementsPayload",
        "recorded": 12,
        "unchanged": 0,
        # 300 bad of 120 000 so far is 0.25 % > 0.1 %: the budget so far is spent too. Over 6 h (60 000 requests,
        # 300 bad: 0.5 %) the burn rate is 5, below the medium alert's 6; over 3 days it is 2.5, above the slow 1.
        "events": ["slo.burn_rate_high", "slo.burn_rate_high", "slo.budget_exhausted"],
    }
    alerts = await session.scalars(select(Event.payload["alert"].astext).where(Event.type == "slo.burn_rate_high"))
    assert sorted(alerts) == ["fast", "slow"]

    data = await gql(
        INDICATORS,
        deal.h["customer"],
        id=deal.agreement_id,
        asOf=(START + timedelta(hours=12)).isoformat(),
        **{"from": START.isoformat(), "to": (START + timedelta(hours=12)).isoformat()},
    )
    (ratio,) = [i for i in data["indicators"]["indicators"] if i["key"] == "api-availability"]
    # 120 000 requests, 300 bad: 99.75 %; budget 0.1 % × 120 000 = 120, 300 spent: 100 × (1 − 300 / 120) = −150 %.
    assert (ratio["good"], ratio["total"], ratio["attainment"], ratio["met"]) == ("119700", "120000", "99.7500", False)
    assert ratio["errorBudget"] == {
        "allowedBad": "120.0000",
        "consumedBad": "300",
        "remainingPercent": "-150.00",
        "exhausted": True,
    }
    assert {b["alert"]: (b["threshold"], b["longBurnRate"], b["firing"]) for b in ratio["burnRates"]} == {
        "fast": ("14.40", "30.00", True),
        "medium": ("6.00", "5.00", False),
        "slow": ("1.00", "2.50", True),
    }
    assert ratio["openEpisodes"] == ["budget_exhausted", "fast", "slow"]
    assert [(p["good"], p["total"]) for p in ratio["series"]] == [("60000", "60000"), ("59700", "60000")]

    # Not the data source: a typed error, nothing stored; not a member: null, as for an unknown agreement.
    before = await count(session, SliMeasurement)
    refused = await mutate(
        gql, "recordMeasurements", PAYLOAD, deal.h["customer"], *RECORD, id=deal.agreement_id, input=batch
    )
    assert (refused["__typename"], refused["code"]) == ("ForbiddenError", "not_the_data_source")
    fractional = {"measurements": [{**_hours([0])[0], "good": "9999.5"}]}
    invalid = await mutate(
        gql, "recordMeasurements", PAYLOAD, deal.h["provider"], *RECORD, id=deal.agreement_id, input=fractional
    )
    assert (invalid["__typename"], invalid["field"]) == ("ValidationError", "measurements[0].good")
    assert await count(session, SliMeasurement) == before
    outsider = await gql(INDICATORS, deal.h["outsider"], id=deal.agreement_id)
    assert outsider["indicators"] is None
