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
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

import msgspec
from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.postgresql import insert
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
from services.actors import Actor
from services.credits import (
    Charge,
    Incident as IncidentSpan,
    Period,
    PriceLine,
    Tier,
    VersionSpan,
    availability,
    compute_credit,
    days_in_effect,
    recurring_charges,
    round_money,
    usage_charges,
)
from services.errors import Conflict, Forbidden, InvalidInput, NotFound
from services.events import record_event
from services.parties import resolve_party_ref
from services.scoping import get_readable_agreement
from services.timers import timer_handler
from services.values import parse_decimal

ZERO = Decimal(0)


class UsageInput(msgspec.Struct, forbid_unknown_fields=True):
    usage_id: str
    price_code: str
    quantity: str
    occurred_at: datetime


class IncidentInput(msgspec.Struct, forbid_unknown_fields=True):
    kind: Literal["outage", "degradation", "maintenance"]
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
    from zoneinfo import ZoneInfo

    local = at.astimezone(ZoneInfo(zone))
    return Period(local.year, local.month)


async def _require_open(session: AsyncSession, periods: set[Period]) -> None:
    closed = await session.scalars(select(BillingPeriod.period).where(BillingPeriod.period.in_([str(p) for p in periods])))
    closed = sorted(closed)
    if closed:
        raise Conflict(f"period {', '.join(closed)} is closed; record a correction in the current period instead",
                       "period_closed")


def _signatory(actor: Actor, role: str | None, *roles: str) -> None:
    if actor.is_operator:
        return
    if role not in roles:
        raise Forbidden(f"only the {' or the '.join(roles)} may do this", "not_allowed_for_role")


# ---------------------------------------------------------------- usage and incidents


async def record_usage(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: UsageInput, *,
                       now: datetime) -> tuple[UsageRecord, bool]:
    """Idempotent by usage id: the same id again returns the first record (created=False)."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    _signatory(actor, role, "provider", "customer")
    quantity = _positive(data.quantity, "quantity")
    if data.occurred_at.tzinfo is None:
        raise InvalidInput("occurred_at must carry a time zone offset (RFC 3339)", field="occurred_at")
    existing = await session.scalar(select(UsageRecord).where(
        UsageRecord.agreement_id == agreement.id, UsageRecord.usage_id == data.usage_id))
    if existing is not None:
        if (existing.price_code, Decimal(existing.quantity), existing.occurred_at) != (data.price_code, quantity, data.occurred_at):
            raise Conflict(f"usage {data.usage_id!r} was already recorded with other values", "usage_id_reused")
        return existing, False
    lines = await _price_lines_at(session, agreement.id, data.occurred_at)
    usage_codes = {line.code for line in lines if line.unit != "month"}
    if data.price_code not in usage_codes:
        raise InvalidInput(f"no usage-priced line {data.price_code!r} in the version in effect "
                           f"(usage lines: {', '.join(sorted(usage_codes)) or 'none'})", field="price_code")
    await _require_open(session, {_month_of(data.occurred_at, agreement.timezone)})
    record = UsageRecord(id=uuid.uuid4(), agreement_id=agreement.id, usage_id=data.usage_id,
                         price_code=data.price_code, quantity=str(quantity), occurred_at=data.occurred_at,
                         reported_by_party_id=actor.party_id, created_at=now)
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


async def report_incident(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: IncidentInput, *,
                          now: datetime) -> Incident:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    _signatory(actor, role, "provider")
    for field in ("started_at", "ended_at"):
        if getattr(data, field).tzinfo is None:
            raise InvalidInput(f"{field} must carry a time zone offset (RFC 3339)", field=field)
    if data.ended_at <= data.started_at:
        raise InvalidInput("ended_at must be after started_at", field="ended_at")
    if data.started_at > now + timedelta(minutes=5) and data.kind != "maintenance":
        raise InvalidInput("an outage or degradation cannot start in the future", field="started_at")
    months, month = set(), _month_of(data.started_at, agreement.timezone)
    last = _month_of(data.ended_at - timedelta(microseconds=1), agreement.timezone)
    while True:
        months.add(month)
        if month == last:
            break
        month = month.next()
    await _require_open(session, months)
    incident = Incident(id=uuid.uuid4(), agreement_id=agreement.id, kind=data.kind, service=data.service,
                        started_at=data.started_at, ended_at=data.ended_at, description=data.description,
                        reported_by_party_id=actor.party_id, created_at=now)
    session.add(incident)
    await session.flush()
    return incident


async def accept_maintenance(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, incident_id: uuid.UUID, *,
                             now: datetime) -> Incident:
    """The customer accepts a maintenance window: it then counts as excluded downtime."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    _signatory(actor, role, "customer")
    incident = await session.scalar(select(Incident).where(Incident.id == incident_id,
                                                           Incident.agreement_id == agreement.id).with_for_update())
    if incident is None:
        raise NotFound("incident")
    if incident.kind != "maintenance":
        raise Conflict(f"only maintenance windows are accepted; this is an {incident.kind}", "not_maintenance")
    if incident.accepted_at is not None:
        raise Conflict("this maintenance window was already accepted", "already_accepted")
    await _require_open(session, {_month_of(incident.started_at, agreement.timezone)})
    incident.accepted_at, incident.accepted_by_party_id = now, actor.party_id
    await session.flush()
    return incident


async def list_incidents(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID) -> list[Incident]:
    agreement, _ = await get_readable_agreement(session, actor, agreement_id)
    rows = await session.scalars(select(Incident).where(Incident.agreement_id == agreement.id)
                                 .order_by(Incident.started_at, Incident.id))
    return list(rows)


def incident_snapshot(incident: Incident) -> dict[str, Any]:
    return {"id": str(incident.id), "agreement_id": str(incident.agreement_id), "kind": incident.kind,
            "service": incident.service, "started_at": incident.started_at, "ended_at": incident.ended_at,
            "description": incident.description, "accepted_at": incident.accepted_at,
            "counts_as_downtime": not (incident.kind == "maintenance" and incident.accepted_at is not None)}


def usage_snapshot(record: UsageRecord) -> dict[str, Any]:
    return {"id": str(record.id), "usage_id": record.usage_id, "price_code": record.price_code,
            "quantity": record.quantity, "occurred_at": record.occurred_at}


# ---------------------------------------------------------------- the period's figures for one agreement


async def _clauses(session: AsyncSession, version_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Clause]]:
    found: dict[uuid.UUID, list[Clause]] = defaultdict(list)
    for clause in await session.scalars(select(Clause).where(Clause.version_id.in_(version_ids))
                                        .order_by(Clause.version_id, Clause.position)):
        found[clause.version_id].append(clause)
    return found


def _lines(clauses: list[Clause]) -> tuple[PriceLine, ...]:
    return tuple(
        PriceLine(line["code"], line["description"], Decimal(line["amount"]["amount"]), line["amount"]["currency"],
                  line["unit"], line.get("billing_period", "month"))
        for clause in clauses if clause.kind == "cost" for line in clause.terms.get("price_lines", []))


async def _price_lines_at(session: AsyncSession, agreement_id: uuid.UUID, at: datetime) -> tuple[PriceLine, ...]:
    from services.agreements import current_version

    version = await current_version(session, agreement_id, as_of=at)
    if version is None:
        return ()
    return _lines((await _clauses(session, [version.id]))[version.id])


async def _spans(session: AsyncSession, agreement: Agreement, period: Period, start: datetime, end: datetime
                 ) -> tuple[list[tuple[AgreementVersion, datetime, datetime]], dict[uuid.UUID, list[Clause]]]:
    """The accepted versions in effect during the period, each with the part of the period it covered."""
    versions = list(await session.scalars(select(AgreementVersion).where(
        AgreementVersion.agreement_id == agreement.id, AgreementVersion.status == "accepted",
        AgreementVersion.effective_from.is_not(None), AgreementVersion.effective_from < end)
        .order_by(AgreementVersion.effective_from, AgreementVersion.number)))
    agreement_start = agreement.effective_from or start
    agreement_end = agreement.effective_to or end
    spans = []
    for index, version in enumerate(versions):
        span_start = max(version.effective_from, agreement_start, start)
        span_end = min(versions[index + 1].effective_from if index + 1 < len(versions) else end, agreement_end, end)
        if span_start < span_end:
            spans.append((version, span_start, span_end))
    return spans, await _clauses(session, [v.id for v, _, _ in spans])


async def compute_statement(session: AsyncSession, agreement: Agreement, period: Period, *, now: datetime) -> dict[str, Any]:
    """Charges, attainment and credits of one agreement for one period (unfrozen)."""
    start, end = period.bounds(agreement.timezone)
    spans, clauses = await _spans(session, agreement, period, start, end)
    version_spans = [VersionSpan(v.number, _lines(clauses[v.id]),
                                 days_in_effect(period, agreement.timezone, a, b, handed_over=index + 1 < len(spans)))
                     for index, (v, a, b) in enumerate(spans)]
    charges: list[Charge] = recurring_charges(version_spans, period)
    attainment: list[dict[str, Any]] = []
    credits: list[dict[str, Any]] = []
    if spans:
        last_version = spans[-1][0]
        last_clauses = clauses[last_version.id]
        charges += usage_charges(_lines(last_clauses), await _usage(session, agreement, start, end), last_version.number)
        attainment = await _attainment(session, agreement, last_clauses, start, end, now)
        credits = await _credits(session, agreement, period, last_clauses, attainment, charges)
    lines = [{
        "type": "charge", "code": c.code, "description": c.description, "unit": c.unit,
        "quantity": str(c.quantity.quantize(Decimal("0.0001")).normalize()), "unit_amount": str(c.unit_amount),
        "amount": str(round_money(c.amount, c.currency)), "currency": c.currency, "version": c.version,
    } for c in charges]
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        totals[line["currency"]] += Decimal(line["amount"])
    for credit in credits:
        if credit["status"] in ("owed", "adjusted"):
            totals[credit["currency"]] -= Decimal(credit["amount"])
    return {
        "agreement": {"id": str(agreement.id), "reference": agreement.reference, "title": agreement.title,
                      "timezone": agreement.timezone},
        "period": str(period), "period_start": start, "period_end": end,
        "versions": [{"number": v.number, "from": a, "to": b} for v, a, b in spans],
        "lines": lines, "attainment": attainment, "credits": credits,
        "totals": [{"currency": currency, "amount": str(round_money(amount, currency))}
                   for currency, amount in sorted(totals.items())],
    }


async def _usage(session: AsyncSession, agreement: Agreement, start: datetime, end: datetime) -> dict[str, Decimal]:
    quantities: dict[str, Decimal] = defaultdict(Decimal)
    for code, quantity in (await session.execute(select(UsageRecord.price_code, UsageRecord.quantity).where(
            UsageRecord.agreement_id == agreement.id, UsageRecord.occurred_at >= start,
            UsageRecord.occurred_at < end))).tuples():
        quantities[code] += Decimal(quantity)
    tickets = await session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.agreement_id == agreement.id, Ticket.opened_at >= start, Ticket.opened_at < end))
    if tickets:
        quantities["__tickets__"] = Decimal(tickets)
    return quantities


async def _attainment(session: AsyncSession, agreement: Agreement, clauses: list[Clause], start: datetime,
                      end: datetime, now: datetime) -> list[dict[str, Any]]:
    incidents = list(await session.scalars(select(Incident).where(
        Incident.agreement_id == agreement.id, Incident.started_at < end, Incident.ended_at > start)))
    results = []
    for clause in clauses:
        if clause.kind != "service_level":
            continue
        for index, target in enumerate(clause.terms.get("targets", [])):
            key = target.get("key") or f"{clause.key}#{index}"
            if target["metric"] == "availability":
                service = (target.get("match") or {}).get("service")
                services = service if isinstance(service, list) else [service] if service else None
                spans = [IncidentSpan(i.started_at, i.ended_at, i.kind, i.accepted_at is not None) for i in incidents
                         if services is None or i.service is None or i.service in services]
                measured, downtime = availability(spans, start, end)
                goal = Decimal(target["percentage"])
                results.append({"target_key": key, "clause_key": clause.key, "metric": "availability",
                                "measured": str(measured.quantize(Decimal("0.0001"))), "target": str(goal),
                                "met": measured >= goal, "measured_exact": str(measured),
                                "evidence": {"incidents": len(spans), "downtime_seconds": int(downtime.total_seconds())}})
                continue
            rows = (await session.execute(select(SlaClock.status, func.count()).join(Ticket, Ticket.id == SlaClock.ticket_id)
                    .where(Ticket.agreement_id == agreement.id, SlaClock.target_key == key,
                           SlaClock.due_at >= start, SlaClock.due_at < end,
                           or_(SlaClock.status.in_(("met", "breached")),
                               and_(SlaClock.status.in_(("running", "paused")), SlaClock.due_at < now)))
                    .group_by(SlaClock.status))).tuples().all()
            counts = dict(rows)
            met = counts.get("met", 0)
            due = sum(counts.values())
            measured = Decimal(100) * Decimal(met) / Decimal(due) if due else None
            goal = Decimal(target["compliance_target"]) if target.get("compliance_target") else None
            results.append({"target_key": key, "clause_key": clause.key, "metric": target["metric"],
                            "measured": str(measured.quantize(Decimal("0.01"))) if measured is not None else None,
                            "target": str(goal) if goal is not None else None,
                            "met": None if measured is None or goal is None else measured >= goal,
                            "measured_exact": str(measured) if measured is not None else None,
                            "evidence": {"clocks_due": due, "clocks_met": met}})
    return results


async def _credits(session: AsyncSession, agreement: Agreement, period: Period, clauses: list[Clause],
                   attainment: list[dict[str, Any]], charges: list[Charge]) -> list[dict[str, Any]]:
    by_target = {a["target_key"]: a for a in attainment}
    disputes = {d.clause_key: d for d in await session.scalars(select(Dispute).where(
        Dispute.agreement_id == agreement.id, Dispute.subject_type == "credit",
        Dispute.credit_period == str(period)).order_by(Dispute.created_at))}
    credits = []
    for clause in clauses:
        if clause.kind != "service_credit":
            continue
        terms = clause.terms
        measured = by_target.get(terms["target"])
        tiers = [Tier(Decimal(t["below"]), Decimal(t["credit_percent"]), tuple(t.get("price_lines", [])))
                 for t in terms["tiers"]]
        named = {code for t in tiers for code in t.price_lines}
        currencies = [c.currency for c in charges if not named or c.code in named]
        currency = currencies[0] if currencies else (terms.get("minimum") or {}).get("currency", "EUR")
        entry: dict[str, Any] = {"clause_key": clause.key, "target_key": terms["target"], "currency": currency,
                                 "period": str(period)}
        if measured is None or measured["measured_exact"] is None:
            entry.update(status="not_measured", amount=str(round_money(ZERO, currency)), tier=None,
                         attainment=None, reason="no measurement for the backed target in this period")
            credits.append(entry)
            continue
        result = compute_credit(
            tiers, Decimal(measured["measured_exact"]), [c for c in charges if c.unit == "month"], currency,
            cap_percent=Decimal(terms["monthly_cap_percent"]) if terms.get("monthly_cap_percent") else None,
            minimum=Decimal(terms["minimum"]["amount"]) if terms.get("minimum") else None)
        entry.update(
            attainment=measured["measured"], tier=({"below": str(result.tier.below),
                                                   "credit_percent": str(result.tier.credit_percent)}
                                                  if result.tier else None),
            base=str(round_money(result.base, currency)), capped=result.capped,
            below_minimum=result.below_minimum, amount=str(result.amount),
            status="owed" if result.amount > 0 else "none")
        dispute = disputes.get(clause.key)
        if dispute is not None:
            entry["dispute_id"] = str(dispute.id)
            if dispute.status in ("open", "acknowledged", "in_resolution", "escalated"):
                entry["status"] = "disputed"
            elif dispute.status == "resolved" and dispute.adjustment_amount is not None:
                entry.update(status="adjusted", computed_amount=entry["amount"],
                             amount=str(round_money(Decimal(dispute.adjustment_amount), dispute.adjustment_currency)),
                             currency=dispute.adjustment_currency)
        credits.append(entry)
    return credits


def canonical_json(content: dict[str, Any]) -> bytes:
    return json.dumps(msgspec.to_builtins(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def statement_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


# ---------------------------------------------------------------- reading statements and attainment


async def attainment_for(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, period_text: str, *,
                         now: datetime) -> dict[str, Any]:
    period = parse_period(period_text)
    agreement, _ = await get_readable_agreement(session, actor, agreement_id)
    frozen = await session.get(FrozenStatement, (agreement.id, str(period)))
    if frozen is not None:
        return {"period": str(period), "provisional": False, "targets": frozen.content["attainment"]}
    start, end = period.bounds(agreement.timezone)
    spans, clauses = await _spans(session, agreement, period, start, end)
    targets = await _attainment(session, agreement, clauses[spans[-1][0].id], start, end, now) if spans else []
    return {"period": str(period), "provisional": True, "targets": targets}


async def _customer_agreements(session: AsyncSession, actor: Actor, customer_id: uuid.UUID, period: Period
                               ) -> list[Agreement]:
    caller_roles = ("provider", "customer")
    stmt = (select(Agreement).join(Membership, (Membership.agreement_id == Agreement.id)
                                   & (Membership.party_id == customer_id) & (Membership.role == "customer"))
            .where(Agreement.effective_from.is_not(None)).order_by(Agreement.reference))
    if not actor.is_operator:
        stmt = stmt.where(Agreement.id.in_(select(Membership.agreement_id).where(
            Membership.party_id == actor.party_id, Membership.role.in_(caller_roles))))
    found = []
    for agreement in await session.scalars(stmt):
        start, end = period.bounds(agreement.timezone)
        if agreement.effective_from < end and (agreement.effective_to is None or agreement.effective_to > start):
            found.append(agreement)
    return found


async def billing_statements(session: AsyncSession, actor: Actor, customer_ref: str, period_text: str, *,
                             now: datetime) -> dict[str, Any]:
    """The billing pull: per agreement with the customer, the period's charges, credits and totals."""
    period = parse_period(period_text)
    customer_id = await resolve_party_ref(session, customer_ref)
    if customer_id is None:
        raise NotFound(f"customer {customer_ref!r}: no party with that id or external ref")
    agreements = await _customer_agreements(session, actor, customer_id, period)
    closed = await session.get(BillingPeriod, str(period))
    statements = []
    frozen = {f.agreement_id: f for f in await session.scalars(select(FrozenStatement).where(
        FrozenStatement.period == str(period), FrozenStatement.agreement_id.in_([a.id for a in agreements])))}
    for agreement in agreements:
        if agreement.id in frozen:
            statements.append({**frozen[agreement.id].content, "provisional": False,
                               "sha256": frozen[agreement.id].sha256})
        else:
            statements.append({**await compute_statement(session, agreement, period, now=now), "provisional": True,
                               "sha256": None})
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for statement in statements:
        for total in statement["totals"]:
            totals[total["currency"]] += Decimal(total["amount"])
    return {"customer_party_id": str(customer_id), "period": str(period), "closed": closed is not None,
            "closed_at": closed.closed_at if closed else None, "statements": statements,
            "totals": [{"currency": c, "amount": str(a)} for c, a in sorted(totals.items())]}


CSV_COLUMNS = ["period", "agreement_reference", "agreement_id", "type", "code", "description", "quantity", "unit",
               "unit_amount", "amount", "currency", "version", "tier_below", "credit_percent", "attainment", "status",
               "provisional"]


def statements_csv(pull: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for statement in pull["statements"]:
        base = {"period": pull["period"], "agreement_reference": statement["agreement"]["reference"],
                "agreement_id": statement["agreement"]["id"], "provisional": str(statement["provisional"]).lower()}
        for line in statement["lines"]:
            writer.writerow({**base, "type": "charge", "code": line["code"], "description": line["description"],
                             "quantity": line["quantity"], "unit": line["unit"], "unit_amount": line["unit_amount"],
                             "amount": line["amount"], "currency": line["currency"], "version": line["version"]})
        for credit in statement["credits"]:
            tier = credit.get("tier") or {}
            writer.writerow({**base, "type": "credit", "code": credit["clause_key"],
                             "description": f"service credit for {credit['target_key']}",
                             "amount": f"-{credit['amount']}" if Decimal(credit["amount"]) else credit["amount"],
                             "currency": credit["currency"], "tier_below": tier.get("below", ""),
                             "credit_percent": tier.get("credit_percent", ""),
                             "attainment": credit.get("attainment") or "", "status": credit["status"]})
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
    inserted = await session.scalar(insert(BillingPeriod).values(
        period=str(period), closed_at=now, closed_by=(actor.principal if actor else "worker"), agreements=0,
    ).on_conflict_do_nothing().returning(BillingPeriod.period))
    if inserted is None:
        raise Conflict(f"period {period} is already closed", "period_closed")
    record = await session.get(BillingPeriod, str(period))
    agreements = list(await session.scalars(select(Agreement).where(Agreement.effective_from.is_not(None))))
    count = 0
    for agreement in agreements:
        start, end = period.bounds(agreement.timezone)
        if not (agreement.effective_from < end and (agreement.effective_to is None or agreement.effective_to > start)):
            continue
        content = await compute_statement(session, agreement, period, now=now)
        customer_id = await session.scalar(select(Membership.party_id).where(
            Membership.agreement_id == agreement.id, Membership.role == "customer").limit(1))
        digest = statement_hash(content)
        session.add(FrozenStatement(agreement_id=agreement.id, period=str(period), customer_party_id=customer_id,
                                    content=json.loads(canonical_json(content)), sha256=digest, created_at=now))
        signatories = list(await session.scalars(select(Membership.party_id).where(
            Membership.agreement_id == agreement.id, Membership.role.in_(("provider", "customer")))))
        await record_event(session, actor, "attainment.period_closed", now=now, agreement_id=agreement.id,
                           payload={"period": str(period), "attainment": content["attainment"], "sha256": digest})
        await record_event(session, actor, "credit.computed", now=now, agreement_id=agreement.id,
                           payload={"period": str(period), "credits": content["credits"], "totals": content["totals"],
                                    "sha256": digest}, audience=signatories)
        count += 1
    record.agreements = count
    await session.flush()
    return record


def verify_frozen(frozen: FrozenStatement) -> bool:
    return statement_hash(frozen.content) == frozen.sha256


@timer_handler("billing.close_period")
async def close_when_due(session: AsyncSession, timer: Timer, now: datetime) -> None:
    if await session.get(BillingPeriod, timer.key) is None:
        await close_period(session, None, timer.key, now=now)


async def schedule_automatic_close(session: AsyncSession, *, now: datetime, after_days: int) -> None:
    """The previous month closes `after_days` days after it ended (idempotent; the worker calls this)."""
    period = Period(now.year, now.month).previous()
    _, end = period.bounds("Etc/GMT+12")
    await session.execute(insert(Timer).values(
        kind="billing.close_period", key=str(period), due_at=end + timedelta(days=after_days), payload={},
        status="pending").on_conflict_do_nothing())
