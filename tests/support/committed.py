"""For tests that need real commits (other processes, concurrent transactions): the app on the real engine,
and every table emptied afterwards."""

from __future__ import annotations

import os
import sys
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.app import create_app
from api.settings import Settings
from db.base import Base
from db.engine import make_sessionmaker
from db.models import Event, WebhookAttempt, WebhookDelivery
from services.actors import PARTY_SCOPES
from services.auth.keys import ensure_signing_key
from services.auth.tokens import mint_operator_token, mint_party_token
from services.parties import PartyInput, create_party
from tests.flows import OPERATOR


async def truncate_all(engine: AsyncEngine) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} CASCADE"))


@dataclass
class Committed:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    client: httpx.AsyncClient
    app: object

    async def party(self, name: str):
        async with self.sessionmaker.begin() as session:
            return await create_party(session, OPERATOR, PartyInput(name=name), now=self.app.state.clock())

    async def event_types(self, agreement_id, pattern: str = "%") -> list[str]:
        """One agreement's event types in order: a test on committed data counts its own rows only, never a
        table, since another run or test may have rows in the same database."""
        async with self.sessionmaker() as session:
            return list(
                await session.scalars(
                    select(Event.type)
                    .where(Event.agreement_id == agreement_id, Event.type.like(pattern))
                    .order_by(Event.position)
                )
            )

    async def deliveries(self, *subscriptions: dict) -> list[WebhookDelivery]:
        """Deliveries to these subscriptions (as `POST /v1/webhooks` answered them) only."""
        async with self.sessionmaker() as session:
            return list(
                await session.scalars(
                    select(WebhookDelivery).where(
                        WebhookDelivery.subscription_id.in_([uuid.UUID(s["id"]) for s in subscriptions])
                    )
                )
            )

    async def attempts(self, *subscriptions: dict) -> list[WebhookAttempt]:
        async with self.sessionmaker() as session:
            return list(
                await session.scalars(
                    select(WebhookAttempt).where(
                        WebhookAttempt.subscription_id.in_([uuid.UUID(s["id"]) for s in subscriptions])
                    )
                )
            )

    async def headers(self, party=None, scopes=None) -> dict[str, str]:
        async with self.sessionmaker.begin() as session:
            now = self.app.state.clock()
            if party is None:
                token = await mint_operator_token(session, settings=self.settings, now=now)
            else:
                token = await mint_party_token(
                    session, settings=self.settings, party_id=party.id, scopes=scopes or list(PARTY_SCOPES), now=now
                )
        return {"Authorization": f"Bearer {token}"}


WORKER_ENV = {
    "SLA_WEBHOOK_ALLOW_NETWORKS": "127.0.0.0/8",
    "SLA_WEBHOOK_RETRY_SCHEDULE": "0.3,0.3,0.3,0.3,0.3",
    "SLA_WEBHOOK_TIMEOUT_SECONDS": "1",
    "SLA_WEBHOOK_CONNECT_TIMEOUT_SECONDS": "1",
    "SLA_WORKER_LEASE_SECONDS": "2",
    "SLA_WORKER_POLL_SECONDS": "0.2",
}


def worker_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLA_")}
    env.update(WORKER_ENV, DATABASE_URL=database_url, PYTHONUNBUFFERED="1")
    env["SLA_SECRET_KEY"] = os.environ["SLA_SECRET_KEY"]  # the tests' key-encryption key (tests/conftest.py)
    return env


def sla_command() -> list[str]:
    return [sys.executable, "-c", "from api.cli import main; main()"]


@asynccontextmanager
async def committed_app(engine: AsyncEngine, database_url: str, **overrides):
    values = {k.removeprefix("SLA_").lower(): v for k, v in WORKER_ENV.items()}
    values.update(overrides)
    settings = Settings(environment="test", database_url=database_url, **values)
    sessionmaker = make_sessionmaker(engine)
    app = create_app(settings, engine=engine, sessionmaker=sessionmaker)
    async with sessionmaker.begin() as session:
        await ensure_signing_key(session, now=app.state.clock())
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield Committed(settings, sessionmaker, client, app)
    finally:
        await app.state.webhook_sender.aclose()
        await truncate_all(engine)
