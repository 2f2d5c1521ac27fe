"""`review(id)` — the GraphQL side of `GET /v1/reviews/{id}`. An agreement's cycle and reviews are fields of
`Agreement` (`schema.agreements.types`)."""

from __future__ import annotations

import uuid

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.permissions import requires_scope
from schema.reviews.types import Review
from services.agreements import reviews as review_service
from services.errors import NotFound

# The `type: ignore[arg-type]` / `[return-value]` below are one pattern: a resolver hands strawberry the ORM row, which
# it resolves as the declared GraphQL type (the type's fields read the row's attributes); mypy sees two classes.


@strawberry.type
class ReviewQueries:
    @strawberry.field(
        description="A review of an agreement the caller is a member of; null if there is none with "
        "this id or it is not the caller's (the two are indistinguishable).",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
    async def review(self, info: strawberry.Info, id: uuid.UUID) -> Review | None:
        try:
            async with info.context.sessions.session() as session:
                review, _, _ = await review_service.get_review(session, actor_of(info), id)
        except NotFound:
            return None
        return review  # type: ignore[return-value]
