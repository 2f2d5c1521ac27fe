"""Programmatic Alembic: `sla migrate`, the embedded start-up and the tests all use these."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from db.engine import asyncpg_url

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", asyncpg_url(url))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # the revisions ship with the package: never empty, and one linear history (test_migrations)
        raise RuntimeError(f"no Alembic revision in {MIGRATIONS}")
    return head


async def upgrade(connection: AsyncConnection) -> None:
    def _upgrade(sync_connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = sync_connection
        command.upgrade(config, "head")

    await connection.run_sync(_upgrade)


async def migrate(url: str) -> None:
    engine = create_async_engine(asyncpg_url(url))
    try:
        async with engine.begin() as connection:
            # One migrator at a time when several processes start together.
            await connection.exec_driver_sql("SELECT pg_advisory_xact_lock(727274)")
            await upgrade(connection)
    finally:
        await engine.dispose()


async def current_revision(connection: AsyncConnection) -> str | None:
    return await connection.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())
