"""The request's database sessions for GraphQL, taken in turn.

GraphQL resolves sibling fields concurrently, and one AsyncSession must never be used by two coroutines at once. So
every top-level resolver and every DataLoader batch takes its turn on the request's one read session through
`SessionSource.session()` — the only place in `schema/` that hands one out. A request therefore holds at most one
pooled connection for its reads, opened on first use and given back when the response is ready: no pool overflow, no
new PostgreSQL backend per request, one BEGIN and one ROLLBACK per request instead of one per batch.

A mutation takes its turn too, but on a session of its own (`SessionSource.writing()`), committed or rolled back on
its own; the read session is closed first, so nothing read before the mutation is served after it.

The consequence for code in `schema/`: never await a DataLoader while holding the session (it would wait for the
turn its own caller holds). Resolvers load through loaders *or* use the session, never both nested.

Its own module (below both `schema.context` and `schema.dataloaders`) so the loaders can take it without importing
the context that holds them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


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
