"""Ticket clocks replayed from events (pure): matching, pauses, re-matching, cycles, out-of-order events."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from services.ticketing.business_time import Schedule, always_open
from services.ticketing.sla_clock import Facts, TicketEvent, match_targets, replay

TERMS = {
    "targets": [
        {"key": "p1-first", "metric": "first_response", "match": {"priority": "P1"}, "duration": "PT1H"},
        {"key": "any-first", "metric": "first_response", "duration": "PT8H"},
        {
            "key": "p1-resolution",
            "metric": "resolution",
            "match": {"priority": ["P1", "P2"]},
            "duration": "PT4H",
            "pause_statuses": ["pending"],
            "warn_at_percent": [50],
        },
        {"key": "next", "metric": "next_response", "duration": "PT2H"},
        {"key": "email-only", "metric": "resolution", "match": {"attributes": {"channel": "email"}}, "duration": "P2D"},
    ]
}
CLAUSES = [("response-times", TERMS)]
T0 = datetime(2026, 6, 1, 9, tzinfo=UTC)  # a Monday


def h(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def ev(kind: str, hours: float, **data) -> TicketEvent:
    return TicketEvent(kind, h(hours), data)


def run(events, now_hours: float, schedule: Schedule | None = None):
    schedule = schedule or always_open()
    clocks = replay(events, lambda facts: match_targets(CLAUSES, facts)[0], lambda target: schedule, h(now_hours))
    return {(c.metric, c.cycle): c for c in clocks}


def test_first_match_per_metric_in_declared_order():
    matched, misses = match_targets(CLAUSES, Facts(priority="P1"))
    assert [m.key for m in matched] == ["p1-first", "next", "p1-resolution"]
    matched, misses = match_targets(CLAUSES, Facts(priority="P3", attributes={"channel": "email"}))
    assert [m.key for m in matched] == ["any-first", "next", "email-only"]
    assert any("priority 'P3' is not P1 or P2" in m for m in misses)


def test_reply_in_time_is_met_and_resolution_runs():
    clocks = run([ev("created", 0, priority="P1"), ev("agent_replied", 0.5)], now_hours=1)
    assert clocks[("first_response", 1)].status == "met"
    resolution = clocks[("resolution", 1)]
    assert resolution.status == "running" and resolution.due_at == h(4)
    assert resolution.business_used == timedelta(hours=1)


def test_breach_without_any_event_once_due_passes():
    clocks = run([ev("created", 0, priority="P1")], now_hours=1.5)
    assert clocks[("first_response", 1)].status == "breached"
    assert clocks[("first_response", 1)].due_at == h(1)


def test_pending_pauses_resolution_and_moves_its_deadline():
    events = [
        ev("created", 0, priority="P1"),
        ev("status_changed", 1, status="pending"),
        ev("status_changed", 3, status="open"),
        ev("solved", 5),
    ]
    resolution = run(events, now_hours=6)[("resolution", 1)]
    assert resolution.due_at == h(6) and resolution.original_due_at == h(4)
    assert resolution.status == "met" and resolution.business_paused == timedelta(hours=2)
    assert [x["event"] for x in resolution.history] == ["started", "paused", "resumed", "met"]


def test_priority_change_rematches_and_records_why():
    events = [ev("created", 0, priority="P3"), ev("priority_changed", 0.25, priority="P1")]
    clocks = run(events, now_hours=0.5)
    first = clocks[("first_response", 1)]
    assert first.target.key == "p1-first" and first.due_at == h(1)
    rematch = next(x for x in first.history if x["event"] == "rematched")
    assert rematch["from"] == "any-first" and "priority changed from P3 to P1" in rematch["reason"]
    assert clocks[("resolution", 1)].started_at == h(0)  # newly matching: measured from creation


def test_next_response_cycles():
    events = [
        ev("created", 0, priority="P1"),
        ev("agent_replied", 0.5),
        ev("customer_replied", 1),
        ev("agent_replied", 2),
        ev("customer_replied", 3),
    ]
    clocks = run(events, now_hours=6)
    assert clocks[("next_response", 1)].status == "met"
    assert clocks[("next_response", 2)].status == "breached" and clocks[("next_response", 2)].due_at == h(5)


def test_reopened_resolution_continues_where_it_stopped():
    events = [ev("created", 0, priority="P2"), ev("solved", 1), ev("reopened", 10)]
    resolution = run(events, now_hours=11)[("resolution", 1)]
    assert resolution.status == "running" and resolution.due_at == h(13)


def test_events_out_of_order_give_the_same_clocks():
    events = [
        ev("created", 0, priority="P1"),
        ev("agent_replied", 0.5),
        ev("status_changed", 1, status="pending"),
        ev("status_changed", 2, status="open"),
        ev("customer_replied", 2.5),
        ev("solved", 3),
    ]
    expected = {k: (c.status, c.due_at) for k, c in run(events, 10).items()}
    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert {k: (c.status, c.due_at) for k, c in run(shuffled, 10).items()} == expected


def test_business_hours_calendar():
    office = Schedule(ZoneInfo("Europe/Berlin"), {d: ((9 * 60, 17 * 60),) for d in range(5)})
    friday_evening = TicketEvent("created", datetime(2026, 6, 5, 15, 30, tzinfo=UTC), {"priority": "P1"})
    clocks = replay(
        [friday_evening], lambda f: match_targets(CLAUSES, f)[0], lambda t: office, datetime(2026, 6, 5, 16, tzinfo=UTC)
    )
    first = next(c for c in clocks if c.metric == "first_response")
    # 17:30 local Friday: closed; the hour runs Monday 09:00–10:00 Berlin (07:00–08:00 UTC).
    assert first.due_at == datetime(2026, 6, 8, 8, tzinfo=UTC)


def _state(clocks) -> list[tuple]:
    return [
        (
            c.metric,
            c.cycle,
            c.opened_by,
            c.target.key,
            c.status,
            c.started_at,
            c.original_due_at,
            c.due_at,
            c.stopped_at,
            c.business_used,
            c.business_paused,
            c.history,
        )
        for c in clocks
    ]


def test_every_order_of_the_events_gives_identical_clocks_and_cycles_keep_their_opening_event():
    # Two replies at the same instant: the tie is broken by the events themselves, never by arrival.
    events = [
        TicketEvent("created", h(0), {"priority": "P3"}, "c"),
        TicketEvent("priority_changed", h(0.25), {"priority": "P1"}, "p"),
        TicketEvent("agent_replied", h(0.5), {}, "a1"),
        TicketEvent("customer_replied", h(1), {}, "q1"),
        TicketEvent("agent_replied", h(3.5), {}, "a2"),
        TicketEvent("customer_replied", h(3.5), {}, "q2"),
        TicketEvent("agent_replied", h(4), {}, "a3"),
    ]
    schedule = always_open()
    expected = None
    for order in itertools.permutations(events):
        clocks = replay(list(order), lambda f: match_targets(CLAUSES, f)[0], lambda t: schedule, h(10))
        state = _state(clocks)
        expected = expected or state
        assert state == expected
    cycles = {
        c.opened_by: c
        for c in replay(events, lambda f: match_targets(CLAUSES, f)[0], lambda t: schedule, h(10))
        if c.metric == "next_response"
    }
    assert cycles["q1"].cycle == 1 and cycles["q1"].status == "breached" and cycles["q1"].original_due_at == h(3)
    # `a2` (3.5, sorted before `q2` by its id) answers q1; q2 opens the second cycle, met by a3.
    assert cycles["q2"].cycle == 2 and cycles["q2"].status == "met" and cycles["q2"].original_due_at == h(5.5)


def test_a_deadline_passed_stays_breached_when_paused_or_cancelled_later():
    events = [ev("created", 0, priority="P1"), ev("status_changed", 5, status="pending")]
    assert run(events, now_hours=6)[("resolution", 1)].status == "breached"  # was due at 4, paused at 5
    events = [ev("created", 0, priority="P1"), ev("solved", 2)]
    assert run(events, now_hours=3)[("first_response", 1)].status == "breached"  # unanswered past 1 h, then solved
    assert (
        run([ev("created", 0, priority="P1"), ev("solved", 0.5)], now_hours=3)[("first_response", 1)].status
        == "cancelled"
    )
