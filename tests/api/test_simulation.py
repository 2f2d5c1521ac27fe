"""What-if simulation through the REST edge: a tighter P1 first-response target over a recorded October returns
the breaches it would have caused and the credit that would have followed, beside the accepted version, storing
nothing and announcing nothing."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from db.models import Event, SlaClock, Ticket
from tests.api.conftest import assert_problem, row_counts
from tests.flows import activate, sla_clauses
from tests.schema.conftest import count

P1_CREDITS = {
    "key": "p1-credits",
    "kind": "service_credit",
    "title": "P1 response credits",
    "terms": {"target": "p1-first-response", "tiers": [{"below": "90", "credit_percent": "10"}]},
}
# Ten P1 tickets in October: eight answered after 20 minutes, two after 45.
ANSWERED_AFTER = [20] * 8 + [45] * 2


async def record_october(client, deal) -> None:
    events = []
    for n, minutes in enumerate(ANSWERED_AFTER):
        opened = datetime(2026, 10, 5 + n, 9, tzinfo=UTC)
        base = {"source": "zendesk", "ticket_id": f"T-{n}"}
        events += [
            {
                **base,
                "event_id": f"T-{n}-1",
                "type": "created",
                "occurred_at": opened.isoformat(),
                "customer": str(deal.customer.id),
                "priority": "P1",
            },
            {
                **base,
                "event_id": f"T-{n}-2",
                "type": "agent_replied",
                "occurred_at": (opened + timedelta(minutes=minutes)).isoformat(),
            },
        ]
    r = await client.post("/v1/tickets/events", json={"events": events}, headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 20


async def test_a_tighter_p1_target_over_october(client, deal, clock, session):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[P1_CREDITS])
    a = deal.path
    clock.now = datetime(2026, 10, 31, 12, tzinfo=UTC)
    await record_october(client, deal)
    # Version 2 tightens the P1 first response from one hour to 30 minutes.
    tighter = copy.deepcopy(next(c for c in sla_clauses() if c["key"] == "response-times"))
    tighter["terms"]["targets"][0]["duration"] = "PT30M"
    r = await client.post(
        f"{a}/versions", json={"summary": "faster P1", "clauses": [tighter]}, headers=deal.h["customer"]
    )
    assert r.status_code == 201, r.text
    number = r.json()["number"]
    # The proposal links to its simulation: on the version page and in the `agreement.version_proposed` webhook.
    page = await client.get(f"{a}/versions/{number}", headers=deal.h["provider"])
    assert page.headers["link"] == f'<{a}/versions/{number}/simulate>; rel="simulate"'
    proposed_event = await session.scalar(
        select(Event.payload).where(Event.type == "agreement.version_proposed").order_by(Event.position.desc())
    )
    assert proposed_event["simulation"] == {"method": "POST", "href": f"{a}/versions/{number}/simulate"}

    clock.now = datetime(2026, 11, 5, tzinfo=UTC)
    before = await row_counts(session)
    clocks_before = await count(session, SlaClock)
    r = await client.post(
        f"{a}/versions/{number}/simulate", json={"from": "2026-10", "to": "2026-10"}, headers=deal.h["provider"]
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["proposed_version"], body["accepted_version"], body["tickets_replayed"]) == (number, 1, 10)
    p1 = next(t for t in body["targets"] if t["target_key"] == "p1-first-response")
    (october,) = p1["periods"]
    # Worked by hand: within an hour all ten are met (100 %); within 30 minutes the two 45-minute answers breach:
    # 8 of 10, 80 %.
    assert (october["accepted"]["due"], october["accepted"]["met"], october["accepted"]["breached"]) == (10, 10, 0)
    assert (october["proposed"]["due"], october["proposed"]["met"], october["proposed"]["breached"]) == (10, 8, 2)
    assert october["accepted"]["attainment"] == "100" and october["proposed"]["attainment"] == "80"
    assert october["accepted"]["target"] == "PT1H" and october["proposed"]["target"] == "PT30M"
    assert sorted(b["external_id"] for b in p1["breaches_added"]) == ["T-8", "T-9"]
    assert p1["breaches_removed"] == []
    (added,) = [b for b in p1["breaches_added"] if b["external_id"] == "T-8"]
    assert (added["due_at"], added["stopped_at"]) == ("2026-10-13T09:30:00Z", "2026-10-13T09:45:00Z")
    # 80 % is below the 90 % tier: 10 % of the 1,200.00 EUR monthly fee is a 120.00 EUR credit, which the accepted
    # version (100 %) does not owe. Totals: 1,200.00 then, 1,080.00 with the tighter target.
    (money,) = body["periods"]
    assert money["accepted"]["credits"][0]["amount"] == {"amount": "0.00", "currency": "EUR"}
    credit = money["proposed"]["credits"][0]
    assert (credit["attainment"], credit["tier_below"], credit["credit_percent"]) == ("80", "90", "10")
    assert credit["amount"] == {"amount": "120.00", "currency": "EUR"}
    assert money["accepted"]["totals"] == [{"amount": "1200.00", "currency": "EUR"}]
    assert money["proposed"]["totals"] == [{"amount": "1080.00", "currency": "EUR"}]
    assert money["difference"] == [{"amount": "-120.00", "currency": "EUR"}]

    # Pure: nothing stored, no event, and the same answer again.
    assert await row_counts(session) == before and await count(session, SlaClock) == clocks_before
    again = await client.post(
        f"{a}/versions/{number}/simulate", json={"from": "2026-10", "to": "2026-10"}, headers=deal.h["provider"]
    )
    assert again.json() == body
    # The live clocks still run on version 1's hour: all ten met.
    assert await count(session, Ticket) == 10


async def test_default_range_is_the_last_three_months_and_third_parties_may_not(client, deal, clock):
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=[P1_CREDITS])
    a = deal.path
    clock.now = datetime(2026, 12, 2, tzinfo=UTC)
    r = await client.post(f"{a}/versions/1/simulate", json={}, headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    assert (r.json()["from_period"], r.json()["to_period"]) == ("2026-09", "2026-11")
    assert [p["period"] for p in r.json()["periods"]] == ["2026-09", "2026-10", "2026-11"]
    assert_problem(await client.post(f"{a}/versions/1/simulate", json={}, headers=deal.h["third"]), 403)
    assert_problem(await client.post(f"{a}/versions/1/simulate", json={}, headers=deal.h["outsider"]), 404)
    assert_problem(await client.post(f"{a}/versions/9/simulate", json={}, headers=deal.h["provider"]), 404)
    for body, field in [
        ({"from": "2026-13"}, "from"),
        ({"from": "2025-01", "to": "2026-11"}, "from"),
        ({"from": "2026-11", "to": "2026-10"}, "from"),
    ]:
        assert_problem(
            await client.post(f"{a}/versions/1/simulate", json=body, headers=deal.h["provider"]), 422, field=field
        )
