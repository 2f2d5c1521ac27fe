"""One mutation per REST write on reviews: the cycle, an extra review, completing and cancelling one.

Each calls one use case of `services.agreements.reviews` inside `in_transaction` (commit on success, roll back and
answer a typed error otherwise). Who may act (a signatory) and which transitions are allowed are decided there.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from schema.agreements.mutations import ProposeVersionInput, version_proposal
from schema.agreements.types import Agreement
from schema.context import actor_of
from schema.errors import MutationError
from schema.permissions import requires_scope
from schema.reviews.types import Review, ReviewCycle, ReviewOutcome
from schema.transactions import in_transaction
from services.agreements import drafts as agreement_service
from services.agreements import reviews as review_service
from services.agreements.inputs import ReviewCancellation, ReviewCompletion, ReviewCycleInput, ReviewSchedule

# The `type: ignore[arg-type]` / `[return-value]` below are one pattern: a resolver hands strawberry the ORM row, which
# it resolves as the declared GraphQL type (the type's fields read the row's attributes); mypy sees two classes.

WRITE = [requires_scope(Scope.REVIEWS_WRITE)]


@strawberry.input(description="Set the review cadence explicitly; from then on it no longer follows the review clause.")
class SetReviewCycleInput:
    cadence: str = strawberry.field(description="ISO 8601 duration between reviews, e.g. P3M.")
    notice: str | None = strawberry.field(
        default=None, description="ISO 8601 duration, e.g. P14D: the review is due this long before its date."
    )
    participants: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="An extra review outside the cadence (none may be open).")
class ScheduleReviewInput:
    due_at: datetime = strawberry.field(description="In the future, with an offset (RFC 3339).")
    participants: list[str] = strawberry.field(default_factory=list)


@strawberry.input(
    description="For AMENDMENT_PROPOSED give either `amendment` (proposed now, as `proposeVersion` "
    "would) or `proposedVersion` (a version already proposed)."
)
class CompleteReviewInput:
    outcome: ReviewOutcome
    participants: list[str] = strawberry.field(
        default_factory=list, description="Who took part; the scheduled participants if empty."
    )
    findings: str | None = None
    amendment: ProposeVersionInput | None = None
    proposed_version: int | None = None


@strawberry.type
class SetReviewCyclePayload:
    review_cycle: ReviewCycle
    agreement: Agreement


@strawberry.type
class ScheduleReviewPayload:
    review: Review


@strawberry.type
class CompleteReviewPayload:
    review: Review


@strawberry.type
class CancelReviewPayload:
    review: Review


def _result(payload: type, name: str) -> Any:
    return Annotated[payload | MutationError, strawberry.union(name)]


SetReviewCycleResult = _result(SetReviewCyclePayload, "SetReviewCycleResult")
ScheduleReviewResult = _result(ScheduleReviewPayload, "ScheduleReviewResult")
CompleteReviewResult = _result(CompleteReviewPayload, "CompleteReviewResult")
CancelReviewResult = _result(CancelReviewPayload, "CancelReviewResult")


def _completion(input: CompleteReviewInput) -> ReviewCompletion:
    amendment = version_proposal(input.amendment) if input.amendment is not None else None
    return ReviewCompletion(
        outcome=input.outcome.value,
        participants=list(input.participants),
        findings=input.findings,
        amendment=amendment,
        proposed_version=input.proposed_version,
    )


@strawberry.type
class ReviewMutations:
    @strawberry.mutation(
        description="Set the agreement's review cadence (a signatory only); schedules the next review if none is open.",
        extensions=WRITE,
    )
    async def set_review_cycle(
        self, info: strawberry.Info, agreement_id: uuid.UUID, input: SetReviewCycleInput
    ) -> SetReviewCycleResult:
        async def use_case(session: AsyncSession) -> SetReviewCyclePayload:
            data = ReviewCycleInput(cadence=input.cadence, notice=input.notice, participants=list(input.participants))
            cycle = await review_service.set_review_cycle(
                session, actor_of(info), agreement_id, data, now=info.context.now
            )
            # As `proposeVersion` does: the agreement in the payload, so its newly scheduled review can be read.
            agreement, _ = await agreement_service.get_agreement(session, actor_of(info), agreement_id)
            return SetReviewCyclePayload(review_cycle=cycle, agreement=agreement)  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Schedule an extra review of an active agreement (a signatory only).", extensions=WRITE
    )
    async def schedule_review(
        self, info: strawberry.Info, agreement_id: uuid.UUID, input: ScheduleReviewInput
    ) -> ScheduleReviewResult:
        async def use_case(session: AsyncSession) -> ScheduleReviewPayload:
            data = ReviewSchedule(due_at=input.due_at, participants=list(input.participants))
            review = await review_service.schedule_review(
                session, actor_of(info), agreement_id, data, now=info.context.now
            )
            return ScheduleReviewPayload(review=review)  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Complete an open review with its findings and outcome; the cycle schedules the next one.",
        extensions=WRITE,
    )
    async def complete_review(
        self, info: strawberry.Info, id: uuid.UUID, input: CompleteReviewInput, expected_version: int | None = None
    ) -> CompleteReviewResult:
        async def use_case(session: AsyncSession) -> CompleteReviewPayload:
            review = await review_service.complete_review(
                session, actor_of(info), id, _completion(input), now=info.context.now, expected_version=expected_version
            )
            return CompleteReviewPayload(review=review)  # type: ignore[arg-type]

        return await in_transaction(info, use_case)

    @strawberry.mutation(description="Cancel an open review; the cycle schedules the next one.", extensions=WRITE)
    async def cancel_review(
        self, info: strawberry.Info, id: uuid.UUID, reason: str | None = None, expected_version: int | None = None
    ) -> CancelReviewResult:
        async def use_case(session: AsyncSession) -> CancelReviewPayload:
            review = await review_service.cancel_review(
                session,
                actor_of(info),
                id,
                ReviewCancellation(reason=reason),
                now=info.context.now,
                expected_version=expected_version,
            )
            return CancelReviewPayload(review=review)  # type: ignore[arg-type]

        return await in_transaction(info, use_case)
