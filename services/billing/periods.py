"""Closing billing periods: every agreement's statement frozen as canonical JSON with its SHA-256, and the
period's events (`attainment.period_closed`, `credit.computed`). The worker closes the previous month
automatically some days after it ended everywhere.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Agreement, BillingPeriod, FrozenStatement, Timer
from db.values import EventType, Role, TimerStatus
from services.actors import Actor
from services.billing.credits import Period
from services.billing.figures import assemble_statement, frozen_content, load_period_data, statement_hash
from services.billing.records import parse_period
from services.billing.views import AttainmentClosed, ClosedPeriod, CreditsComputed
from services.errors import Conflict, Forbidden
from services.events import record_event
from services.metrics import BILLING_PERIODS_CLOSED, count_on_commit
from services.scoping import every_agreement, members_by_role
from services.timers import timer_handler

CLOSE_CHUNK = 200
# The zones a month ends last and first in: a period closes once it has ended everywhere.
LATEST_ZONE, EARLIEST_ZONE = "Etc/GMT+12", "Pacific/Kiritimati"


async def close_period(session: AsyncSession, actor: Actor | None, period_text: str, *, now: datetime) -> ClosedPeriod:
    """Freeze every agreement's statement for the period, with its hash; emit the period's events."""
    if actor is not None and not actor.is_operator:
        raise Forbidden("only the operator closes billing periods", "operator_only")
    period = parse_period(period_text)
    if now < max(period.bounds(zone)[1] for zone in (EARLIEST_ZONE, LATEST_ZONE)):
        raise Conflict(f"period {period} has not ended everywhere yet", "period_not_ended")
    inserted = await session.scalar(
        insert(BillingPeriod)
        .values(period=str(period), closed_at=now, closed_by=(actor.principal if actor else "worker"), agreements=0)
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
        if effective_from is not None and effective_from < end and (effective_to is None or effective_to > start):
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
    return ClosedPeriod(period=str(period), closed_at=now, agreements=len(in_effect))


async def _freeze(
    session: AsyncSession, actor: Actor | None, agreement_ids: list[uuid.UUID], period: Period, now: datetime
) -> None:
    agreements = list(await session.scalars(select(Agreement).where(Agreement.id.in_(agreement_ids))))
    data = await load_period_data(session, agreements, period, now=now)
    members = await members_by_role(session, every_agreement(agreement_ids))
    rows = []
    for agreement in agreements:
        statement = assemble_statement(data[agreement.id], period)
        content = frozen_content(statement)
        digest = statement_hash(content)
        roles = members[agreement.id]
        rows.append(
            {
                "agreement_id": agreement.id,
                "period": str(period),
                "customer_party_id": roles[Role.CUSTOMER][0],
                "content": content,
                "sha256": digest,
                "created_at": now,
            }
        )
        await record_event(
            session,
            actor,
            EventType.ATTAINMENT_PERIOD_CLOSED,
            now=now,
            agreement_id=agreement.id,
            payload=msgspec.to_builtins(AttainmentClosed(str(period), statement.attainment, digest)),
        )
        await record_event(
            session,
            actor,
            EventType.CREDIT_COMPUTED,
            now=now,
            agreement_id=agreement.id,
            payload=msgspec.to_builtins(CreditsComputed(str(period), statement.credits, statement.totals, digest)),
            audience=roles[Role.PROVIDER] + roles[Role.CUSTOMER],
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
    _, end = period.bounds(LATEST_ZONE)
    await session.execute(
        insert(Timer)
        .values(
            kind="billing.close_period",
            key=str(period),
            due_at=end + timedelta(days=after_days),
            payload={},
            status=TimerStatus.PENDING,
        )
        .on_conflict_do_nothing()
    )
