"""Ticketing integration: which SLA applies to a ticket (the hot path), and ticket clocks fed by events.

Ticket events are idempotent by (source, event id). Every batch replays each touched ticket's events in time
order, so events that arrive out of order land where they belong. An event for a ticket whose `created` has not
arrived yet is accepted and held: the ticket's clocks start once `created` arrives.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import delete, inspect, select, text, tuple_
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.types import String, Uuid

from db.models import (
    Agreement,
    Calendar,
    SlaClock,
    SlaNotification,
    Ticket,
    TicketEventRecord,
    Timer,
)
from db.values import AgreementStatus, ClockStatus, Metric, TicketEventType, TimerKind
from services.actors import Actor
from services.agreements.states import REQUIRED_ROLES
from services.batch_reads import among
from services.errors import InvalidInput, NotFound
from services.events import NewEvent, record_events
from services.metrics import SLA_CLOCKS_BREACHED, TICKET_EVENTS_INGESTED, count_on_commit
from services.scoping import role_on
from services.ticketing.applicable import (
    candidates_for_many,
    compiled_versions,
    no_agreement,
    target_schedules,
    years_around,
)
from services.ticketing.business_time import Schedule
from services.ticketing.calendars import calendar_version
from services.ticketing.sla_clock import (
    Clock,
    MatchedTarget,
    Schedules,
    TicketEvent,
    replay,
    warning_times,
)
from services.ticketing.views import ClockStep, ClockView, IngestResult, SlaNotice, TicketMatch, TicketSla, TicketView
from services.timers import schedule_timers, timer_handler
from services.values import instant_input

FUTURE_SKEW = timedelta(minutes=5)
SIGNATORY_ROLES = tuple(sorted(REQUIRED_ROLES))
MAX_BATCH = 500


class TicketEventIn(msgspec.Struct, forbid_unknown_fields=True):
    source: str
    event_id: str
    ticket_id: str
    type: TicketEventType
    occurred_at: datetime
    customer: str | None = None
    service: str | None = None
    priority: str | None = None
    status: str | None = None
    attributes: dict[str, str] = {}
    agreement: uuid.UUID | None = None  # for `created`: which of the customer's agreements governs the ticket


class TicketEventBatch(msgspec.Struct, forbid_unknown_fields=True):
    events: list[TicketEventIn]


# ---------------------------------------------------------------- ticket events and clocks


async def ingest_events(session: AsyncSession, actor: Actor, batch: TicketEventBatch, *, now: datetime) -> IngestResult:
    if actor.party_id is None:
        raise InvalidInput("ticket events come from a party's ticketing integration; use a party token", field="events")
    if not 1 <= len(batch.events) <= MAX_BATCH:
        raise InvalidInput(f"send 1–{MAX_BATCH} events per batch", field="events")
    seen: set[tuple[str, str]] = set()
    for index, event in enumerate(batch.events):
        where = f"events[{index}]"
        instant_input(event.occurred_at, what=f"{where}.occurred_at")
        if event.occurred_at > now + FUTURE_SKEW:
            raise InvalidInput("occurred_at is in the future", field=f"{where}.occurred_at")
        if not event.source or not event.event_id or not event.ticket_id:
            raise InvalidInput("source, event_id and ticket_id must not be empty", field=where)
        if event.type == "created" and not event.customer:
            raise InvalidInput(
                "a created event names the customer (party id or external ref)", field=f"{where}.customer"
            )
        if event.type == "priority_changed" and not event.priority:
            raise InvalidInput("a priority_changed event carries the new priority", field=f"{where}.priority")
        if event.type == "status_changed" and not event.status:
            raise InvalidInput("a status_changed event carries the new status", field=f"{where}.status")
        if (event.source, event.event_id) in seen:
            raise InvalidInput("the same event appears twice in the batch", field=f"{where}.event_id")
        seen.add((event.source, event.event_id))
    # Per batch, not per event: one statement per table whatever the number of events and tickets.
    tickets = await _tickets(session, actor, batch.events, now)
    inserted = {
        tuple(row)
        for row in (
            await session.execute(
                _INSERT_EVENTS,
                {
                    "ticket_ids": [tickets[(e.source, e.ticket_id)].id for e in batch.events],
                    "sources": [e.source for e in batch.events],
                    "event_ids": [e.event_id for e in batch.events],
                    "types": [e.type for e in batch.events],
                    "occurred_ats": [e.occurred_at for e in batch.events],
                    "data": [_event_data(e) for e in batch.events],
                    "now": now,
                },
            )
        )
    }
    touched: dict[uuid.UUID, Ticket] = {}
    for event in batch.events:
        ticket = tickets[(event.source, event.ticket_id)]
        if (ticket.id, event.source, event.event_id) in inserted:
            touched.setdefault(ticket.id, ticket)
    await _attach_agreements(session, actor, [t for t in touched.values() if t.agreement_id is None])
    await recompute_many(session, list(touched.values()), now=now)
    count_on_commit(session, TICKET_EVENTS_INGESTED, len(inserted))
    return IngestResult(
        accepted=len(inserted),
        duplicates=len(batch.events) - len(inserted),
        tickets=[ticket_view(t) for t in touched.values()],
    )


# The batch's writes as fixed statements over arrays: their text (and SQLAlchemy's compiled form) is the same for 1
# and 500 events, where a rendered multi-row VALUES list costs compilation time proportional to the batch.
_INSERT_TICKETS = text(
    """INSERT INTO tickets
        (id, source, external_id, reporter_party_id, created_at, updated_at, state, match_explanation)
    SELECT gen_random_uuid(), k.source, k.external_id, CAST(:reporter AS uuid), CAST(:now AS timestamptz),
           CAST(:now AS timestamptz), '{}'::jsonb, '{}'::jsonb
    FROM unnest(CAST(:sources AS varchar[]), CAST(:external_ids AS varchar[])) AS k(source, external_id)
    ON CONFLICT (reporter_party_id, source, external_id) DO NOTHING"""
)
_INSERT_EVENTS = text(
    """INSERT INTO ticket_events (id, ticket_id, source, event_id, type, occurred_at, data, received_at)
    SELECT gen_random_uuid(), e.ticket_id, e.source, e.event_id, e.type, e.occurred_at, CAST(e.data AS jsonb),
           CAST(:now AS timestamptz)
    FROM unnest(
        CAST(:ticket_ids AS uuid[]), CAST(:sources AS varchar[]), CAST(:event_ids AS varchar[]),
        CAST(:types AS varchar[]), CAST(:occurred_ats AS timestamptz[]), CAST(:data AS text[])
    ) AS e(ticket_id, source, event_id, type, occurred_at, data)
    ON CONFLICT DO NOTHING
    RETURNING ticket_id, source, event_id"""
).columns(ticket_id=Uuid, source=String, event_id=String)
EVENT_DATA = ("customer", "service", "priority", "status", "attributes", "agreement")


def _event_data(event: TicketEventIn) -> str:
    """What an event carries besides its identity, type and time, as stored (JSON text)."""
    data = {k: getattr(event, k) for k in EVENT_DATA}
    return msgspec.json.encode({k: v for k, v in data.items() if v not in (None, {})}).decode()


async def _tickets(
    session: AsyncSession, actor: Actor, events: list[TicketEventIn], now: datetime
) -> dict[tuple[str, str], Ticket]:
    """The caller's tickets the events are about, by (source, external id): created when new, locked in id order
    (so two batches about the same tickets wait for each other instead of deadlocking)."""
    # Each integration has its own ticket ids: another party's ticket 42 is simply not this one.
    keys = list(dict.fromkeys((e.source, e.ticket_id) for e in events))
    await session.execute(
        _INSERT_TICKETS,
        {
            "reporter": actor.party_id,
            "now": now,
            "sources": [source for source, _ in keys],
            "external_ids": [external_id for _, external_id in keys],
        },
    )
    found = await session.scalars(
        _BATCH_TICKETS,
        {
            "reporter": actor.party_id,
            "sources": [source for source, _ in keys],
            "external_ids": [external_id for _, external_id in keys],
        },
    )
    return {(t.source, t.external_id): t for t in found}


# The batch's reads, built once: an array parameter each, so their SQL is the same for 1 and 500 tickets (an
# expanding IN renders and binds one parameter per id, for every batch).
_BATCH_TICKETS = select(Ticket).from_statement(
    text(
        """SELECT tickets.* FROM tickets
            JOIN unnest(CAST(:sources AS varchar[]), CAST(:external_ids AS varchar[])) AS k(source, external_id)
                ON tickets.source = k.source AND tickets.external_id = k.external_id
            WHERE tickets.reporter_party_id = :reporter
            ORDER BY tickets.id
            FOR UPDATE OF tickets"""
    )
)
_CREATED_EVENTS = (
    select(TicketEventRecord.ticket_id, TicketEventRecord.occurred_at, TicketEventRecord.data)
    .where(among(TicketEventRecord.ticket_id), TicketEventRecord.type == "created")
    .order_by(TicketEventRecord.ticket_id, TicketEventRecord.occurred_at)
    .ext(distinct_on(TicketEventRecord.ticket_id))
)
_ZONES = select(Agreement.id, Agreement.timezone).where(among(Agreement.id))
_EVENTS_OF_TICKETS = select(
    TicketEventRecord.ticket_id,
    TicketEventRecord.type,
    TicketEventRecord.occurred_at,
    TicketEventRecord.data,
    TicketEventRecord.event_id,
).where(among(TicketEventRecord.ticket_id))


async def _may_see(session: AsyncSession, actor: Actor, ticket: Ticket) -> bool:
    """The reporter sees its ticket; a member of the agreement it was matched to sees it too."""
    if actor.is_operator or ticket.reporter_party_id == actor.party_id:
        return True
    if ticket.agreement_id is None:
        return False
    return await role_on(session, actor, ticket.agreement_id) is not None


async def _attach_agreements(session: AsyncSession, actor: Actor, tickets: list[Ticket]) -> None:
    """Give each ticket whose `created` event has arrived the agreement and version that govern it."""
    if not tickets:
        return
    created = {
        ticket_id: (occurred_at, data)
        for ticket_id, occurred_at, data in await session.execute(_CREATED_EVENTS, {"ids": [t.id for t in tickets]})
    }
    opened = [(t, *created[t.id]) for t in tickets if t.id in created and created[t.id][1].get("customer")]
    # Only the provider and the customer record ticket events that run an agreement's clocks: a third party's
    # events match nothing, exactly like events about an unknown customer or someone else's.
    answers = await candidates_for_many(
        session,
        actor,
        [
            (data["customer"], created_at, uuid.UUID(data["agreement"]) if data.get("agreement") else None)
            for _, created_at, data in opened
        ],
        caller_roles=SIGNATORY_ROLES,
        with_calendars=False,  # recompute_many reads the calendars the versions name
    )
    for (ticket, created_at, data), (party_id, candidates) in zip(opened, answers, strict=True):
        ticket.opened_at = created_at
        viable = [c for c in candidates if c.status == AgreementStatus.ACTIVE and c.version is not None]
        if not viable:
            reasons = [
                f"{c.agreement.reference} is suspended"
                if c.status == AgreementStatus.SUSPENDED
                else f"{c.agreement.reference} had no accepted version in effect at {created_at.isoformat()}"
                for c in candidates
            ]
            match = TicketMatch(reason="; ".join(reasons) or no_agreement(data["customer"], created_at))
            ticket.match_explanation = msgspec.to_builtins(match)
            continue
        chosen = viable[0]
        assert chosen.version is not None
        ticket.customer_party_id = party_id
        ticket.agreement_id, ticket.version_id = chosen.agreement.id, chosen.version.id
        match = TicketMatch(agreement=chosen.agreement.reference, version=chosen.number)
        ticket.match_explanation = msgspec.to_builtins(match)


async def recompute(
    session: AsyncSession, ticket: Ticket, *, now: datetime, timer_fired: uuid.UUID | None = None
) -> list[StoredClock]:
    """Replay the ticket's events, store its clocks, schedule their timers and announce what changed; with
    `timer_fired`, that clock's timer is firing: see `recompute_many`."""
    fired = {timer_fired} if timer_fired is not None else set()
    return (await recompute_many(session, [ticket], now=now, timers_fired=fired))[ticket.id]


async def recompute_many(
    session: AsyncSession, tickets: list[Ticket], *, now: datetime, timers_fired: Collection[uuid.UUID] = ()
) -> dict[uuid.UUID, list[StoredClock]]:
    """`recompute` for many tickets, reading and writing each table once for all of them: the stored clocks of
    each ticket, in its replay's order.

    Each running or paused clock has one timer (`sla.due`, keyed by the clock): its next moment, the earliest of its
    warning thresholds not yet announced and its deadline. It is scheduled when the clock starts or its timing moves
    (a pause, a re-match); when it fires (`timers_fired`), the warnings reached by `now` are announced, a deadline
    passed breaches the clock on replay, and the clock's next moment is scheduled in the same transaction."""
    result: dict[uuid.UUID, list[StoredClock]] = {t.id: [] for t in tickets}
    # Each ticket that governs clocks, with the agreement and version it was matched to.
    live = [
        (t, t.agreement_id, t.version_id) for t in tickets if t.agreement_id is not None and t.version_id is not None
    ]
    if not live:
        await _save_tickets(session, tickets)
        return result
    ids = [t.id for t, _, _ in live]
    zones: dict[uuid.UUID, str] = dict((await session.execute(_ZONES, {"ids": list({a for _, a, _ in live})})).all())
    compiled = await compiled_versions(session, {v for _, _, v in live})
    versions = {version_id: version.seen_by(None) for version_id, version in compiled.items()}
    named = {version_id: view.calendars_named() for version_id, view in versions.items()}
    wanted = set().union(*named.values())
    calendars = (
        {c.id: c for c in await session.scalars(select(Calendar).where(Calendar.id.in_(wanted)))} if wanted else {}
    )
    # What each version's schedules depend on besides it: the versions of the stored calendars it names.
    stamps = {
        version_id: tuple(sorted((str(i), str(calendar_version(calendars[i]))) for i in refs if i in calendars))
        for version_id, refs in named.items()
    }
    events: dict[uuid.UUID, list[TicketEvent]] = {i: [] for i in ids}
    for r in await session.execute(_EVENTS_OF_TICKETS, {"ids": ids}):
        events[r.ticket_id].append(TicketEvent(r.type, r.occurred_at, r.data, r.event_id))
    existing: dict[uuid.UUID, list[StoredClock]] = {i: [] for i in ids}
    for found in await session.execute(_CLOCKS_OF_TICKETS, {"ids": ids}):
        existing[found.ticket_id].append(StoredClock(*found))
    replayed = []
    writes: list[StoredClock] = []
    retimed: set[uuid.UUID] = set()  # clocks whose timers may have moved
    for ticket, agreement_id, version_id in live:
        view, zone = versions[version_id], zones[agreement_id]
        years = years_around(ticket.opened_at or now)
        schedules = target_schedules(view, version_id, zone, years, stamps[version_id], calendars)
        clocks = replay(events[ticket.id], view.matching, _schedule_lookup(schedules), now)
        stored, changed, gone = _store(ticket, clocks, existing[ticket.id], now)
        writes.extend(row for row, _ in changed)
        retimed.update(row.id for row, timers_moved in changed if timers_moved)
        replayed.append((ticket, clocks, schedules, stored, gone))
        result[ticket.id] = stored
    await _write_clocks(session, writes, now)
    # Only clocks stored before this batch can have had something announced.
    announced = await _announced(session, [row.id for rows in existing.values() for row in rows])
    notices: list[Notice] = []
    gone_rows: list[StoredClock] = []
    timers: list[tuple[str, str, datetime, dict[str, Any] | None]] = []
    # Clocks that had a timer (running or paused when stored) and stopped now: their timer would fire for nothing.
    timed_before = {row.id for rows in existing.values() for row in rows if row.status in ("running", "paused")}
    stopped: list[StoredClock] = []
    for ticket, clocks, schedules, stored, gone in replayed:
        for row in gone:
            # A late event means this cycle never existed: take back what was said about it, then forget it.
            said = announced.get(row.id, set()) & set(OUTCOMES)
            notices.extend(Notice(ticket, row, kind, retract=True) for kind in sorted(said))
            gone_rows.append(row)
        for clock, row in zip(clocks, stored, strict=True):
            said = announced.get(row.id, set())
            notices.extend(_outcome_notices(ticket, row, said & set(OUTCOMES)))
            fired = row.id in timers_fired
            if row.status not in ("running", "paused"):
                if row.id in timed_before and not fired:
                    stopped.append(row)
                continue
            if not (fired or row.id in retimed):
                continue
            warned = {int(kind.removeprefix("warning_")) for kind in said if kind.startswith("warning_")}
            warnings = warning_times(clock, schedules[clock.target.key], skip=warned)
            if fired:
                reached = [(percent, at) for percent, at in warnings if at <= now]
                notices.extend(Notice(ticket, row, f"warning_{p}", percent=p) for p, _ in reached)
                warnings = warnings[len(reached) :]
            timers.append(_next_moment(ticket, row, warnings))
        ticket.updated_at = now
    await _save_tickets(session, tickets)
    await _tell(session, notices, now)
    if gone_rows or stopped:
        await session.execute(_DROP_CLOCK_TIMERS, {"keys": [str(row.id) for row in (*gone_rows, *stopped)]})
    if gone_rows:
        await session.execute(delete(SlaClock).where(SlaClock.id.in_([row.id for row in gone_rows])))
    await schedule_timers(session, timers)
    await session.flush()
    await notify_ticket_changes(session, [ticket for ticket, *_ in replayed])
    return result


def _next_moment(
    ticket: Ticket, row: StoredClock, warnings: list[tuple[int, datetime]]
) -> tuple[str, str, datetime, dict[str, Any]]:
    """The clock's one timer: its first warning not yet announced (earliest first), else its deadline."""
    payload: dict[str, Any] = {"ticket_id": str(ticket.id), "clock_id": str(row.id)}
    if warnings and warnings[0][1] < row.due_at:
        percent, at = warnings[0]
        return TimerKind.SLA_DUE, str(row.id), at, payload | {"percent": percent}
    return TimerKind.SLA_DUE, str(row.id), row.due_at, payload


TICKETS_CHANNEL = "sla_tickets"


def ticket_change_key(source: str, external_id: str) -> str:
    """The payload on `TICKETS_CHANNEL` when a ticket's clocks were recomputed: its source and external id, which a
    subscriber knows before the ticket exists (parties may share them: each reads only what it may see)."""
    return f"{source}/{external_id}"


async def notify_ticket_changes(session: AsyncSession, tickets: list[Ticket]) -> None:
    """Wakes the `ticketSla` subscriptions of these tickets once the transaction commits: one statement for the
    batch (PostgreSQL folds repeats of a payload in one transaction)."""
    keys = sorted({ticket_change_key(t.source, t.external_id) for t in tickets})
    if keys:
        await session.execute(
            text("SELECT pg_notify(:channel, key) FROM unnest(CAST(:keys AS text[])) AS key"),
            {"channel": TICKETS_CHANNEL, "keys": keys},
        )


# The tickets' matching and time of the last replay, written for the whole batch at once (the ORM would send one
# UPDATE per ticket), then marked as saved on the loaded objects so no flush writes them again.
_TICKET_FIELDS = ("customer_party_id", "agreement_id", "version_id", "opened_at", "match_explanation", "updated_at")
_SAVE_TICKETS = text(
    """UPDATE tickets SET customer_party_id = t.customer_party_id, agreement_id = t.agreement_id,
        version_id = t.version_id, opened_at = t.opened_at, match_explanation = CAST(t.match_explanation AS jsonb),
        updated_at = t.updated_at
    FROM unnest(
        CAST(:ids AS uuid[]), CAST(:customer_party_ids AS uuid[]), CAST(:agreement_ids AS uuid[]),
        CAST(:version_ids AS uuid[]), CAST(:opened_ats AS timestamptz[]), CAST(:match_explanations AS text[]),
        CAST(:updated_ats AS timestamptz[])
    ) AS t(id, customer_party_id, agreement_id, version_id, opened_at, match_explanation, updated_at)
    WHERE tickets.id = t.id"""
)


async def _save_tickets(session: AsyncSession, tickets: list[Ticket]) -> None:
    changed = [t for t in tickets if inspect(t).modified]
    if not changed:
        return
    await session.execute(
        _SAVE_TICKETS,
        {
            "ids": [t.id for t in changed],
            "customer_party_ids": [t.customer_party_id for t in changed],
            "agreement_ids": [t.agreement_id for t in changed],
            "version_ids": [t.version_id for t in changed],
            "opened_ats": [t.opened_at for t in changed],
            "match_explanations": [msgspec.json.encode(t.match_explanation or {}).decode() for t in changed],
            "updated_ats": [t.updated_at for t in changed],
        },
    )
    for ticket in changed:
        for name in _TICKET_FIELDS:
            set_committed_value(ticket, name, getattr(ticket, name))


def _schedule_lookup(schedules: dict[str, Schedule]) -> Schedules:
    """The schedule each target runs on, built once per ticket."""

    def schedule_of_target(target: MatchedTarget) -> Schedule:
        return schedules[target.key]

    return schedule_of_target


@dataclass(slots=True)
class StoredClock:
    """A row of `sla_clocks` as ingestion reads and writes it: plain data, written back with one statement per
    batch (the ORM would send one UPDATE per changed row)."""

    id: uuid.UUID
    ticket_id: uuid.UUID
    metric: str
    opened_by: str
    cycle: int
    target_key: str
    clause_key: str
    version_id: uuid.UUID | None
    status: ClockStatus
    started_at: datetime
    original_due_at: datetime
    due_at: datetime
    stopped_at: datetime | None
    business_seconds_used: int
    business_seconds_paused: int
    history: list[Any]
    updated_at: datetime

    def same_as(self, other: StoredClock) -> bool:
        """Equal in everything a replay decides (not when it was last written)."""
        return all(getattr(self, name) == getattr(other, name) for name in _REPLAYED)

    def same_timers_as(self, other: StoredClock) -> bool:
        """Whether the clock's timers (due, and each warning) stand as they were scheduled when `other` was written:
        they follow from its status, target, start, deadline and pauses (every pause and resumption is in its
        history). The business time used grows with every replay of a running clock; it moves no timer."""
        return all(getattr(self, name) == getattr(other, name) for name in _TIMED)


_REPLAYED = tuple(f for f in StoredClock.__slots__ if f != "updated_at")
_TIMED = ("status", "target_key", "started_at", "due_at", "history")
_CLOCK_COLUMNS = [SlaClock.__table__.c[name] for name in (*_REPLAYED, "updated_at")]
_CLOCKS_OF_TICKETS = select(*_CLOCK_COLUMNS).where(among(SlaClock.ticket_id))
_UPSERT_CLOCKS = text(
    """INSERT INTO sla_clocks (id, ticket_id, metric, opened_by, cycle, target_key, clause_key, version_id, status,
        started_at, original_due_at, due_at, stopped_at, business_seconds_used, business_seconds_paused, history,
        updated_at)
    SELECT c.id, c.ticket_id, c.metric, c.opened_by, c.cycle, c.target_key, c.clause_key, c.version_id, c.status,
        c.started_at, c.original_due_at, c.due_at, c.stopped_at, c.used, c.paused, CAST(c.history AS jsonb),
        CAST(:now AS timestamptz)
    FROM unnest(
        CAST(:ids AS uuid[]), CAST(:ticket_ids AS uuid[]), CAST(:metrics AS varchar[]), CAST(:opened_by AS varchar[]),
        CAST(:cycles AS int[]), CAST(:target_keys AS varchar[]), CAST(:clause_keys AS varchar[]),
        CAST(:version_ids AS uuid[]), CAST(:statuses AS varchar[]), CAST(:started_ats AS timestamptz[]),
        CAST(:original_due_ats AS timestamptz[]), CAST(:due_ats AS timestamptz[]), CAST(:stopped_ats AS timestamptz[]),
        CAST(:used AS bigint[]), CAST(:paused AS bigint[]), CAST(:histories AS text[])
    ) AS c(id, ticket_id, metric, opened_by, cycle, target_key, clause_key, version_id, status, started_at,
           original_due_at, due_at, stopped_at, used, paused, history)
    ON CONFLICT (id) DO UPDATE SET cycle = excluded.cycle, target_key = excluded.target_key,
        clause_key = excluded.clause_key, version_id = excluded.version_id, status = excluded.status,
        started_at = excluded.started_at, original_due_at = excluded.original_due_at, due_at = excluded.due_at,
        stopped_at = excluded.stopped_at, business_seconds_used = excluded.business_seconds_used,
        business_seconds_paused = excluded.business_seconds_paused, history = excluded.history,
        updated_at = excluded.updated_at"""
)


def _store(
    ticket: Ticket, clocks: list[Clock], existing: list[StoredClock], now: datetime
) -> tuple[list[StoredClock], list[tuple[StoredClock, bool]], list[StoredClock]]:
    """Every field of every stored cycle from the replay, matched by the event that opened it; returns the stored
    rows (in the replay's order), those of them that are new or changed (to write) with whether their timers may
    have moved, and the rows no replayed cycle matches any more."""
    by_opening = {(c.metric, c.opened_by): c for c in existing}
    stored: list[StoredClock] = []
    changed: list[tuple[StoredClock, bool]] = []
    for clock in clocks:
        before = by_opening.pop((clock.metric, clock.opened_by), None)
        assert clock.due_at is not None  # replay finishes every clock it returns
        row = StoredClock(
            id=before.id if before is not None else uuid.uuid4(),
            ticket_id=ticket.id,
            metric=clock.metric,
            opened_by=clock.opened_by,
            cycle=clock.cycle,
            target_key=clock.target.key,
            clause_key=clock.target.clause_key,
            version_id=ticket.version_id,
            status=ClockStatus(clock.status),
            started_at=clock.started_at,
            original_due_at=clock.original_due_at,
            due_at=clock.due_at,
            stopped_at=clock.stopped_at,
            business_seconds_used=int(clock.business_used.total_seconds()),
            business_seconds_paused=int(clock.business_paused.total_seconds()),
            history=msgspec.to_builtins(clock.history),
            updated_at=now,
        )
        if before is not None and row.same_as(before):
            row.updated_at = before.updated_at
        else:
            changed.append((row, before is None or not row.same_timers_as(before)))
        stored.append(row)
    return stored, changed, list(by_opening.values())


async def _write_clocks(session: AsyncSession, rows: list[StoredClock], now: datetime) -> None:
    if not rows:
        return
    await session.execute(
        _UPSERT_CLOCKS,
        {
            "now": now,
            "ids": [r.id for r in rows],
            "ticket_ids": [r.ticket_id for r in rows],
            "metrics": [r.metric for r in rows],
            "opened_by": [r.opened_by for r in rows],
            "cycles": [r.cycle for r in rows],
            "target_keys": [r.target_key for r in rows],
            "clause_keys": [r.clause_key for r in rows],
            "version_ids": [r.version_id for r in rows],
            "statuses": [str(r.status) for r in rows],
            "started_ats": [r.started_at for r in rows],
            "original_due_ats": [r.original_due_at for r in rows],
            "due_ats": [r.due_at for r in rows],
            "stopped_ats": [r.stopped_at for r in rows],
            "used": [r.business_seconds_used for r in rows],
            "paused": [r.business_seconds_paused for r in rows],
            "histories": [msgspec.json.encode(r.history).decode() for r in rows],
        },
    )


def clock_view(row: SlaClock | StoredClock) -> ClockView:
    return ClockView(
        id=row.id,
        metric=Metric(row.metric),
        cycle=row.cycle,
        opened_by=row.opened_by,
        target_key=row.target_key,
        clause_key=row.clause_key,
        status=ClockStatus(row.status),
        started_at=row.started_at,
        original_due_at=row.original_due_at,
        due_at=row.due_at,
        stopped_at=row.stopped_at,
        business_seconds_used=row.business_seconds_used,
        business_seconds_paused=row.business_seconds_paused,
        history=msgspec.convert(row.history or [], list[ClockStep]),
    )


def ticket_view(ticket: Ticket) -> TicketView:
    return TicketView(
        id=ticket.id,
        source=ticket.source,
        external_id=ticket.external_id,
        agreement_id=ticket.agreement_id,
        opened_at=ticket.opened_at,
        match=msgspec.convert(ticket.match_explanation or {}, TicketMatch),
    )


OUTCOMES = ("met", "breached")
_INSERT_NOTIFICATIONS = text(
    """INSERT INTO sla_notifications (clock_id, kind, sent_at)
    SELECT n.clock_id, n.kind, CAST(:now AS timestamptz)
    FROM unnest(CAST(:clock_ids AS uuid[]), CAST(:kinds AS varchar[])) AS n(clock_id, kind)
    ON CONFLICT DO NOTHING
    RETURNING clock_id, kind"""
).columns(clock_id=Uuid, kind=String)
RETRACTIONS = {"met": "sla.met_retracted", "breached": "sla.breach_retracted"}


_ANNOUNCED = select(SlaNotification.clock_id, SlaNotification.kind).where(among(SlaNotification.clock_id))


async def _announced(session: AsyncSession, clock_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[str]]:
    """What is currently announced for each clock: its outcome (`met`, `breached`) and the warnings (`warning_50`)."""
    if not clock_ids:
        return {}
    rows = await session.execute(_ANNOUNCED, {"ids": clock_ids})
    announced: dict[uuid.UUID, set[str]] = {}
    for clock_id, kind in rows:
        announced.setdefault(clock_id, set()).add(kind)
    return announced


@dataclass(frozen=True, slots=True)
class Notice:
    """An outcome (or warning) to announce for a clock, or one announced before to take back."""

    ticket: Ticket
    row: StoredClock
    kind: str  # met, breached or warning_<percent>
    retract: bool = False
    percent: int | None = None


def _outcome_notices(ticket: Ticket, row: StoredClock, announced: set[str]) -> list[Notice]:
    """Bring what consumers were told in line with the clock: at most one outcome per cycle stands, and one that
    changes is retracted before the new one is announced."""
    outcome = row.status if row.status in OUTCOMES else None
    notices = [Notice(ticket, row, kind, retract=True) for kind in sorted(announced - {outcome})]
    if outcome is not None and outcome not in announced:
        notices.append(Notice(ticket, row, outcome))
    return notices


async def _tell(session: AsyncSession, notices: list[Notice], now: datetime) -> None:
    """Retract and announce, in the given order, with a fixed number of statements: each announcement is made once
    per clock and kind (the notification row is its proof), each retraction removes that row."""
    if not notices:
        return
    retracted = [(n.row.id, n.kind) for n in notices if n.retract]
    if retracted:
        await session.execute(
            delete(SlaNotification).where(tuple_(SlaNotification.clock_id, SlaNotification.kind).in_(retracted))
        )
    announcing = [n for n in notices if not n.retract]
    inserted: set[tuple[uuid.UUID, str]] = set()
    if announcing:
        inserted = {
            (clock_id, kind)
            for clock_id, kind in await session.execute(
                _INSERT_NOTIFICATIONS,
                {"now": now, "clock_ids": [n.row.id for n in announcing], "kinds": [n.kind for n in announcing]},
            )
        }
    events = []
    for notice in notices:
        ticket, row, kind = notice.ticket, notice.row, notice.kind
        if notice.retract:
            payload = SlaNotice(ticket=ticket_view(ticket), clock=clock_view(row), retracted=f"sla.{kind}")
            events.append(NewEvent(RETRACTIONS[kind], msgspec.to_builtins(payload), agreement_id=ticket.agreement_id))
        elif (row.id, kind) in inserted:
            if kind == "breached":
                count_on_commit(session, SLA_CLOCKS_BREACHED)
            payload = SlaNotice(ticket=ticket_view(ticket), clock=clock_view(row), percent=notice.percent)
            event_type = "sla.warning" if kind.startswith("warning") else f"sla.{kind}"
            events.append(NewEvent(event_type, msgspec.to_builtins(payload), agreement_id=ticket.agreement_id))
    await record_events(session, None, events, now=now)


# A deleted row costs PostgreSQL less than a cancelled one (no new row version, no new index entries), and nothing
# reads a clock's cancelled timer: a clock that runs again is given a new one.
_DROP_CLOCK_TIMERS = delete(Timer).where(
    Timer.kind == TimerKind.SLA_DUE, among(Timer.key, "keys"), Timer.status == "pending"
)


async def ticket_sla(session: AsyncSession, actor: Actor, source: str, external_id: str) -> TicketSla:
    """The caller's own ticket first; else one reported by a counter-party on an agreement the caller is in."""
    candidates = await session.scalars(
        select(Ticket)
        .where(Ticket.source == source, Ticket.external_id == external_id)
        .order_by((Ticket.reporter_party_id == actor.party_id).desc(), Ticket.created_at)
    )
    ticket = None
    for candidate in candidates:
        if await _may_see(session, actor, candidate):
            ticket = candidate
            break
    if ticket is None:
        raise NotFound("ticket")
    clocks = await session.scalars(
        select(SlaClock)
        .where(SlaClock.ticket_id == ticket.id)
        .order_by(SlaClock.started_at, SlaClock.metric, SlaClock.cycle)
    )
    return TicketSla(ticket=ticket_view(ticket), clocks=[clock_view(c) for c in clocks])


@timer_handler("sla.due")
async def clock_moment_due(session: AsyncSession, timer: Timer, now: datetime) -> None:
    """A clock's next moment is due, even if no ticket event arrives: replay at `now` (a deadline passed breaches
    the clock, announced once per cycle), announce the warnings reached, and schedule the clock's next moment."""
    ticket = await session.get(Ticket, uuid.UUID(timer.payload["ticket_id"]), with_for_update=True)
    if ticket is not None:
        await recompute(session, ticket, now=now, timer_fired=uuid.UUID(timer.key.split(":")[0]))


@timer_handler("sla.warning")
async def legacy_warning_due(session: AsyncSession, timer: Timer, now: datetime) -> None:
    """A warning timer (key `<clock id>:<percent>`) of the kind scheduled before migration 0100 gave each clock one
    timer; a process of an older release may still write one while a new release rolls out. It is the clock's
    moment like any other."""
    await clock_moment_due(session, timer, now)
