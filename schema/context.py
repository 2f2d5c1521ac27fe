"""The per-request GraphQL context: who is calling, the request's clock reading, its session and its DataLoaders.

Sessions: GraphQL resolves sibling fields concurrently, and one AsyncSession must never be used by two coroutines
at once. So every top-level resolver and every DataLoader batch takes its turn on the request's one read session
through `SessionSource.session()` — the only place in `schema/` that hands one out. A request therefore holds at
most one pooled connection for its reads, opened on first use and given back when the response is ready: no pool
overflow, no new PostgreSQL backend per request, one BEGIN and one ROLLBACK per request instead of one per batch.

A mutation takes its turn too, but on a session of its own (`SessionSource.writing()`), committed or rolled back
on its own; the read session is closed first, so nothing read before the mutation is served after it.

The consequence for code in `schema/`: never await a DataLoader while holding the session (it would wait for the
turn its own caller holds). Resolvers load through loaders *or* use the session, never both nested.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from litestar import Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.litestar import BaseContext

from services.actors import Actor

if TYPE_CHECKING:
    import strawberry

    from schema.dataloaders import Loaders


class SessionSource:
    """One request's read session, used in turn; and a fresh session, in turn as well, for each mutation."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker
        self._turn = asyncio.Lock()
        self._read: AsyncSession | None = None

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._turn:
            if self._read is None:
                self._read = self._sessionmaker()
            yield self._read

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        async with self._turn:
            await self._close_read()
            async with self._sessionmaker() as session:
                yield session

    async def close(self) -> None:
        async with self._turn:
            await self._close_read()

    async def _close_read(self) -> None:
        if self._read is not None:
            read, self._read = self._read, None
            await read.close()


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
        from schema.dataloaders import Loaders

        self.loaders = Loaders(self.sessions, self.actor, now=self.now)


def actor_of(info: strawberry.Info[GraphQLContext, Any]) -> Actor:
    """The caller. Fields that reach here are behind a scope permission, which already refused anonymous calls."""
    actor = info.context.actor
    if actor is None:  # pragma: no cover - permissions run first
        raise PermissionError("not authenticated")
    return actor


def build_context(request: Request) -> GraphQLContext:
    from schema.dataloaders import Loaders

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
