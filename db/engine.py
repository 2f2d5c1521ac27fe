from __future__ import annotations

import traceback

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def asyncpg_url(url: str) -> str:
    """Accept the usual `postgresql://` / `postgres://` forms and point them at asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(f"DATABASE_URL must be a PostgreSQL URL, got {url.split(':', 1)[0]}://…")


def make_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    # hide_parameters: errors and logs show statements, never the values bound to them (secrets, personal data).
    return create_async_engine(asyncpg_url(url), pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                               hide_parameters=True)


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
