"""The per-request GraphQL context: who is calling, the request's clock reading, its sessions
(`schema.sessions.SessionSource`, taken in turn) and its DataLoaders. Built fresh for each request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import strawberry
from litestar import Request
from strawberry.litestar import BaseContext

from schema.dataloaders import Loaders
from schema.sessions import SessionSource
from services.actors import Actor


class GraphQLContext(BaseContext, kw_only=True):
    """`info.context` in every resolver. Built fresh for each request, so nothing here outlives it."""

    actor: Actor | None
    now: datetime
    sessions: SessionSource
    loaders: Loaders
    # This operation's cost and the caller's budget (schema/cost.py), read by the `rateLimit` field.
    rate_limit: Any = None

    def forget_loaded(self) -> None:
        """After a mutation committed, rows loaded earlier in this request may be stale: start the loaders afresh."""
        self.loaders = Loaders(self.sessions, self.actor, now=self.now)


def actor_of(info: strawberry.Info[GraphQLContext, Any]) -> Actor:
    """The caller. Fields that reach here are behind a scope permission, which already refused anonymous calls."""
    actor = info.context.actor
    if actor is None:  # pragma: no cover - permissions run first
        raise PermissionError("not authenticated")
    return actor


def build_context(request: Request) -> GraphQLContext:
    state = request.app.state
    # BearerAuthMiddleware sets the user for POST /graphql; GET (the GraphiQL page) carries none.
    actor = request.scope.get("user")
    sessions = SessionSource(state.sessionmaker)
    now = state.clock()
    return GraphQLContext(actor=actor, now=now, sessions=sessions, loaders=Loaders(sessions, actor, now=now))


async def get_context(request: Request) -> AsyncIterator[GraphQLContext]:
    """Litestar dependency behind strawberry's `context_getter`: the request's session closes once it is answered."""
    context = build_context(request)
    try:
        yield context
    finally:
        await context.sessions.close()
