"""`recordMeasurements` — the GraphQL side of `POST /v1/agreements/{id}/measurements`, one use case in one
transaction (commit on success, roll back and answer a typed error otherwise)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from schema.context import actor_of
from schema.errors import MutationError
from schema.permissions import requires_scope
from schema.transactions import in_transaction
from services.errors import InvalidInput
from services.verification.measurements import MeasurementBatch, MeasurementInput, record_measurements


@strawberry.input(
    description="A ratio window (`windowStart`, `windowEnd`, `good`, `total`) or a threshold sample (`at`, `value`)."
)
class SliMeasurementInput:
    indicator: str
    window_start: datetime | None = None
    window_end: datetime | None = None
    good: Decimal | None = strawberry.field(default=None, description="A whole number, as a string.")
    total: Decimal | None = strawberry.field(default=None, description="A whole number, as a string.")
    at: datetime | None = None
    value: Decimal | None = None


@strawberry.input(description="A batch of measurements from the indicators' declared data source.")
class RecordMeasurementsInput:
    measurements: list[SliMeasurementInput]


@strawberry.type
class RecordMeasurementsPayload:
    recorded: int = strawberry.field(description="New measurements stored.")
    unchanged: int = strawberry.field(description="Sent again with the same figures.")
    events: list[str] = strawberry.field(description="The alert events the new data caused, in order.")


RecordMeasurementsResult = Annotated[
    RecordMeasurementsPayload | MutationError, strawberry.union("RecordMeasurementsResult")
]


def _whole(value: Decimal | None, field: str) -> int | None:
    if value is None:
        return None
    if value != value.to_integral_value():
        raise InvalidInput(f"{field} must be a whole number", field=field)
    return int(value)


@strawberry.type
class VerificationMutations:
    @strawberry.mutation(
        description="Post SLI measurements as the indicators' declared data source; idempotent per indicator and "
        "window. Announces `slo.burn_rate_high`, `slo.budget_exhausted` and `slo.recovered` once per episode.",
        extensions=[requires_scope(Scope.AGREEMENTS_WRITE)],
    )
    async def record_measurements(
        self, info: strawberry.Info, agreement_id: uuid.UUID, input: RecordMeasurementsInput
    ) -> RecordMeasurementsResult:
        async def use_case(session: AsyncSession) -> RecordMeasurementsPayload:
            batch = MeasurementBatch(
                measurements=[
                    MeasurementInput(
                        indicator=item.indicator,
                        window_start=item.window_start,
                        window_end=item.window_end,
                        good=_whole(item.good, f"measurements[{index}].good"),
                        total=_whole(item.total, f"measurements[{index}].total"),
                        at=item.at,
                        value=None if item.value is None else format(item.value, "f"),
                    )
                    for index, item in enumerate(input.measurements)
                ]
            )
            recorded = await record_measurements(session, actor_of(info), agreement_id, batch, now=info.context.now)
            return RecordMeasurementsPayload(
                recorded=recorded.recorded, unchanged=recorded.unchanged, events=recorded.events
            )

        return await in_transaction(info, use_case)
