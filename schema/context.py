"""The per-request GraphQL context: who is calling, the request's clock reading, its sessions and its DataLoaders.

Sessions: GraphQL resolves sibling fields concurrently, and one AsyncSession must never be used by two
coroutines at once. So every top-level resolver, every mutation and every DataLoader batch opens its own short
session through `SessionSource.session()` — the only place in `schema/` that opens one.

A request may hold at most `MAX_OPEN_SESSIONS` at once (each is a pooled connection): a document asking for
`history` on a hundred agreements waits its turn instead of draining the pool for every other request.

In tests the sessionmaker is bound to a single connection (one rolled-back transaction per test), and a
connection cannot run two statements at once either. When the app's state has `serialize_sessions = True`,
the limit is one: the same code runs one session at a time.

The consequence for code in `schema/`: never await a DataLoader while holding a session (it could wait for a
slot its own caller holds). Resolvers load through loaders *or* open a session, never both nested.
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


MAX_OPEN_SESSIONS = 4


class SessionSource:
    """Opens one request's short-lived sessions: independent ones, a few at a time (one at a time in tests)."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], *, serialize: bool = False) -> None:
        self._sessionmaker = sessionmaker
        self._slots = asyncio.Semaphore(1 if serialize else MAX_OPEN_SESSIONS)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._slots, self._sessionmaker() as session:
            yield session


class GraphQLContext(BaseContext, kw_only=True):
    """`info.context` in every resolver. Built fresh for each request, so nothing here outlives it."""

    actor: Actor | None
    now: datetime
    sessions: SessionSource
    loaders: Loaders

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


async def get_context(request: Request) -> GraphQLContext:
    """Litestar dependency behind strawberry's `context_getter`."""
    from schema.dataloaders import Loaders

    state = request.app.state
    # BearerAuthMiddleware sets the user for POST /graphql; GET (the GraphiQL page) carries none.
    actor = request.scope.get("user")
    sessions = SessionSource(state.sessionmaker, serialize=bool(state.get("serialize_sessions", False)))
    now = state.clock()
    return GraphQLContext(actor=actor, now=now, sessions=sessions, loaders=Loaders(sessions, actor, now=now))
