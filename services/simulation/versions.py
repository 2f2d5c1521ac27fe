"""`simulate_version`: what a version (usually a proposed amendment) would have given over a recorded range, side by
side with the accepted version for the same range. Pure and read-only: nothing is stored, no event is recorded, and
the same data gives the same answer.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, AgreementVersion, Calendar, Incident, Ticket, TicketEventRecord
from services import policy
from services.actors import Actor
from services.agreements.reads import current_version
from services.billing.credits import Incident as IncidentSpan
from services.billing.credits import Period, round_money
from services.errors import InvalidInput, NotFound
from services.policy import Action
from services.scoping import get_readable_agreement
from services.simulation.outcomes import (
    ClockOutcome,
    RecordedTicket,
    VersionOutcome,
    attainment,
    replay_tickets,
    version_outcome,
)
from services.ticketing.applicable import RoleView, compiled_version
from services.ticketing.calendars import calendar_references
from services.ticketing.sla_clock import TicketEvent

MAX_PERIODS = 12
DEFAULT_PERIODS = 3
MAX_BREACHES_LISTED = 200


class SimulationRange(msgspec.Struct, forbid_unknown_fields=True):
    """Calendar months, `YYYY-MM`, inclusive; by default the last three completed months."""

    from_period: str | None = msgspec.field(default=None, name="from")
    to_period: str | None = msgspec.field(default=None, name="to")


class BreachRef(msgspec.Struct):
    source: str
    external_id: str
    metric: str
    due_at: datetime
    stopped_at: datetime | None


class TargetOutcome(msgspec.Struct):
    target: str | None  # the duration (time metrics) or percentage (availability)
    compliance_target: str | None
    due: int
    met: int
    breached: int
    attainment: str | None
    met_compliance: bool | None


class TargetPeriod(msgspec.Struct):
    period: str
    accepted: TargetOutcome | None
    proposed: TargetOutcome | None


class TargetComparison(msgspec.Struct):
    target_key: str
    metric: str
    periods: list[TargetPeriod]
    breaches_added: list[BreachRef]  # breached under the proposed version, not under the accepted one
    breaches_removed: list[BreachRef]  # breached under the accepted version, not under the proposed one
    breaches_listed_up_to: int


class SimulatedAmount(msgspec.Struct):
    amount: str
    currency: str


class CreditOutcome(msgspec.Struct):
    clause_key: str
    target_key: str
    attainment: str | None
    tier_below: str | None
    credit_percent: str | None
    amount: SimulatedAmount


class PeriodMoney(msgspec.Struct):
    charges: list[SimulatedAmount]  # per currency, the recurring fees for the whole period
    credits: list[CreditOutcome]
    totals: list[SimulatedAmount]  # charges less credits, per currency


class PeriodComparison(msgspec.Struct):
    period: str
    accepted: PeriodMoney | None
    proposed: PeriodMoney
    difference: list[SimulatedAmount]  # proposed totals minus accepted totals, per currency


class SimulationView(msgspec.Struct):
    agreement_id: uuid.UUID
    proposed_version: int
    accepted_version: int | None
    from_period: str
    to_period: str
    tickets_replayed: int
    incidents: int
    targets: list[TargetComparison]
    periods: list[PeriodComparison]


def _periods(requested: SimulationRange, zone: str, now: datetime) -> list[Period]:
    local = now.astimezone(ZoneInfo(zone))
    last_closed = Period(local.year, local.month).previous()
    try:
        last = Period.parse(requested.to_period) if requested.to_period else last_closed
        first = Period.parse(requested.from_period) if requested.from_period else None
    except ValueError as exc:
        raise InvalidInput(str(exc), field="to" if requested.to_period else "from") from None
    if first is None:
        first = last
        for _ in range(DEFAULT_PERIODS - 1):
            first = first.previous()
    periods = [last]
    while (periods[-1].year, periods[-1].month) > (first.year, first.month):
        periods.append(periods[-1].previous())
        if len(periods) > MAX_PERIODS:
            raise InvalidInput(f"a simulation covers at most {MAX_PERIODS} months", field="from")
    if (first.year, first.month) > (last.year, last.month):
        raise InvalidInput("`from` must not be after `to`", field="from")
    return list(reversed(periods))


async def simulate_version(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    number: int,
    requested: SimulationRange,
    *,
    now: datetime,
) -> SimulationView:
    agreement, role = await get_readable_agreement(session, actor, agreement_id)
    policy.require(Action.SIMULATE_VERSION, actor, role)
    proposed = await session.scalar(
        select(AgreementVersion).where(AgreementVersion.agreement_id == agreement.id, AgreementVersion.number == number)
    )
    if proposed is None:
        raise NotFound("version")
    periods = _periods(requested, agreement.timezone, now)
    start, end = periods[0].bounds(agreement.timezone)[0], periods[-1].bounds(agreement.timezone)[1]
    accepted = await current_version(session, agreement.id, as_of=min(now, end))
    views = {"proposed": (await compiled_version(session, proposed.id)).seen_by(None)}
    if accepted is not None:
        views["accepted"] = (await compiled_version(session, accepted.id)).seen_by(None)
    tickets = await _recorded_tickets(session, agreement, start, end)
    incidents = [
        (IncidentSpan(i.started_at, i.ended_at, i.kind, i.accepted_at is not None), i.service)
        for i in await session.scalars(
            select(Incident).where(
                Incident.agreement_id == agreement.id, Incident.started_at < end, Incident.ended_at > start
            )
        )
    ]
    calendars = await _calendars(session, list(views.values()))
    outcomes: dict[str, VersionOutcome] = {}
    for name, view in views.items():
        clocks = replay_tickets(view, tickets, agreement.timezone, calendars, now=now)
        version = proposed.number if name == "proposed" else accepted.number  # type: ignore[union-attr]
        outcomes[name] = version_outcome(version, view, clocks, incidents, periods, agreement.timezone)
    return SimulationView(
        agreement_id=agreement.id,
        proposed_version=proposed.number,
        accepted_version=accepted.number if accepted else None,
        from_period=str(periods[0]),
        to_period=str(periods[-1]),
        tickets_replayed=len(tickets),
        incidents=len(incidents),
        targets=_compare_targets(outcomes, [str(p) for p in periods]),
        periods=[_compare_money(outcomes, str(p)) for p in periods],
    )


async def _recorded_tickets(
    session: AsyncSession, agreement: Agreement, start: datetime, end: datetime
) -> list[RecordedTicket]:
    rows = list(
        await session.execute(
            select(Ticket.id, Ticket.source, Ticket.external_id, Ticket.opened_at)
            .where(Ticket.agreement_id == agreement.id, Ticket.opened_at >= start, Ticket.opened_at < end)
            .order_by(Ticket.opened_at, Ticket.id)
        )
    )
    events: dict[uuid.UUID, list[TicketEvent]] = {row[0]: [] for row in rows}
    if events:
        for ticket_id, type_, occurred_at, data, event_id in await session.execute(
            select(
                TicketEventRecord.ticket_id,
                TicketEventRecord.type,
                TicketEventRecord.occurred_at,
                TicketEventRecord.data,
                TicketEventRecord.event_id,
            )
            .join(Ticket, Ticket.id == TicketEventRecord.ticket_id)
            .where(Ticket.agreement_id == agreement.id, Ticket.opened_at >= start, Ticket.opened_at < end)
        ):
            events[ticket_id].append(TicketEvent(type_, occurred_at, data, event_id))
    return [
        RecordedTicket(ticket_id, source, external_id, opened_at, tuple(events[ticket_id]))
        for ticket_id, source, external_id, opened_at in rows
        if opened_at is not None
    ]


async def _calendars(session: AsyncSession, views: list[RoleView]) -> dict[uuid.UUID, Calendar]:
    named = set().union(
        *(
            calendar_references(target.get("calendar"), view.clauses)
            for view in views
            for _, terms in view.service_levels
            for target in terms.get("targets", [])
        )
    )
    if not named:
        return {}
    return {c.id: c for c in await session.scalars(select(Calendar).where(Calendar.id.in_(named)))}


def _target_outcome(outcome: VersionOutcome, key: str, period: str) -> TargetOutcome | None:
    target = outcome.targets.get(key)
    if target is None:
        return None
    measured = attainment(outcome, key, period)
    counts = outcome.counts.get((key, period))
    goal = target.get("compliance_target") or target.get("percentage")
    return TargetOutcome(
        target=target.get("duration") or target.get("percentage"),
        compliance_target=target.get("compliance_target"),
        due=counts.due if counts else 0,
        met=counts.met if counts else 0,
        breached=len(counts.breaches) if counts else 0,
        attainment=None if measured is None else str(measured),
        met_compliance=None if measured is None or goal is None else measured >= Decimal(goal),
    )


def _breach_ids(outcome: VersionOutcome | None, key: str, periods: list[str]) -> dict[tuple[Any, ...], ClockOutcome]:
    if outcome is None:
        return {}
    found = {}
    for period in periods:
        counts = outcome.counts.get((key, period))
        for clock in counts.breaches if counts else []:
            found[(clock.ticket.id, clock.metric, clock.opened_by)] = clock
    return found


def _ref(clock: ClockOutcome) -> BreachRef:
    return BreachRef(clock.ticket.source, clock.ticket.external_id, clock.metric, clock.due_at, clock.stopped_at)


def _compare_targets(outcomes: dict[str, VersionOutcome], periods: list[str]) -> list[TargetComparison]:
    proposed, accepted = outcomes["proposed"], outcomes.get("accepted")
    keys = list(proposed.targets) + [k for k in (accepted.targets if accepted else {}) if k not in proposed.targets]
    comparisons = []
    for key in keys:
        target = proposed.targets.get(key) or (accepted.targets[key] if accepted else {})
        now_breached = _breach_ids(proposed, key, periods)
        then_breached = _breach_ids(accepted, key, periods)
        added = [_ref(c) for i, c in now_breached.items() if i not in then_breached]
        removed = [_ref(c) for i, c in then_breached.items() if i not in now_breached]
        comparisons.append(
            TargetComparison(
                target_key=key,
                metric=target["metric"],
                periods=[
                    TargetPeriod(
                        period,
                        _target_outcome(accepted, key, period) if accepted else None,
                        _target_outcome(proposed, key, period),
                    )
                    for period in periods
                ],
                breaches_added=added[:MAX_BREACHES_LISTED],
                breaches_removed=removed[:MAX_BREACHES_LISTED],
                breaches_listed_up_to=MAX_BREACHES_LISTED,
            )
        )
    return comparisons


def _money(outcome: VersionOutcome, period: str) -> PeriodMoney:
    charges: dict[str, Decimal] = {}
    for charge in outcome.charges[period]:
        charges[charge.currency] = charges.get(charge.currency, Decimal(0)) + charge.amount
    totals = {currency: round_money(amount, currency) for currency, amount in charges.items()}
    credits = []
    for credit in outcome.credits[period]:
        amount = Decimal(credit["amount"])
        totals[credit["currency"]] = totals.get(credit["currency"], Decimal(0)) - amount
        tier = credit["tier"] or {}
        credits.append(
            CreditOutcome(
                clause_key=credit["clause_key"],
                target_key=credit["target_key"],
                attainment=credit["attainment"],
                tier_below=tier.get("below"),
                credit_percent=tier.get("credit_percent"),
                amount=SimulatedAmount(credit["amount"], credit["currency"]),
            )
        )
    return PeriodMoney(
        charges=[SimulatedAmount(str(round_money(a, c)), c) for c, a in sorted(charges.items())],
        credits=credits,
        totals=[SimulatedAmount(str(round_money(a, c)), c) for c, a in sorted(totals.items())],
    )


def _compare_money(outcomes: dict[str, VersionOutcome], period: str) -> PeriodComparison:
    proposed = _money(outcomes["proposed"], period)
    accepted = _money(outcomes["accepted"], period) if "accepted" in outcomes else None
    before = {m.currency: Decimal(m.amount) for m in (accepted.totals if accepted else [])}
    after = {m.currency: Decimal(m.amount) for m in proposed.totals}
    difference = [
        SimulatedAmount(str(round_money(after.get(c, Decimal(0)) - before.get(c, Decimal(0)), c)), c)
        for c in sorted(set(before) | set(after))
    ]
    return PeriodComparison(period=period, accepted=accepted, proposed=proposed, difference=difference)
