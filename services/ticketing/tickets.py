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
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import (
    Agreement,
    AgreementVersion,
    Clause,
    Membership,
    SlaClock,
    SlaNotification,
    Ticket,
    TicketEventRecord,
    Timer,
)
from db.values import TicketEventType
from services.actors import Actor
from services.agreements.lifecycle import REQUIRED_ROLES
from services.errors import InvalidInput, NotFound
from services.events import record_event
from services.parties import resolve_party_ref
from services.scoping import visible_clauses
from services.ticketing.business_time import Schedule, add_business, always_open, open_intervals, skipped_dates
from services.ticketing.sla_clock import (
    Clock,
    Facts,
    MatchedTarget,
    TicketEvent,
    match_targets,
    replay,
    target_duration,
    warning_times,
)
from services.timers import schedule_timer, timer_handler
from services.values import instant_input

FUTURE_SKEW = timedelta(minutes=5)
SIGNATORY_ROLES = tuple(sorted(REQUIRED_ROLES))
MAX_BATCH = 500


class ApplicableQuery(msgspec.Struct):
    customer: str
    opened_at: datetime
    service: str | None = None
    priority: str | None = None
    attributes: dict[str, str] = {}
    # The agreement to use when the customer has several in effect (else the latest effective_from wins).
    agreement: uuid.UUID | None = None


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


# ---------------------------------------------------------------- which agreement and targets apply


async def _agreement_for(
    session: AsyncSession,
    actor: Actor,
    customer_ref: str,
    at: datetime,
    *,
    caller_roles: tuple[str, ...] = ("provider", "customer", "third_party"),
    agreement_id: uuid.UUID | None = None,
) -> tuple[uuid.UUID | None, list[tuple[Agreement, AgreementVersion, str | None]], list[str]]:
    """The customer's id and the agreements in effect at `at` where it is the customer and the caller a member in
    one of `caller_roles`, newest first (latest `effective_from` first); only `agreement_id` when the caller names
    one.

    An unknown customer and someone else's customer answer alike: no id, no agreements, no reasons (the reasons
    only ever speak of the caller's own agreements).
    """
    customer_id = await resolve_party_ref(session, customer_ref)
    if customer_id is None:
        return None, [], []
    customer = aliased(Membership)
    caller = aliased(Membership)
    stmt = (
        select(Agreement, caller.role)
        .join(
            customer,
            (customer.agreement_id == Agreement.id)
            & (customer.party_id == customer_id)
            & (customer.role == "customer"),
        )
        .where(
            Agreement.status.in_(("active", "suspended")),
            or_(Agreement.effective_from.is_(None), Agreement.effective_from <= at),
            or_(Agreement.effective_to.is_(None), Agreement.effective_to > at),
        )
        .order_by(Agreement.effective_from.desc().nulls_last(), Agreement.created_at.desc())
    )
    # The caller's own membership, in the same query (the operator sees every agreement, with no role).
    caller_on = (caller.agreement_id == Agreement.id) & (caller.party_id == actor.party_id)
    if agreement_id is not None:
        stmt = stmt.where(Agreement.id == agreement_id)
    if actor.is_operator:
        stmt = stmt.outerjoin(caller, caller_on)
    else:
        stmt = stmt.join(caller, caller_on & caller.role.in_(caller_roles))
    from services.agreements.drafts import current_version

    found, reasons = [], []
    for agreement, role in await session.execute(stmt):
        if agreement.status == "suspended":
            reasons.append(f"{agreement.reference} is suspended")
            continue
        version = await current_version(session, agreement.id, as_of=at)
        if version is None:
            reasons.append(f"{agreement.reference} had no accepted version in effect at {at.isoformat()}")
            continue
        found.append((agreement, version, role))
    if not found and not reasons:
        return None, [], []
    return customer_id, found, reasons


def _no_agreement(customer_ref: str, at: datetime) -> str:
    """The one answer for an unknown customer, someone else's customer, and one the caller may not report for."""
    return f"customer {customer_ref!r}: no agreement with you in effect at {at.isoformat()}"


async def _service_levels(session: AsyncSession, version: AgreementVersion, role: str | None) -> list[Clause]:
    rows = await session.scalars(select(Clause).where(Clause.version_id == version.id).order_by(Clause.position))
    return visible_clauses(list(rows), role)


def _years(at: datetime) -> range:
    return range(at.year - 1, at.year + 3)


async def _schedule_for(
    session: AsyncSession, target: MatchedTarget, clauses: list[Clause], agreement: Agreement, at: datetime
) -> tuple[Schedule, dict[str, Any]]:
    if target.target.get("time", "business") == "calendar":
        return always_open(agreement.timezone), {
            "kind": "24x7",
            "name": "calendar time",
            "timezone": agreement.timezone,
        }
    from services.ticketing.calendars import resolve_schedule

    return await resolve_schedule(session, target.target.get("calendar"), clauses, agreement.timezone, _years(at))


async def applicable_sla(
    session: AsyncSession, actor: Actor, query: ApplicableQuery, *, now: datetime
) -> dict[str, Any]:
    instant_input(query.opened_at, what="opened_at")
    facts = Facts(query.service, query.priority, dict(query.attributes))
    party_id, candidates, reasons = await _agreement_for(
        session, actor, query.customer, query.opened_at, agreement_id=query.agreement
    )
    if party_id is None:
        # Not yours and unknown answer alike: nothing tells the caller about others' customers or agreements.
        raise NotFound(_no_agreement(query.customer, query.opened_at))
    for agreement, version, role in candidates:
        clauses = await _service_levels(session, version, role)
        service_levels = [(c.key, c.terms) for c in clauses if c.kind == "service_level"]
        matched, misses = match_targets(service_levels, facts)
        escalation = next((c for c in clauses if c.kind == "escalation"), None)
        if not matched:
            reasons.append(
                f"{agreement.reference} v{version.number}: no target matches ({'; '.join(misses) or 'no service-level targets'})"
            )
            continue
        targets = [await _describe_target(session, t, clauses, agreement, query.opened_at, escalation) for t in matched]
        return {
            "customer_party_id": str(party_id),
            "agreement": {
                "id": str(agreement.id),
                "reference": agreement.reference,
                "title": agreement.title,
                "timezone": agreement.timezone,
            },
            "version": {"id": str(version.id), "number": version.number, "effective_from": version.effective_from},
            "opened_at": query.opened_at,
            "targets": targets,
            "reason": None,
            "explanation": {
                "agreement": f"{agreement.reference} is the agreement in effect for this customer at "
                f"opened_at; version {version.number} applies",
                "not_matched": misses,
            },
        }
    return {
        "customer_party_id": str(party_id),
        "agreement": None,
        "version": None,
        "opened_at": query.opened_at,
        "targets": [],
        "reason": "; ".join(reasons),
        "explanation": {"not_matched": reasons},
    }


async def _describe_target(
    session: AsyncSession,
    target: MatchedTarget,
    clauses: list[Clause],
    agreement: Agreement,
    opened_at: datetime,
    escalation: Clause | None,
) -> dict[str, Any]:
    schedule, calendar = await _schedule_for(session, target, clauses, agreement, opened_at)
    duration = target.duration
    due_at = add_business(schedule, opened_at, duration)
    windows = []
    for a, b in open_intervals(schedule, opened_at, due_at):
        windows.append({"from": a, "to": b})
        if len(windows) == 20:
            break
    levels = []
    if escalation is not None:
        for level in escalation.terms.get("levels", []):
            levels.append(
                {
                    "level": level["level"],
                    "at": add_business(schedule, opened_at, target_duration(level["after"])),
                    "after": level["after"],
                    "to": level.get("to"),
                    "channel": level.get("channel"),
                }
            )
    return {
        "metric": target.target["metric"],
        "target_key": target.key,
        "clause_key": target.clause_key,
        "duration": target.target["duration"],
        "time": target.target.get("time", "business"),
        "calendar": calendar,
        "due_at": due_at,
        "warnings": [
            {"percent": p, "at": add_business(schedule, opened_at, duration * p / 100)}
            for p in target.target.get("warn_at_percent") or []
        ],
        "escalations": levels,
        "pause_statuses": target.target.get("pause_statuses") or [],
        "explanation": {
            "matched": f"target {target.key} of clause {target.clause_key} (position {target.index + 1})",
            "because": list(target.reasons),
            "windows": windows,
            "skipped": [
                {"date": d.isoformat(), "reason": why} for d, why in skipped_dates(schedule, opened_at, due_at)
            ],
        },
    }


# ---------------------------------------------------------------- ticket events and clocks


async def ingest_events(
    session: AsyncSession, actor: Actor, batch: TicketEventBatch, *, now: datetime
) -> dict[str, Any]:
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
    accepted, duplicates, touched = 0, 0, {}
    for event in batch.events:
        ticket = await _ticket(session, actor, event, now)
        inserted = await session.scalar(
            insert(TicketEventRecord)
            .values(
                id=uuid.uuid4(),
                ticket_id=ticket.id,
                source=event.source,
                event_id=event.event_id,
                type=event.type,
                occurred_at=event.occurred_at,
                received_at=now,
                data={
                    k: v
                    for k, v in msgspec.to_builtins(event).items()
                    if k in ("customer", "service", "priority", "status", "attributes", "agreement")
                    and v not in (None, {})
                },
            )
            .on_conflict_do_nothing()
            .returning(TicketEventRecord.id)
        )
        if inserted is None:
            duplicates += 1
        else:
            accepted += 1
            touched[ticket.id] = ticket
    results = []
    for ticket in touched.values():
        if event_customer := await _created_customer(session, ticket):
            await _attach_agreement(session, actor, ticket, event_customer)
        await recompute(session, ticket, now=now)
        results.append(ticket_ref(ticket))
    return {"accepted": accepted, "duplicates": duplicates, "tickets": results}


async def _ticket(session: AsyncSession, actor: Actor, event: TicketEventIn, now: datetime) -> Ticket:
    # Each integration has its own ticket ids: another party's ticket 42 is simply not this one.
    ticket = await session.scalar(
        select(Ticket)
        .where(
            Ticket.reporter_party_id == actor.party_id,
            Ticket.source == event.source,
            Ticket.external_id == event.ticket_id,
        )
        .with_for_update()
    )
    if ticket is None:
        ticket = Ticket(
            id=uuid.uuid4(),
            source=event.source,
            external_id=event.ticket_id,
            reporter_party_id=actor.party_id,
            created_at=now,
            updated_at=now,
            state={},
            match_explanation={},
        )
        session.add(ticket)
        await session.flush()
    return ticket


async def _may_see(session: AsyncSession, actor: Actor, ticket: Ticket) -> bool:
    if actor.is_operator or ticket.reporter_party_id == actor.party_id:
        return True
    if ticket.agreement_id is None:
        return False
    return (
        await session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.agreement_id == ticket.agreement_id, Membership.party_id == actor.party_id)
        )
        > 0
    )


async def _created_customer(session: AsyncSession, ticket: Ticket) -> str | None:
    if ticket.agreement_id is not None:
        return None
    data = await session.scalar(
        select(TicketEventRecord.data)
        .where(TicketEventRecord.ticket_id == ticket.id, TicketEventRecord.type == "created")
        .order_by(TicketEventRecord.occurred_at)
        .limit(1)
    )
    return data.get("customer") if data else None


async def _attach_agreement(session: AsyncSession, actor: Actor, ticket: Ticket, customer_ref: str) -> None:
    created_at, named = (
        await session.execute(
            select(TicketEventRecord.occurred_at, TicketEventRecord.data)
            .where(TicketEventRecord.ticket_id == ticket.id, TicketEventRecord.type == "created")
            .order_by(TicketEventRecord.occurred_at)
            .limit(1)
        )
    ).one()
    named_agreement = uuid.UUID(named["agreement"]) if named.get("agreement") else None
    ticket.opened_at = created_at
    # Only the provider and the customer record ticket events that run an agreement's clocks: a third party's
    # events match nothing, exactly like events about an unknown customer or someone else's.
    party_id, candidates, reasons = await _agreement_for(
        session, actor, customer_ref, created_at, caller_roles=SIGNATORY_ROLES, agreement_id=named_agreement
    )
    if not candidates:
        ticket.match_explanation = {"reason": "; ".join(reasons) or _no_agreement(customer_ref, created_at)}
        return
    ticket.customer_party_id = party_id
    agreement, version, _ = candidates[0]
    ticket.agreement_id, ticket.version_id = agreement.id, version.id
    ticket.match_explanation = {"agreement": agreement.reference, "version": version.number}


async def recompute(session: AsyncSession, ticket: Ticket, *, now: datetime) -> list[SlaClock]:
    """Replay the ticket's events, store its clocks, schedule their timers and announce what changed."""
    if ticket.agreement_id is None or ticket.version_id is None:
        return []
    agreement = await session.get(Agreement, ticket.agreement_id)
    version = await session.get(AgreementVersion, ticket.version_id)
    clauses = await _service_levels(session, version, None)
    service_levels = [(c.key, c.terms) for c in clauses if c.kind == "service_level"]
    schedules: dict[str, Schedule] = {}
    for clause_key, terms in service_levels:
        for index, target in enumerate(terms.get("targets", [])):
            matched = MatchedTarget(clause_key, index, target, ())
            if matched.target["metric"] != "availability":
                schedules[matched.key] = (
                    await _schedule_for(session, matched, clauses, agreement, ticket.opened_at or now)
                )[0]
    rows = await session.scalars(select(TicketEventRecord).where(TicketEventRecord.ticket_id == ticket.id))
    events = [TicketEvent(r.type, r.occurred_at, r.data, r.event_id) for r in rows]
    clocks = replay(
        events, lambda facts: match_targets(service_levels, facts)[0], lambda target: schedules[target.key], now
    )
    stored, gone = await _store(session, ticket, version, clocks, now)
    announced = await _announced(session, [row.id for row in stored + gone])
    for row in gone:
        # A late event means this cycle never existed: take back what was said about it, then forget it.
        for kind in announced.get(row.id, ()):
            await _retract(session, ticket, row, kind, now)
        await _cancel_clock_timers(session, row)
        await session.delete(row)
    for clock, row in zip(clocks, stored):
        await _announce(session, ticket, row, announced.get(row.id, set()), now)
        if row.status in ("running", "paused"):
            await schedule_timer(session, "sla.due", str(row.id), row.due_at, {"ticket_id": str(ticket.id)})
            for percent, at in warning_times(clock, schedules[clock.target.key]):
                await schedule_timer(
                    session,
                    "sla.warning",
                    f"{row.id}:{percent}",
                    at,
                    {"ticket_id": str(ticket.id), "clock_id": str(row.id), "percent": percent},
                )
    ticket.updated_at = now
    await session.flush()
    return stored


async def _store(
    session: AsyncSession, ticket: Ticket, version: AgreementVersion, clocks: list[Clock], now: datetime
) -> tuple[list[SlaClock], list[SlaClock]]:
    """Every field of every stored cycle from the replay, matched by the event that opened it; returns the stored
    rows (in the replay's order) and those no replayed cycle matches any more."""
    existing = {
        (c.metric, c.opened_by): c
        for c in await session.scalars(select(SlaClock).where(SlaClock.ticket_id == ticket.id))
    }
    stored = []
    for clock in clocks:
        row = existing.pop((clock.metric, clock.opened_by), None)
        if row is None:
            row = SlaClock(id=uuid.uuid4(), ticket_id=ticket.id, metric=clock.metric, opened_by=clock.opened_by)
            session.add(row)
        row.cycle, row.original_due_at = clock.cycle, clock.original_due_at
        row.target_key, row.clause_key, row.version_id = clock.target.key, clock.target.clause_key, version.id
        row.status, row.started_at, row.due_at, row.stopped_at = (
            clock.status,
            clock.started_at,
            clock.due_at,
            clock.stopped_at,
        )
        row.business_seconds_used = int(clock.business_used.total_seconds())
        row.business_seconds_paused = int(clock.business_paused.total_seconds())
        row.history = msgspec.to_builtins(clock.history)
        row.updated_at = now
        stored.append(row)
    await session.flush()
    return stored, list(existing.values())


def clock_snapshot(row: SlaClock) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "metric": row.metric,
        "cycle": row.cycle,
        "opened_by": row.opened_by,
        "target_key": row.target_key,
        "clause_key": row.clause_key,
        "status": row.status,
        "started_at": row.started_at,
        "original_due_at": row.original_due_at,
        "due_at": row.due_at,
        "stopped_at": row.stopped_at,
        "business_seconds_used": row.business_seconds_used,
        "business_seconds_paused": row.business_seconds_paused,
        "history": row.history,
    }


def ticket_ref(ticket: Ticket) -> dict[str, Any]:
    return {
        "id": str(ticket.id),
        "source": ticket.source,
        "external_id": ticket.external_id,
        "agreement_id": str(ticket.agreement_id) if ticket.agreement_id else None,
        "opened_at": ticket.opened_at,
        "match": ticket.match_explanation,
    }


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
    session: AsyncSession, ticket: Ticket, row: SlaClock, kind: str, now: datetime, extra: dict[str, Any] | None = None
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
    payload = {"ticket": ticket_ref(ticket), "clock": clock_snapshot(row), **(extra or {})}
    await record_event(session, None, event_type, now=now, agreement_id=ticket.agreement_id, payload=payload)


async def _retract(session: AsyncSession, ticket: Ticket, row: SlaClock, kind: str, now: datetime) -> None:
    """Take back an announced outcome that the replay no longer gives (the clock shown is the cycle as it is now,
    or as it last was when the cycle no longer exists)."""
    await session.execute(
        delete(SlaNotification).where(SlaNotification.clock_id == row.id, SlaNotification.kind == kind)
    )
    payload = {"ticket": ticket_ref(ticket), "clock": clock_snapshot(row), "retracted": f"sla.{kind}"}
    await record_event(session, None, RETRACTIONS[kind], now=now, agreement_id=ticket.agreement_id, payload=payload)


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


async def ticket_sla(
    session: AsyncSession, actor: Actor, source: str, external_id: str
) -> tuple[Ticket, list[SlaClock]]:
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
    return ticket, list(clocks)


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
            await _notify_once(session, ticket, row, f"warning_{percent}", now, {"percent": int(percent)})
