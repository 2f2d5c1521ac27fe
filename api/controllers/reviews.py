"""Review cycles and reviews: `/v1/agreements/{id}/reviews`, `/v1/reviews/{id}`, the ICS feed."""

from __future__ import annotations

import uuid
from datetime import datetime

from litestar import Controller, Request, Response, get, post, put
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import etag, if_match
from api.reviews_ics import reviews_calendar
from db.values import Scope
from services.actors import Actor
from services.agreements import reviews as review_service
from services.agreements.drafts import get_agreement
from services.agreements.inputs import ReviewCancellation, ReviewCompletion, ReviewCycleInput, ReviewSchedule
from services.agreements.views import (
    AgreementReviews,
    ReviewCycleOut,
    ReviewOut,
    agreement_reviews,
    review_cycle_out,
    review_out,
)

READ = {"scope": Scope.AGREEMENTS_READ}
WRITE = {"scope": Scope.REVIEWS_WRITE}


class AgreementReviewController(Controller):
    path = "/v1/agreements/{agreement_id:uuid}"
    tags = ["reviews"]

    @get("/reviews", summary="The agreement's review cycle and its reviews", opt=READ)
    async def list_reviews(self, agreement_id: uuid.UUID, session: AsyncSession, actor: Actor) -> AgreementReviews:
        cycle, reviews = await review_service.list_reviews(session, actor, agreement_id)
        return agreement_reviews(agreement_id, cycle, reviews)

    @post("/reviews", summary="Schedule an extra review (none may be open)", opt=WRITE)
    async def schedule(
        self, agreement_id: uuid.UUID, data: ReviewSchedule, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[ReviewOut]:
        review = await review_service.schedule_review(session, actor, agreement_id, data, now=now)
        return Response(review_out(review), status_code=201, headers={"Location": f"/v1/reviews/{review.id}"})

    @put("/review-cycle", summary="Set the review cadence explicitly (instead of the review clause's)", opt=WRITE)
    async def set_cycle(
        self, agreement_id: uuid.UUID, data: ReviewCycleInput, session: AsyncSession, actor: Actor, now: datetime
    ) -> ReviewCycleOut:
        cycle = await review_service.set_review_cycle(session, actor, agreement_id, data, now=now)
        return review_cycle_out(cycle)

    @get(
        "/reviews.ics",
        summary="RFC 5545 calendar feed of the agreement's reviews",
        opt=READ,
        media_type="text/calendar",
    )
    async def calendar(
        self, agreement_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[bytes]:
        agreement, _ = await get_agreement(session, actor, agreement_id)
        _, reviews = await review_service.list_reviews(session, actor, agreement_id)
        return Response(
            reviews_calendar(agreement, reviews, now=now),
            media_type="text/calendar",  # Litestar adds `; charset=utf-8` to text types itself
            headers={"Content-Disposition": f'inline; filename="{agreement.reference}-reviews.ics"'},
        )


class ReviewController(Controller):
    path = "/v1/reviews"
    tags = ["reviews"]

    @get("/{review_id:uuid}", summary="One review", opt=READ)
    async def get_review(self, review_id: uuid.UUID, session: AsyncSession, actor: Actor) -> Response[ReviewOut]:
        review, _, _ = await review_service.get_review(session, actor, review_id)
        return Response(review_out(review), headers={"ETag": etag(review.row_version)})

    @post(
        "/{review_id:uuid}/complete",
        summary="Complete: participants, findings, outcome (no_change or an amendment)",
        opt=WRITE,
        status_code=200,
    )
    async def complete(
        self,
        review_id: uuid.UUID,
        data: ReviewCompletion,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> ReviewOut:
        return review_out(
            await review_service.complete_review(
                session, actor, review_id, data, now=now, expected_version=if_match(request, required=False)
            )
        )

    @post(
        "/{review_id:uuid}/cancel",
        summary="Cancel a review (the cycle schedules the next one)",
        opt=WRITE,
        status_code=200,
    )
    async def cancel(
        self,
        review_id: uuid.UUID,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        data: ReviewCancellation | None = None,
    ) -> ReviewOut:
        return review_out(
            await review_service.cancel_review(
                session,
                actor,
                review_id,
                data or ReviewCancellation(),
                now=now,
                expected_version=if_match(request, required=False),
            )
        )
