"""A ticket clock has one timer, its next moment (the earliest warning not yet announced, else its deadline), and
every warning and the breach still fire once, at their time, through pauses and a worker that comes late."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select

from db.models import Event, SlaClock, Timer
from services.timers import schedule_timer
from tests.flows import activate
from worker.timers import fire_due_timers

WARNED = {
    "key": "resolution",
    "kind": "service_level",
    "title": "Resolution",
    "terms": {
        "targets": [
            {
                "key": "p1-resolution",
                "metric": "resolution",
                "match": {"priority": "P1"},
                "duration": "PT4H",
                "time": "calendar",
                "warn_at_percent": [75, 25, 50],  # any order: they fire by time
                "pause_statuses": ["pending"],
            }
        ]
    },
}


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 22, hour, minute, tzinfo=UTC)


@pytest.fixture
async def live(client, deal, clock):
    clock.now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    await activate(client, deal, clauses=[WARNED])
    return deal


async def _post(client, live, clock, now: datetime, *events: tuple[str, str, datetime, dict]) -> None:
    clock.now = now
    batch = [
        {"source": "zendesk", "event_id": event_id, "ticket_id": "77", "type": kind, "occurred_at": at.isoformat()}
        | extra
        for event_id, kind, at, extra in events
    ]
    r = await client.post("/v1/tickets/events", json={"events": batch}, headers=live.h["provider"])
    assert r.status_code == 200, r.text


async def _resolution_clock(session) -> str:
    (clock_id,) = await session.scalars(select(SlaClock.id).where(SlaClock.metric == "resolution"))
    return str(clock_id)


async def _told(sessionmaker) -> list[tuple[str, int | None]]:
    """The resolution clock's announcements so far, in order: (type, warning percent)."""
    async with sessionmaker() as session:
        clock_id = await _resolution_clock(session)
        events = await session.scalars(select(Event).where(Event.type.like("sla.%")).order_by(Event.position))
    return [(e.type, e.payload.get("percent")) for e in events if e.payload["clock"]["id"] == clock_id]


async def _pending(sessionmaker) -> list[tuple[datetime, int | None]]:
    """The resolution clock's pending timers: (when, warning percent or None for the deadline)."""
    async with sessionmaker() as session:
        clock_id = await _resolution_clock(session)
        timers = (
            await session.scalars(select(Timer).where(Timer.key.like(f"{clock_id}%"), Timer.status == "pending"))
        ).all()
    return [(t.due_at, t.payload.get("percent")) for t in timers]


async def test_warnings_and_breach_fire_once_each_at_their_time_through_a_pause(client, live, clock, sessionmaker):
    await _post(
        client, live, clock, _at(8, 5), ("c", "created", _at(8), {"customer": str(live.customer.id), "priority": "P1"})
    )
    assert await _pending(sessionmaker) == [(_at(9), 25)]  # one timer: the first warning (25 % of 4 h)
    await fire_due_timers(sessionmaker, now=_at(8, 59))
    assert await _told(sessionmaker) == []
    await fire_due_timers(sessionmaker, now=_at(9))
    await fire_due_timers(sessionmaker, now=_at(9, 1))
    assert await _told(sessionmaker) == [("sla.warning", 25)]
    assert await _pending(sessionmaker) == [(_at(10), 50)]

    # Paused for half an hour: the next warnings and the deadline move by as much.
    await _post(
        client,
        live,
        clock,
        _at(10),
        ("p", "status_changed", _at(9, 30), {"status": "pending"}),
        ("o", "status_changed", _at(10), {"status": "open"}),
    )
    assert await _pending(sessionmaker) == [(_at(10, 30), 50)]
    await fire_due_timers(sessionmaker, now=_at(10, 15))
    assert await _told(sessionmaker) == [("sla.warning", 25)]
    # A worker that comes late announces every warning reached, in order, once; then waits for the deadline.
    await fire_due_timers(sessionmaker, now=_at(11, 45))
    await fire_due_timers(sessionmaker, now=_at(11, 46))
    assert await _told(sessionmaker) == [("sla.warning", 25), ("sla.warning", 50), ("sla.warning", 75)]
    assert await _pending(sessionmaker) == [(_at(12, 30), None)]
    await fire_due_timers(sessionmaker, now=_at(12, 29))
    assert ("sla.breached", None) not in await _told(sessionmaker)
    await fire_due_timers(sessionmaker, now=_at(12, 30))
    await fire_due_timers(sessionmaker, now=_at(13))
    assert (await _told(sessionmaker))[3:] == [("sla.breached", None)]
    assert await _pending(sessionmaker) == []


async def test_a_replay_that_moves_the_clock_back_schedules_a_warning_already_due(client, live, clock, sessionmaker):
    """Events arriving after their time: the warnings passed meanwhile are due at once and fire once each, and a
    late pause that moves a warning already announced does not announce it again."""
    await _post(
        client,
        live,
        clock,
        _at(10, 30),
        ("c", "created", _at(8), {"customer": str(live.customer.id), "priority": "P1"}),
    )
    assert await _pending(sessionmaker) == [(_at(9), 25)]  # in the past: the worker fires it at once
    await fire_due_timers(sessionmaker, now=_at(10, 30))
    assert await _told(sessionmaker) == [("sla.warning", 25), ("sla.warning", 50)]
    assert await _pending(sessionmaker) == [(_at(11), 75)]
    # A pause from 08:30 to 10:30 reported late: 25 % and 50 % were announced, 75 % moves to 13:00.
    await _post(
        client,
        live,
        clock,
        _at(10, 31),
        ("p", "status_changed", _at(8, 30), {"status": "pending"}),
        ("o", "status_changed", _at(10, 30), {"status": "open"}),
    )
    assert await _pending(sessionmaker) == [(_at(13), 75)]
    await fire_due_timers(sessionmaker, now=_at(12, 59))
    await fire_due_timers(sessionmaker, now=_at(13))
    assert await _told(sessionmaker) == [("sla.warning", 25), ("sla.warning", 50), ("sla.warning", 75)]
    assert await _pending(sessionmaker) == [(_at(14), None)]
    # Solved before its deadline: the clock is met, and its timer goes with it (it would fire for nothing).
    await _post(client, live, clock, _at(13, 30), ("s", "solved", _at(13, 30), {}))
    assert await _pending(sessionmaker) == []
    await fire_due_timers(sessionmaker, now=_at(14, 1))
    assert (await _told(sessionmaker))[3:] == [("sla.met", None)]


async def test_a_warning_timer_of_the_previous_release_fires_as_the_clocks_moment(client, live, clock, sessionmaker):
    """A `sla.warning` timer keyed `<clock>:<percent>`, as a process of the release before migration 0100 writes it
    while a new one rolls out, announces its warning once and gives the clock back its next moment."""
    await _post(
        client, live, clock, _at(8, 5), ("c", "created", _at(8), {"customer": str(live.customer.id), "priority": "P1"})
    )
    await fire_due_timers(sessionmaker, now=_at(9))
    clock_id = await _resolution_clock_id(sessionmaker)
    async with sessionmaker() as session:
        # The old release scheduled the 50 % warning under its own kind and key, and no next moment.
        await session.execute(delete(Timer).where(Timer.key == str(clock_id)))
        ticket_id = str((await session.get(SlaClock, clock_id)).ticket_id)
        payload = {"ticket_id": ticket_id, "clock_id": str(clock_id), "percent": 50}
        await schedule_timer(session, "sla.warning", f"{clock_id}:50", _at(10), payload)
        await session.commit()
    assert await _pending(sessionmaker) == [(_at(10), 50)]
    await fire_due_timers(sessionmaker, now=_at(10))
    await fire_due_timers(sessionmaker, now=_at(10, 1))
    assert await _told(sessionmaker) == [("sla.warning", 25), ("sla.warning", 50)]
    assert await _pending(sessionmaker) == [(_at(11), 75)]


async def _resolution_clock_id(sessionmaker) -> uuid.UUID:
    async with sessionmaker() as session:
        return uuid.UUID(await _resolution_clock(session))
