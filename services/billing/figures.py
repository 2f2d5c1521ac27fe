"""One agreement's figures for one period: charges, attainment, credits and totals. `load_period_data` reads what
many agreements need in a fixed number of statements whatever their number; `assemble_statement` computes one
agreement's statement from it without I/O.

Amounts stay exact decimals (`services.billing.credits`) and are rounded once; a displayed attainment never
contradicts its target or a credit tier.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import DateTime, and_, bindparam, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import TableValuedAlias

from db.models import Agreement, AgreementVersion, Clause, Dispute, Incident, SlaClock, Ticket, UsageRecord
from db.values import ClauseKind, ClockStatus, CreditStatus, DisputeStatus, DisputeSubject, Metric, VersionStatus
from services.agreements.reads import clauses_for
from services.batch_reads import group_by
from services.billing.credits import (
    Charge,
    Period,
    VersionSpan,
    availability,
    compute_credit,
    days_in_effect,
    display_percent,
    recurring_charges,
    round_money,
    usage_charges,
)
from services.billing.credits import Incident as IncidentSpan
from services.billing.records import price_lines
from services.billing.views import (
    READ_STATE,
    AttainmentEvidence,
    Credit,
    CreditTierReached,
    DecidedBy,
    MeasuredEvidence,
    Statement,
    StatementLine,
    StatementVersion,
    TargetAttainment,
    Total,
)
from services.calendar_arithmetic import CalendarDuration, add_calendar
from services.credit_tiers import Tier
from services.periods import ReportPeriod
from services.ticketing.views import AgreementRef
from services.values import check_duration, format_decimal
from services.verification.definitions import indicator_definitions
from services.verification.indicators import MeasuredFigure, MeasuredPeriod, measured_attainments

ZERO = Decimal(0)
# Credits that reduce what is billed; any other status (held while disputed, expired, none) is a zero line.
PAYABLE = (CreditStatus.OWED, CreditStatus.ADJUSTED)
OPEN_DISPUTE = (DisputeStatus.OPEN, DisputeStatus.ACKNOWLEDGED, DisputeStatus.IN_RESOLUTION, DisputeStatus.ESCALATED)


@dataclass
class PeriodData:
    """Everything one agreement's statement needs for one period, loaded for many agreements at once."""

    agreement: Agreement
    start: datetime
    end: datetime
    spans: list[tuple[AgreementVersion, datetime, datetime]] = field(default_factory=list)
    clauses: dict[uuid.UUID, list[Clause]] = field(default_factory=dict)
    usage: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    tickets_opened: int | None = None  # what a `ticket`-priced line with no reported usage bills
    incidents: list[Incident] = field(default_factory=list)
    clocks: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    disputes: dict[str, Dispute] = field(default_factory=dict)
    # Per availability target an indicator of the verification clause decides: its figure over the period.
    measured: dict[str, MeasuredFigure] = field(default_factory=dict)


def _bounds_table(data: dict[uuid.UUID, PeriodData]) -> TableValuedAlias:
    """`unnest` of (agreement id, period start, period end): each agreement's month in its own time zone."""
    instants = ARRAY(DateTime(timezone=True))
    return (
        func.unnest(
            bindparam("bound_ids", list(data), type_=ARRAY(PG_UUID(as_uuid=True))),
            bindparam("bound_starts", [d.start for d in data.values()], type_=instants),
            bindparam("bound_ends", [d.end for d in data.values()], type_=instants),
        )
        .table_valued("id", "starts", "ends")
        .render_derived()
    )


async def load_period_data(
    session: AsyncSession, agreements: Sequence[Agreement], period: Period | ReportPeriod, *, now: datetime
) -> dict[uuid.UUID, PeriodData]:
    """A fixed number of queries whatever the number of agreements. Statements are monthly; a report reads the same
    data over its own period (a week, a quarter, a year)."""
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
                AgreementVersion.status == VersionStatus.ACCEPTED,
                AgreementVersion.effective_from.is_not(None),
                AgreementVersion.effective_from < latest,
            )
            .order_by(AgreementVersion.agreement_id, AgreementVersion.effective_from, AgreementVersion.number)
        ),
        lambda v: v.agreement_id,
        ids,
    )
    for agreement_id, item in data.items():
        item.spans = _spans(item, versions[agreement_id])
    clauses = await clauses_for(session, [v.id for item in data.values() for v, _, _ in item.spans])
    for item in data.values():
        item.clauses = {v.id: clauses[v.id] for v, _, _ in item.spans}
    # The version whose targets are measured (the one in effect at the period's end) says which indicators decide.
    measured = await measured_attainments(
        session,
        [
            MeasuredPeriod(
                item.agreement.id, indicator_definitions(item.clauses[item.spans[-1][0].id]), item.start, item.end
            )
            for item in data.values()
            if item.spans
        ],
    )
    for agreement_id, figures in measured.items():
        data[agreement_id].measured = figures
    bounds = _bounds_table(data)
    for used_by, code, quantity in await session.execute(
        select(UsageRecord.agreement_id, UsageRecord.price_code, UsageRecord.quantity)
        .join(bounds, bounds.c.id == UsageRecord.agreement_id)
        .where(UsageRecord.occurred_at >= bounds.c.starts, UsageRecord.occurred_at < bounds.c.ends)
    ):
        data[used_by].usage[code] += Decimal(quantity)
    for ticketed, count in await session.execute(
        select(Ticket.agreement_id, func.count())
        .join(bounds, bounds.c.id == Ticket.agreement_id)
        .where(Ticket.opened_at >= bounds.c.starts, Ticket.opened_at < bounds.c.ends)
        .group_by(Ticket.agreement_id)
    ):
        if ticketed is not None:  # joined on the bounds' ids: never null
            data[ticketed].tickets_opened = count
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
                SlaClock.status.in_((ClockStatus.MET, ClockStatus.BREACHED)),
                and_(SlaClock.status.in_((ClockStatus.RUNNING, ClockStatus.PAUSED)), SlaClock.due_at < now),
            ),
        )
        .group_by(Ticket.agreement_id, SlaClock.target_key, SlaClock.status)
    )
    for clocked, target_key, status, count in await session.execute(due):
        if clocked is not None:  # joined on the bounds' ids: never null
            data[clocked].clocks[target_key][status] = count
    for dispute in await session.scalars(
        select(Dispute)
        .where(
            Dispute.agreement_id.in_(ids),
            Dispute.subject_type == DisputeSubject.CREDIT,
            Dispute.credit_period == str(period),
        )
        .order_by(Dispute.created_at)
    ):
        if dispute.clause_key is not None:
            data[dispute.agreement_id].disputes[dispute.clause_key] = dispute
    return data


def _spans(item: PeriodData, versions: list[AgreementVersion]) -> list[tuple[AgreementVersion, datetime, datetime]]:
    """Each version's share of the period, within the agreement's own term."""
    listed = [v for v in versions if v.effective_from is not None and v.effective_from < item.end]
    agreement_start = item.agreement.effective_from or item.start
    agreement_end = item.agreement.effective_to or item.end
    spans = []
    for index, version in enumerate(listed):
        assert version.effective_from is not None  # listed only those with one
        span_start = max(version.effective_from, agreement_start, item.start)
        handed_over = listed[index + 1].effective_from if index + 1 < len(listed) else None
        span_end = min(handed_over or item.end, agreement_end, item.end)
        if span_start < span_end:
            spans.append((version, span_start, span_end))
    return spans


def assemble_statement(item: PeriodData, period: Period) -> Statement:
    """Charges, attainment and credits of one agreement for one period, from its loaded data (no I/O); marked
    provisional (`freeze` is what makes one final)."""
    agreement = item.agreement
    version_spans = [
        VersionSpan(
            v.number,
            price_lines(item.clauses[v.id]),
            days_in_effect(period, agreement.timezone, a, b, handed_over=index + 1 < len(item.spans)),
        )
        for index, (v, a, b) in enumerate(item.spans)
    ]
    charges: list[Charge] = recurring_charges(version_spans, period)
    attainment: list[TargetAttainment] = []
    credits: list[Credit] = []
    if item.spans:
        last_version = item.spans[-1][0]
        last_clauses = item.clauses[last_version.id]
        last_lines = price_lines(last_clauses)
        quantities = dict(item.usage)
        if item.tickets_opened is not None:
            for line in last_lines:
                if line.unit == "ticket" and line.code not in quantities:
                    quantities[line.code] = Decimal(item.tickets_opened)  # tickets ingested for the agreement
        charges += usage_charges(last_lines, quantities, last_version.number)
        attainment = measure_attainment(item, last_clauses)
        credits = _credits(item, period, last_clauses, attainment, charges)
    lines = [
        StatementLine(
            type="charge",
            code=c.code,
            description=c.description,
            unit=c.unit,
            quantity=_plain(c.quantity.quantize(Decimal("0.0001")).normalize()),
            unit_amount=_plain(c.unit_amount),
            amount=round_money(c.amount, c.currency),
            currency=c.currency,
            version=c.version,
        )
        for c in charges
    ]
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for charge_line in lines:
        totals[charge_line.currency] += charge_line.amount
    for credit in credits:
        if credit.status in PAYABLE:
            totals[credit.currency] -= credit.amount
    return Statement(
        agreement=AgreementRef(
            id=agreement.id, reference=agreement.reference, title=agreement.title, timezone=agreement.timezone
        ),
        period=str(period),
        period_start=item.start,
        period_end=item.end,
        versions=[StatementVersion(number=v.number, from_=a, to=b) for v, a, b in item.spans],
        lines=lines,
        attainment=attainment,
        credits=credits,
        totals=[Total(currency, round_money(amount, currency)) for currency, amount in sorted(totals.items())],
        provisional=True,
        sha256=None,
    )


def _plain(number: Decimal) -> Decimal:
    """The same number without an exponent (`1E+1` → `10`), so it is sent in plain notation."""
    return Decimal(format_decimal(number))


def measure_attainment(item: PeriodData, clauses: list[Clause]) -> list[TargetAttainment]:
    """Each service-level target's attainment in the period, in clause and target order."""
    results = []
    for clause in clauses:
        if clause.kind != ClauseKind.SERVICE_LEVEL:
            continue
        for index, target in enumerate(clause.terms.get("targets", [])):
            key = target.get("key") or f"{clause.key}#{index}"
            # Shown figures are truncated finely enough to agree with the target and every credit tier backing it.
            tiers = [
                Decimal(t["below"])
                for c in clauses
                if c.kind == ClauseKind.SERVICE_CREDIT and c.terms["target"] == key
                for t in c.terms["tiers"]
            ]
            if target["metric"] == Metric.AVAILABILITY:
                results.append(_availability(item, clause.key, key, target, tiers))
            else:
                results.append(_ticket_target(item, clause.key, key, target, tiers))
    return results


def _availability(
    item: PeriodData, clause_key: str, key: str, target: dict[str, Any], tiers: list[Decimal]
) -> TargetAttainment:
    service = (target.get("match") or {}).get("service")
    services = service if isinstance(service, list) else [service] if service else None
    spans = [
        IncidentSpan(i.started_at, i.ended_at, i.kind, i.accepted_at is not None)
        for i in item.incidents
        if services is None or i.service is None or i.service in services
    ]
    by_incidents, downtime = availability(spans, item.start, item.end)
    goal = Decimal(target["percentage"])
    in_period = sum(1 for i in spans if i.start < item.end and i.end > item.start)
    figure = item.measured.get(key)
    by_measurement = Decimal(100 * figure.good) / Decimal(figure.total) if figure is not None and figure.total else None
    # The clause's indicator decides when it was measured in the period; the incidents otherwise.
    measured = by_measurement if by_measurement is not None else by_incidents
    return TargetAttainment(
        target_key=key,
        clause_key=clause_key,
        metric=Metric.AVAILABILITY,
        measured=display_percent(measured, goal, *tiers),
        target=goal,
        met=measured >= goal,
        measured_exact=measured,
        evidence=AttainmentEvidence(incidents=in_period, downtime_seconds=downtime // timedelta(seconds=1)),
        decided_by=DecidedBy.INCIDENTS if by_measurement is None else DecidedBy.MEASURED,
        by_incidents=display_percent(by_incidents, goal, *tiers),
        by_measurement=None
        if figure is None or by_measurement is None
        else MeasuredEvidence(
            indicator=figure.indicator,
            good=figure.good,
            total=figure.total,
            attainment=display_percent(by_measurement, goal, *tiers),
        ),
    )


def _ticket_target(
    item: PeriodData, clause_key: str, key: str, target: dict[str, Any], tiers: list[Decimal]
) -> TargetAttainment:
    """The share of the clocks due in the period that were met."""
    counts = item.clocks.get(key, {})
    met = counts.get(ClockStatus.MET, 0)
    due = sum(counts.values())
    measured = Decimal(100) * Decimal(met) / Decimal(due) if due else None
    goal = Decimal(target["compliance_target"]) if target.get("compliance_target") else None
    shown = [goal] if goal is not None else []
    return TargetAttainment(
        target_key=key,
        clause_key=clause_key,
        metric=Metric(target["metric"]),
        measured=display_percent(measured, *shown, *tiers, places=2) if measured is not None else None,
        target=goal,
        met=None if measured is None or goal is None else measured >= goal,
        measured_exact=measured,
        evidence=AttainmentEvidence(clocks_due=due, clocks_met=met),
    )


def _credits(
    item: PeriodData,
    period: Period,
    clauses: list[Clause],
    attainment: list[TargetAttainment],
    charges: list[Charge],
) -> list[Credit]:
    by_target = {a.target_key: a for a in attainment}
    credits = []
    for clause in clauses:
        if clause.kind != ClauseKind.SERVICE_CREDIT:
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
        claim_by = None
        if terms.get("claim_window"):
            # The customer claims the credit (opens a dispute about it) by the end of the window after the period.
            window = CalendarDuration.of(check_duration(terms["claim_window"], what="claim_window"))
            claim_by = add_calendar(item.end, window, ZoneInfo(item.agreement.timezone))
        if measured is None or measured.measured_exact is None:
            credits.append(
                Credit(
                    clause_key=clause.key,
                    target_key=terms["target"],
                    currency=currency,
                    period=str(period),
                    claim_by=claim_by,
                    status=CreditStatus.NOT_MEASURED,
                    amount=round_money(ZERO, currency),
                    reason="no measurement for the backed target in this period",
                )
            )
            continue
        result = compute_credit(
            tiers,
            measured.measured_exact,
            [c for c in charges if c.unit == "month"],
            currency,
            cap_percent=Decimal(terms["monthly_cap_percent"]) if terms.get("monthly_cap_percent") else None,
            minimum=Decimal(terms["minimum"]["amount"]) if terms.get("minimum") else None,
        )
        credit = Credit(
            clause_key=clause.key,
            target_key=terms["target"],
            currency=currency,
            period=str(period),
            claim_by=claim_by,
            attainment=measured.measured,
            tier=CreditTierReached(result.tier.below, result.tier.credit_percent) if result.tier else None,
            base=round_money(result.base, currency),
            capped=result.capped,
            below_minimum=result.below_minimum,
            amount=result.amount,
            status=CreditStatus.OWED if result.amount > 0 else CreditStatus.NONE,
        )
        credits.append(_disputed(credit, item.disputes.get(clause.key)))
    return credits


def _disputed(credit: Credit, dispute: Dispute | None) -> Credit:
    """A credit under dispute is held; a resolved dispute that set an amount adjusts it."""
    if dispute is None:
        return credit
    credit = msgspec.structs.replace(credit, dispute_id=dispute.id)
    if dispute.status in OPEN_DISPUTE:
        return msgspec.structs.replace(credit, status=CreditStatus.DISPUTED)
    if dispute.status == DisputeStatus.RESOLVED and dispute.adjustment_amount is not None:
        currency = dispute.adjustment_currency or credit.currency
        return msgspec.structs.replace(
            credit,
            status=CreditStatus.ADJUSTED,
            computed_amount=credit.amount,
            amount=round_money(Decimal(dispute.adjustment_amount), currency),
            currency=currency,
        )
    return credit


async def compute_statement(session: AsyncSession, agreement: Agreement, period: Period, *, now: datetime) -> Statement:
    data = await load_period_data(session, [agreement], period, now=now)
    return assemble_statement(data[agreement.id], period)


def frozen_content(statement: Statement) -> dict[str, Any]:
    """What a closed period stores: the statement's JSON without how it is being read."""
    content: dict[str, Any] = msgspec.to_builtins(statement)
    for key in READ_STATE:
        content.pop(key)
    return content


def canonical_json(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def statement_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def thawed(content: dict[str, Any], sha256: str) -> Statement:
    """A frozen statement as it is read back: final, with its hash."""
    return msgspec.convert({**content, "provisional": False, "sha256": sha256}, Statement)
