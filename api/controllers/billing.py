"""Billing: usage, incidents, attainment, the statements pull (JSON or CSV) and closing periods."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from litestar import Controller, Request, Response, get, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.billing_csv import statements_csv
from api.dependencies import Limit, unless_unchanged
from api.pagination import paged, slice_page
from api.representations import Page
from db.values import Scope
from services.actors import Actor
from services.billing import periods, records, statements
from services.billing.records import IncidentInput, UsageInput
from services.billing.views import Attainment, BillingStatements, ClosedPeriod, IncidentView, UsageView

WRITE = {"scope": Scope.AGREEMENTS_WRITE}


class AgreementBillingController(Controller):
    path = "/v1/agreements/{agreement_id:uuid}"
    tags = ["billing"]

    @post("/usage", summary="Report usage of a usage-priced line (idempotent by usage_id)", opt=WRITE)
    async def usage(
        self, agreement_id: uuid.UUID, data: UsageInput, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[UsageView]:
        record, created = await records.record_usage(session, actor, agreement_id, data, now=now)
        return Response(records.usage_view(record), status_code=201 if created else 200)

    @post("/incidents", summary="Record an availability incident or a maintenance window (provider)", opt=WRITE)
    async def report_incident(
        self, agreement_id: uuid.UUID, data: IncidentInput, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[IncidentView]:
        incident = await records.report_incident(session, actor, agreement_id, data, now=now)
        return Response(records.incident_view(incident), status_code=201)

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
    ) -> Response[Page[IncidentView]]:
        incidents, next_cursor = slice_page(await records.list_incidents(session, actor, agreement_id), limit, cursor)
        return paged(request, [records.incident_view(i) for i in incidents], next_cursor)

    @post(
        "/incidents/{incident_id:uuid}/accept",
        summary="The customer accepts a maintenance window",
        opt=WRITE,
        status_code=200,
    )
    async def accept(
        self, agreement_id: uuid.UUID, incident_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> IncidentView:
        incident = await records.accept_maintenance(session, actor, agreement_id, incident_id, now=now)
        return records.incident_view(incident)

    @get(
        "/attainment",
        summary="Measured attainment per service-level target for a period (YYYY-MM)",
        opt={"scope": Scope.AGREEMENTS_READ},
    )
    async def attainment(
        self, agreement_id: uuid.UUID, period: str, session: AsyncSession, actor: Actor, now: datetime
    ) -> Attainment:
        return await statements.attainment_for(session, actor, agreement_id, period, now=now)


class BillingController(Controller):
    path = "/v1/billing"
    tags = ["billing"]

    @get(
        "/statements",
        summary="The billing pull: a customer's statements for a period; Accept: text/csv or format=csv for CSV",
        opt={"scope": Scope.BILLING_READ},
        media_type="application/json",
    )
    async def pull(
        self,
        request: Request,
        customer: str,
        period: str,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        format: Literal["json", "csv"] | None = None,
    ) -> Response[BillingStatements]:
        answer = await statements.billing_statements(session, actor, customer, period, now=now)
        if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
            return unless_unchanged(
                request,
                statements_csv(answer),
                # Litestar adds `; charset=utf-8` to text types itself.
                media_type="text/csv",
                headers={"Content-Disposition": f'attachment; filename="statements-{answer.period}.csv"'},
            )
        return unless_unchanged(request, answer)

    @post(
        "/periods/{period:str}/close",
        summary="Close a period: freeze statements (operator)",
        opt={"scope": Scope.PARTIES_ADMIN},
        status_code=200,
    )
    async def close(self, period: str, session: AsyncSession, actor: Actor, now: datetime) -> ClosedPeriod:
        return await periods.close_period(session, actor, period, now=now)
