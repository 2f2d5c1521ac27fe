"""Test fixtures: a real PostgreSQL built by the real migrations, one rolled-back transaction per test.

`TEST_DATABASE_URL` points at a server (CI uses the machine's); without it an embedded PostgreSQL starts in
`.sla-test/` inside this checkout (or `SLA_TEST_DATA_DIR`), so two clones on one machine never share a cluster.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

# A fixed key-encryption key for secrets at rest, set before anything reads the settings (the migrations too).
TEST_SECRET_KEY = "dGVzdC1vbmx5IGtleS1lbmNyeXB0aW9uIGtleSAzMmI="
os.environ["SLA_SECRET_KEY"] = TEST_SECRET_KEY

# Imported after the key is set, so nothing they import can read the settings without it.
from api.app import create_app  # noqa: E402
from api.settings import Settings  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.migrate import migrate  # noqa: E402
from services.auth.keys import ensure_signing_key  # noqa: E402
from tests.factories import Clock, World  # noqa: E402
from tests.flows import Deal, accept_invitations, sla_clauses  # noqa: E402

CHECKOUT = Path(__file__).resolve().parents[1]


def embedded_data_dir() -> Path:
    """Where the embedded test cluster lives: per checkout (git ignores it), never a path shared machine-wide,
    where one clone's set-up (`DROP SCHEMA public CASCADE`) would break another's run."""
    return Path(os.environ.get("SLA_TEST_DATA_DIR") or CHECKOUT / ".sla-test")


def _database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    from db.embedded import start_embedded  # noqa: PLC0415 - only without a server: it needs the PostgreSQL binaries

    return start_embedded(embedded_data_dir())


@pytest.fixture(scope="session")
def database_url() -> str:
    url = _database_url()

    async def rebuild() -> None:
        engine = make_engine(url)
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
        await migrate(url)

    asyncio.run(rebuild())
    return url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(environment="test", database_url=database_url)


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        await transaction.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # Each session's commit releases a savepoint; the outer transaction is rolled back after the test.
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
async def session(sessionmaker) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session


@pytest.fixture
async def app(settings, engine, sessionmaker, clock, session):
    await ensure_signing_key(session, now=clock())
    await session.commit()
    app = create_app(settings, engine=engine, sessionmaker=sessionmaker, clock=clock)
    return app


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    # In the test's own event loop, so the app shares the test's connection (and its rolled-back transaction).
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def world(app, session, settings, clock) -> World:
    return World(session=session, settings=settings, clock=clock)


@pytest.fixture
async def deal(world: World, client) -> Deal:
    """Three member parties and an outsider, with a draft agreement created by the provider."""
    provider = await world.party("Acme Support", zendesk="org-1")
    customer = await world.party("Globex")
    third = await world.party("Globex Retail")
    outsider = await world.party("Initech")
    h = {
        name: await world.headers(p)
        for name, p in (("provider", provider), ("customer", customer), ("third", third), ("outsider", outsider))
    }
    h["operator"] = await world.headers(None)
    body = {
        "title": "Acme ↔ Globex support",
        "timezone": "Europe/Berlin",
        "memberships": [
            {"party_id": str(provider.id), "role": "provider"},
            {"party_id": str(customer.id), "role": "customer"},
            {"party_id": str(third.id), "role": "third_party"},
        ],
        "clauses": sla_clauses(),
    }
    response = await client.post("/v1/agreements", json=body, headers=h["provider"])
    assert response.status_code == 201, response.text
    await accept_invitations(client, response.json()["id"], h["customer"], h["third"])
    return Deal(provider, customer, third, outsider, response.json()["id"], h)
