"""db.reading.read_text: the compiled GraphQL reads' one statement, run by asyncpg outside a transaction."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from db.reading import read_text


async def test_one_text_value_on_a_pooled_connection_given_back(engine: AsyncEngine):
    sessionmaker = async_sessionmaker(bind=engine)
    assert await read_text(sessionmaker, "SELECT json_build_object('n', $1::int)::text", (7,)) == '{"n" : 7}'
    assert engine.pool.checkedout() == 0
    # Outside a transaction: a failed statement leaves nothing aborted behind it, and the connection goes back.
    with pytest.raises(asyncpg.PostgresError):
        await read_text(sessionmaker, "SELECT no_such_column::text", ())
    assert engine.pool.checkedout() == 0
    assert await read_text(sessionmaker, "SELECT $1::text", ("again",)) == "again"
