"""Review cycles and reviews, resolved straight off the ORM rows `services.agreements.reviews` returns."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from db import models, values
from schema.parties.types import Party

ReviewStatus = strawberry.enum(values.ReviewStatus)


ReviewOutcome = strawberry.enum(values.ReviewOutcome)


ReviewCycleSource = strawberry.enum(values.ReviewCycleSource)


@strawberry.type(description="How often the parties review the agreement.")
class ReviewCycle:
    cadence: str = strawberry.field(description="ISO 8601 duration between reviews, e.g. P3M.")
    notice: str | None = strawberry.field(description="ISO 8601 duration before the due date when a review is due.")
    participants: list[str]
    source: ReviewCycleSource = strawberry.field(
        description="CLAUSE: taken from the agreement's review clause; EXPLICIT: set with `setReviewCycle`."
    )


@strawberry.type(
    description="One review: scheduled → due (at the notice time) → overdue (at the due time) → completed or cancelled."
)
class Review:
    id: uuid.UUID
    agreement_id: uuid.UUID
    status: ReviewStatus
    due_at: datetime
    notice_at: datetime
    participants: list[str]
    findings: str | None
    outcome: ReviewOutcome | None
    completed_by_party_id: uuid.UUID | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    created_at: datetime

    @strawberry.field(description="The number of the version the review proposed, for AMENDMENT_PROPOSED.")
    @staticmethod
    def proposed_version(review: strawberry.Parent[models.Review]) -> int | None:
        return review.proposed_version_number

    @strawberry.field
    @staticmethod
    async def completed_by(review: strawberry.Parent[models.Review], info: strawberry.Info) -> Party | None:
        if review.completed_by_party_id is None:
            return None
        return await info.context.loaders.party.load(review.completed_by_party_id)

    @strawberry.field(description="Increases with every change.")
    @staticmethod
    def version(review: strawberry.Parent[models.Review]) -> int:
        return review.row_version
