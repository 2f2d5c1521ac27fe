"""One mutation per REST write on billing: incidents, accepting maintenance, usage, and closing a period.

Each calls one use case of `services.billing.records` or `services.billing.periods` inside `in_transaction`
(commit on success, roll back and answer a typed error otherwise). Who may act (the provider reports incidents,
the customer accepts maintenance, a signatory reports usage, the operator closes periods) and what a closed period
refuses are decided there.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from schema.billing.types import Incident, IncidentKind, Usage
from schema.context import actor_of
from schema.errors import MutationError
from schema.permissions import requires_scope
from schema.transactions import in_transaction
from schema.views import shown_as
from services.billing import periods, records

WRITE = [requires_scope(Scope.AGREEMENTS_WRITE)]


@strawberry.input(
    description="An incident that happened (outage, degradation) or a maintenance window (may be planned ahead)."
)
class ReportIncidentInput:
    kind: IncidentKind
    started_at: datetime = strawberry.field(description="With an offset (RFC 3339).")
    ended_at: datetime = strawberry.field(description="After `startedAt`.")
    service: str | None = strawberry.field(default=None, description="The affected service; all if left out.")
    description: str | None = None


@strawberry.input(description="Usage of a usage-priced line of the version in effect at `occurredAt`.")
class RecordUsageInput:
    usage_id: str = strawberry.field(description="Your id for it: recording the same usage again changes nothing.")
    price_code: str
    quantity: Decimal = strawberry.field(description='An exact, non-negative decimal string, e.g. "1.5".')
    occurred_at: datetime


@strawberry.type
class ReportIncidentPayload:
    incident: Incident


@strawberry.type
class AcceptMaintenancePayload:
    incident: Incident


@strawberry.type
class RecordUsagePayload:
    usage: Usage
    created: bool = strawberry.field(
        description="False when this usage id was already recorded (with the same "
        "values): the first record is returned."
    )


@strawberry.type
class CloseBillingPeriodPayload:
    period: str
    closed_at: datetime
    agreements: int = strawberry.field(description="Statements frozen.")


def _result(payload: type, name: str) -> Any:
    return Annotated[payload | MutationError, strawberry.union(name)]


ReportIncidentResult = _result(ReportIncidentPayload, "ReportIncidentResult")
AcceptMaintenanceResult = _result(AcceptMaintenancePayload, "AcceptMaintenanceResult")
RecordUsageResult = _result(RecordUsagePayload, "RecordUsageResult")
CloseBillingPeriodResult = _result(CloseBillingPeriodPayload, "CloseBillingPeriodResult")


@strawberry.type
class BillingMutations:
    @strawberry.mutation(
        description="Record an availability incident or a maintenance window (the provider). "
        "Refused for a closed period.",
        extensions=WRITE,
    )
    async def report_incident(
        self, info: strawberry.Info, agreement_id: uuid.UUID, input: ReportIncidentInput
    ) -> ReportIncidentResult:
        async def use_case(session: AsyncSession) -> ReportIncidentPayload:
            data = records.IncidentInput(
                kind=input.kind.value,
                started_at=input.started_at,
                ended_at=input.ended_at,
                service=input.service,
                description=input.description,
            )
            incident = await records.report_incident(session, actor_of(info), agreement_id, data, now=info.context.now)
            return ReportIncidentPayload(incident=shown_as(Incident, incident))

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="The customer accepts a maintenance window: it no longer counts as downtime.", extensions=WRITE
    )
    async def accept_maintenance(
        self, info: strawberry.Info, agreement_id: uuid.UUID, incident_id: uuid.UUID
    ) -> AcceptMaintenanceResult:
        async def use_case(session: AsyncSession) -> AcceptMaintenancePayload:
            incident = await records.accept_maintenance(
                session, actor_of(info), agreement_id, incident_id, now=info.context.now
            )
            return AcceptMaintenancePayload(incident=shown_as(Incident, incident))

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Report usage of a usage-priced line (a signatory); idempotent by `usageId`.", extensions=WRITE
    )
    async def record_usage(
        self, info: strawberry.Info, agreement_id: uuid.UUID, input: RecordUsageInput
    ) -> RecordUsageResult:
        async def use_case(session: AsyncSession) -> RecordUsagePayload:
            data = records.UsageInput(
                usage_id=input.usage_id,
                price_code=input.price_code,
                quantity=str(input.quantity),
                occurred_at=input.occurred_at,
            )
            record, created = await records.record_usage(
                session, actor_of(info), agreement_id, data, now=info.context.now
            )
            return RecordUsagePayload(usage=shown_as(Usage, record), created=created)

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Close a period everywhere it has ended (the operator): freeze every agreement's "
        "statement with its SHA-256 and announce `attainment.period_closed` and "
        "`credit.computed`. A period closes once.",
        extensions=[requires_scope(Scope.PARTIES_ADMIN)],
    )
    async def close_billing_period(
        self,
        info: strawberry.Info,
        period: Annotated[str, strawberry.argument(description="YYYY-MM.")],
    ) -> CloseBillingPeriodResult:
        async def use_case(session: AsyncSession) -> CloseBillingPeriodPayload:
            record = await periods.close_period(session, actor_of(info), period, now=info.context.now)
            return CloseBillingPeriodPayload(
                period=record.period, closed_at=record.closed_at, agreements=record.agreements
            )

        return await in_transaction(info, use_case)
