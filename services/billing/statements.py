"""Billing: usage, availability incidents, attainment per period, service credits and statements.

Open periods are computed on demand and marked provisional. Closing a period freezes each agreement's statement
(attainment and credits included) as canonical JSON with its SHA-256; later incidents or usage for a closed
period are rejected (record a correction in the next period instead). Third parties never see costs, credits or
statements.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import DateTime, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Agreement,
    AgreementVersion,
    BillingPeriod,
    Clause,
    Dispute,
    FrozenStatement,
    Incident,
    Membership,
    SlaClock,
    Ticket,
    Timer,
    UsageRecord,
)
from db.values import IncidentKind
from services import policy
from services.actors import Actor
from services.agreements.drafts import clauses_for
from services.batch_reads import group_by
from services.billing.credits import (
    Charge,
    Period,
    PriceLine,
    Tier,
    VersionSpan,
    availability,
    compute_credit,
    days_in_effect,
    display_percent,
    recurring_charges,
    round_money,
    usage_charges,
)
from services.billing.credits import (
    Incident as IncidentSpan,
)
from services.errors import Conflict, Forbidden, InvalidInput, NotFound
from services.events import record_event
from services.metrics import BILLING_PERIODS_CLOSED, count_on_commit
from services.parties import resolve_party_ref
from services.policy import Action
from services.scoping import ReadableAgreementIds, get_readable_agreement
from services.ticketing.business_time import CalendarDuration, add_calendar
from services.timers import timer_handler
from services.values import check_duration, format_decimal, instant_input, parse_decimal

ZERO = Decimal(0)
MAX_INCIDENT = timedelta(days=366)


class UsageInput(msgspec.Struct, forbid_unknown_fields=True):
    usage_id: str
    price_code: str
    quantity: str
    occurred_at: datetime


class IncidentInput(msgspec.Struct, forbid_unknown_fields=True):
    kind: IncidentKind
    started_at: datetime
    ended_at: datetime
    service: str | None = None
    description: str | None = None


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="period") from None


def _month_of(at: datetime, zone: str) -> Period:
    local = at.astimezone(ZoneInfo(zone))
    return Period(local.year, local.month)


async def _require_open(session: AsyncSession, first: Period, last: Period | None = None) -> None:
    """Refuse writes that touch a closed period (YYYY-MM strings order like the months they name)."""
    closed = sorted(
        await session.scalars(
            select(BillingPeriod.period).where(BillingPeriod.period.between(str(first), str(last or first)))
        )
    )
    if closed:
        raise Conflict(
            f"period {', '.join(closed)} is closed; record a correction in the current period instead", "period_closed"
        )


# ---------------------------------------------------------------- usage and incidents


async def record_usage(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: UsageInput, *, now: datetime
) -> tuple[UsageRecord, bool]:
    """Idempotent by usage id: the same id again returns the first record (created=False)."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.RECORD_USAGE, actor, role)
    quantity = _positive(data.quantity, "quantity")
    instant_input(data.occurred_at, what="occurred_at")
    existing = await session.scalar(
        select(UsageRecord).where(UsageRecord.agreement_id == agreement.id, UsageRecord.usage_id == data.usage_id)
    )
    if existing is not None:
        if (existing.price_code, Decimal(existing.quantity), existing.occurred_at) != (
            data.price_code,
            quantity,
            data.occurred_at,
        ):
            raise Conflict(f"usage {data.usage_id!r} was already recorded with other values", "usage_id_reused")
        return existing, False
    lines = await _price_lines_at(session, agreement.id, data.occurred_at)
    usage_codes = {line.code for line in lines if line.unit != "month"}
    if data.price_code not in usage_codes:
        raise InvalidInput(
            f"no usage-priced line {data.price_code!r} in the version in effect "
            f"(usage lines: {', '.join(sorted(usage_codes)) or 'none'})",
            field="price_code",
        )
    await _require_open(session, _month_of(data.occurred_at, agreement.timezone))
    record = UsageRecord(
        id=uuid.uuid4(),
        agreement_id=agreement.id,
        usage_id=data.usage_id,
        price_code=data.price_code,
        quantity=str(quantity),
        occurred_at=data.occurred_at,
        reported_by_party_id=actor.party_id,
        created_at=now,
    )
    session.add(record)
    await session.flush()
    return record, True


def _positive(value: str, field: str) -> Decimal:
    try:
        number = parse_decimal(value, what=field)
    except ValueError as exc:
        raise InvalidInput(str(exc), field=field) from None
    if number < 0:
        raise InvalidInput(f"{field} must not be negative", field=field)
    return number


async def report_incident(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: IncidentInput, *, now: datetime
) -> Incident:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.REPORT_INCIDENT, actor, role)
    for name in ("started_at", "ended_at"):
        instant_input(getattr(data, name), what=name)
    if data.ended_at <= data.started_at:
        raise InvalidInput("ended_at must be after started_at", field="ended_at")
    if data.started_at > now + timedelta(minutes=5) and data.kind != "maintenance":
        raise InvalidInput("an outage or degradation cannot start in the future", field="started_at")
    if data.ended_at - data.started_at > MAX_INCIDENT:
        raise InvalidInput(
            "an incident lasts at most 366 days; record a longer one as consecutive incidents", field="ended_at"
        )
    await _require_open(
        session,
        _month_of(data.started_at, agreement.timezone),
        _month_of(data.ended_at - timedelta(microseconds=1), agreement.timezone),
    )
    incident = Incident(
        id=uuid.uuid4(),
        agreement_id=agreement.id,
        kind=data.kind,
        service=data.service,
        started_at=data.started_at,
        ended_at=data.ended_at,
        description=data.description,
        reported_by_party_id=actor.party_id,
        created_at=now,
    )
    session.add(incident)
    await session.flush()
    return incident


async def accept_maintenance(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, incident_id: uuid.UUID, *, now: datetime
) -> Incident:
    """The customer accepts a maintenance window: it then counts as excluded downtime."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.ACCEPT_MAINTENANCE, actor, role)
    incident = await session.scalar(
        select(Incident).where(Incident.id == incident_id, Incident.agreement_id == agreement.id).with_for_update()
    )
    if incident is None:
        raise NotFound("incident")
    if incident.kind != "maintenance":
        raise Conflict(f"only maintenance windows are accepted; this is an {incident.kind}", "not_maintenance")
    if incident.accepted_at is not None:
        raise Conflict("this maintenance window was already accepted", "already_accepted")
    await _require_open(session, _month_of(incident.started_at, agreement.timezone))
    incident.accepted_at, incident.accepted_by_party_id = now, actor.party_id
    await session.flush()
    return incident


async def list_incidents(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID) -> list[Incident]:
    agreement, _ = await get_readable_agreement(session, actor, agreement_id)
    rows = await session.scalars(
        select(Incident).where(Incident.agreement_id == agreement.id).order_by(Incident.started_at, Incident.id)
    )
    return list(rows)


def incident_snapshot(incident: Incident) -> dict[str, Any]:
    return {
        "id": str(incident.id),
        "agreement_id": str(incident.agreement_id),
        "kind": incident.kind,
        "service": incident.service,
        "started_at": incident.started_at,
        "ended_at": incident.ended_at,
        "description": incident.description,
        "accepted_at": incident.accepted_at,
        "counts_as_downtime": not (incident.kind == "maintenance" and incident.accepted_at is not None),
    }


def usage_snapshot(record: UsageRecord) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "usage_id": record.usage_id,
        "price_code": record.price_code,
        "quantity": record.quantity,
        "occurred_at": record.occurred_at,
    }


# ---------------------------------------------------------------- the period's figures for one agreement


def _lines(clauses: list[Clause]) -> tuple[PriceLine, ...]:
    return tuple(
        PriceLine(
            line["code"],
            line["description"],
            Decimal(line["amount"]["amount"]),
            line["amount"]["currency"],
            line["unit"],
            line.get("billing_period", "month"),
        )
        for clause in clauses
        if clause.kind == "cost"
        for line in clause.terms.get("price_lines", [])
    )


async def _price_lines_at(session: AsyncSession, agreement_id: uuid.UUID, at: datetime) -> tuple[PriceLine, ...]:
    from services.agreements.drafts import current_version

    version = await current_version(session, agreement_id, as_of=at)
    if version is None:
        return ()
    return _lines((await clauses_for(session, [version.id]))[version.id])


@dataclass
class PeriodData:
    """Everything one agreement's statement needs for one period, loaded for many agreements at once."""

    agreement: Agreement
    start: datetime
    end: datetime
    spans: list[tuple[AgreementVersion, datetime, datetime]] = field(default_factory=list)
    clauses: dict[uuid.UUID, list[Clause]] = field(default_factory=dict)
    usage: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    incidents: list[Incident] = field(default_factory=list)
    clocks: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    disputes: dict[str, Dispute] = field(default_factory=dict)


def _bounds_table(data: dict[uuid.UUID, PeriodData]):
    """`unnest` of (agreement id, period start, period end): each agreement's month in its own time zone."""
    ids, starts, ends = zip(*((i, d.start, d.end) for i, d in data.items()))
    instants = ARRAY(DateTime(timezone=True))
    return (
        func.unnest(
            bindparam("bound_ids", list(ids), type_=ARRAY(PG_UUID(as_uuid=True))),
            bindparam("bound_starts", list(starts), type_=instants),
            bindparam("bound_ends", list(ends), type_=instants),
        )
        .table_valued("id", "starts", "ends")
        .render_derived()
    )


async def load_period_data(
    session: AsyncSession, agreements: list[Agreement], period: Period, *, now: datetime
) -> dict[uuid.UUID, PeriodData]:
    """A fixed number of queries whatever the number of agreements."""
    data = {a.id: PeriodData(a, *period.bounds(a.timezone)) for a in agreements}
    if not data:
        return data
    ids = list(data)
    earliest, latest = min(d.start for d in data.values()), max(d.end for d in data.values())
    versions = group_by(
        await session.scalars(
            select(AgreementVersion)
            .where(
                AgreementVersion.agreement_id.in_(ids),
                AgreementVersion.status == "accepted",
                AgreementVersion.effective_from.is_not(None),
                AgreementVersion.effective_from < latest,
            )
            .order_by(AgreementVersion.agreement_id, AgreementVersion.effective_from, AgreementVersion.number)
        ),
        lambda v: v.agreement_id,
        ids,
    )
    for agreement_id, item in data.items():
        listed = [v for v in versions[agreement_id] if v.effective_from < item.end]
        agreement_start = item.agreement.effective_from or item.start
        agreement_end = item.agreement.effective_to or item.end
        for index, version in enumerate(listed):
            span_start = max(version.effective_from, agreement_start, item.start)
            span_end = min(
                listed[index + 1].effective_from if index + 1 < len(listed) else item.end, agreement_end, item.end
            )
            if span_start < span_end:
                item.spans.append((version, span_start, span_end))
    clauses = await clauses_for(session, [v.id for item in data.values() for v, _, _ in item.spans])
    for item in data.values():
        item.clauses = {v.id: clauses[v.id] for v, _, _ in item.spans}
    bounds = _bounds_table(data)
    for agreement_id, code, quantity in await session.execute(
        select(UsageRecord.agreement_id, UsageRecord.price_code, UsageRecord.quantity)
        .join(bounds, bounds.c.id == UsageRecord.agreement_id)
        .where(UsageRecord.occurred_at >= bounds.c.starts, UsageRecord.occurred_at < bounds.c.ends)
    ):
        data[agreement_id].usage[code] += Decimal(quantity)
    for agreement_id, count in await session.execute(
        select(Ticket.agreement_id, func.count())
        .join(bounds, bounds.c.id == Ticket.agreement_id)
        .where(Ticket.opened_at >= bounds.c.starts, Ticket.opened_at < bounds.c.ends)
        .group_by(Ticket.agreement_id)
    ):
        data[agreement_id].usage["__tickets__"] = Decimal(count)
    for incident in await session.scalars(
        select(Incident).where(
            Incident.agreement_id.in_(ids), Incident.started_at < latest, Incident.ended_at > earliest
        )
    ):
        data[incident.agreement_id].incidents.append(incident)
    due = (
        select(Ticket.agreement_id, SlaClock.target_key, SlaClock.status, func.count())
        .join(Ticket, Ticket.id == SlaClock.ticket_id)
        .join(bounds, bounds.c.id == Ticket.agreement_id)
        .where(
            SlaClock.due_at >= bounds.c.starts,
            SlaClock.due_at < bounds.c.ends,
            or_(
                SlaClock.status.in_(("met", "breached")),
                and_(SlaClock.status.in_(("running", "paused")), SlaClock.due_at < now),
            ),
        )
        .group_by(Ticket.agreement_id, SlaClock.target_key, SlaClock.status)
    )
    for agreement_id, target_key, status, count in await session.execute(due):
        data[agreement_id].clocks[target_key][status] = count
    for dispute in await session.scalars(
        select(Dispute)
        .where(Dispute.agreement_id.in_(ids), Dispute.subject_type == "credit", Dispute.credit_period == str(period))
        .order_by(Dispute.created_at)
    ):
        data[dispute.agreement_id].disputes[dispute.clause_key] = dispute
    return data


def assemble_statement(item: PeriodData, period: Period, *, now: datetime) -> dict[str, Any]:
    """Charges, attainment and credits of one agreement for one period, from its loaded data (no I/O)."""
    agreement = item.agreement
    version_spans = [
        VersionSpan(
            v.number,
            _lines(item.clauses[v.id]),
            days_in_effect(period, agreement.timezone, a, b, handed_over=index + 1 < len(item.spans)),
        )
        for index, (v, a, b) in enumerate(item.spans)
    ]
    charges: list[Charge] = recurring_charges(version_spans, period)
    attainment: list[dict[str, Any]] = []
    credits: list[dict[str, Any]] = []
    if item.spans:
        last_version = item.spans[-1][0]
        last_clauses = item.clauses[last_version.id]
        quantities = dict(item.usage)
        for line in _lines(last_clauses):
            if line.unit == "ticket" and line.code not in quantities and "__tickets__" in item.usage:
                quantities[line.code] = item.usage["__tickets__"]  # tickets ingested for the agreement
        charges += usage_charges(_lines(last_clauses), quantities, last_version.number)
        attainment = _attainment(item, last_clauses)
        credits = _credits(item, period, last_clauses, attainment, charges)
    lines = [
        {
            "type": "charge",
            "code": c.code,
            "description": c.description,
            "unit": c.unit,
            "quantity": format_decimal(c.quantity.quantize(Decimal("0.0001")).normalize()),
            "unit_amount": format_decimal(c.unit_amount),
            "amount": str(round_money(c.amount, c.currency)),
            "currency": c.currency,
            "version": c.version,
        }
        for c in charges
    ]
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        totals[line["currency"]] += Decimal(line["amount"])
    for credit in credits:
        if credit["status"] in ("owed", "adjusted"):
            totals[credit["currency"]] -= Decimal(credit["amount"])
    return {
        "agreement": {
            "id": str(agreement.id),
            "reference": agreement.reference,
            "title": agreement.title,
            "timezone": agreement.timezone,
        },
        "period": str(period),
        "period_start": item.start,
        "period_end": item.end,
        "versions": [{"number": v.number, "from": a, "to": b} for v, a, b in item.spans],
        "lines": lines,
        "attainment": attainment,
        "credits": credits,
        "totals": [
            {"currency": currency, "amount": str(round_money(amount, currency))}
            for currency, amount in sorted(totals.items())
        ],
    }


async def compute_statement(
    session: AsyncSession, agreement: Agreement, period: Period, *, now: datetime
) -> dict[str, Any]:
    data = await load_period_data(session, [agreement], period, now=now)
    return assemble_statement(data[agreement.id], period, now=now)


def _attainment(item: PeriodData, clauses: list[Clause]) -> list[dict[str, Any]]:
    results = []
    for clause in clauses:
        if clause.kind != "service_level":
            continue
        for index, target in enumerate(clause.terms.get("targets", [])):
            key = target.get("key") or f"{clause.key}#{index}"
            # Shown figures are truncated finely enough to agree with the target and every credit tier backing it.
            tiers = [
                Decimal(t["below"])
                for c in clauses
                if c.kind == "service_credit" and c.terms["target"] == key
                for t in c.terms["tiers"]
            ]
            if target["metric"] == "availability":
                service = (target.get("match") or {}).get("service")
                services = service if isinstance(service, list) else [service] if service else None
                spans = [
                    IncidentSpan(i.started_at, i.ended_at, i.kind, i.accepted_at is not None)
                    for i in item.incidents
                    if services is None or i.service is None or i.service in services
                ]
                measured, downtime = availability(spans, item.start, item.end)
                goal = Decimal(target["percentage"])
                in_period = sum(1 for i in spans if i.start < item.end and i.end > item.start)
                results.append(
                    {
                        "target_key": key,
                        "clause_key": clause.key,
                        "metric": "availability",
                        "measured": str(display_percent(measured, goal, *tiers)),
                        "target": str(goal),
                        "met": measured >= goal,
                        "measured_exact": str(measured),
                        "evidence": {"incidents": in_period, "downtime_seconds": downtime // timedelta(seconds=1)},
                    }
                )
                continue
            counts = item.clocks.get(key, {})
            met = counts.get("met", 0)
            due = sum(counts.values())
            measured = Decimal(100) * Decimal(met) / Decimal(due) if due else None
            goal = Decimal(target["compliance_target"]) if target.get("compliance_target") else None
            shown = [goal] if goal is not None else []
            results.append(
                {
                    "target_key": key,
                    "clause_key": clause.key,
                    "metric": target["metric"],
                    "measured": str(display_percent(measured, *shown, *tiers, places=2))
                    if measured is not None
                    else None,
                    "target": str(goal) if goal is not None else None,
                    "met": None if measured is None or goal is None else measured >= goal,
                    "measured_exact": str(measured) if measured is not None else None,
                    "evidence": {"clocks_due": due, "clocks_met": met},
                }
            )
    return results


def _credits(
    item: PeriodData, period: Period, clauses: list[Clause], attainment: list[dict[str, Any]], charges: list[Charge]
) -> list[dict[str, Any]]:
    by_target = {a["target_key"]: a for a in attainment}
    credits = []
    for clause in clauses:
        if clause.kind != "service_credit":
            continue
        terms = clause.terms
        measured = by_target.get(terms["target"])
        tiers = [
            Tier(Decimal(t["below"]), Decimal(t["credit_percent"]), tuple(t.get("price_lines", [])))
            for t in terms["tiers"]
        ]
        named = {code for t in tiers for code in t.price_lines}
        currencies = [c.currency for c in charges if not named or c.code in named]
        currency = currencies[0] if currencies else (terms.get("minimum") or {}).get("currency", "EUR")
        entry: dict[str, Any] = {
            "clause_key": clause.key,
            "target_key": terms["target"],
            "currency": currency,
            "period": str(period),
        }
        if terms.get("claim_window"):
            # The customer claims the credit (opens a dispute about it) by the end of the window after the period.
            window = CalendarDuration.of(check_duration(terms["claim_window"], what="claim_window"))
            entry["claim_by"] = add_calendar(item.end, window, ZoneInfo(item.agreement.timezone))
        if measured is None or measured["measured_exact"] is None:
            entry.update(
                status="not_measured",
                amount=str(round_money(ZERO, currency)),
                tier=None,
                attainment=None,
                reason="no measurement for the backed target in this period",
            )
            credits.append(entry)
            continue
        result = compute_credit(
            tiers,
            Decimal(measured["measured_exact"]),
            [c for c in charges if c.unit == "month"],
            currency,
            cap_percent=Decimal(terms["monthly_cap_percent"]) if terms.get("monthly_cap_percent") else None,
            minimum=Decimal(terms["minimum"]["amount"]) if terms.get("minimum") else None,
        )
        entry.update(
            attainment=measured["measured"],
            tier=(
                {"below": str(result.tier.below), "credit_percent": str(result.tier.credit_percent)}
                if result.tier
                else None
            ),
            base=str(round_money(result.base, currency)),
            capped=result.capped,
            below_minimum=result.below_minimum,
            amount=str(result.amount),
            status="owed" if result.amount > 0 else "none",
        )
        dispute = item.disputes.get(clause.key)
        if dispute is not None:
            entry["dispute_id"] = str(dispute.id)
            if dispute.status in ("open", "acknowledged", "in_resolution", "escalated"):
                entry["status"] = "disputed"
            elif dispute.status == "resolved" and dispute.adjustment_amount is not None:
                entry.update(
                    status="adjusted",
                    computed_amount=entry["amount"],
                    amount=str(round_money(Decimal(dispute.adjustment_amount), dispute.adjustment_currency)),
                    currency=dispute.adjustment_currency,
                )
        credits.append(entry)
    return credits


def canonical_json(content: dict[str, Any]) -> bytes:
    return json.dumps(msgspec.to_builtins(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def statement_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


# ---------------------------------------------------------------- reading statements and attainment


async def attainment_for(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, period_text: str, *, now: datetime
) -> dict[str, Any]:
    period = parse_period(period_text)
    agreement, _ = await get_readable_agreement(session, actor, agreement_id)
    frozen = await session.get(FrozenStatement, (agreement.id, str(period)))
    if frozen is not None:
        return {"period": str(period), "provisional": False, "targets": frozen.content["attainment"]}
    item = (await load_period_data(session, [agreement], period, now=now))[agreement.id]
    targets = _attainment(item, item.clauses[item.spans[-1][0].id]) if item.spans else []
    return {"period": str(period), "provisional": True, "targets": targets}


async def _customer_agreements(
    session: AsyncSession, actor: Actor, customer_id: uuid.UUID, period: Period
) -> list[Agreement]:
    caller_roles = ("provider", "customer")
    stmt = (
        select(Agreement)
        .join(
            Membership,
            (Membership.agreement_id == Agreement.id)
            & (Membership.party_id == customer_id)
            & (Membership.role == "customer"),
        )
        .where(Agreement.effective_from.is_not(None))
        .order_by(Agreement.reference)
    )
    if not actor.is_operator:
        stmt = stmt.where(
            Agreement.id.in_(
                select(Membership.agreement_id).where(
                    Membership.party_id == actor.party_id, Membership.role.in_(caller_roles)
                )
            )
        )
    found = []
    for agreement in await session.scalars(stmt):
        start, end = period.bounds(agreement.timezone)
        if agreement.effective_from < end and (agreement.effective_to is None or agreement.effective_to > start):
            found.append(agreement)
    return found


async def _has_agreement_with(session: AsyncSession, actor: Actor, customer_id: uuid.UUID) -> bool:
    stmt = select(Membership.agreement_id).where(Membership.party_id == customer_id, Membership.role == "customer")
    if not actor.is_operator:
        stmt = stmt.where(
            Membership.agreement_id.in_(
                select(Membership.agreement_id).where(
                    Membership.party_id == actor.party_id, Membership.role.in_(("provider", "customer"))
                )
            )
        )
    return await session.scalar(stmt.limit(1)) is not None


async def billing_statements(
    session: AsyncSession, actor: Actor, customer_ref: str, period_text: str, *, now: datetime
) -> dict[str, Any]:
    """The billing pull: per agreement with the customer, the period's charges, credits and totals."""
    period = parse_period(period_text)
    customer_id = await resolve_party_ref(session, customer_ref)
    if customer_id is None or not await _has_agreement_with(session, actor, customer_id):
        # Unknown and not-yours answer alike: the pull says nothing about others' customers.
        raise NotFound(f"customer {customer_ref!r}: no agreement with you for that party id or external ref")
    agreements = await _customer_agreements(session, actor, customer_id, period)
    closed = await session.get(BillingPeriod, str(period))
    statements = []
    frozen = {
        f.agreement_id: f
        for f in await session.scalars(
            select(FrozenStatement).where(
                FrozenStatement.period == str(period), FrozenStatement.agreement_id.in_([a.id for a in agreements])
            )
        )
    }
    open_data = await load_period_data(session, [a for a in agreements if a.id not in frozen], period, now=now)
    for agreement in agreements:
        if agreement.id in frozen:
            statements.append(
                {**frozen[agreement.id].content, "provisional": False, "sha256": frozen[agreement.id].sha256}
            )
        else:
            statements.append(
                {**assemble_statement(open_data[agreement.id], period, now=now), "provisional": True, "sha256": None}
            )
    claims = await _credit_claims(session, [a.id for a in agreements], customer_id, period)
    statements = [apply_claim_window(statement, claims, now=now) for statement in statements]
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for statement in statements:
        for total in statement["totals"]:
            totals[total["currency"]] += Decimal(total["amount"])
    return {
        "customer_party_id": str(customer_id),
        "period": str(period),
        "closed": closed is not None,
        "closed_at": closed.closed_at if closed else None,
        "statements": statements,
        "totals": [{"currency": c, "amount": str(a)} for c, a in sorted(totals.items())],
    }


async def _credit_claims(
    session: AsyncSession, agreement_ids: list[uuid.UUID], customer_id: uuid.UUID, period: Period
) -> dict[tuple[str, str], datetime]:
    """When the customer first claimed each credit of the period: (agreement id, clause key) → first dispute."""
    rows = await session.execute(
        select(Dispute.agreement_id, Dispute.clause_key, func.min(Dispute.created_at))
        .where(
            Dispute.agreement_id.in_(agreement_ids),
            Dispute.subject_type == "credit",
            Dispute.credit_period == str(period),
            Dispute.raised_by_party_id == customer_id,
        )
        .group_by(Dispute.agreement_id, Dispute.clause_key)
    )
    return {(str(agreement_id), clause_key): at for agreement_id, clause_key, at in rows}


def apply_claim_window(
    statement: dict[str, Any], claims: dict[tuple[str, str], datetime], *, now: datetime
) -> dict[str, Any]:
    """An owed credit the customer did not claim by its `claim_by` reads `expired`: zero, not payable.

    Applied when read, to open and frozen statements alike (a frozen statement's sha256 covers what was computed at
    closing, `claim_by` included). A claim is a credit dispute the customer opened in time, whatever its outcome.
    """
    credits, returned = [], defaultdict(Decimal)
    for credit in statement["credits"]:
        claim_by = credit.get("claim_by")
        if claim_by is None:
            credits.append(credit)
            continue
        claim_by = claim_by if isinstance(claim_by, datetime) else datetime.fromisoformat(claim_by)
        claimed = claims.get((statement["agreement"]["id"], credit["clause_key"]))
        credit = {**credit, "claimed_at": claimed if claimed is not None and claimed <= claim_by else None}
        if credit["status"] == "owed" and credit["claimed_at"] is None and claim_by <= now:
            returned[credit["currency"]] += Decimal(credit["amount"])
            credit.update(
                status="expired", computed_amount=credit["amount"], amount=str(round_money(ZERO, credit["currency"]))
            )
        credits.append(credit)
    totals = [
        {**t, "amount": str(round_money(Decimal(t["amount"]) + returned[t["currency"]], t["currency"]))}
        for t in statement["totals"]
    ]
    return {**statement, "credits": credits, "totals": totals}


CSV_COLUMNS = [
    "period",
    "agreement_reference",
    "agreement_id",
    "type",
    "code",
    "description",
    "quantity",
    "unit",
    "unit_amount",
    "amount",
    "currency",
    "version",
    "tier_below",
    "credit_percent",
    "attainment",
    "status",
    "provisional",
    "held_amount",
]
# Credits that reduce what is billed; any other status (held while disputed, expired, none) is a zero line.
PAYABLE = ("owed", "adjusted")
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """OWASP CSV injection: a text cell a spreadsheet would read as a formula gets a leading `'`.

    Plain decimal numbers (such as a credit's `-100.00`) are numbers, not formulas, and stay as they are.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def statements_csv(pull: dict[str, Any]) -> str:
    """One row per charge and per credit, then one `total` row per currency: the amount column of the other rows
    sums to the JSON totals (held and expired credits are zero lines, their computed amount in `held_amount`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()

    def write(row: dict[str, Any]) -> None:
        writer.writerow({column: csv_cell(value) for column, value in row.items()})

    for statement in pull["statements"]:
        base = {
            "period": pull["period"],
            "agreement_reference": statement["agreement"]["reference"],
            "agreement_id": statement["agreement"]["id"],
            "provisional": str(statement["provisional"]).lower(),
        }
        for line in statement["lines"]:
            write(
                {
                    **base,
                    "type": "charge",
                    "code": line["code"],
                    "description": line["description"],
                    "quantity": line["quantity"],
                    "unit": line["unit"],
                    "unit_amount": line["unit_amount"],
                    "amount": line["amount"],
                    "currency": line["currency"],
                    "version": line["version"],
                }
            )
        for credit in statement["credits"]:
            tier = credit.get("tier") or {}
            amount = Decimal(credit["amount"])
            held = credit["status"] not in PAYABLE and amount != 0
            write(
                {
                    **base,
                    "type": "credit",
                    "code": credit["clause_key"],
                    "description": f"service credit for {credit['target_key']}",
                    "amount": str(-amount)
                    if credit["status"] in PAYABLE and amount
                    else str(round_money(ZERO, credit["currency"])),
                    "held_amount": str(-amount) if held else "",
                    "currency": credit["currency"],
                    "tier_below": tier.get("below", ""),
                    "credit_percent": tier.get("credit_percent", ""),
                    "attainment": credit.get("attainment") or "",
                    "status": credit["status"],
                }
            )
    for total in pull["totals"]:
        write(
            {
                "period": pull["period"],
                "type": "total",
                "description": "total of the lines above",
                "amount": total["amount"],
                "currency": total["currency"],
                "provisional": str(any(s["provisional"] for s in pull["statements"])).lower(),
            }
        )
    return out.getvalue()


# ---------------------------------------------------------------- closing periods


async def close_period(session: AsyncSession, actor: Actor | None, period_text: str, *, now: datetime) -> BillingPeriod:
    """Freeze every agreement's statement for the period, with its hash; emit the period's events."""
    if actor is not None and not actor.is_operator:
        raise Forbidden("only the operator closes billing periods", "operator_only")
    period = parse_period(period_text)
    _, latest_end = period.bounds("Pacific/Kiritimati")
    _, earliest_end = period.bounds("Etc/GMT+12")
    if now < max(latest_end, earliest_end):
        raise Conflict(f"period {period} has not ended everywhere yet", "period_not_ended")
    inserted = await session.scalar(
        insert(BillingPeriod)
        .values(
            period=str(period),
            closed_at=now,
            closed_by=(actor.principal if actor else "worker"),
            agreements=0,
        )
        .on_conflict_do_nothing()
        .returning(BillingPeriod.period)
    )
    if inserted is None:
        raise Conflict(f"period {period} is already closed", "period_closed")
    in_effect = []
    for agreement_id, zone, effective_from, effective_to in await session.execute(
        select(Agreement.id, Agreement.timezone, Agreement.effective_from, Agreement.effective_to)
        .where(Agreement.effective_from.is_not(None))
        .order_by(Agreement.id)
    ):
        start, end = period.bounds(zone)
        if effective_from < end and (effective_to is None or effective_to > start):
            in_effect.append(agreement_id)
    for offset in range(0, len(in_effect), CLOSE_CHUNK):
        already = set(map(id, session.identity_map.values()))
        await _freeze(session, actor, in_effect[offset : offset + CLOSE_CHUNK], period, now)
        await session.flush()
        # Keep the unit of work small (flushes stay cheap however many agreements a period has), leaving alone
        # what the caller holds in the session.
        for loaded in list(session.identity_map.values()):
            if id(loaded) not in already:
                session.expunge(loaded)
    await session.execute(
        update(BillingPeriod).where(BillingPeriod.period == str(period)).values(agreements=len(in_effect))
    )
    count_on_commit(session, BILLING_PERIODS_CLOSED)
    return await session.get(BillingPeriod, str(period))


CLOSE_CHUNK = 200


async def _freeze(
    session: AsyncSession, actor: Actor | None, agreement_ids: list[uuid.UUID], period: Period, now: datetime
) -> None:
    agreements = list(await session.scalars(select(Agreement).where(Agreement.id.in_(agreement_ids))))
    data = await load_period_data(session, agreements, period, now=now)
    members: dict[uuid.UUID, dict[str, list[uuid.UUID]]] = defaultdict(lambda: defaultdict(list))
    for agreement_id, party_id, role in await session.execute(
        select(Membership.agreement_id, Membership.party_id, Membership.role).where(
            Membership.agreement_id.in_(agreement_ids)
        )
    ):
        members[agreement_id][role].append(party_id)
    rows = []
    for agreement in agreements:
        content = assemble_statement(data[agreement.id], period, now=now)
        digest = statement_hash(content)
        roles = members[agreement.id]
        rows.append(
            {
                "agreement_id": agreement.id,
                "period": str(period),
                "customer_party_id": roles["customer"][0],
                "content": json.loads(canonical_json(content)),
                "sha256": digest,
                "created_at": now,
            }
        )
        await record_event(
            session,
            actor,
            "attainment.period_closed",
            now=now,
            agreement_id=agreement.id,
            payload={"period": str(period), "attainment": content["attainment"], "sha256": digest},
        )
        await record_event(
            session,
            actor,
            "credit.computed",
            now=now,
            agreement_id=agreement.id,
            payload={
                "period": str(period),
                "credits": content["credits"],
                "totals": content["totals"],
                "sha256": digest,
            },
            audience=roles["provider"] + roles["customer"],
        )
    if rows:
        await session.execute(insert(FrozenStatement), rows)


@timer_handler("billing.close_period")
async def close_when_due(session: AsyncSession, timer: Timer, now: datetime) -> None:
    if await session.get(BillingPeriod, timer.key) is None:
        await close_period(session, None, timer.key, now=now)


async def schedule_automatic_close(session: AsyncSession, *, now: datetime, after_days: int) -> None:
    """The previous month closes `after_days` days after it ended (idempotent; the worker calls this)."""
    period = Period(now.year, now.month).previous()
    _, end = period.bounds("Etc/GMT+12")
    await session.execute(
        insert(Timer)
        .values(
            kind="billing.close_period",
            key=str(period),
            due_at=end + timedelta(days=after_days),
            payload={},
            status="pending",
        )
        .on_conflict_do_nothing()
    )


async def incidents_for(session: AsyncSession, agreement_ids: ReadableAgreementIds) -> dict[uuid.UUID, list[Incident]]:
    """Batch read for DataLoaders, of agreements `services.scoping` found readable."""
    ids = list(agreement_ids)
    rows = await session.scalars(
        select(Incident)
        .where(Incident.agreement_id.in_(ids))
        .order_by(Incident.agreement_id, Incident.started_at, Incident.id)
    )
    return group_by(rows, lambda i: i.agreement_id, ids)
