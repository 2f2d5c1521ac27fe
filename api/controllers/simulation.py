"""What-if simulation of a version over recorded data (read-only: nothing stored, no event)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from litestar import Controller, post
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from services.actors import Actor
from services.simulation.versions import SimulationRange, SimulationView, simulate_version

VersionNumber = Annotated[int, Parameter(ge=1, le=2_147_483_647, description="A version number: 1, 2, …")]


class SimulationController(Controller):
    path = "/v1/agreements/{agreement_id:uuid}/versions/{number:int}"
    tags = ["versions"]

    @post(
        "/simulate",
        summary="What the version would have given over recorded months, beside the accepted version",
        opt={"scope": Scope.AGREEMENTS_READ},
        status_code=200,
    )
    async def simulate(
        self,
        agreement_id: uuid.UUID,
        number: VersionNumber,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: SimulationRange | None = None,
    ) -> SimulationView:
        return await simulate_version(session, actor, agreement_id, number, data or SimulationRange(), now=now)
