"""Ticket events in any order and batching give the same clocks, through the REST edge, and what was announced
on the way (`sla.met`, `sla.breached`) is retracted wherever the final clocks say otherwise."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from tests.flows import activate
from tests.support.sla_story import assert_consistent_story
from worker.timers import fire_due_timers

CYCLES = {
    "key": "cycles",
    "kind": "service_level",
    "title": "Next response and resolution",
    "terms": {
        "targets": [
            {
                "key": "p1-next",
                "metric": "next_response",
                "match": {"priority": "P1"},
                "duration": "PT30M",
                "time": "calendar",
                "warn_at_percent": [50],
            },
            {
                "key": "p1-resolution",
                "metric": "resolution",
                "match": {"priority": "P1"},
                "duration": "PT4H",
                "time": "calendar",
                "pause_statuses": ["pending"],
            },
        ]
    },
}
DAY = "2026-12-22T"
# A ticket opened as P2 and raised to P1, with agent and customer replies and a pause, split into four batches.
BATCHES = (
    (
        ("e1", "created", "08:00", {"customer": "zendesk:org-globex", "priority": "P2"}),
        ("e6", "customer_replied", "09:20", {}),
    ),
    (("e2", "priority_changed", "08:10", {"priority": "P1"}), ("e5", "agent_replied", "09:10", {})),
    (
        ("e3", "agent_replied", "08:20", {}),
        ("e4", "customer_replied", "08:30", {}),
        ("e7", "agent_replied", "09:40", {}),
    ),
    (
        ("e8", "status_changed", "09:45", {"status": "pending"}),
        ("e9", "status_changed", "09:50", {"status": "open"}),
        ("e10", "solved", "10:00", {}),
    ),
)


@pytest.fixture
async def live(client, deal, clock):
    clock.now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    await activate(client, deal, clauses=[CYCLES])
    r = await client.patch(
        f"/v1/parties/{deal.customer.id}",
        json={"external_refs": {"zendesk": "org-globex"}},
        headers={**deal.h["operator"], "If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    return deal


def _batch(ticket: str, batch) -> dict:
    return {
        "events": [
            {
                "source": "zendesk",
                "event_id": event_id,
                "ticket_id": ticket,
                "type": kind,
                "occurred_at": f"{DAY}{at}:00Z",
                **extra,
            }
            for event_id, kind, at, extra in batch
        ]
    }


async def _deliver(client, live, clock, sessionmaker, ticket: str, order) -> tuple[str, list[dict]]:
    """Each batch a minute apart after every event happened, the worker firing due timers in between."""
    for minute, batch in enumerate(order):
        clock.now = datetime(2026, 12, 22, 10, 30, tzinfo=UTC) + timedelta(minutes=minute)
        r = await client.post("/v1/tickets/events", json=_batch(ticket, batch), headers=live.h["provider"])
        assert r.status_code == 200, r.text
        await fire_due_timers(sessionmaker, now=clock.now)
    r = await client.get(f"/v1/tickets/zendesk/{ticket}/sla", headers=live.h["customer"])
    assert r.status_code == 200, r.text
    return r.json()["ticket"]["id"], r.json()["clocks"]


def _comparable(clocks: list[dict]) -> list[dict]:
    return sorted(({k: v for k, v in c.items() if k != "id"} for c in clocks), key=lambda c: (c["metric"], c["cycle"]))


async def test_every_order_of_batches_gives_identical_clocks_and_a_consistent_story(
    client, live, clock, sessionmaker, session
):
    expected = None
    told: Counter[str] = Counter()
    for n, order in enumerate(itertools.permutations(BATCHES)):
        ticket_id, clocks = await _deliver(client, live, clock, sessionmaker, f"t{n}", order)
        state = _comparable(clocks)
        expected = expected or state
        assert state == expected, f"order {[b[0][0] for b in order]}"
        told += await assert_consistent_story(
            session, ticket_id, {(c["metric"], c["opened_by"]): c["status"] for c in clocks}
        )
    # In time order (the first permutation): the first response met (due at 12:00 as P2 when it started, at 09:00
    # once P1), the first next-response cycle (opened by the customer's reply e4) breached, the second (e6) met;
    # resolution measured from creation, paused five minutes.
    summary = [
        (c["metric"], c["cycle"], c["opened_by"], c["status"], c["original_due_at"], c["due_at"]) for c in expected
    ]
    assert summary == [
        ("first_response", 1, "e1", "met", f"{DAY}12:00:00Z", f"{DAY}09:00:00Z"),
        ("next_response", 1, "e4", "breached", f"{DAY}09:00:00Z", f"{DAY}09:00:00Z"),
        ("next_response", 2, "e6", "met", f"{DAY}09:50:00Z", f"{DAY}09:50:00Z"),
        ("resolution", 1, "e1", "met", f"{DAY}12:00:00Z", f"{DAY}12:05:00Z"),
    ]
    assert "cancelled" not in {c["status"] for c in expected}
    # Late events did change announced outcomes in some orders, and each was taken back.
    assert told["sla.breach_retracted"] > 0
    assert told["sla.met"] - told["sla.met_retracted"] == 3 * 24
    assert told["sla.breached"] - told["sla.breach_retracted"] == 24


async def test_a_late_reply_retracts_the_breach_it_undoes(client, live, clock, sessionmaker, session):
    ticket_id, clocks = await _deliver(client, live, clock, sessionmaker, "late", [BATCHES[0], BATCHES[1]])
    first = next(c for c in clocks if c["metric"] == "first_response")
    assert first["status"] == "breached"  # P1 due 09:00; the only reply so far is at 09:10
    ticket_id, clocks = await _deliver(client, live, clock, sessionmaker, "late", [BATCHES[2]])
    first = next(c for c in clocks if c["metric"] == "first_response")
    assert first["status"] == "met" and first["stopped_at"] == f"{DAY}08:20:00Z"
    r = await client.get("/v1/events", params={"type": "sla.breach_retracted"}, headers=live.h["customer"])
    assert r.status_code == 200, r.text
    retracted = [e["data"] for e in r.json()["items"] if e["data"]["ticket"]["id"] == ticket_id]
    assert {(d["clock"]["metric"], d["clock"]["opened_by"]) for d in retracted} == {
        ("first_response", "e1"),
        ("next_response", "e6"),
    }
    assert all(d["retracted"] == "sla.breached" for d in retracted)
