"""Ticket SLA clocks, computed by replaying a ticket's events in time order. Pure: no I/O, `now` passed in.

Which targets apply is decided by matching the ticket's facts (service, priority, other attributes) against the
service-level targets in their declared order; the first match per metric wins. A priority or attribute change
re-matches and records why. Deadlines come from the business-time arithmetic, with pauses (statuses the target
declares, e.g. `pending`) removing only the business time inside them.

A cycle is identified by the event that opened it (`opened_by`), never by its number: the same events in any order
and any batching replay to the same clocks, and a stored clock is matched to its replayed self by that identity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import isodate

from db.values import Metric, TicketEventType
from services.ticketing.business_time import Schedule, add_business, business_between

TIME_METRICS = tuple(m for m in Metric if m is not Metric.AVAILABILITY)
EVENT_TYPES = tuple(TicketEventType)


@dataclass(frozen=True)
class Facts:
    service: str | None = None
    priority: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MatchedTarget:
    clause_key: str
    index: int
    target: dict[str, Any]
    reasons: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.target.get("key") or f"{self.clause_key}#{self.index}"

    @property
    def duration(self) -> timedelta:
        return target_duration(self.target["duration"])


def target_duration(text: str) -> timedelta:
    value = isodate.parse_duration(text)
    if not isinstance(value, timedelta):
        raise ValueError(f"SLA targets are in days, hours and minutes, not months or years ({text})")
    return value


def _condition(name: str, wanted: Any, actual: str | None) -> tuple[bool, str]:
    options = wanted if isinstance(wanted, list) else [wanted]
    ok = actual is not None and actual in options
    shown = " or ".join(map(str, options))
    return ok, f"{name} {actual!r} {'is' if ok else 'is not'} {shown}"


def target_matches(target: dict[str, Any], facts: Facts) -> tuple[bool, list[str]]:
    match = target.get("match") or {}
    reasons: list[str] = []
    checks = []
    if match.get("service") is not None:
        checks.append(_condition("service", match["service"], facts.service))
    if match.get("priority") is not None:
        checks.append(_condition("priority", match["priority"], facts.priority))
    for name, wanted in (match.get("attributes") or {}).items():
        checks.append(_condition(name, wanted, facts.attributes.get(name)))
    for ok, reason in checks:
        reasons.append(reason)
        if not ok:
            return False, reasons
    return True, reasons or ["the target has no conditions"]


def match_targets(
    clauses: Sequence[tuple[str, dict[str, Any]]], facts: Facts, metrics: Sequence[str] = TIME_METRICS
) -> tuple[list[MatchedTarget], list[str]]:
    """`clauses` are (clause key, service_level terms) in order. First match per metric wins.
    Returns the matches and the reasons the others did not match."""
    matched: dict[str, MatchedTarget] = {}
    misses: list[str] = []
    for clause_key, terms in clauses:
        for index, target in enumerate(terms.get("targets", [])):
            metric = target["metric"]
            if metric not in metrics or metric in matched:
                continue
            ok, reasons = target_matches(target, facts)
            label = target.get("key") or f"{clause_key}#{index}"
            if ok:
                matched[metric] = MatchedTarget(clause_key, index, target, tuple(reasons))
            else:
                misses.append(f"{label} ({metric}): {'; '.join(reasons)}")
    return [matched[m] for m in metrics if m in matched], misses


@dataclass
class TicketEvent:
    type: str
    occurred_at: datetime
    data: dict[str, Any]
    event_id: str = ""


def replay_order(event: TicketEvent) -> tuple[datetime, bool, str]:
    """Time order, with ties broken by the events themselves (never by arrival), so any batching sorts alike."""
    return event.occurred_at, event.type != "created", event.event_id


@dataclass
class Clock:
    metric: str
    cycle: int
    opened_by: str
    target: MatchedTarget
    started_at: datetime
    original_due_at: datetime
    pauses: list[list[datetime | None]] = field(default_factory=list)
    stopped_at: datetime | None = None
    cancelled: bool = False
    history: list[dict[str, Any]] = field(default_factory=list)
    # Filled by `finish`.
    status: str = "running"
    due_at: datetime | None = None
    business_used: timedelta = timedelta(0)
    business_paused: timedelta = timedelta(0)

    def paused_now(self) -> bool:
        return bool(self.pauses) and self.pauses[-1][1] is None


Schedules = Callable[[MatchedTarget], Schedule]
Matcher = Callable[[Facts], list[MatchedTarget]]


def replay(events: Sequence[TicketEvent], matcher: Matcher, schedule_for: Schedules, now: datetime) -> list[Clock]:
    """All clocks of a ticket from its events (sorted here by time, then arrival)."""
    ordered = sorted(events, key=replay_order)
    if not ordered or ordered[0].type != "created":
        created = [e for e in ordered if e.type == "created"]
        if not created:
            return []
        ordered = created[:1] + [e for e in ordered if e is not created[0]]
    clocks: list[Clock] = []
    running: dict[str, Clock] = {}
    facts = Facts()
    status = "new"
    targets: dict[str, MatchedTarget] = {}
    agent_replied_since_customer = False
    solved_at: datetime | None = None

    def start(metric: str, at: datetime, why: str, opened_by: TicketEvent) -> None:
        target = targets[metric]
        schedule = schedule_for(target)
        clock = Clock(
            metric,
            sum(1 for c in clocks if c.metric == metric) + 1,
            opened_by.event_id,
            target,
            at,
            add_business(schedule, at, target.duration),
        )
        clock.history.append({"at": at, "event": "started", "reason": why, "target": target.key})
        if status in (target.target.get("pause_statuses") or []):
            clock.pauses.append([at, None])
        clocks.append(clock)
        running[metric] = clock

    def stop(metric: str, at: datetime, outcome: str) -> None:
        clock = running.pop(metric, None)
        if clock is None:
            return
        if clock.paused_now():
            clock.pauses[-1][1] = at
        if outcome == "cancelled":
            clock.cancelled = True
        clock.stopped_at = at
        clock.history.append({"at": at, "event": outcome})

    def rematch(at: datetime, why: str) -> None:
        nonlocal targets
        new = {t.target["metric"]: t for t in matcher(facts)}
        for metric, clock in list(running.items()):
            if metric not in new:
                stop(metric, at, "cancelled")
                clock.history[-1]["reason"] = f"{why}: no target matches any more"
            elif new[metric].key != clock.target.key:
                clock.history.append(
                    {"at": at, "event": "rematched", "reason": why, "from": clock.target.key, "to": new[metric].key}
                )
                clock.target = new[metric]
        previous = targets
        targets = new
        for metric in ("first_response", "resolution"):
            if (
                metric in new
                and metric not in previous
                and metric not in running
                and not any(c.metric == metric for c in clocks)
                and solved_at is None
            ):
                start(metric, created.occurred_at, f"{why}: now matches {new[metric].key}", created)

    created = ordered[0]
    for event in ordered:
        at, data = event.occurred_at, event.data
        if event.type == "created":
            facts = Facts(data.get("service"), data.get("priority"), dict(data.get("attributes") or {}))
            status = data.get("status") or "new"
            targets = {t.target["metric"]: t for t in matcher(facts)}
            for metric in ("first_response", "resolution"):
                if metric in targets:
                    start(metric, at, "ticket created", event)
        elif event.type == "priority_changed":
            old = facts.priority
            facts = Facts(facts.service, data.get("priority"), facts.attributes)
            rematch(at, f"priority changed from {old} to {facts.priority}")
        elif event.type == "attributes_changed":
            attributes = {**facts.attributes, **(data.get("attributes") or {})}
            facts = Facts(data.get("service", facts.service), facts.priority, attributes)
            rematch(at, "attributes changed")
        elif event.type == "agent_replied":
            stop("first_response", at, "met")
            stop("next_response", at, "met")
            agent_replied_since_customer = True
        elif event.type == "customer_replied":
            if "next_response" in targets and "next_response" not in running and agent_replied_since_customer:
                start("next_response", at, "customer replied", event)
            agent_replied_since_customer = False
        elif event.type == "status_changed":
            status = data.get("status") or status
            for clock in running.values():
                pausing = status in (clock.target.target.get("pause_statuses") or [])
                if pausing and not clock.paused_now():
                    clock.pauses.append([at, None])
                    clock.history.append({"at": at, "event": "paused", "reason": f"status {status}"})
                elif not pausing and clock.paused_now():
                    clock.pauses[-1][1] = at
                    clock.history.append({"at": at, "event": "resumed", "reason": f"status {status}"})
        elif event.type == "solved":
            solved_at = at
            stop("resolution", at, "met")
            for metric in ("first_response", "next_response", "periodic_update"):
                if metric in running:
                    stop(metric, at, "cancelled")
                    clocks[-1].history[-1]["reason"] = "ticket solved"
        elif event.type == "reopened":
            solved_at = None
            for clock in reversed(clocks):
                if clock.metric == "resolution" and not clock.cancelled:
                    # The time it was solved does not count; the clock runs on from where it stopped.
                    clock.pauses.append([clock.stopped_at, at])
                    clock.stopped_at = None
                    clock.history.append({"at": at, "event": "reopened"})
                    running["resolution"] = clock
                    break
        elif event.type == "closed":
            for metric in list(running):
                stop(metric, at, "cancelled")
    for clock in clocks:
        finish(clock, schedule_for(clock.target), now)
    return clocks


def finish(clock: Clock, schedule: Schedule, now: datetime) -> None:
    pauses = [(a, b or now) for a, b in clock.pauses if a is not None]
    clock.due_at = add_business(schedule, clock.started_at, clock.target.duration, pauses)
    end = clock.stopped_at or now
    clock.business_used = business_between(schedule, clock.started_at, end, pauses)
    clock.business_paused = business_between(schedule, clock.started_at, end) - clock.business_used
    # A deadline that passed stays breached whatever happens later (a pause, a cancellation): otherwise the outcome
    # would depend on whether the breach was announced before the later event arrived.
    if clock.stopped_at is not None and clock.stopped_at > clock.due_at:
        clock.status = "breached"
    elif clock.cancelled:
        clock.status = "cancelled"
    elif clock.stopped_at is not None:
        clock.status = "met"
    elif now >= clock.due_at:
        clock.status = "breached"
    else:
        clock.status = "paused" if clock.paused_now() else "running"


def warning_times(clock: Clock, schedule: Schedule) -> list[tuple[int, datetime]]:
    """When each `warn_at_percent` threshold is reached, given the pauses known so far."""
    pauses = [(a, b) for a, b in clock.pauses if a is not None and b is not None]
    return [
        (p, add_business(schedule, clock.started_at, clock.target.duration * p / 100, pauses))
        for p in clock.target.target.get("warn_at_percent") or []
    ]
