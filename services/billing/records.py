"""What billing is computed from, as the parties report it: usage of usage-priced lines, availability incidents
and maintenance windows, and the price lines of the version in effect.

A closed period refuses new records (record a correction in the next period instead).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BillingPeriod, Clause, Incident, UsageRecord
from db.values import ClauseKind, IncidentKind
from services import policy
from services.actors import Actor
from services.agreements.reads import clauses_for, current_version
from services.batch_reads import group_by
from services.billing.credits import Period, PriceLine
from services.billing.views import IncidentView, UsageView
from services.errors import Conflict, InvalidInput, NotFound
from services.policy import Action
from services.scoping import ReadableAgreementIds, get_readable_agreement
from services.values import instant_input, parse_decimal

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


def month_of(at: datetime, zone: str) -> Period:
    local = at.astimezone(ZoneInfo(zone))
    return Period(local.year, local.month)


async def require_open(session: AsyncSession, first: Period, last: Period | None = None) -> None:
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


def price_lines(clauses: Sequence[Clause]) -> tuple[PriceLine, ...]:
    """The price lines of a version's `cost` clauses, in clause order."""
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
        if clause.kind == ClauseKind.COST
        for line in clause.terms.get("price_lines", [])
    )


async def price_lines_at(session: AsyncSession, agreement_id: uuid.UUID, at: datetime) -> tuple[PriceLine, ...]:
    version = await current_version(session, agreement_id, as_of=at)
    if version is None:
        return ()
    return price_lines((await clauses_for(session, [version.id]))[version.id])


# ---------------------------------------------------------------- usage


async def record_usage(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: UsageInput, *, now: datetime
) -> tuple[UsageRecord, bool]:
    """Idempotent by usage id: the same id again returns the first record (created=False)."""
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.RECORD_USAGE, actor, role)
    quantity = _not_negative(data.quantity, "quantity")
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
    lines = await price_lines_at(session, agreement.id, data.occurred_at)
    usage_codes = {line.code for line in lines if line.unit != "month"}
    if data.price_code not in usage_codes:
        raise InvalidInput(
            f"no usage-priced line {data.price_code!r} in the version in effect "
            f"(usage lines: {', '.join(sorted(usage_codes)) or 'none'})",
            field="price_code",
        )
    await require_open(session, month_of(data.occurred_at, agreement.timezone))
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


def _not_negative(value: str, field: str) -> Decimal:
    try:
        number = parse_decimal(value, what=field)
    except ValueError as exc:
        raise InvalidInput(str(exc), field=field) from None
    if number < 0:
        raise InvalidInput(f"{field} must not be negative", field=field)
    return number


def usage_view(record: UsageRecord) -> UsageView:
    return UsageView(
        id=record.id,
        usage_id=record.usage_id,
        price_code=record.price_code,
        quantity=Decimal(record.quantity),
        occurred_at=record.occurred_at,
    )


# ---------------------------------------------------------------- incidents and maintenance windows


async def report_incident(
    session: AsyncSession, actor: Actor, agreement_id: uuid.UUID, data: IncidentInput, *, now: datetime
) -> Incident:
    agreement, role = await get_readable_agreement(session, actor, agreement_id, for_update=True)
    policy.require(Action.REPORT_INCIDENT, actor, role)
    instant_input(data.started_at, what="started_at")
    instant_input(data.ended_at, what="ended_at")
    if data.ended_at <= data.started_at:
        raise InvalidInput("ended_at must be after started_at", field="ended_at")
    if data.started_at > now + timedelta(minutes=5) and data.kind != IncidentKind.MAINTENANCE:
        raise InvalidInput("an outage or degradation cannot start in the future", field="started_at")
    if data.ended_at - data.started_at > MAX_INCIDENT:
        raise InvalidInput(
            "an incident lasts at most 366 days; record a longer one as consecutive incidents", field="ended_at"
        )
    await require_open(
        session,
        month_of(data.started_at, agreement.timezone),
        month_of(data.ended_at - timedelta(microseconds=1), agreement.timezone),
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
    if incident.kind != IncidentKind.MAINTENANCE:
        raise Conflict(f"only maintenance windows are accepted; this is an {incident.kind}", "not_maintenance")
    if incident.accepted_at is not None:
        raise Conflict("this maintenance window was already accepted", "already_accepted")
    await require_open(session, month_of(incident.started_at, agreement.timezone))
    incident.accepted_at, incident.accepted_by_party_id = now, actor.party_id
    await session.flush()
    return incident


async def list_incidents(session: AsyncSession, actor: Actor, agreement_id: uuid.UUID) -> list[Incident]:
    agreement, _ = await get_readable_agreement(session, actor, agreement_id)
    rows = await session.scalars(
        select(Incident).where(Incident.agreement_id == agreement.id).order_by(Incident.started_at, Incident.id)
    )
    return list(rows)


async def incidents_for(session: AsyncSession, agreement_ids: ReadableAgreementIds) -> dict[uuid.UUID, list[Incident]]:
    """Batch read for DataLoaders, of agreements `services.scoping` found readable."""
    ids = list(agreement_ids)
    rows = await session.scalars(
        select(Incident)
        .where(Incident.agreement_id.in_(ids))
        .order_by(Incident.agreement_id, Incident.started_at, Incident.id)
    )
    return group_by(rows, lambda i: i.agreement_id, ids)


def counts_as_downtime(incident: Incident) -> bool:
    """Everything but a maintenance window the customer accepted."""
    return not (incident.kind == IncidentKind.MAINTENANCE and incident.accepted_at is not None)


def incident_view(incident: Incident) -> IncidentView:
    return IncidentView(
        id=incident.id,
        agreement_id=incident.agreement_id,
        kind=IncidentKind(incident.kind),
        service=incident.service,
        started_at=incident.started_at,
        ended_at=incident.ended_at,
        description=incident.description,
        accepted_at=incident.accepted_at,
        counts_as_downtime=counts_as_downtime(incident),
    )
