"""Burn-rate and budget alerts of an indicator, evaluated at each instant new data closes, emitted once per episode.

Each condition (a burn-rate alert by name, or `budget_exhausted`) has a state row; an event is recorded only when the
condition changes: `slo.burn_rate_high` or `slo.budget_exhausted` when an episode opens, `slo.recovered` when it
ends. Data for instants before the last evaluated one (late or re-sent measurements) does not re-open past episodes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, SliMeasurement, SloAlertState
from db.values import EventType
from services.actors import Actor
from services.events import record_event
from services.scoping import signatory_party_ids
from services.verification.budgets import CountsByEnd, error_budget, read_alerts, shown, shown_rounded
from services.verification.definitions import IndicatorDefinition, compliance_window

BUDGET_EXHAUSTED = "budget_exhausted"
# Enough history for the longest window there is: a calendar month (31 days) or 28 rolling days, and alert windows
# (at most 28 days, checked on the clause).
HISTORY = timedelta(days=32)


class ComplianceWindowOut(msgspec.Struct):
    """The compliance window an alert was judged in."""

    start: datetime
    end: datetime
    kind: str  # `calendar_month` or `rolling_28d`


class SloAlertData(msgspec.Struct):
    """The `slo.*` events' payload: the indicator, the window and the alert; a burn-rate rule's figures for
    `slo.burn_rate_high` (and its `slo.recovered`), the bad events counted for `slo.budget_exhausted`."""

    indicator: str
    clause_key: str
    objective: str
    at: datetime
    compliance_window: ComplianceWindowOut
    error_budget_remaining_percent: str | None
    alert: str
    budget_percent: str | msgspec.UnsetType = msgspec.UNSET
    long_window: str | msgspec.UnsetType = msgspec.UNSET
    short_window: str | msgspec.UnsetType = msgspec.UNSET
    threshold: str | None | msgspec.UnsetType = msgspec.UNSET
    long_burn_rate: str | None | msgspec.UnsetType = msgspec.UNSET
    short_burn_rate: str | None | msgspec.UnsetType = msgspec.UNSET
    consumed_bad: int | msgspec.UnsetType = msgspec.UNSET


async def evaluate_alerts(
    session: AsyncSession,
    actor: Actor | None,
    agreement: Agreement,
    definition: IndicatorDefinition,
    instants: Sequence[datetime],
    *,
    now: datetime,
) -> list[str]:
    """Evaluate the indicator's conditions at each of `instants` (data times, ascending) not yet evaluated; record
    the events of the transitions; return their types in order."""
    states = {
        state.condition: state
        for state in await session.scalars(
            select(SloAlertState)
            .where(SloAlertState.agreement_id == agreement.id, SloAlertState.indicator == definition.key)
            .with_for_update()
        )
    }
    evaluated = max((s.evaluated_at for s in states.values()), default=None)
    pending = sorted({t for t in instants if evaluated is None or t > evaluated})
    if not pending:
        return []
    rows = await session.execute(
        select(SliMeasurement.window_end, SliMeasurement.good, SliMeasurement.total).where(
            SliMeasurement.agreement_id == agreement.id,
            SliMeasurement.indicator == definition.key,
            SliMeasurement.window_end > pending[0] - HISTORY,
            SliMeasurement.window_end <= pending[-1],
        )
    )
    counts = CountsByEnd((end, good, total) for end, good, total in rows)
    objective, rules = definition.objective, definition.alert_rules
    firing = {condition: state.firing for condition, state in states.items()}
    stored = set(states)
    written = {alert.name: alert for alert in definition.terms.burn_rate_alerts}
    audience = (
        None if definition.shared_with_third_parties else sorted(await signatory_party_ids(session, agreement.id))
    )
    emitted: list[str] = []
    for at in pending:
        start, end = compliance_window(definition.terms, at, agreement.timezone)
        budget = error_budget(counts.between(start, at), objective)
        readings = read_alerts(counts, objective, rules, at, end - start)
        now_firing = {reading.rule.name: reading.firing for reading in readings}
        now_firing[BUDGET_EXHAUSTED] = budget.exhausted
        base = SloAlertData(
            indicator=definition.key,
            clause_key=definition.clause_key,
            objective=definition.terms.objective,
            at=at,
            compliance_window=ComplianceWindowOut(start, end, definition.terms.compliance_window),
            error_budget_remaining_percent=shown(budget.remaining_percent, 2),
            alert="",
        )
        for reading in readings:
            name = reading.rule.name
            if now_firing[name] == firing.get(name, False):
                continue
            payload = msgspec.structs.replace(
                base,
                alert=name,
                budget_percent=written[name].budget_percent,
                long_window=written[name].long_window,
                short_window=written[name].short_window,
                threshold=shown_rounded(reading.threshold, 2),
                long_burn_rate=shown_rounded(reading.long_burn_rate, 2),
                short_burn_rate=shown_rounded(reading.short_burn_rate, 2),
            )
            kind = EventType.SLO_BURN_RATE_HIGH if now_firing[name] else EventType.SLO_RECOVERED
            await record_event(
                session, actor, kind, now=now, agreement_id=agreement.id, payload=payload, audience=audience
            )
            emitted.append(kind)
        if now_firing[BUDGET_EXHAUSTED] != firing.get(BUDGET_EXHAUSTED, False):
            kind = EventType.SLO_BUDGET_EXHAUSTED if now_firing[BUDGET_EXHAUSTED] else EventType.SLO_RECOVERED
            await record_event(
                session,
                actor,
                kind,
                now=now,
                agreement_id=agreement.id,
                payload=msgspec.structs.replace(base, alert=BUDGET_EXHAUSTED, consumed_bad=budget.consumed_bad),
                audience=audience,
            )
            emitted.append(kind)
        for condition, value in now_firing.items():
            if value != firing.get(condition, False) or condition not in stored:
                await _save(session, agreement.id, definition.key, condition, value, at)
                stored.add(condition)
            firing[condition] = value
    await _mark_evaluated(session, agreement.id, definition.key, pending[-1])
    return emitted


async def _save(
    session: AsyncSession, agreement_id: uuid.UUID, indicator: str, condition: str, firing: bool, at: datetime
) -> None:
    statement = insert(SloAlertState).values(
        agreement_id=agreement_id, indicator=indicator, condition=condition, firing=firing, since=at, evaluated_at=at
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["agreement_id", "indicator", "condition"],
            set_={"firing": firing, "since": at, "evaluated_at": at},
        )
    )


async def _mark_evaluated(session: AsyncSession, agreement_id: uuid.UUID, indicator: str, at: datetime) -> None:
    await session.execute(
        update(SloAlertState)
        .where(SloAlertState.agreement_id == agreement_id, SloAlertState.indicator == indicator)
        .values(evaluated_at=at)
    )
