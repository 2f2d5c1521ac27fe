"""Recording SLI measurements posted by the data source a verification clause names.

A batch is checked whole before anything is stored: each item names an indicator of the version in effect, carries
the shape of its method (a ratio window's good and total events, or a threshold sample's instant and value), comes
from the indicator's declared source (party role, and API client when the clause names one), and falls in no closed
billing period. The same indicator and window again with the same figures is a no-op; with other figures, a conflict.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BillingPeriod, SliMeasurement
from services import policy
from services.actors import Actor
from services.agreements.clause_terms import IndicatorThreshold
from services.agreements.reads import clauses_for, current_version
from services.errors import Conflict, FieldProblem, Forbidden, InvalidInput
from services.periods import Period
from services.policy import Action
from services.scoping import get_readable_agreement
from services.values import InvalidValue, check_instant, parse_decimal
from services.verification.alerts import evaluate_alerts
from services.verification.definitions import IndicatorDefinition, indicator_definitions

MAX_BATCH = 1000
MAX_WINDOW = timedelta(days=31)
MAX_EVENTS = 10**15
FUTURE_TOLERANCE = timedelta(minutes=5)


class MeasurementInput(msgspec.Struct, forbid_unknown_fields=True):
    """A ratio window (`window_start`, `window_end`, `good`, `total`) or a threshold sample (`at`, `value`)."""

    indicator: str
    window_start: datetime | None = None
    window_end: datetime | None = None
    good: int | None = None
    total: int | None = None
    at: datetime | None = None
    value: str | None = None


class MeasurementBatch(msgspec.Struct, forbid_unknown_fields=True):
    measurements: list[MeasurementInput]


class MeasurementsRecorded(msgspec.Struct):
    recorded: int  # new measurements stored
    unchanged: int  # the same indicator, window and figures sent again
    events: list[str]  # the alert events the new data caused, in order


@dataclass
class _Row:
    indicator: str
    window_start: datetime
    window_end: datetime
    good: int
    total: int
    value: str | None = None
    where: str = ""
    problems: list[FieldProblem] = field(default_factory=list)


async def record_measurements(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, batch: MeasurementBatch, *, now: datetime
) -> MeasurementsRecorded:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.RECORD_MEASUREMENT, actor, role)
    if not batch.measurements:
        raise InvalidInput("a batch holds at least one measurement", field="measurements")
    if len(batch.measurements) > MAX_BATCH:
        raise InvalidInput(f"a batch holds at most {MAX_BATCH} measurements", field="measurements")
    version = await current_version(session, agreement.id, as_of=now)
    definitions = indicator_definitions((await clauses_for(session, [version.id]))[version.id]) if version else {}
    rows = [_checked(item, index, definitions, now=now) for index, item in enumerate(batch.measurements)]
    problems = [problem for row in rows for problem in row.problems]
    if problems:
        raise InvalidInput(
            f"{len(problems)} measurement problem(s), first: {problems[0].field}: {problems[0].message}",
            problems=problems,
        )
    for row in rows:
        _require_source(definitions[row.indicator], actor, role, row.where)
    _refuse_batch_repeats(rows)
    await _refuse_closed_periods(session, rows, agreement.timezone)
    existing = await _existing(session, agreement.id, rows)
    new_rows, unchanged = [], 0
    for row in rows:
        stored = existing.get((row.indicator, row.window_start, row.window_end))
        if stored is None:
            new_rows.append(row)
        elif (stored.good, stored.total, stored.value) == (row.good, row.total, row.value):
            unchanged += 1
        else:
            raise Conflict(
                f"{row.where}: indicator {row.indicator!r} already has a measurement for this window with other "
                "figures; measurements are not overwritten",
                "measurement_window_reused",
            )
    if new_rows:
        await session.execute(
            insert(SliMeasurement)
            .values(
                [
                    {
                        "id": uuid.uuid4(),
                        "agreement_id": agreement.id,
                        "indicator": row.indicator,
                        "window_start": row.window_start,
                        "window_end": row.window_end,
                        "good": row.good,
                        "total": row.total,
                        "value": row.value,
                        "reported_by_party_id": actor.party_id,
                        "reported_by_client_id": actor.client_id,
                        "created_at": now,
                    }
                    for row in new_rows
                ]
            )
            # A concurrent batch with the same window got there first: the agreement row lock makes this rare.
            .on_conflict_do_nothing()
        )
    instants: dict[str, list[datetime]] = defaultdict(list)
    for row in new_rows:
        instants[row.indicator].append(row.window_end)
    events: list[str] = []
    for key in sorted(instants):
        events += await evaluate_alerts(session, actor, agreement, definitions[key], instants[key], now=now)
    await session.flush()
    return MeasurementsRecorded(recorded=len(new_rows), unchanged=unchanged, events=events)


def _checked(item: MeasurementInput, index: int, definitions: dict[str, IndicatorDefinition], *, now: datetime) -> _Row:
    where = f"measurements[{index}]"
    definition = definitions.get(item.indicator)
    row = _Row(item.indicator, now, now, 0, 0, where=where)

    def problem(name: str, message: str) -> _Row:
        row.problems.append(FieldProblem(f"{where}.{name}", message))
        return row

    if definition is None:
        known = ", ".join(sorted(definitions)) or "none"
        return problem("indicator", f"no indicator {item.indicator!r} in the version in effect (indicators: {known})")
    if definition.terms.method == "ratio":
        for name in ("at", "value"):
            if getattr(item, name) is not None:
                return problem(name, f"a ratio indicator takes window_start, window_end, good and total, not {name}")
        for name in ("window_start", "window_end", "good", "total"):
            if getattr(item, name) is None:
                return problem(name, f"a ratio measurement needs {name}")
        assert item.window_start and item.window_end and item.good is not None and item.total is not None
        for name in ("window_start", "window_end"):
            try:
                check_instant(getattr(item, name), what=name)
            except InvalidValue as exc:
                return problem(name, str(exc))
        if item.window_end <= item.window_start:
            return problem("window_end", "window_end must be after window_start")
        if item.window_end - item.window_start > MAX_WINDOW:
            return problem("window_end", "a measurement window lasts at most 31 days")
        if not 0 <= item.total <= MAX_EVENTS:
            return problem("total", f"total must be a whole number from 0 to {MAX_EVENTS}")
        if not 0 <= item.good <= item.total:
            return problem("good", "good must be a whole number from 0 to total")
        row.window_start, row.window_end, row.good, row.total = (
            item.window_start,
            item.window_end,
            item.good,
            item.total,
        )
    else:
        for name in ("window_start", "window_end", "good", "total"):
            if getattr(item, name) is not None:
                return problem(name, f"a threshold indicator takes a sample's at and value, not {name}")
        for name in ("at", "value"):
            if getattr(item, name) is None:
                return problem(name, f"a threshold sample needs {name}")
        assert item.at is not None and item.value is not None and definition.terms.threshold is not None
        try:
            check_instant(item.at, what="at")
            value = parse_decimal(item.value, what="value")
        except InvalidValue as exc:
            return problem(exc.field or "value", str(exc))
        good = int(meets(definition.terms.threshold, value))
        row.window_start, row.window_end, row.good, row.total, row.value = item.at, item.at, good, 1, item.value
    if row.window_end > now + FUTURE_TOLERANCE:
        return problem(
            "window_end" if definition.terms.method == "ratio" else "at", "measurements cannot be of the future"
        )
    return row


def meets(threshold: IndicatorThreshold, value: Decimal) -> bool:
    limit = Decimal(threshold.limit)
    return {"le": value <= limit, "lt": value < limit, "ge": value >= limit, "gt": value > limit}[threshold.op]


def _require_source(definition: IndicatorDefinition, actor: Actor, role: str | None, where: str) -> None:
    source = definition.terms.source
    if role != source.role or (source.integration is not None and actor.client_id != source.integration):
        declared = source.role + (f" through integration {source.integration!r}" if source.integration else "")
        raise Forbidden(
            f"{where}: indicator {definition.key!r} is measured by its declared data source ({declared}), not by you",
            "not_the_data_source",
        )


def _refuse_batch_repeats(rows: list[_Row]) -> None:
    seen: dict[tuple[str, datetime, datetime], _Row] = {}
    for row in rows:
        key = (row.indicator, row.window_start, row.window_end)
        first = seen.setdefault(key, row)
        if first is not row and (first.good, first.total, first.value) != (row.good, row.total, row.value):
            raise InvalidInput(
                f"{row.where} repeats the window of {first.where} with other figures", field=f"{row.where}.indicator"
            )


async def _refuse_closed_periods(session: AsyncSession, rows: list[_Row], zone: str) -> None:
    """Late data for a closed billing period is refused, as incidents are (correct it in the current period)."""
    tz = ZoneInfo(zone)
    months = {
        str(Period(at.astimezone(tz).year, at.astimezone(tz).month))
        for row in rows
        for at in (row.window_start, max(row.window_start, row.window_end - timedelta(microseconds=1)))
    }
    closed = sorted(await session.scalars(select(BillingPeriod.period).where(BillingPeriod.period.in_(months))))
    if closed:
        raise Conflict(
            f"period {', '.join(closed)} is closed; measurements for it are no longer accepted", "period_closed"
        )


async def _existing(
    session: AsyncSession, agreement_id: uuid.UUID, rows: list[_Row]
) -> dict[tuple[str, datetime, datetime], SliMeasurement]:
    keys = list({(row.indicator, row.window_start, row.window_end) for row in rows})
    found = await session.scalars(
        select(SliMeasurement).where(
            SliMeasurement.agreement_id == agreement_id,
            tuple_(SliMeasurement.indicator, SliMeasurement.window_start, SliMeasurement.window_end).in_(keys),
        )
    )
    return {(m.indicator, m.window_start, m.window_end): m for m in found}
