"""A version's outcomes over recorded data, computed by the same pure code the live system uses (no I/O).

Ticket clocks come from `services.ticketing.sla_clock.replay` against the version's targets and calendars;
availability from `services.billing.credits.availability` over the recorded incidents; charges and credits from
`services.billing.credits` with the version's price lines and credit tiers, as if the version had been in effect for
whole periods. Clocks count in the period their `due_at` falls in, as the statements count them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from db.models import Calendar
from services.billing.credits import (
    Charge,
    Incident,
    Period,
    PriceLine,
    VersionSpan,
    availability,
    compute_credit,
    recurring_charges,
    round_money,
)
from services.credit_tiers import Tier
from services.ticketing.applicable import RoleView, target_schedule, years_around
from services.ticketing.business_time import Schedule
from services.ticketing.sla_clock import Facts, MatchedTarget, TicketEvent, match_targets, replay

TicketKey = tuple[str, str]  # (source, external id)


@dataclass(frozen=True)
class RecordedTicket:
    id: uuid.UUID
    source: str
    external_id: str
    opened_at: datetime
    events: tuple[TicketEvent, ...]


@dataclass(frozen=True)
class ClockOutcome:
    ticket: RecordedTicket
    target_key: str
    metric: str
    opened_by: str
    due_at: datetime
    stopped_at: datetime | None
    breached: bool


@dataclass
class PeriodCounts:
    due: int = 0
    met: int = 0
    breaches: list[ClockOutcome] = field(default_factory=list)


@dataclass
class VersionOutcome:
    """What one version gives over the range: per target and period, the clocks due, met and breached; per period,
    attainment (tickets and availability), charges and credits."""

    number: int
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)  # key → the target's terms (+ clause key)
    counts: dict[tuple[str, str], PeriodCounts] = field(default_factory=lambda: defaultdict(PeriodCounts))
    availability: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    charges: dict[str, list[Charge]] = field(default_factory=dict)
    credits: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def replay_tickets(
    view: RoleView,
    tickets: Sequence[RecordedTicket],
    zone: str,
    calendars: Mapping[uuid.UUID, Calendar],
    *,
    now: datetime,
) -> list[ClockOutcome]:
    """Every clock of the tickets under the version's targets, as the live clock code would have computed it."""
    schedules: dict[tuple[str, range], Schedule] = {}

    def schedule_for(target: MatchedTarget, years: range) -> Schedule:
        found = schedules.get((target.key, years))
        if found is None:
            found = schedules[(target.key, years)] = target_schedule(view, target.target, zone, years, calendars)[0]
        return found

    # The version's targets are matched once per distinct set of facts, not once per ticket: ten thousand tickets
    # carry a few priorities and services. Matching is pure, so a remembered answer is the answer.
    matched: dict[tuple[Any, ...], tuple[MatchedTarget, ...]] = {}

    def matcher(facts: Facts) -> list[MatchedTarget]:
        key = (facts.service, facts.priority, tuple(sorted(facts.attributes.items())))
        found = matched.get(key)
        if found is None:
            found = matched[key] = tuple(match_targets(view.service_levels, facts)[0])
        return list(found)

    outcomes = []
    for ticket in tickets:
        years = years_around(ticket.opened_at)

        def schedule_in_years(target: MatchedTarget, years: range = years) -> Schedule:
            return schedule_for(target, years)

        clocks = replay(ticket.events, matcher, schedule_in_years, now)
        for clock in clocks:
            if clock.status == "cancelled" or clock.due_at is None:
                continue
            if clock.status in ("running", "paused") and clock.due_at > now:
                continue  # not due yet: neither met nor breached
            outcomes.append(
                ClockOutcome(
                    ticket,
                    clock.target.key,
                    clock.metric,
                    clock.opened_by,
                    clock.due_at,
                    clock.stopped_at,
                    clock.status == "breached",
                )
            )
    return outcomes


def version_outcome(
    number: int,
    view: RoleView,
    clocks: Sequence[ClockOutcome],
    incidents: Sequence[tuple[Incident, str | None]],
    periods: Sequence[Period],
    zone: str,
) -> VersionOutcome:
    outcome = VersionOutcome(number)
    for clause_key, terms in view.service_levels:
        for index, target in enumerate(terms.get("targets", [])):
            outcome.targets[target.get("key") or f"{clause_key}#{index}"] = {**target, "clause_key": clause_key}
    bounds = {str(p): p.bounds(zone) for p in periods}
    for clock in clocks:
        for name, (start, end) in bounds.items():
            if start <= clock.due_at < end:
                counts = outcome.counts[(clock.target_key, name)]
                counts.due += 1
                if clock.breached:
                    counts.breaches.append(clock)
                else:
                    counts.met += 1
    for key, target in outcome.targets.items():
        if target["metric"] != "availability":
            continue
        services = _services(target)
        spans = [i for i, service in incidents if services is None or service is None or service in services]
        for name, (start, end) in bounds.items():
            outcome.availability[(key, name)] = availability(spans, start, end)[0]
    lines = _price_lines(view)
    for period in periods:
        charges = recurring_charges([VersionSpan(number, lines, period.days)], period)
        outcome.charges[str(period)] = charges
        outcome.credits[str(period)] = _credits(view, outcome, str(period), charges)
    return outcome


def attainment(outcome: VersionOutcome, target_key: str, period: str) -> Decimal | None:
    if (target_key, period) in outcome.availability:
        return outcome.availability[(target_key, period)]
    counts = outcome.counts.get((target_key, period))
    if counts is None or not counts.due:
        return None
    return Decimal(100) * Decimal(counts.met) / Decimal(counts.due)


def _services(target: dict[str, Any]) -> list[str] | None:
    service = (target.get("match") or {}).get("service")
    return service if isinstance(service, list) else [service] if service else None


def _price_lines(view: RoleView) -> tuple[PriceLine, ...]:
    return tuple(
        PriceLine(
            line["code"],
            line["description"],
            Decimal(line["amount"]["amount"]),
            line["amount"]["currency"],
            line["unit"],
            line.get("billing_period", "month"),
        )
        for clause in view.clauses
        if clause.kind == "cost"
        for line in clause.terms.get("price_lines", [])
    )


def _credits(view: RoleView, outcome: VersionOutcome, period: str, charges: list[Charge]) -> list[dict[str, Any]]:
    credits = []
    for clause in view.clauses:
        if clause.kind != "service_credit":
            continue
        terms = clause.terms
        tiers = [
            Tier(Decimal(t["below"]), Decimal(t["credit_percent"]), tuple(t.get("price_lines", [])))
            for t in terms["tiers"]
        ]
        named = {code for t in tiers for code in t.price_lines}
        currencies = [c.currency for c in charges if not named or c.code in named]
        currency = currencies[0] if currencies else (terms.get("minimum") or {}).get("currency", "EUR")
        measured = attainment(outcome, terms["target"], period)
        entry: dict[str, Any] = {
            "clause_key": clause.key,
            "target_key": terms["target"],
            "currency": currency,
            "attainment": None if measured is None else str(measured),
            "tier": None,
            "amount": str(round_money(Decimal(0), currency)),
        }
        if measured is not None:
            result = compute_credit(
                tiers,
                measured,
                [c for c in charges if c.unit == "month"],
                currency,
                cap_percent=Decimal(terms["monthly_cap_percent"]) if terms.get("monthly_cap_percent") else None,
                minimum=Decimal(terms["minimum"]["amount"]) if terms.get("minimum") else None,
            )
            entry["amount"] = str(result.amount)
            if result.tier is not None:
                entry["tier"] = {"below": str(result.tier.below), "credit_percent": str(result.tier.credit_percent)}
        credits.append(entry)
    return credits
