from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any

import asyncpg
import msgspec
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlalchemy.pool.base import ConnectionPoolEntry


def asyncpg_url(url: str) -> str:
    """Accept the usual `postgresql://` / `postgres://` forms and point them at asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(f"DATABASE_URL must be a PostgreSQL URL, got {url.split(':', 1)[0]}://…")


# A pooled connection older than this is closed and replaced on its next checkout. This, not a ping per checkout
# (a round trip on every request), keeps connections fresh; a connection found dead mid-statement invalidates the
# pool (SQLAlchemy does that on a disconnect error), the request answers 503 with Retry-After and the next checkout
# connects anew.
POOL_RECYCLE_SECONDS = 1800


def json_text(value: Any) -> str:
    return msgspec.json.encode(value).decode()


# Called with the seconds a checkout waited for a connection because the pool was exhausted (services/metrics.py
# counts them); the database layer itself knows nothing of metrics.
pool_wait_observers: list[Callable[[float], None]] = []


class ObservedQueuePool(AsyncAdaptedQueuePool):
    """The default pool of an async engine, telling `pool_wait_observers` when a checkout had to wait: every
    connection (overflow included) was in use and none idle. Waits are what a too-small pool looks like."""

    def _do_get(self) -> ConnectionPoolEntry:
        exhausted = self._max_overflow > -1 and self._overflow >= self._max_overflow and self._pool.empty()
        if not exhausted or not pool_wait_observers:
            return super()._do_get()
        started = time.monotonic()
        try:
            return super()._do_get()
        finally:
            waited = time.monotonic() - started
            for observe in pool_wait_observers:
                observe(waited)


def make_engine(url: str, *, pool_size: int = 10, max_overflow: int | None = None) -> AsyncEngine:
    """An engine whose pool keeps `pool_size` connections open and lets `max_overflow` more (by default half as many
    again) open for a burst.

    Overflow connections are closed when they are returned, so a pool smaller than the requests in flight opens and
    closes a PostgreSQL backend (TLS negotiation, type introspection) per request beyond it. The API's processes
    take no overflow (`api.app`): their pool opens connections as requests need them, up to `SLA_DB_POOL_SIZE`, keeps
    every one it opened, and a request that finds all of them in use waits for one (`pool_wait_observers`)."""
    # hide_parameters: errors and logs show statements, never the values bound to them (secrets, personal data).
    # JSON and JSONB columns are decoded by msgspec (several times faster than the stdlib `json` on clause terms)
    # and encoded by it (it also writes datetimes and Decimals, which the stdlib refuses).
    return create_async_engine(
        asyncpg_url(url),
        poolclass=ObservedQueuePool,
        pool_size=pool_size,
        max_overflow=max(pool_size // 2, 1) if max_overflow is None else max_overflow,
        pool_recycle=POOL_RECYCLE_SECONDS,
        hide_parameters=True,
        json_deserializer=msgspec.json.decode,
        json_serializer=json_text,
    )


def database_error_report(exc: DBAPIError) -> str:
    """What the logs say about an unexpected database error: its kind, SQLSTATE, statement and stack, but not the
    driver's message (asyncpg quotes bad argument values in it) nor any parameter."""
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None) or "?"
    kind = type(getattr(exc, "orig", None) or exc).__name__
    stack = "".join(traceback.format_tb(exc.__traceback__))
    return f"{kind} (SQLSTATE {sqlstate}) in statement:\n{exc.statement}\nTraceback (parameters hidden):\n{stack}"


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: objects stay readable after commit without a hidden refresh query.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


# What the API tells clients to wait before retrying while the database is unreachable.
DATABASE_RETRY_AFTER_SECONDS = 5

# SQLSTATE classes and codes that mean "the database went away", not "this statement was wrong": connection
# exceptions, an administrator or shutdown ending the session (`pg_terminate_backend` is 57P01), and a server that
# refuses another connection for now (53300, too many connections: all of `max_connections` in use).
_CONNECTION_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")


def is_connection_failure(error: BaseException | None) -> bool:
    """True when `error` (or what it wraps) says the database is unreachable or the connection was lost."""
    seen: set[int] = set()
    exc = error
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return True
        if isinstance(
            exc, (OSError, asyncpg.exceptions.ConnectionDoesNotExistError, asyncpg.exceptions.CannotConnectNowError)
        ):
            return True
        sqlstate = getattr(exc, "sqlstate", None)
        if isinstance(sqlstate, str) and sqlstate.startswith(_CONNECTION_SQLSTATES):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False
