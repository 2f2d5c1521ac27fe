"""db.reading: hot reads run by asyncpg directly, outside a transaction or inside the request's own."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.reading import LazyReader, fetchrow, reading

_NAME = "SELECT name, created_at FROM parties WHERE id = $1"


async def _new_party(session: AsyncSession, name: str) -> uuid.UUID:
    party_id = uuid.uuid4()
    now = datetime.now(UTC)
    await session.execute(
        text(
            "INSERT INTO parties (id, name, kind, created_at, updated_at, row_version) "
            "VALUES (:id, :name, 'organization', :now, :now, 1)"
        ),
        {"id": party_id, "name": name, "now": now},
    )
    return party_id


async def test_a_lazy_reader_checks_out_one_connection_and_gives_it_back(engine: AsyncEngine):
    async with AsyncSession(engine) as session:
        party_id = await _new_party(session, "Readable")
        await session.commit()
    try:
        reader = LazyReader(engine)
        assert engine.pool.checkedout() == 0
        row = await reader.fetchrow(_NAME, party_id)
        assert row is not None and row["name"] == "Readable" and row["created_at"].tzinfo is not None
        assert await reader.fetchrow(_NAME, uuid.uuid4()) is None
        assert engine.pool.checkedout() == 1  # the same connection for both
        await reader.close()
        assert engine.pool.checkedout() == 0
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM parties WHERE id = :id"), {"id": party_id})


async def test_inside_a_transaction_the_read_sees_its_own_writes_and_no_one_else_does(engine: AsyncEngine):
    async with AsyncSession(engine) as session:
        party_id = await _new_party(session, "Uncommitted")  # the session now holds a transaction
        async with reading(session) as reader:
            assert reader is session
            row = await fetchrow(reader, _NAME, party_id)
            assert row is not None and row["name"] == "Uncommitted"
        outside = LazyReader(engine)
        try:
            assert await outside.fetchrow(_NAME, party_id) is None  # autocommit, another connection: not yet
        finally:
            await outside.close()
        await session.rollback()
