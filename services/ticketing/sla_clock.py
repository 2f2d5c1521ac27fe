"""Ticket SLA clocks, computed by replaying a ticket's events in time order. Pure: no I/O, `now` passed in.

Which targets apply is decided by matching the ticket's facts (service, priority, other attributes) against the
service-level targets in their declared order; the first match per metric wins. A priority or attribute change
re-matches and records why. Deadlines come from the business-time arithmetic, with pauses (statuses the target
declares, e.g. `pending`) removing only the business time inside them.

A cycle is identified by the event that opened it (`opened_by`), never by its number: the same events in any order
and any batching replay to the same clocks, and a stored clock is matched to its replayed self by that identity.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar

from db.values import Metric, TicketEventType
from services.ticketing.business_time import Schedule, add_business, add_business_each, business_between
from services.values import check_duration

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


@functools.lru_cache(maxsize=1024)
def target_duration(text: str) -> timedelta:
    """The target's ISO 8601 duration, parsed once per distinct text: every clock of every ticket asks for it, and a
    target has a handful of distinct durations (a failed parse raises and is not remembered)."""
    value = check_duration(text, what="duration")
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
    started_with: MatchedTarget | None = None  # the target `original_due_at` was computed for
    # Filled by `finish`.
    status: str = "running"
    due_at: datetime | None = None
    business_used: timedelta = timedelta(0)
    business_paused: timedelta = timedelta(0)

    def paused_now(self) -> bool:
        return bool(self.pauses) and self.pauses[-1][1] is None


Schedules = Callable[[MatchedTarget], Schedule]
Matcher = Callable[[Facts], list[MatchedTarget]]
# The metrics whose clock starts when the ticket opens (next_response starts on a customer reply).
OPENING_METRICS = ("first_response", "resolution")


class Replay:
    """One ticket's events applied in time order: one method per event type, each moving the clocks it concerns.

    `clocks` ends with every cycle the events opened; `run` finishes them against `now`.
    """

    def __init__(self, matcher: Matcher, schedule_for: Schedules) -> None:
        self.matcher = matcher
        self.schedule_for = schedule_for
        self.clocks: list[Clock] = []
        self.running: dict[str, Clock] = {}
        self.facts = Facts()
        self.status = "new"
        self.targets: dict[str, MatchedTarget] = {}
        self.agent_replied_since_customer = False
        self.solved_at: datetime | None = None
        self.opening: TicketEvent | None = None

    def run(self, events: Sequence[TicketEvent], now: datetime) -> list[Clock]:
        ordered = sorted(events, key=replay_order)
        opening = next((e for e in ordered if e.type == "created"), None)
        if opening is None:
            return []
        # Whatever sorts before `created` (a clock skew between sources) is applied after it.
        self.opening = opening
        for event in [opening, *(e for e in ordered if e is not opening)]:
            self.HANDLERS[event.type](self, event)
        for clock in self.clocks:
            finish(clock, self.schedule_for(clock.target), now)
        return self.clocks

    # ------------------------------------------------------------ clocks

    def start(self, metric: str, at: datetime, why: str, opened_by: TicketEvent) -> None:
        target = self.targets[metric]
        clock = Clock(
            metric,
            sum(1 for c in self.clocks if c.metric == metric) + 1,
            opened_by.event_id,
            target,
            at,
            add_business(self.schedule_for(target), at, target.duration),
        )
        clock.started_with = target
        clock.history.append({"at": at, "event": "started", "reason": why, "target": target.key})
        if self.status in (target.target.get("pause_statuses") or []):
            clock.pauses.append([at, None])
        self.clocks.append(clock)
        self.running[metric] = clock

    def stop(self, metric: str, at: datetime, outcome: str, reason: str | None = None) -> None:
        clock = self.running.pop(metric, None)
        if clock is None:
            return
        if clock.paused_now():
            clock.pauses[-1][1] = at
        if outcome == "cancelled":
            clock.cancelled = True
        clock.stopped_at = at
        clock.history.append(
            {"at": at, "event": outcome} if reason is None else {"at": at, "event": outcome, "reason": reason}
        )

    def rematch(self, at: datetime, why: str) -> None:
        new = {t.target["metric"]: t for t in self.matcher(self.facts)}
        for metric, clock in list(self.running.items()):
            if metric not in new:
                self.stop(metric, at, "cancelled", f"{why}: no target matches any more")
            elif new[metric].key != clock.target.key:
                clock.history.append(
                    {"at": at, "event": "rematched", "reason": why, "from": clock.target.key, "to": new[metric].key}
                )
                clock.target = new[metric]
        previous, self.targets = self.targets, new
        assert self.opening is not None
        for metric in OPENING_METRICS:
            if (
                metric in new
                and metric not in previous
                and metric not in self.running
                and not any(c.metric == metric for c in self.clocks)
                and self.solved_at is None
            ):
                self.start(metric, self.opening.occurred_at, f"{why}: now matches {new[metric].key}", self.opening)

    # ------------------------------------------------------------ one method per event type

    def created(self, event: TicketEvent) -> None:
        data = event.data
        self.facts = Facts(data.get("service"), data.get("priority"), dict(data.get("attributes") or {}))
        self.status = data.get("status") or "new"
        self.targets = {t.target["metric"]: t for t in self.matcher(self.facts)}
        for metric in OPENING_METRICS:
            if metric in self.targets:
                self.start(metric, event.occurred_at, "ticket created", event)

    def priority_changed(self, event: TicketEvent) -> None:
        old = self.facts.priority
        self.facts = Facts(self.facts.service, event.data.get("priority"), self.facts.attributes)
        self.rematch(event.occurred_at, f"priority changed from {old} to {self.facts.priority}")

    def attributes_changed(self, event: TicketEvent) -> None:
        attributes = {**self.facts.attributes, **(event.data.get("attributes") or {})}
        self.facts = Facts(event.data.get("service", self.facts.service), self.facts.priority, attributes)
        self.rematch(event.occurred_at, "attributes changed")

    def agent_replied(self, event: TicketEvent) -> None:
        self.stop("first_response", event.occurred_at, "met")
        self.stop("next_response", event.occurred_at, "met")
        self.agent_replied_since_customer = True

    def customer_replied(self, event: TicketEvent) -> None:
        if (
            "next_response" in self.targets
            and "next_response" not in self.running
            and self.agent_replied_since_customer
        ):
            self.start("next_response", event.occurred_at, "customer replied", event)
        self.agent_replied_since_customer = False

    def status_changed(self, event: TicketEvent) -> None:
        at = event.occurred_at
        self.status = event.data.get("status") or self.status
        for clock in self.running.values():
            pausing = self.status in (clock.target.target.get("pause_statuses") or [])
            if pausing and not clock.paused_now():
                clock.pauses.append([at, None])
                clock.history.append({"at": at, "event": "paused", "reason": f"status {self.status}"})
            elif not pausing and clock.paused_now():
                clock.pauses[-1][1] = at
                clock.history.append({"at": at, "event": "resumed", "reason": f"status {self.status}"})

    def solved(self, event: TicketEvent) -> None:
        self.solved_at = event.occurred_at
        self.stop("resolution", event.occurred_at, "met")
        for metric in ("first_response", "next_response", "periodic_update"):
            self.stop(metric, event.occurred_at, "cancelled", "ticket solved")

    def reopened(self, event: TicketEvent) -> None:
        self.solved_at = None
        for clock in reversed(self.clocks):
            if clock.metric == "resolution" and not clock.cancelled:
                # The time it was solved does not count; the clock runs on from where it stopped.
                clock.pauses.append([clock.stopped_at, event.occurred_at])
                clock.stopped_at = None
                clock.history.append({"at": event.occurred_at, "event": "reopened"})
                self.running["resolution"] = clock
                break

    def closed(self, event: TicketEvent) -> None:
        for metric in list(self.running):
            self.stop(metric, event.occurred_at, "cancelled")

    HANDLERS: ClassVar[dict[str, Callable[[Replay, TicketEvent], None]]] = {
        TicketEventType.CREATED: created,
        TicketEventType.PRIORITY_CHANGED: priority_changed,
        TicketEventType.ATTRIBUTES_CHANGED: attributes_changed,
        TicketEventType.AGENT_REPLIED: agent_replied,
        TicketEventType.CUSTOMER_REPLIED: customer_replied,
        TicketEventType.STATUS_CHANGED: status_changed,
        TicketEventType.SOLVED: solved,
        TicketEventType.REOPENED: reopened,
        TicketEventType.CLOSED: closed,
    }


def replay(events: Sequence[TicketEvent], matcher: Matcher, schedule_for: Schedules, now: datetime) -> list[Clock]:
    """All clocks of a ticket from its events (sorted here by time, then by the events themselves)."""
    return Replay(matcher, schedule_for).run(events, now)


def finish(clock: Clock, schedule: Schedule, now: datetime) -> None:
    pauses = [(a, b or now) for a, b in clock.pauses if a is not None]
    if not pauses and clock.target is clock.started_with:
        clock.due_at = clock.original_due_at  # the same sum on the same schedule: computed when the clock started
    else:
        clock.due_at = add_business(schedule, clock.started_at, clock.target.duration, pauses)
    end = clock.stopped_at or now
    clock.business_used = business_between(schedule, clock.started_at, end, pauses)
    # Without pauses the business time elapsed is the business time used: nothing to compute a second time.
    clock.business_paused = (
        business_between(schedule, clock.started_at, end) - clock.business_used if pauses else timedelta(0)
    )
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


def warning_times(clock: Clock, schedule: Schedule, skip: Collection[int] = ()) -> list[tuple[int, datetime]]:
    """When each `warn_at_percent` threshold (but those in `skip`: already announced) is reached, given the pauses
    known so far, earliest first."""
    pauses = [(a, b) for a, b in clock.pauses if a is not None and b is not None]
    percents = sorted(p for p in clock.target.target.get("warn_at_percent") or [] if p not in skip)
    if not percents:
        return []
    durations = [clock.target.duration * p / 100 for p in percents]
    return list(zip(percents, add_business_each(schedule, clock.started_at, durations, pauses), strict=True))
