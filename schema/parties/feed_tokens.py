"""`feedTokens`, `createFeedToken`, `revokeFeedToken` — the GraphQL side of `/v1/feed-tokens`.

A party's long-lived, revocable tokens for calendar feeds (`…/reviews.ics?feed_token=…`). Each field calls the same
use case as its REST route (`services.auth.feed_tokens`) and asks the same scope.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from schema.context import actor_of
from schema.errors import MutationError, as_graphql_error
from schema.permissions import requires_scope
from schema.rows import served_as
from schema.transactions import in_transaction
from services.auth import feed_tokens as feed_token_service
from services.errors import DomainError

READ = [requires_scope(Scope.AGREEMENTS_READ)]


@strawberry.type(description="A calendar feed token of the caller's party (never its secret, which is shown once).")
class FeedToken:
    id: uuid.UUID
    party_id: uuid.UUID
    name: str
    created_at: datetime
    revoked_at: datetime | None


@strawberry.input
class CreateFeedTokenInput:
    name: str = strawberry.field(description="What the token is for (1 to 200 characters), e.g. the calendar app.")


@strawberry.type
class CreateFeedTokenPayload:
    feed_token: FeedToken
    token: str = strawberry.field(
        description="The secret (`sft_…`), shown this once; only its hash is kept. Subscribe the calendar app to "
        "`/v1/agreements/{id}/reviews.ics?feed_token=<token>`."
    )


@strawberry.type
class RevokeFeedTokenPayload:
    feed_token: FeedToken


CreateFeedTokenResult = Annotated[CreateFeedTokenPayload | MutationError, strawberry.union("CreateFeedTokenResult")]
RevokeFeedTokenResult = Annotated[RevokeFeedTokenPayload | MutationError, strawberry.union("RevokeFeedTokenResult")]


@strawberry.type
class FeedTokenQueries:
    @strawberry.field(
        description="The caller's party's calendar feed tokens, revoked ones included, oldest first.",
        extensions=READ,
    )
    async def feed_tokens(self, info: strawberry.Info) -> list[FeedToken]:
        try:
            async with info.context.sessions.session() as session:
                rows = await feed_token_service.list_feed_tokens(session, actor_of(info))
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return [served_as(row, FeedToken) for row in rows]


@strawberry.type
class FeedTokenMutations:
    @strawberry.mutation(
        description="Create a calendar feed token for the caller's party; the token is shown this once.",
        extensions=READ,
    )
    async def create_feed_token(self, info: strawberry.Info, input: CreateFeedTokenInput) -> CreateFeedTokenResult:
        async def use_case(session: AsyncSession) -> CreateFeedTokenPayload:
            token, secret = await feed_token_service.create_feed_token(
                session, actor_of(info), input.name, now=info.context.now
            )
            return CreateFeedTokenPayload(feed_token=served_as(token, FeedToken), token=secret)

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Revoke one of the caller's party's feed tokens: feeds using it answer 401 at once. "
        "Another party's token answers like a missing one; revoking again changes nothing.",
        extensions=READ,
    )
    async def revoke_feed_token(self, info: strawberry.Info, id: uuid.UUID) -> RevokeFeedTokenResult:
        async def use_case(session: AsyncSession) -> RevokeFeedTokenPayload:
            token = await feed_token_service.revoke_feed_token(session, actor_of(info), id, now=info.context.now)
            return RevokeFeedTokenPayload(feed_token=served_as(token, FeedToken))

        return await in_transaction(info, use_case)
