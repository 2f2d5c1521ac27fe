"""Revoking an API client: the operator's call, the client's tokens refused on the next request, an event."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from db.engine import make_engine, make_sessionmaker
from db.models import ApiClient, Event
from services.auth.clients import create_api_client
from services.parties import PartyInput, create_party
from tests.api.conftest import assert_problem
from tests.flows import OPERATOR


async def _client_token(client, world, party) -> tuple[dict, str]:
    operator = await world.headers(None)
    r = await client.post(f"/v1/parties/{party.id}/clients", json={"name": "desk"}, headers=operator)
    assert r.status_code == 201, r.text
    created = r.json()
    r = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": created["client_secret"],
        },
    )
    assert r.status_code == 200, r.text
    return created, r.json()["access_token"]


async def test_a_revoked_clients_token_answers_401_on_the_next_call(client, world, session):
    acme = await world.party("Acme")
    created, token = await _client_token(client, world, acme)
    bearer = {"Authorization": f"Bearer {token}"}
    assert (await client.get("/v1/me", headers=bearer)).status_code == 200

    r = await client.post(f"/v1/clients/{created['id']}/revoke", headers=await world.headers(None))
    assert r.status_code == 200, r.text
    assert r.json()["revoked_at"] is not None and r.json()["client_id"] == created["client_id"]
    first_revoked_at = r.json()["revoked_at"]

    assert_problem(await client.get("/v1/me", headers=bearer), 401, "unauthorized")
    r = await client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": created["client_secret"],
        },
    )
    assert r.status_code == 401
    events = (await session.scalars(select(Event).where(Event.type == "client.revoked"))).all()
    assert [e.payload["client"]["client_id"] for e in events] == [created["client_id"]]
    assert events[0].subject_party_id == acme.id
    # Revoking again changes nothing and records nothing more.
    again = await client.post(f"/v1/clients/{created['id']}/revoke", headers=await world.headers(None))
    assert again.status_code == 200 and again.json()["revoked_at"] == first_revoked_at
    assert len((await session.scalars(select(Event).where(Event.type == "client.revoked"))).all()) == 1


async def test_only_the_operator_revokes_and_a_party_reads_only_its_own(client, world):
    acme, globex = await world.party("Acme"), await world.party("Globex")
    created, _ = await _client_token(client, world, acme)
    assert_problem(await client.post(f"/v1/clients/{created['id']}/revoke", headers=await world.headers(acme)), 403)
    mine = await client.get(f"/v1/clients/{created['id']}", headers=await world.headers(acme))
    assert mine.status_code == 200 and mine.json()["revoked_at"] is None and "client_secret" not in mine.json()
    theirs = await client.get(f"/v1/clients/{created['id']}", headers=await world.headers(globex))
    unknown = await client.get(f"/v1/clients/{uuid.uuid4()}", headers=await world.headers(globex))
    assert_problem(theirs, 404) and assert_problem(unknown, 404)
    assert theirs.json()["detail"] == unknown.json()["detail"]


def test_sla_clients_list_and_revoke(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    runner = CliRunner()

    async def make() -> uuid.UUID:
        engine = make_engine(database_url, pool_size=1)
        try:
            async with make_sessionmaker(engine)() as session:
                now = datetime.now(UTC)
                owner = await create_party(session, OPERATOR, PartyInput(name=f"CLI {uuid.uuid4().hex[:6]}"), now=now)
                api_client, _ = await create_api_client(session, party_id=owner.id, name="cli", scopes=None, now=now)
                await session.commit()
                return api_client.id
        finally:
            await engine.dispose()

    async def revoked_at(api_client_id: uuid.UUID):
        engine = make_engine(database_url, pool_size=1)
        try:
            async with make_sessionmaker(engine)() as session:
                return await session.scalar(select(ApiClient.revoked_at).where(ApiClient.id == api_client_id))
        finally:
            await engine.dispose()

    api_client_id = asyncio.run(make())
    listed = runner.invoke(main, ["clients", "list"])
    assert listed.exit_code == 0, listed.output
    line = next(line for line in listed.output.splitlines() if line.startswith(str(api_client_id)))
    assert "\tactive\t" in line
    result = runner.invoke(main, ["clients", "revoke", str(api_client_id)])
    assert result.exit_code == 0, result.output
    assert asyncio.run(revoked_at(api_client_id)) is not None
    listed = runner.invoke(main, ["clients", "list"])
    assert "\trevoked " in next(line for line in listed.output.splitlines() if line.startswith(str(api_client_id)))


async def test_revoke_over_graphql_is_the_operators(client, world, session):
    acme = await world.party("Acme")
    created, _ = await _client_token(client, world, acme)
    query = (
        "mutation($id: UUID!) { revokeApiClient(id: $id) { __typename "
        "... on RevokeApiClientPayload { apiClient { clientId revokedAt } } } }"
    )
    refused = await client.post(
        "/graphql", json={"query": query, "variables": {"id": created["id"]}}, headers=await world.headers(acme)
    )
    assert refused.json()["data"] is None or refused.json()["data"]["revokeApiClient"] is None
    assert (
        await session.scalar(select(ApiClient.revoked_at).where(ApiClient.client_id == created["client_id"]))
    ) is None
    r = await client.post(
        "/graphql", json={"query": query, "variables": {"id": created["id"]}}, headers=await world.headers(None)
    )
    payload = r.json()["data"]["revokeApiClient"]
    assert payload["__typename"] == "RevokeApiClientPayload"
    assert payload["apiClient"]["clientId"] == created["client_id"] and payload["apiClient"]["revokedAt"]
    session.expire_all()
    assert (
        await session.scalar(select(ApiClient.revoked_at).where(ApiClient.client_id == created["client_id"]))
    ) is not None
