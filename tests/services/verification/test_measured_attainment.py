"""The function billing calls for a target an indicator decides: the indicator's figure over a period."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime

from db.models import Agreement
from services.agreements.drafts import clauses_for, current_version
from services.verification.definitions import indicator_definitions
from services.verification.indicators import measured_attainment
from tests.api.test_verification import VERIFICATION
from tests.flows import activate

UPTIME = {
    "key": "uptime",
    "kind": "service_level",
    "title": "Availability",
    "terms": {"targets": [{"key": "uptime", "metric": "availability", "percentage": "99.9"}]},
}


async def test_the_deciding_indicator_gives_the_period_figure(client, deal, clock, session):
    clock.now = datetime(2026, 10, 20, 8, tzinfo=UTC)
    clause = copy.deepcopy(VERIFICATION)
    clause["terms"]["indicators"][0]["decides_target"] = "uptime"
    await activate(client, deal, clauses=[UPTIME, clause])
    a = deal.path
    clock.now = datetime(2026, 11, 3, tzinfo=UTC)
    windows = [
        # The last hour of October (Berlin) stays out of November's figure.
        ("2026-10-31T22:00:00Z", "2026-10-31T23:00:00Z", 0, 1000),
        ("2026-10-31T23:00:00Z", "2026-11-01T00:00:00Z", 997, 1000),
        ("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 1000, 1000),
    ]
    body = {
        "measurements": [
            {"indicator": "api-availability", "window_start": s, "window_end": e, "good": g, "total": t}
            for s, e, g, t in windows
        ]
    }
    r = await client.post(f"{a}/measurements", json=body, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    agreement = await session.get(Agreement, uuid.UUID(deal.agreement_id))
    version = await current_version(session, agreement.id, as_of=clock.now)
    definitions = indicator_definitions((await clauses_for(session, [version.id]))[version.id])
    figures = await measured_attainment(
        session,
        agreement,
        definitions,
        datetime(2026, 10, 31, 23, tzinfo=UTC),
        datetime(2026, 11, 30, 23, tzinfo=UTC),
    )
    # 1 997 good of 2 000: 99.85 %, exact to 12 places.
    assert figures["uptime"].attainment == "99.850000000000"
    assert (figures["uptime"].indicator, figures["uptime"].good, figures["uptime"].total) == (
        "api-availability",
        1997,
        2000,
    )
