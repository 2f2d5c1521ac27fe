"""db.reading: hot reads run by asyncpg directly, outside a transaction or inside the request's own."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import asyncpg
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.app import create_app
from db.reading import LazyReader, close_read_pool, fetchrow, open_read_pool, read_pool_of, reading

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


async def test_with_a_read_pool_the_reads_take_none_of_sqlalchemys_connections(engine: AsyncEngine, database_url):
    # A checkout of SQLAlchemy's pool runs in a greenlet of its own, out and back: the served app reads its hottest
    # rows on asyncpg's pool instead (open_read_pool), each connection back in the pool without a reset round trip.
    pool = await open_read_pool(engine, database_url.replace("postgresql+asyncpg://", "postgresql://"), size=2)
    try:
        assert read_pool_of(engine) is pool
        checked_in = engine.pool.checkedin()
        async with reading(engine) as reader:
            first = await fetchrow(reader, "SELECT pg_backend_pid() AS pid, current_setting('TimeZone') AS zone")
        assert first is not None
        assert engine.pool.checkedout() == 0 and engine.pool.checkedin() == checked_in  # SQLAlchemy's pool untouched
        assert pool.get_size() == 1 and pool.get_idle_size() == 1  # opened as needed, kept
        again = await LazyReader(engine).fetchrow(
            """SELECT pg_backend_pid() AS pid, '{"b": [1]}'::jsonb AS b, json_build_object('a', 2) AS a"""
        )
        assert again is not None and again["pid"] == first["pid"]
        # JSON decoded as on the engine's own connections: a row reads the same whichever pool ran it.
        assert (again["b"], again["a"]) == ({"b": [1]}, {"a": 2})

        # A lost connection (a restart, a failover): at most the read that finds it fails (asyncpg usually notices
        # the backend's goodbye first and replaces the connection on acquire), and the next one connects anew.
        async with AsyncSession(engine) as session:
            await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first["pid"]})
        await asyncio.sleep(0.05)
        answers = []
        for _ in range(2):
            try:
                answers.append(await LazyReader(engine).fetchrow("SELECT pg_backend_pid() AS pid"))
                break
            except (OSError, asyncpg.exceptions.ConnectionDoesNotExistError, asyncpg.InterfaceError):
                continue
        [after] = answers
        assert after is not None and after["pid"] != first["pid"]
    finally:
        await close_read_pool(engine)
    assert read_pool_of(engine) is None


async def test_the_served_app_opens_its_read_pool_and_closes_it(settings):
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        assert (await client.get("/healthz")).status_code == 200
        assert read_pool_of(app.state.engine) is not None
    assert read_pool_of(app.state.engine) is None
    off = create_app(settings.model_copy(update={"db_read_pool_size": 0}))
    async with AsyncTestClient(off):
        assert read_pool_of(off.state.engine) is None
