"""Reading indicators: attainment against objective, error budget remaining and burn rates in the compliance window,
a series over a range at a chosen resolution; and the measured figure that decides a service-level target.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import DateTime, Text, and_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, SliMeasurement, SloAlertState
from services.actors import Actor
from services.agreements.reads import clauses_for, current_version
from services.errors import InvalidInput
from services.scoping import get_readable_agreement
from services.values import InvalidValue, check_duration, check_instant
from services.verification.alerts import HISTORY
from services.verification.budgets import (
    Counts,
    CountsByEnd,
    attainment,
    error_budget,
    read_alerts,
    shown,
    shown_rounded,
)
from services.verification.definitions import IndicatorDefinition, compliance_window, indicator_definitions

MAX_POINTS = 2000
MIN_RESOLUTION = timedelta(minutes=1)


class ErrorBudgetView(msgspec.Struct):
    allowed_bad: str  # events that may be bad in the window so far (exact decimal)
    consumed_bad: int
    remaining_percent: str  # 100 untouched, 0 spent, negative overspent
    exhausted: bool


class BurnRateView(msgspec.Struct):
    alert: str
    budget_percent: str
    long_window: str
    short_window: str
    threshold: str
    long_burn_rate: str | None
    short_burn_rate: str | None
    firing: bool


class SeriesPoint(msgspec.Struct):
    start: datetime
    end: datetime
    good: int
    total: int
    attainment: str | None


class IndicatorView(msgspec.Struct):
    key: str
    clause_key: str
    description: str | None
    method: str
    source_role: str
    objective: str
    compliance_window: str
    window_start: datetime
    window_end: datetime
    good: int
    total: int
    attainment: str | None  # percent of good events in the window so far, truncated to 4 decimals
    met: bool | None
    decides_target: str | None
    error_budget: ErrorBudgetView
    burn_rates: list[BurnRateView]
    open_episodes: list[str]  # conditions whose alert episode is open (`budget_exhausted` or an alert's name)
    series: list[SeriesPoint]


class IndicatorsView(msgspec.Struct):
    agreement_id: uuid.UUID
    as_of: datetime
    indicators: list[IndicatorView]


class SeriesRange(msgspec.Struct):
    start: datetime
    end: datetime
    resolution: str = "PT1H"


async def agreement_indicators(
    session: AsyncSession,
    actor: Actor,
    agreement_id: uuid.UUID,
    *,
    now: datetime,
    as_of: datetime | None = None,
    series: SeriesRange | None = None,
) -> IndicatorsView:
    """The indicators of the version in effect at `as_of` (default now) that the caller's role may see."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id)
    at = _instant(as_of, "as_of") if as_of is not None else now
    buckets = _buckets(series) if series is not None else []
    version = await current_version(session, agreement.id, as_of=at)
    definitions = indicator_definitions((await clauses_for(session, [version.id]))[version.id], role) if version else {}
    return IndicatorsView(
        agreement_id=agreement.id,
        as_of=at,
        indicators=[
            await _indicator(session, agreement, definition, at, buckets) for definition in definitions.values()
        ],
    )


def _instant(value: datetime, name: str) -> datetime:
    try:
        return check_instant(value, what=name)
    except InvalidValue as exc:
        raise InvalidInput(str(exc), field=name) from None


def _buckets(series: SeriesRange) -> list[tuple[datetime, datetime]]:
    start, end = _instant(series.start, "from"), _instant(series.end, "to")
    if end <= start:
        raise InvalidInput("`to` must be after `from`", field="to")
    try:
        step = check_duration(series.resolution, what="resolution")
    except InvalidValue as exc:
        raise InvalidInput(str(exc), field="resolution") from None
    if not isinstance(step, timedelta) or step < MIN_RESOLUTION:
        raise InvalidInput(
            "resolution is a fixed duration of at least one minute, e.g. PT1H or P1D", field="resolution"
        )
    if (end - start) / step > MAX_POINTS:
        raise InvalidInput(f"at most {MAX_POINTS} points: widen the resolution or narrow the range", field="resolution")
    points, cursor = [], start
    while cursor < end:
        points.append((cursor, min(cursor + step, end)))
        cursor += step
    return points


async def _indicator(
    session: AsyncSession,
    agreement: Agreement,
    definition: IndicatorDefinition,
    at: datetime,
    buckets: list[tuple[datetime, datetime]],
) -> IndicatorView:
    earliest = min([at - HISTORY, *(start for start, _ in buckets)])
    latest = max([at, *(end for _, end in buckets)])
    rows = await session.execute(
        select(SliMeasurement.window_end, SliMeasurement.good, SliMeasurement.total).where(
            SliMeasurement.agreement_id == agreement.id,
            SliMeasurement.indicator == definition.key,
            SliMeasurement.window_end > earliest,
            SliMeasurement.window_end <= latest,
        )
    )
    counts = CountsByEnd((end, good, total) for end, good, total in rows)
    objective = definition.objective
    start, end = compliance_window(definition.terms, at, agreement.timezone)
    in_window = counts.between(start, at)
    budget = error_budget(in_window, objective)
    measured = attainment(in_window)
    written = {alert.name: alert for alert in definition.terms.burn_rate_alerts}
    open_episodes = await session.scalars(
        select(SloAlertState.condition)
        .where(
            SloAlertState.agreement_id == agreement.id,
            SloAlertState.indicator == definition.key,
            SloAlertState.firing.is_(True),
        )
        .order_by(SloAlertState.condition)
    )
    return IndicatorView(
        key=definition.key,
        clause_key=definition.clause_key,
        description=definition.terms.description,
        method=definition.terms.method,
        source_role=definition.terms.source.role,
        objective=definition.terms.objective,
        compliance_window=definition.terms.compliance_window,
        window_start=start,
        window_end=end,
        good=in_window.good,
        total=in_window.total,
        attainment=shown(measured, 4),
        met=None if measured is None else measured >= objective.percent,
        decides_target=definition.terms.decides_target,
        error_budget=ErrorBudgetView(
            allowed_bad=shown_rounded(budget.allowed_bad, 4) or "0",
            consumed_bad=budget.consumed_bad,
            remaining_percent=shown(budget.remaining_percent, 2) or "100",
            exhausted=budget.exhausted,
        ),
        burn_rates=[
            BurnRateView(
                alert=reading.rule.name,
                budget_percent=written[reading.rule.name].budget_percent,
                long_window=written[reading.rule.name].long_window,
                short_window=written[reading.rule.name].short_window,
                threshold=shown_rounded(reading.threshold, 2) or "0",
                long_burn_rate=shown_rounded(reading.long_burn_rate, 2),
                short_burn_rate=shown_rounded(reading.short_burn_rate, 2),
                firing=reading.firing,
            )
            for reading in read_alerts(counts, objective, definition.alert_rules, at, end - start)
        ],
        open_episodes=list(open_episodes),
        series=[_point(counts.between(a, b), a, b) for a, b in buckets],
    )


def _point(counts: Counts, start: datetime, end: datetime) -> SeriesPoint:
    return SeriesPoint(
        start=start, end=end, good=counts.good, total=counts.total, attainment=shown(attainment(counts), 4)
    )


class MeasuredFigure(msgspec.Struct):
    """The measured attainment of the indicator that decides a service-level target over a period."""

    indicator: str
    target_key: str
    attainment: str | None  # exact percent as a decimal string (None without events)
    good: int
    total: int


@dataclass(frozen=True)
class MeasuredPeriod:
    """What billing asks of one agreement: the figures of the indicators that decide its targets over `(start, end]`."""

    agreement_id: uuid.UUID
    definitions: dict[str, IndicatorDefinition]
    start: datetime
    end: datetime


async def measured_attainments(
    session: AsyncSession, asked: Sequence[MeasuredPeriod]
) -> dict[uuid.UUID, dict[str, MeasuredFigure]]:
    """For billing: per agreement, per service-level target key that an indicator `decides_target`s, the indicator's
    figure over the period `(start, end]` (its measurements ending in it). One statement whatever the number of
    agreements; callers pass agreements they already scoped and the definitions of the versions they bill. A deciding
    indicator with no measurement in the period has no figure (the incidents decide)."""
    deciding = [
        (item.agreement_id, d.terms.decides_target, d.key, item.start, item.end)
        for item in asked
        for d in item.definitions.values()
        if d.terms.decides_target
    ]
    if not deciding:
        return {}
    wanted = (
        func.unnest(
            bindparam("measured_ids", [row[0] for row in deciding], type_=ARRAY(PG_UUID(as_uuid=True))),
            bindparam("measured_targets", [row[1] for row in deciding], type_=ARRAY(Text)),
            bindparam("measured_indicators", [row[2] for row in deciding], type_=ARRAY(Text)),
            bindparam("measured_starts", [row[3] for row in deciding], type_=ARRAY(DateTime(timezone=True))),
            bindparam("measured_ends", [row[4] for row in deciding], type_=ARRAY(DateTime(timezone=True))),
        )
        .table_valued("id", "target", "indicator", "starts", "ends")
        .render_derived()
    )
    rows = await session.execute(
        select(
            wanted.c.id,
            wanted.c.target,
            wanted.c.indicator,
            func.coalesce(func.sum(SliMeasurement.good), 0),
            func.coalesce(func.sum(SliMeasurement.total), 0),
        )
        .select_from(wanted)
        .join(
            SliMeasurement,
            and_(
                SliMeasurement.agreement_id == wanted.c.id,
                SliMeasurement.indicator == wanted.c.indicator,
                SliMeasurement.window_end > wanted.c.starts,
                SliMeasurement.window_end <= wanted.c.ends,
            ),
        )
        .group_by(wanted.c.id, wanted.c.target, wanted.c.indicator)
    )
    figures: dict[uuid.UUID, dict[str, MeasuredFigure]] = defaultdict(dict)
    for agreement_id, target_key, indicator, good, total in rows:
        counts = Counts(int(good), int(total))
        exact = attainment(counts)
        if exact is None:
            continue
        figures[agreement_id][target_key] = MeasuredFigure(
            indicator=indicator,
            target_key=target_key,
            attainment=shown(exact, 12),
            good=counts.good,
            total=counts.total,
        )
    return dict(figures)


async def measured_attainment(
    session: AsyncSession,
    agreement: Agreement,
    definitions: dict[str, IndicatorDefinition],
    start: datetime,
    end: datetime,
) -> dict[str, MeasuredFigure]:
    """`measured_attainments` for one agreement."""
    found = await measured_attainments(session, [MeasuredPeriod(agreement.id, definitions, start, end)])
    return found.get(agreement.id, {})
