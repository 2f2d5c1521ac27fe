"""Billing: usage, incidents, attainment, the statements pull (JSON or CSV) and closing periods."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

import msgspec
from litestar import Controller, Request, Response, get, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit, unless_unchanged
from api.pagination import paged, slice_page
from api.representations import Page, shaped
from db.values import Scope
from services.actors import Actor
from services.billing import statements as billing_service
from services.billing.statements import IncidentInput, UsageInput

WRITE = {"scope": Scope.AGREEMENTS_WRITE}


class IncidentOut(msgspec.Struct):
    id: str
    agreement_id: str
    kind: str
    service: str | None
    started_at: datetime
    ended_at: datetime
    description: str | None
    accepted_at: datetime | None
    counts_as_downtime: bool


class UsageOut(msgspec.Struct):
    id: str
    usage_id: str
    price_code: str
    quantity: str
    occurred_at: datetime


class TargetAttainment(msgspec.Struct):
    target_key: str
    clause_key: str
    metric: str
    measured: str | None
    target: str | None
    met: bool | None
    measured_exact: str | None
    evidence: dict[str, Any]


class Attainment(msgspec.Struct):
    period: str
    provisional: bool
    targets: list[TargetAttainment]


class ClosedPeriod(msgspec.Struct):
    period: str
    closed_at: datetime
    agreements: int


class AgreementBillingController(Controller):
    path = "/v1/agreements/{agreement_id:uuid}"
    tags = ["billing"]

    @post("/usage", summary="Report usage of a usage-priced line (idempotent by usage_id)", opt=WRITE)
    async def usage(
        self, agreement_id: uuid.UUID, data: UsageInput, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[UsageOut]:
        record, created = await billing_service.record_usage(session, actor, agreement_id, data, now=now)
        return Response(shaped(billing_service.usage_snapshot(record), UsageOut), status_code=201 if created else 200)

    @post("/incidents", summary="Record an availability incident or a maintenance window (provider)", opt=WRITE)
    async def report_incident(
        self, agreement_id: uuid.UUID, data: IncidentInput, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[IncidentOut]:
        incident = await billing_service.report_incident(session, actor, agreement_id, data, now=now)
        return Response(shaped(billing_service.incident_snapshot(incident), IncidentOut), status_code=201)

    @get(
        "/incidents", summary="The agreement's incidents and maintenance windows", opt={"scope": Scope.AGREEMENTS_READ}
    )
    async def incidents(
        self,
        request: Request,
        agreement_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
    ) -> Response[Page[IncidentOut]]:
        incidents, next_cursor = slice_page(
            await billing_service.list_incidents(session, actor, agreement_id), limit, cursor
        )
        return paged(
            request, [shaped(billing_service.incident_snapshot(i), IncidentOut) for i in incidents], next_cursor
        )

    @post(
        "/incidents/{incident_id:uuid}/accept",
        summary="The customer accepts a maintenance window",
        opt=WRITE,
        status_code=200,
    )
    async def accept(
        self, agreement_id: uuid.UUID, incident_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> IncidentOut:
        incident = await billing_service.accept_maintenance(session, actor, agreement_id, incident_id, now=now)
        return shaped(billing_service.incident_snapshot(incident), IncidentOut)

    @get(
        "/attainment",
        summary="Measured attainment per service-level target for a period (YYYY-MM)",
        opt={"scope": Scope.AGREEMENTS_READ},
    )
    async def attainment(
        self, agreement_id: uuid.UUID, period: str, session: AsyncSession, actor: Actor, now: datetime
    ) -> Attainment:
        return shaped(await billing_service.attainment_for(session, actor, agreement_id, period, now=now), Attainment)


class BillingController(Controller):
    path = "/v1/billing"
    tags = ["billing"]

    @get(
        "/statements",
        summary="The billing pull: a customer's statements for a period; Accept: text/csv or format=csv for CSV",
        opt={"scope": Scope.BILLING_READ},
        media_type="application/json",
    )
    async def statements(
        self,
        request: Request,
        customer: str,
        period: str,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        format: Literal["json", "csv"] | None = None,
    ) -> Response[Any]:
        pull = await billing_service.billing_statements(session, actor, customer, period, now=now)
        if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
            return unless_unchanged(
                request,
                billing_service.statements_csv(pull),
                # Litestar adds `; charset=utf-8` to text types itself.
                media_type="text/csv",
                headers={"Content-Disposition": f'attachment; filename="statements-{pull["period"]}.csv"'},
            )
        return unless_unchanged(request, pull)

    @post(
        "/periods/{period:str}/close",
        summary="Close a period: freeze statements (operator)",
        opt={"scope": Scope.PARTIES_ADMIN},
        status_code=200,
    )
    async def close(self, period: str, session: AsyncSession, actor: Actor, now: datetime) -> ClosedPeriod:
        record = await billing_service.close_period(session, actor, period, now=now)
        return ClosedPeriod(period=record.period, closed_at=record.closed_at, agreements=record.agreements)
