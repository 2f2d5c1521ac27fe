"""Ticketing integration: which SLA applies to a ticket (the hot path), and ticket clocks fed by events.

Ticket events are idempotent by (source, event id). Every batch replays each touched ticket's events in time
order, so events that arrive out of order land where they belong. An event for a ticket whose `created` has not
arrived yet is accepted and held: the ticket's clocks start once `created` arrives.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import delete, or_, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Agreement,
    Calendar,
    SlaClock,
    SlaNotification,
    Ticket,
    TicketEventRecord,
    Timer,
)
from db.values import AgreementStatus, ClockStatus, Metric, TicketEventType
from services.actors import Actor
from services.agreements.states import REQUIRED_ROLES
from services.errors import InvalidInput, NotFound
from services.events import record_event
from services.metrics import SLA_CLOCKS_BREACHED, TICKET_EVENTS_INGESTED, count_on_commit
from services.scoping import role_on
from services.ticketing.applicable import (
    RoleView,
    candidates_for_many,
    compiled_version,
    no_agreement,
    target_schedule,
    years_around,
)
from services.ticketing.business_time import Schedule
from services.ticketing.calendars import calendar_references
from services.ticketing.sla_clock import (
    Clock,
    Facts,
    MatchedTarget,
    Matcher,
    Schedules,
    TicketEvent,
    match_targets,
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
    rows = [
        {
            "id": uuid.uuid4(),
            "ticket_id": tickets[(event.source, event.ticket_id)].id,
            "source": event.source,
            "event_id": event.event_id,
            "type": event.type,
            "occurred_at": event.occurred_at,
            "received_at": now,
            "data": {
                k: v
                for k, v in msgspec.to_builtins(event).items()
                if k in ("customer", "service", "priority", "status", "attributes", "agreement") and v not in (None, {})
            },
        }
        for event in batch.events
    ]
    inserted = set(
        (
            await session.execute(
                insert(TicketEventRecord)
                .values(rows)
                .on_conflict_do_nothing()
                .returning(TicketEventRecord.ticket_id, TicketEventRecord.source, TicketEventRecord.event_id)
            )
        ).all()
    )
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
        duplicates=len(rows) - len(inserted),
        tickets=[ticket_view(t) for t in touched.values()],
    )


async def _tickets(
    session: AsyncSession, actor: Actor, events: list[TicketEventIn], now: datetime
) -> dict[tuple[str, str], Ticket]:
    """The caller's tickets the events are about, by (source, external id): created when new, locked in id order
    (so two batches about the same tickets wait for each other instead of deadlocking)."""
    # Each integration has its own ticket ids: another party's ticket 42 is simply not this one.
    keys = list(dict.fromkeys((e.source, e.ticket_id) for e in events))
    await session.execute(
        insert(Ticket)
        .values(
            [
                {
                    "id": uuid.uuid4(),
                    "source": source,
                    "external_id": external_id,
                    "reporter_party_id": actor.party_id,
                    "created_at": now,
                    "updated_at": now,
                    "state": {},
                    "match_explanation": {},
                }
                for source, external_id in keys
            ]
        )
        .on_conflict_do_nothing(index_elements=[Ticket.reporter_party_id, Ticket.source, Ticket.external_id])
    )
    found = await session.scalars(
        select(Ticket)
        .where(Ticket.reporter_party_id == actor.party_id, tuple_(Ticket.source, Ticket.external_id).in_(keys))
        .order_by(Ticket.id)
        .with_for_update()
    )
    return {(t.source, t.external_id): t for t in found}


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
        for ticket_id, occurred_at, data in await session.execute(
            select(TicketEventRecord.ticket_id, TicketEventRecord.occurred_at, TicketEventRecord.data)
            .where(TicketEventRecord.ticket_id.in_([t.id for t in tickets]), TicketEventRecord.type == "created")
            .order_by(TicketEventRecord.ticket_id, TicketEventRecord.occurred_at)
            .ext(distinct_on(TicketEventRecord.ticket_id))
        )
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


async def recompute(session: AsyncSession, ticket: Ticket, *, now: datetime) -> list[SlaClock]:
    """Replay the ticket's events, store its clocks, schedule their timers and announce what changed."""
    return (await recompute_many(session, [ticket], now=now))[ticket.id]


async def recompute_many(
    session: AsyncSession, tickets: list[Ticket], *, now: datetime
) -> dict[uuid.UUID, list[SlaClock]]:
    """`recompute` for many tickets, reading and writing each table once for all of them: the stored clocks of
    each ticket, in its replay's order."""
    result: dict[uuid.UUID, list[SlaClock]] = {t.id: [] for t in tickets}
    # Each ticket that governs clocks, with the agreement and version it was matched to.
    live = [
        (t, t.agreement_id, t.version_id) for t in tickets if t.agreement_id is not None and t.version_id is not None
    ]
    if not live:
        return result
    ids = [t.id for t, _, _ in live]
    zones: dict[uuid.UUID, str] = dict(
        (
            await session.execute(
                select(Agreement.id, Agreement.timezone).where(Agreement.id.in_({a for _, a, _ in live}))
            )
        ).all()
    )
    versions = {v: (await compiled_version(session, v)).seen_by(None) for v in {v for _, _, v in live}}
    named = set().union(
        *(
            calendar_references(target.get("calendar"), view.clauses)
            for view in versions.values()
            for _, terms in view.service_levels
            for target in terms.get("targets", [])
        )
    )
    calendars = (
        {c.id: c for c in await session.scalars(select(Calendar).where(Calendar.id.in_(named)))} if named else {}
    )
    events: dict[uuid.UUID, list[TicketEvent]] = {i: [] for i in ids}
    for r in await session.scalars(select(TicketEventRecord).where(TicketEventRecord.ticket_id.in_(ids))):
        events[r.ticket_id].append(TicketEvent(r.type, r.occurred_at, r.data, r.event_id))
    existing: dict[uuid.UUID, list[SlaClock]] = {i: [] for i in ids}
    for row in await session.scalars(select(SlaClock).where(SlaClock.ticket_id.in_(ids))):
        existing[row.ticket_id].append(row)
    replayed = []
    for ticket, agreement_id, version_id in live:
        view, zone = versions[version_id], zones[agreement_id]
        years = years_around(ticket.opened_at or now)
        schedules = {
            matched.key: target_schedule(view, target, zone, years, calendars)[0]
            for clause_key, terms in view.service_levels
            for index, target in enumerate(terms.get("targets", []))
            if (matched := MatchedTarget(clause_key, index, target, ())).target["metric"] != "availability"
        }
        clocks = replay(events[ticket.id], _matcher(view), _schedule_lookup(schedules), now)
        stored, gone = _store(session, ticket, clocks, existing[ticket.id], now)
        replayed.append((ticket, clocks, schedules, stored, gone))
        result[ticket.id] = stored
    await session.flush()
    announced = await _announced(session, [row.id for *_, stored, gone in replayed for row in stored + gone])
    timers: list[tuple[str, str, datetime, dict[str, Any] | None]] = []
    for ticket, clocks, schedules, stored, gone in replayed:
        for row in gone:
            # A late event means this cycle never existed: take back what was said about it, then forget it.
            for kind in announced.get(row.id, ()):
                await _retract(session, ticket, row, kind, now)
            await _cancel_clock_timers(session, row)
            await session.delete(row)
        for clock, row in zip(clocks, stored, strict=True):
            await _announce(session, ticket, row, announced.get(row.id, set()), now)
            if row.status in ("running", "paused"):
                timers.append(("sla.due", str(row.id), row.due_at, {"ticket_id": str(ticket.id)}))
                timers.extend(
                    (
                        "sla.warning",
                        f"{row.id}:{percent}",
                        at,
                        {"ticket_id": str(ticket.id), "clock_id": str(row.id), "percent": percent},
                    )
                    for percent, at in warning_times(clock, schedules[clock.target.key])
                )
        ticket.updated_at = now
    await schedule_timers(session, timers)
    await session.flush()
    await notify_ticket_changes(session, [ticket for ticket, *_ in replayed])
    return result


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


def _matcher(view: RoleView) -> Matcher:
    """The targets a ticket with these facts matches in the version (first match per metric)."""

    def matched(facts: Facts) -> list[MatchedTarget]:
        return match_targets(view.service_levels, facts)[0]

    return matched


def _schedule_lookup(schedules: dict[str, Schedule]) -> Schedules:
    """The schedule each target runs on, built once per ticket."""

    def schedule_of_target(target: MatchedTarget) -> Schedule:
        return schedules[target.key]

    return schedule_of_target


def _store(
    session: AsyncSession, ticket: Ticket, clocks: list[Clock], existing: list[SlaClock], now: datetime
) -> tuple[list[SlaClock], list[SlaClock]]:
    """Every field of every stored cycle from the replay, matched by the event that opened it; returns the stored
    rows (in the replay's order) and those no replayed cycle matches any more. The caller flushes."""
    by_opening = {(c.metric, c.opened_by): c for c in existing}
    stored = []
    for clock in clocks:
        row = by_opening.pop((clock.metric, clock.opened_by), None)
        if row is None:
            row = SlaClock(id=uuid.uuid4(), ticket_id=ticket.id, metric=clock.metric, opened_by=clock.opened_by)
            session.add(row)
        row.cycle, row.original_due_at = clock.cycle, clock.original_due_at
        row.target_key, row.clause_key, row.version_id = clock.target.key, clock.target.clause_key, ticket.version_id
        assert clock.due_at is not None  # replay finishes every clock it returns
        row.status, row.started_at, row.due_at, row.stopped_at = (
            ClockStatus(clock.status),
            clock.started_at,
            clock.due_at,
            clock.stopped_at,
        )
        row.business_seconds_used = int(clock.business_used.total_seconds())
        row.business_seconds_paused = int(clock.business_paused.total_seconds())
        row.history = msgspec.to_builtins(clock.history)
        row.updated_at = now
        stored.append(row)
    return stored, list(by_opening.values())


def clock_view(row: SlaClock) -> ClockView:
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
RETRACTIONS = {"met": "sla.met_retracted", "breached": "sla.breach_retracted"}


async def _announced(session: AsyncSession, clock_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[str]]:
    """The outcomes currently announced for each clock (warnings are not outcomes)."""
    rows = await session.execute(
        select(SlaNotification.clock_id, SlaNotification.kind).where(
            SlaNotification.clock_id.in_(clock_ids), SlaNotification.kind.in_(OUTCOMES)
        )
    )
    announced: dict[uuid.UUID, set[str]] = {}
    for clock_id, kind in rows:
        announced.setdefault(clock_id, set()).add(kind)
    return announced


async def _notify_once(
    session: AsyncSession, ticket: Ticket, row: SlaClock, kind: str, now: datetime, percent: int | None = None
) -> None:
    inserted = await session.scalar(
        insert(SlaNotification)
        .values(
            clock_id=row.id,
            kind=kind,
            sent_at=now,
        )
        .on_conflict_do_nothing()
        .returning(SlaNotification.kind)
    )
    if inserted is None:
        return
    event_type = "sla.warning" if kind.startswith("warning") else f"sla.{kind}"
    if kind == "breached":
        count_on_commit(session, SLA_CLOCKS_BREACHED)
    payload = SlaNotice(ticket=ticket_view(ticket), clock=clock_view(row), percent=percent)
    await record_event(
        session, None, event_type, now=now, agreement_id=ticket.agreement_id, payload=msgspec.to_builtins(payload)
    )


async def _retract(session: AsyncSession, ticket: Ticket, row: SlaClock, kind: str, now: datetime) -> None:
    """Take back an announced outcome that the replay no longer gives (the clock shown is the cycle as it is now,
    or as it last was when the cycle no longer exists)."""
    await session.execute(
        delete(SlaNotification).where(SlaNotification.clock_id == row.id, SlaNotification.kind == kind)
    )
    payload = SlaNotice(ticket=ticket_view(ticket), clock=clock_view(row), retracted=f"sla.{kind}")
    await record_event(
        session,
        None,
        RETRACTIONS[kind],
        now=now,
        agreement_id=ticket.agreement_id,
        payload=msgspec.to_builtins(payload),
    )


async def _announce(session: AsyncSession, ticket: Ticket, row: SlaClock, announced: set[str], now: datetime) -> None:
    """Bring what consumers were told in line with the clock: at most one outcome per cycle stands, and one that
    changes is retracted before the new one is announced."""
    outcome = row.status if row.status in OUTCOMES else None
    for kind in sorted(announced - {outcome}):
        await _retract(session, ticket, row, kind, now)
    if outcome is not None and outcome not in announced:
        await _notify_once(session, ticket, row, outcome, now)


async def _cancel_clock_timers(session: AsyncSession, row: SlaClock) -> None:
    await session.execute(
        update(Timer)
        .where(
            Timer.kind.in_(("sla.due", "sla.warning")),
            Timer.status == "pending",
            or_(Timer.key == str(row.id), Timer.key.startswith(f"{row.id}:")),
        )
        .values(status="cancelled")
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
async def breach_at_due_time(session: AsyncSession, timer: Timer, now: datetime) -> None:
    """At `due_at`, even if no ticket event arrives: replay, and the breach is announced once per cycle."""
    ticket = await session.get(Ticket, uuid.UUID(timer.payload["ticket_id"]), with_for_update=True)
    if ticket is not None:
        await recompute(session, ticket, now=now)


@timer_handler("sla.warning")
async def warn_at_threshold(session: AsyncSession, timer: Timer, now: datetime) -> None:
    ticket = await session.get(Ticket, uuid.UUID(timer.payload["ticket_id"]), with_for_update=True)
    if ticket is None:
        return
    rows = await recompute(session, ticket, now=now)
    clock_id, percent = timer.payload.get("clock_id"), timer.payload.get("percent")
    for row in rows:
        if str(row.id) == clock_id and row.status in ("running", "paused"):
            await _notify_once(session, ticket, row, f"warning_{percent}", now, int(timer.payload["percent"]))
