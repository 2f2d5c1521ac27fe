"""`/v1/feed-tokens`: a party's long-lived, revocable tokens for calendar feeds (`…/reviews.ics?feed_token=…`)."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from litestar import Controller, Request, Response, get, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit
from api.pagination import paged, slice_page
from api.representations import FeedTokenCreated, FeedTokenOut, Page
from db.models import FeedToken
from db.values import Scope
from services.actors import Actor
from services.auth import feed_tokens as feed_token_service

READ = {"scope": Scope.AGREEMENTS_READ}


class FeedTokenCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: str


def feed_token_out(token: FeedToken) -> FeedTokenOut:
    return FeedTokenOut(
        id=str(token.id),
        party_id=str(token.party_id),
        name=token.name,
        created_at=token.created_at,
        revoked_at=token.revoked_at,
    )


class FeedTokenController(Controller):
    path = "/v1/feed-tokens"
    tags = ["reviews"]

    @get("/", summary="The caller's party's calendar feed tokens (never the secrets)", opt=READ)
    async def list_feed_tokens(
        self, request: Request, session: AsyncSession, actor: Actor, limit: Limit = 50, cursor: str | None = None
    ) -> Response[Page[FeedTokenOut]]:
        tokens, next_cursor = slice_page(await feed_token_service.list_feed_tokens(session, actor), limit, cursor)
        return paged(request, [feed_token_out(t) for t in tokens], next_cursor)

    @post("/", summary="Create a calendar feed token for the caller's party; the token is shown this once", opt=READ)
    async def create_feed_token(
        self, data: FeedTokenCreate, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[FeedTokenCreated]:
        token, secret = await feed_token_service.create_feed_token(session, actor, data.name, now=now)
        out = feed_token_out(token)
        created = FeedTokenCreated(**msgspec.structs.asdict(out), token=secret)
        return Response(created, status_code=201, headers={"Location": f"/v1/feed-tokens/{token.id}"})

    @post(
        "/{feed_token_id:uuid}/revoke",
        summary="Revoke a calendar feed token: feeds using it answer 401 at once",
        opt=READ,
        status_code=200,
    )
    async def revoke_feed_token(
        self, feed_token_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> FeedTokenOut:
        token = await feed_token_service.revoke_feed_token(session, actor, feed_token_id, now=now)
        return feed_token_out(token)
