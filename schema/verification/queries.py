"""`indicators(agreementId, asOf, from, to, resolution)` — the GraphQL side of `GET /v1/agreements/{id}/indicators`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.permissions import requires_scope
from schema.verification.types import AgreementIndicators
from services.errors import DomainError, InvalidInput, NotFound
from services.verification.indicators import SeriesRange, agreement_indicators


@strawberry.type
class VerificationQueries:
    @strawberry.field(
        description="Each measured indicator of an agreement the caller is a member of (those its role may see): "
        "attainment in the compliance window, error budget remaining, burn rates, open alert episodes; with `from` "
        "and `to`, a series at `resolution`. Null if there is no such agreement or it is not the caller's.",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
    async def indicators(
        self,
        info: strawberry.Info,
        agreement_id: uuid.UUID,
        as_of: Annotated[datetime | None, strawberry.argument(description="Default: now.")] = None,
        series_from: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        series_to: Annotated[datetime | None, strawberry.argument(name="to")] = None,
        resolution: Annotated[str, strawberry.argument(description="A fixed ISO 8601 duration.")] = "PT1H",
    ) -> AgreementIndicators | None:
        try:
            if (series_from is None) != (series_to is None):
                raise InvalidInput("a series needs both `from` and `to`", field="to" if series_to is None else "from")
            series = (
                SeriesRange(start=series_from, end=series_to, resolution=resolution)
                if series_from is not None and series_to is not None
                else None
            )
            async with info.context.sessions.session() as session:
                found = await agreement_indicators(
                    session, actor_of(info), agreement_id, now=info.context.now, as_of=as_of, series=series
                )
        except NotFound:
            return None
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return found  # type: ignore[return-value]  # the view's attributes are the type's fields
