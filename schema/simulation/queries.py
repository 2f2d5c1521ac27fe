"""`simulateVersion(agreementId, number, from, to)` — the GraphQL side of `POST …/versions/{n}/simulate` (a query:
it stores nothing)."""

from __future__ import annotations

import uuid
from typing import Annotated

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.permissions import requires_scope
from schema.simulation.types import VersionSimulation
from services.errors import DomainError, NotFound
from services.simulation.versions import SimulationRange, simulate_version


@strawberry.type
class SimulationQueries:
    @strawberry.field(
        description="Replay the recorded tickets and incidents of a range of months (default: the last three "
        "completed) against version `number`'s targets, calendars, credits and prices, beside the accepted version. "
        "Read-only. For the provider, the customer and the operator. Null if there is no such agreement or version, "
        "or it is not the caller's.",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
    async def simulate_version(
        self,
        info: strawberry.Info,
        agreement_id: uuid.UUID,
        number: int,
        from_period: Annotated[
            str | None, strawberry.argument(name="from", description="First month, YYYY-MM (default: `to` − 2).")
        ] = None,
        to_period: Annotated[
            str | None, strawberry.argument(name="to", description="Last month, YYYY-MM (default: the last completed).")
        ] = None,
    ) -> VersionSimulation | None:
        try:
            async with info.context.sessions.session() as session:
                found = await simulate_version(
                    session,
                    actor_of(info),
                    agreement_id,
                    number,
                    SimulationRange(from_period=from_period, to_period=to_period),
                    now=info.context.now,
                )
        except NotFound:
            return None
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return found  # type: ignore[return-value]  # the view's attributes are the type's fields
