"""Reads outside a transaction: an autocommit connection, checked out on the first statement only.

A request that only reads needs no BEGIN and COMMIT around its statement (two round trips of three), and a read
answered from a per-process cache needs no connection at all. Where the request already holds a transaction (it
wrote first), the read goes through that session instead, so it sees its own writes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

from sqlalchemy import Result
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession


class Reader(Protocol):
    """Where a read runs: the request's session, an autocommit connection, or a lazy one."""

    async def execute(self, statement: Any, parameters: Any = None, /) -> Result[Any]: ...


class LazyReader:
    """An autocommit connection of `engine`, checked out when the first statement runs."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None

    async def execute(self, statement: Any, parameters: Any = None, /) -> Result[Any]:
        if self._connection is None:
            connection = await self._engine.connect()
            try:
                await connection.execution_options(isolation_level="AUTOCOMMIT")
            except BaseException:
                await connection.close()
                raise
            self._connection = connection
        result: Result[Any] = await self._connection.execute(statement, parameters)
        return result

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None


@asynccontextmanager
async def reading(session: AsyncSession) -> AsyncIterator[Reader]:
    """A lazy autocommit reader when `session` holds no transaction, else the session itself."""
    bind = session.bind
    if isinstance(bind, AsyncEngine) and not session.in_transaction():
        reader = LazyReader(bind)
        try:
            yield reader
        finally:
            await reader.close()
    else:
        yield session
