"""Reads outside a transaction: an autocommit connection, checked out on the first statement only.

A request that only reads needs no BEGIN and COMMIT around its statement (two round trips of three), and a read
answered from a per-process cache needs no connection at all. Where the request already holds a transaction (it
wrote first), the read goes through that session instead, so it sees its own writes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, ExitStack, asynccontextmanager
from typing import Any, Protocol, cast

import asyncpg
import msgspec
from sqlalchemy import URL, PoolProxiedConnection, Result
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.util.concurrency import greenlet_spawn

from db.engine import json_text

# Who watches statements run by asyncpg directly, which SQLAlchemy's cursor events never see: `api.tracing` makes each
# one a client span, as it does for SQLAlchemy's. Each observer is called with the statement's text and the engine's
# URL and returns a context manager around the run.
RawStatementObserver = Callable[[str, URL], AbstractContextManager[object]]
_observers: list[RawStatementObserver] = []


def observe_raw_statements(observer: RawStatementObserver) -> None:
    if observer not in _observers:
        _observers.append(observer)


async def _fetchrow(connection: PoolProxiedConnection, url: URL, query: str, arguments: tuple[Any, ...]) -> Any:
    return await _observed_fetchrow(_asyncpg(connection), url, query, arguments)


async def _observed_fetchrow(driver: asyncpg.Connection, url: URL, query: str, arguments: tuple[Any, ...]) -> Any:
    if not _observers:
        return await driver.fetchrow(query, *arguments)
    with ExitStack() as watched:
        for observer in _observers:
            watched.enter_context(observer(query, url))
        return await driver.fetchrow(query, *arguments)


def _asyncpg(connection: PoolProxiedConnection) -> asyncpg.Connection:
    driver = connection.driver_connection
    assert driver is not None  # a connection checked out of the pool always has its driver's
    return cast(asyncpg.Connection, driver)


# Per process, the asyncpg pool each served engine reads its hottest rows on (`open_read_pool`): a checkout of
# SQLAlchemy's pool runs in a greenlet of its own (`greenlet_spawn`), twice per request (out and back), which cost
# about a tenth of a served `/v1/me`; asyncpg's own pool needs none. Engines without one (the worker, the CLI, tests
# that bind a transaction) read on a connection of SQLAlchemy's pool instead.
_read_pools: dict[int, asyncpg.Pool] = {}


async def _no_reset(connection: asyncpg.Connection) -> None:
    """What a read connection needs when it goes back to the pool: nothing. asyncpg's default reset is a round trip
    (`RESET ALL`, `UNLISTEN *`, unlock advisory locks, close cursors) for state these connections never take: each
    runs single `SELECT`s outside a transaction (`fetchrow`)."""


async def _decode_json_as_the_engine_does(connection: asyncpg.Connection) -> None:
    """`json` and `jsonb` values decoded by msgspec, as on the engine's own connections (`db.engine.make_engine`),
    so a row reads the same whichever pool ran it."""
    for kind in ("json", "jsonb"):
        await connection.set_type_codec(
            kind, schema="pg_catalog", encoder=json_text, decoder=msgspec.json.decode, format="text"
        )


async def open_read_pool(engine: AsyncEngine, dsn: str, *, size: int) -> asyncpg.Pool:
    """Open up to `size` connections to `dsn` (as needed, kept) for `fetchrow` on `engine`'s reads."""
    pool = await asyncpg.create_pool(
        dsn, min_size=0, max_size=size, reset=_no_reset, init=_decode_json_as_the_engine_does
    )
    _read_pools[id(engine)] = pool
    return pool


def read_pool_of(engine: AsyncEngine) -> asyncpg.Pool | None:
    return _read_pools.get(id(engine))


async def close_read_pool(engine: AsyncEngine) -> None:
    pool = _read_pools.pop(id(engine), None)
    if pool is not None:
        await pool.close()


async def _fetchrow_pooled(pool: asyncpg.Pool, url: URL, query: str, arguments: tuple[Any, ...]) -> Any:
    try:
        async with pool.acquire() as connection:
            return await _observed_fetchrow(connection, url, query, arguments)
    except (OSError, asyncpg.exceptions.ConnectionDoesNotExistError, asyncpg.exceptions.CannotConnectNowError):
        # As SQLAlchemy invalidates its pool on a disconnect: the others are likely gone too (a restart, a
        # failover); each is replaced when next acquired.
        pool.expire_connections()
        raise


class Reader(Protocol):
    """Where a read runs: the request's session, an autocommit connection, or a lazy one."""

    async def execute(self, statement: Any, parameters: Any = None, /) -> Result[Any]: ...


class LazyReader:
    """An autocommit connection of `engine`, checked out when the first statement runs."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._raw: PoolProxiedConnection | None = None

    async def fetchrow(self, query: str, *arguments: Any) -> asyncpg.Record | None:
        """One row of `query` (PostgreSQL's own SQL, `$1` placeholders), run by asyncpg itself: for the hottest
        reads, whose rows need none of SQLAlchemy's statement and result machinery (about a sixth of the CPU of
        `/v1/me`). On the engine's read pool when it has one (`open_read_pool`), else on a connection checked out of
        its own pool: either way JSON decoded as the engine decodes it. asyncpg outside a transaction is autocommit."""
        if self._connection is not None:
            raw = await self._connection.get_raw_connection()
            return await _fetchrow(raw, self._engine.url, query, arguments)
        if self._raw is None:
            pool = _read_pools.get(id(self._engine))
            if pool is not None:
                return await _fetchrow_pooled(pool, self._engine.url, query, arguments)
            self._raw = await greenlet_spawn(self._engine.sync_engine.raw_connection)
        return await _fetchrow(self._raw, self._engine.url, query, arguments)

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
        if self._raw is not None:
            await greenlet_spawn(self._raw.close)
            self._raw = None


async def fetchrow(reader: Reader, query: str, *arguments: Any) -> asyncpg.Record | None:
    """`LazyReader.fetchrow` on whichever reader `reading` gave: inside the request's transaction when it holds one,
    so the row reflects its own writes."""
    if isinstance(reader, LazyReader):
        return await reader.fetchrow(query, *arguments)
    assert isinstance(reader, AsyncSession)
    connection = await reader.connection()
    return await _fetchrow(await connection.get_raw_connection(), connection.engine.url, query, arguments)


# Where a read may run: the request's session, or (a request that has none, `api.hot_reads`) the engine itself.
ReadSource = AsyncSession | AsyncEngine


@asynccontextmanager
async def reading(session: ReadSource) -> AsyncIterator[Reader]:
    """A lazy autocommit reader when `session` holds no transaction (or is an engine), else the session itself."""
    engine = session if isinstance(session, AsyncEngine) else session.bind
    reads_alone = isinstance(session, AsyncEngine) or not session.in_transaction()
    if isinstance(engine, AsyncEngine) and reads_alone:
        reader = LazyReader(engine)
        try:
            yield reader
        finally:
            await reader.close()
    else:
        assert isinstance(session, AsyncSession)
        yield session


async def read_text(sessionmaker: async_sessionmaker[AsyncSession], sql: str, parameters: tuple[Any, ...]) -> str:
    """The one text value of one SQL statement (`$n` parameters, sent as they are): run by asyncpg itself on a
    connection of the pool, autocommit (`LazyReader.fetchrow`), when `sessionmaker` is bound to an engine; else on a
    session of it (tests bind one to their rolled-back transaction). asyncpg raises its own errors here, SQLAlchemy
    its `DBAPIError`s there."""
    bind = sessionmaker.kw.get("bind")
    if isinstance(bind, AsyncEngine):
        reader = LazyReader(bind)
        try:
            row = await reader.fetchrow(sql, *parameters)
        finally:
            await reader.close()
        assert row is not None  # a SELECT of one expression answers one row
        text: str = row[0]
        return text
    async with sessionmaker() as session:
        connection = await session.connection()
        value: str = (await connection.exec_driver_sql(sql, parameters)).scalar_one()
        return value
