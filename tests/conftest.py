"""Test fixtures: a real PostgreSQL built by the real migrations, one rolled-back transaction per test.

`TEST_DATABASE_URL` points at a server (CI uses the machine's); without it an embedded PostgreSQL starts in
`.sla-test/` inside this checkout (or `SLA_TEST_DATA_DIR`), so two clones on one machine never share a cluster.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

# A fixed key-encryption key for secrets at rest, set before anything reads the settings (the migrations too).
TEST_SECRET_KEY = "dGVzdC1vbmx5IGtleS1lbmNyeXB0aW9uIGtleSAzMmI="
os.environ["SLA_SECRET_KEY"] = TEST_SECRET_KEY

from api.app import create_app  # noqa: E402
from api.settings import Settings
from db.engine import make_engine
from db.migrate import migrate
from db.models import Party
from services.actors import ALL_SCOPES, PARTY_SCOPES
from services.auth.keys import ensure_signing_key
from services.auth.tokens import mint_operator_token, mint_party_token

CHECKOUT = Path(__file__).resolve().parents[1]


def embedded_data_dir() -> Path:
    """Where the embedded test cluster lives: per checkout (git ignores it), never a path shared machine-wide,
    where one clone's set-up (`DROP SCHEMA public CASCADE`) would break another's run."""
    return Path(os.environ.get("SLA_TEST_DATA_DIR") or CHECKOUT / ".sla-test")


def _database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    from db.embedded import start_embedded

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


class Clock:
    """An injectable clock; tests move it explicitly."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


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


@dataclass
class World:
    """Factories for parties and tokens, all through the real services."""

    session: AsyncSession
    settings: Settings
    clock: Clock
    parties: dict[str, Party] = field(default_factory=dict)

    async def party(self, name: str, **refs: str) -> Party:
        from services.parties import PartyInput, create_party

        actor = operator_actor()
        party = await create_party(
            self.session, actor, PartyInput(name=name, external_refs=refs or None), now=self.clock()
        )
        await self.session.commit()
        self.parties[name] = party
        return party

    async def token(self, party: Party | None, scopes: list[str] | None = None) -> str:
        if party is None:
            token = await mint_operator_token(self.session, settings=self.settings, now=self.clock())
        else:
            token = await mint_party_token(
                self.session,
                settings=self.settings,
                party_id=party.id,
                scopes=scopes if scopes is not None else list(PARTY_SCOPES),
                now=self.clock(),
            )
        return token

    async def headers(self, party: Party | None, scopes: list[str] | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self.token(party, scopes)}"}


def operator_actor():
    from services.actors import Actor

    return Actor(party_id=None, scopes=frozenset(ALL_SCOPES), subject="operator")


@pytest.fixture
async def world(app, session, settings, clock) -> World:
    return World(session=session, settings=settings, clock=clock)


def sla_clauses() -> list[dict]:
    return [
        {
            "key": "response-times",
            "kind": "service_level",
            "title": "Response times",
            "terms": {
                "targets": [
                    {
                        "key": "p1-first-response",
                        "metric": "first_response",
                        "match": {"priority": "P1"},
                        "duration": "PT1H",
                        "time": "calendar",
                        "warn_at_percent": [75],
                    },
                    {
                        "key": "p2-first-response",
                        "metric": "first_response",
                        "match": {"priority": "P2"},
                        "duration": "PT4H",
                    },
                ]
            },
        },
        {
            "key": "fees",
            "kind": "cost",
            "title": "Fees",
            "terms": {
                "price_lines": [
                    {
                        "code": "base",
                        "description": "Monthly base fee",
                        "amount": {"amount": "1200.00", "currency": "EUR"},
                        "unit": "month",
                    }
                ]
            },
        },
        {
            "key": "escalation",
            "kind": "escalation",
            "title": "Escalation",
            "terms": {
                "levels": [{"level": 1, "after": "PT2H", "to": {"role": "provider", "email": "duty@example.com"}}]
            },
        },
    ]


@dataclass
class Deal:
    provider: Party
    customer: Party
    third: Party
    outsider: Party
    agreement_id: str
    h: dict[str, dict[str, str]]


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


async def accept_invitations(client: httpx.AsyncClient, agreement_id: str, *invited: dict[str, str]) -> None:
    """Each invited party (given by its headers) accepts its invitation to the agreement, through the REST API."""
    for headers in invited:
        listed = await client.get("/v1/invitations", params={"status": "invited", "limit": 100}, headers=headers)
        assert listed.status_code == 200, listed.text
        (invitation,) = [i for i in listed.json()["items"] if i["agreement"]["id"] == agreement_id]
        response = await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=headers)
        assert response.status_code == 200, response.text


async def accept_all_invitations(session: AsyncSession, agreement_id: uuid.UUID, now: datetime) -> None:
    """Every party invited to the agreement accepts, through the real use case (for tests built on services)."""
    from sqlalchemy import select

    from db.models import Invitation
    from services.actors import Actor
    from services.agreements.invitations import answer_invitation

    invited = list(
        await session.scalars(
            select(Invitation).where(Invitation.agreement_id == agreement_id, Invitation.status == "invited")
        )
    )
    for invitation in invited:
        actor = Actor(party_id=invitation.party_id, scopes=frozenset(PARTY_SCOPES), subject="test")
        await answer_invitation(session, actor, invitation.id, "accepted", now=now)


__all__ = ["Clock", "Deal", "World", "accept_all_invitations", "accept_invitations", "sla_clauses", "uuid", "event"]


async def register_client(session: AsyncSession, party_id: uuid.UUID, client_id: str) -> None:
    """An API client row for tokens minted directly with `client_id` (the verifier refuses a client it does not know,
    as it refuses a revoked one)."""
    from db.models import ApiClient

    session.add(ApiClient(client_id=client_id, secret_hash="unused", party_id=party_id, name=client_id,
                          scopes=list(PARTY_SCOPES)))
    await session.commit()
