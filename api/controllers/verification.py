"""Measured service level indicators: measurements posted by the declared data source, and the indicators' reads."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from litestar import Controller, Response, get, post
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from services.actors import Actor
from services.errors import InvalidInput
from services.verification.indicators import IndicatorsView, SeriesRange, agreement_indicators
from services.verification.measurements import MeasurementBatch, MeasurementsRecorded, record_measurements


class VerificationController(Controller):
    path = "/v1/agreements/{agreement_id:uuid}"
    tags = ["verification"]

    @post(
        "/measurements",
        summary="Post SLI measurements (ratio windows or threshold samples) as the indicator's data source",
        opt={"scope": Scope.AGREEMENTS_WRITE},
    )
    async def measurements(
        self, agreement_id: uuid.UUID, data: MeasurementBatch, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[MeasurementsRecorded]:
        recorded = await record_measurements(session, actor, agreement_id, data, now=now)
        return Response(recorded, status_code=201 if recorded.recorded else 200)

    @get(
        "/indicators",
        summary="Each indicator's attainment, error budget and burn rates; a series with from, to and resolution",
        opt={"scope": Scope.AGREEMENTS_READ},
    )
    async def indicators(
        self,
        agreement_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        as_of: datetime | None = None,
        series_from: Annotated[datetime | None, Parameter(query="from")] = None,
        series_to: Annotated[datetime | None, Parameter(query="to")] = None,
        resolution: str = "PT1H",
    ) -> IndicatorsView:
        if (series_from is None) != (series_to is None):
            raise InvalidInput("a series needs both `from` and `to`", field="to" if series_to is None else "from")
        series = (
            SeriesRange(start=series_from, end=series_to, resolution=resolution)
            if series_from is not None and series_to is not None
            else None
        )
        return await agreement_indicators(session, actor, agreement_id, now=now, as_of=as_of, series=series)
