"""Composing one agreement's service report for one completed period from what the service already records:
the billing figures (frozen statement of a closed period, or computed), ticket clocks, incidents, SLI measurements,
disputes, reviews and versions. Deterministic: the same records give the same canonical JSON and hash."""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Agreement,
    AgreementVersion,
    Clause,
    Dispute,
    FrozenStatement,
    Incident,
    Review,
    SlaClock,
    SliMeasurement,
    Ticket,
)
from db.models import ServiceReport as ServiceReportRow
from db.values import ClauseKind, ClockStatus, DisputeStatus, IncidentKind, ReviewStatus
from services.agreements.clause_terms import ReportingTerms
from services.billing.figures import (
    PeriodData,
    assemble_statement,
    canonical_json,
    load_period_data,
    measure_attainment,
    thawed,
)
from services.billing.views import Credit, Statement, TargetAttainment, Total
from services.periods import Frequency, Period, ReportPeriod
from services.reports.views import (
    READ_STATE,
    SIGNATORY_ONLY,
    AttainmentTrend,
    BreachCount,
    DisputeCounts,
    IndicatorFigure,
    ReportedIncident,
    ReviewState,
    ServiceReport,
    TrendPoint,
    VersionChange,
)
from services.ticketing.views import AgreementRef
from services.verification.budgets import Counts, Objective, attainment, error_budget
from services.verification.definitions import indicator_definitions

TREND_PERIODS = 12
CLOSED_DISPUTES = (DisputeStatus.RESOLVED, DisputeStatus.REJECTED, DisputeStatus.WITHDRAWN)
SIGNATORIES, THIRD_PARTY = "signatories", "third_party"


def reporting_terms(clauses: list[Clause]) -> ReportingTerms | None:
    """The version's `reporting` clause terms (the first one, if several), or None."""
    for clause in clauses:
        if clause.kind == ClauseKind.REPORTING:
            return msgspec.convert(clause.terms, ReportingTerms)
    return None


async def compose_report(
    session: AsyncSession, agreement: Agreement, period: ReportPeriod, *, now: datetime
) -> ServiceReport | None:
    """The signatories' report for the period, or None when the version in effect at its end has no `reporting`
    clause (or the agreement was not in effect)."""
    item = (await load_period_data(session, [agreement], period, now=now))[agreement.id]
    if not item.spans:
        return None
    clauses = item.clauses[item.spans[-1][0].id]
    terms = reporting_terms(clauses)
    if terms is None:
        return None
    wanted = set(terms.contents)
    reference, attainment, credits, totals = await _figures(session, item, period, now=now)
    report = ServiceReport(
        agreement=reference,
        period=str(period),
        period_start=item.start,
        period_end=item.end,
        contents=[name for name in terms.contents],
        audience=SIGNATORIES,
    )
    if "attainment" in wanted:
        report.attainment = attainment
        report.trend = await _trend(session, agreement.id, period, attainment)
    if "breaches" in wanted:
        # Every version in effect during the period: a clock counts under the target it ran against.
        priorities: dict[str, str | None] = {}
        for version, _, _ in item.spans:
            priorities |= target_priorities(item.clauses[version.id])
        report.breaches = await _breaches(session, agreement.id, priorities, item.start, item.end)
    if "incidents" in wanted:
        report.incidents = await _incidents(session, agreement.id, item.start, item.end)
    if wanted & {"indicators", "error_budget"}:
        report.indicators = await _indicators(session, agreement.id, clauses, item.start, item.end)
    if "credits" in wanted:
        report.credits = credits
        report.totals = totals
    if "disputes" in wanted:
        report.disputes = await _disputes(session, agreement.id, item.start, item.end)
    if "review" in wanted:
        report.review = await _reviews(session, agreement.id, item.start, item.end)
    if "changes" in wanted:
        report.changes = await _changes(session, agreement.id, item.start, item.end)
    return report


async def _statement(session: AsyncSession, agreement: Agreement, month: Period, *, now: datetime) -> Statement:
    """A month's statement: exactly what was frozen for a closed month (as a monthly report shows it), what the
    records say now for an open one."""
    frozen = await session.get(FrozenStatement, (agreement.id, str(month)))
    if frozen is not None:
        return thawed(frozen.content, frozen.sha256)
    return assemble_statement((await load_period_data(session, [agreement], month, now=now))[agreement.id], month)


async def _figures(
    session: AsyncSession, item: PeriodData, period: ReportPeriod, *, now: datetime
) -> tuple[AgreementRef, list[TargetAttainment], list[Credit], list[Total]]:
    """The period's attainment per target, and the credits and totals of the billing months it covers.

    A monthly report shows its month's statement. A longer one measures attainment over the whole period (downtime
    against the quarter's or year's length, the clocks due in it) and lists the credits of each month in it, which
    are computed monthly as billing computes them, with the totals summed per currency. A week covers no whole month:
    its report has attainment but no credits."""
    agreement = item.agreement
    if period.frequency == Frequency.MONTHLY:
        month = Period(period.year, period.number)
        frozen = await session.get(FrozenStatement, (agreement.id, str(month)))
        statement = thawed(frozen.content, frozen.sha256) if frozen is not None else assemble_statement(item, month)
        return statement.agreement, statement.attainment, statement.credits, statement.totals
    attainment = measure_attainment(item, item.clauses[item.spans[-1][0].id])
    credits: list[Credit] = []
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for month in period.months():
        statement = await _statement(session, agreement, month, now=now)
        credits += statement.credits
        for total in statement.totals:
            sums[total.currency] += total.amount
    reference = AgreementRef(
        id=agreement.id, reference=agreement.reference, title=agreement.title, timezone=agreement.timezone
    )
    return reference, attainment, credits, [Total(currency, amount) for currency, amount in sorted(sums.items())]


def report_content(report: ServiceReport) -> dict[str, Any]:
    """What is frozen and hashed: the report's JSON without how it is being read."""
    content: dict[str, Any] = msgspec.to_builtins(report)
    for key in READ_STATE:
        content.pop(key, None)
    return content


def content_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def third_party_content(content: dict[str, Any]) -> dict[str, Any]:
    """A third party's rendering of a frozen report: no cost or credit figure, and `credits` not even named among
    the contents."""
    redacted = {key: value for key, value in content.items() if key not in SIGNATORY_ONLY}
    redacted["contents"] = [name for name in content["contents"] if name not in SIGNATORY_ONLY]
    redacted["audience"] = THIRD_PARTY
    return redacted


async def _trend(
    session: AsyncSession, agreement_id: uuid.UUID, period: ReportPeriod, current: list[TargetAttainment]
) -> list[AttainmentTrend]:
    """Each target's attainment over the last 12 periods of the report's frequency, this one from the report itself.
    Earlier months come from their frozen statements (closed months only); earlier weeks, quarters and years from the
    reports published for them."""
    periods = [period]
    while len(periods) < TREND_PERIODS:
        periods.append(periods[-1].previous())
    periods.reverse()
    names = [str(p) for p in periods[:-1]]
    if period.frequency == Frequency.MONTHLY:
        rows = await session.execute(
            select(FrozenStatement.period, FrozenStatement.content["attainment"]).where(
                FrozenStatement.agreement_id == agreement_id, FrozenStatement.period.in_(names)
            )
        )
    else:
        rows = await session.execute(
            select(ServiceReportRow.period, ServiceReportRow.content["attainment"]).where(
                ServiceReportRow.agreement_id == agreement_id, ServiceReportRow.period.in_(names)
            )
        )
    earlier = {name: {t["target_key"]: t["measured"] for t in figures or []} for name, figures in rows}
    trend = []
    for target in current:
        points = []
        for name in names:
            if name not in earlier:
                continue  # no frozen figure for it (not closed, not published, or not in effect)
            measured = earlier[name].get(target.target_key)
            points.append(TrendPoint(name, None if measured is None else Decimal(measured)))
        points.append(TrendPoint(str(period), target.measured))
        trend.append(AttainmentTrend(target_key=target.target_key, target=target.target, points=points))
    return trend


def target_priorities(clauses: list[Clause]) -> dict[str, str | None]:
    """Each service-level target's priority (its `match.priority`): what a breach of its clocks is reported under."""
    return {
        target["key"]: (target.get("match") or {}).get("priority")
        for clause in clauses
        if clause.kind == ClauseKind.SERVICE_LEVEL
        for target in clause.terms.get("targets", [])
    }


async def _breaches(
    session: AsyncSession, agreement_id: uuid.UUID, priorities: dict[str, str | None], start: datetime, end: datetime
) -> list[BreachCount]:
    """Clocks of the agreement's tickets that breached with a due time in the period, by priority and metric."""
    rows = await session.execute(
        select(SlaClock.target_key, SlaClock.metric, func.count())
        .join(Ticket, Ticket.id == SlaClock.ticket_id)
        .where(
            Ticket.agreement_id == agreement_id,
            SlaClock.status == ClockStatus.BREACHED,
            SlaClock.due_at >= start,
            SlaClock.due_at < end,
        )
        .group_by(SlaClock.target_key, SlaClock.metric)
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for target_key, metric, n in rows:
        counts[(priorities.get(target_key) or "", metric)] += n
    return [
        BreachCount(priority=priority or None, metric=metric, breached=n)
        for (priority, metric), n in sorted(counts.items())
    ]


async def _incidents(
    session: AsyncSession, agreement_id: uuid.UUID, start: datetime, end: datetime
) -> list[ReportedIncident]:
    rows = await session.scalars(
        select(Incident)
        .where(Incident.agreement_id == agreement_id, Incident.started_at < end, Incident.ended_at > start)
        .order_by(Incident.started_at, Incident.id)
    )
    return [
        ReportedIncident(
            id=i.id,
            kind=i.kind,
            service=i.service,
            started_at=i.started_at,
            ended_at=i.ended_at,
            accepted_maintenance=i.kind == IncidentKind.MAINTENANCE and i.accepted_at is not None,
        )
        for i in rows
    ]


def _percent(value: Fraction, places: int) -> Decimal:
    """An exact fraction as a decimal truncated to `places` (truncated, so a shown figure never claims more)."""
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_DOWN)


async def _indicators(
    session: AsyncSession, agreement_id: uuid.UUID, clauses: list[Clause], start: datetime, end: datetime
) -> list[IndicatorFigure]:
    """Each measured indicator over the period (measurements whose window ends in it) against its objective."""
    figures = []
    for key, definition in sorted(indicator_definitions(clauses).items()):
        good, total = (
            await session.execute(
                select(
                    func.coalesce(func.sum(SliMeasurement.good), 0), func.coalesce(func.sum(SliMeasurement.total), 0)
                ).where(
                    SliMeasurement.agreement_id == agreement_id,
                    SliMeasurement.indicator == key,
                    SliMeasurement.window_end > start,
                    SliMeasurement.window_end <= end,
                )
            )
        ).one()
        counts = Counts(int(good), int(total))
        objective = definition.objective
        exact = attainment(counts)
        figures.append(
            IndicatorFigure(
                indicator=key,
                objective=objective.percent,
                good=counts.good,
                total=counts.total,
                attainment=None if exact is None else _percent(exact, 4),
                met=None if exact is None else exact >= Fraction(objective.percent),
                budget_remaining_percent=_percent(
                    error_budget(counts, Objective(objective.percent)).remaining_percent, 2
                ),
            )
        )
    return figures


async def _disputes(session: AsyncSession, agreement_id: uuid.UUID, start: datetime, end: datetime) -> DisputeCounts:
    rows = list(
        await session.execute(
            select(Dispute.status, Dispute.created_at, Dispute.closed_at).where(
                Dispute.agreement_id == agreement_id, Dispute.created_at < end
            )
        )
    )
    open_at_end = sum(1 for _, _, closed in rows if closed is None or closed >= end)
    resolved = sum(
        1 for status, _, closed in rows if status in CLOSED_DISPUTES and closed is not None and start <= closed < end
    )
    return DisputeCounts(open_at_period_end=open_at_end, resolved_in_period=resolved)


async def _reviews(session: AsyncSession, agreement_id: uuid.UUID, start: datetime, end: datetime) -> list[ReviewState]:
    """Reviews due in the period, and the next one due after it, as they stand now."""
    in_period = list(
        await session.scalars(
            select(Review)
            .where(
                Review.agreement_id == agreement_id,
                Review.due_at >= start,
                Review.due_at < end,
                Review.status != ReviewStatus.CANCELLED,
            )
            .order_by(Review.due_at, Review.id)
        )
    )
    following = await session.scalar(
        select(Review)
        .where(Review.agreement_id == agreement_id, Review.due_at >= end, Review.status != ReviewStatus.CANCELLED)
        .order_by(Review.due_at, Review.id)
        .limit(1)
    )
    return [
        ReviewState(status=r.status, due_at=r.due_at, outcome=r.outcome)
        for r in [*in_period, *([following] if following is not None else [])]
    ]


async def _changes(
    session: AsyncSession, agreement_id: uuid.UUID, start: datetime, end: datetime
) -> list[VersionChange]:
    """Versions that took effect in the period."""
    rows = await session.scalars(
        select(AgreementVersion)
        .where(
            AgreementVersion.agreement_id == agreement_id,
            AgreementVersion.effective_from >= start,
            AgreementVersion.effective_from < end,
        )
        .order_by(AgreementVersion.number)
    )
    return [VersionChange(number=v.number, summary=v.summary, effective_from=v.effective_from) for v in rows]
