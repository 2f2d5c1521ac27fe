"""Concurrent writers, with real commits on separate connections: exactly one wins, nothing is lost.

These tests cannot run inside the rolled-back test transaction (one connection cannot hold two transactions), so
the app gets its own sessionmaker on the engine, and the tables are emptied afterwards.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from api.app import create_app
from db.engine import make_sessionmaker
from db.models import Agreement, AgreementVersion, Approval, Event, IdempotencyKey, Membership, Party
from services.auth.keys import ensure_signing_key
from services.auth.tokens import mint_party_token
from services.parties import PartyInput, create_party
from tests.factories import Clock
from tests.flows import OPERATOR, accept_invitations, sla_clauses


async def truncate_everything(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        tables = (
            (
                await connection.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                    )
                )
            )
            .scalars()
            .all()
        )
        await connection.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))


@dataclass
class Live:
    client: httpx.AsyncClient
    engine: AsyncEngine
    parties: dict[str, Party]
    h: dict[str, dict[str, str]]

    async def scalar(self, stmt):
        async with make_sessionmaker(self.engine)() as session:
            return await session.scalar(stmt)

    def own_agreements(self):
        """The agreements this test's provider is in: counts never include another run's rows."""
        return select(Membership.agreement_id).where(Membership.party_id == self.parties["provider"].id)


@pytest.fixture
async def live(engine, settings) -> AsyncIterator[Live]:
    clock = Clock()
    sessionmaker = make_sessionmaker(engine)
    async with sessionmaker() as session:
        await ensure_signing_key(session, now=clock())
        parties = {}
        for name in ("provider", "customer", "third"):
            parties[name] = await create_party(session, OPERATOR, PartyInput(name=f"live {name}"), now=clock())
        await session.commit()
        h = {
            name: {
                "Authorization": "Bearer "
                + await mint_party_token(
                    session,
                    settings=settings,
                    party_id=p.id,
                    scopes=["agreements:read", "agreements:write"],
                    now=clock(),
                )
            }
            for name, p in parties.items()
        }
    app = create_app(settings, engine=engine, clock=clock)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://live") as client:
            yield Live(client, engine, parties, h)
    finally:
        await truncate_everything(engine)


async def new_agreement(live: Live) -> str:
    body = {
        "title": "Concurrent",
        "memberships": [
            {"party_id": str(live.parties["provider"].id), "role": "provider"},
            {"party_id": str(live.parties["customer"].id), "role": "customer"},
            {"party_id": str(live.parties["third"].id), "role": "third_party"},
        ],
        "clauses": sla_clauses(),
    }
    response = await live.client.post("/v1/agreements", json=body, headers=live.h["provider"])
    assert response.status_code == 201, response.text
    await accept_invitations(live.client, response.json()["id"], live.h["customer"], live.h["third"])
    return response.json()["id"]


async def accepted_and_active(live: Live) -> str:
    agreement_id = await new_agreement(live)
    a = f"/v1/agreements/{agreement_id}"
    assert (await live.client.post(f"{a}/versions", json={}, headers=live.h["provider"])).status_code == 201
    for side in ("provider", "customer"):
        assert (await live.client.post(f"{a}/versions/1/approve", headers=live.h[side])).status_code == 200
    assert (await live.client.post(f"{a}/activate", headers=live.h["provider"])).status_code == 200
    return agreement_id


def statuses(responses) -> Counter:
    return Counter(r.status_code for r in responses)


async def test_two_parties_proposing_the_draft_at_once(live: Live):
    agreement_id = await new_agreement(live)
    url = f"/v1/agreements/{agreement_id}/versions"
    responses = await asyncio.gather(
        *(live.client.post(url, json={"summary": side}, headers=live.h[side]) for side in ("provider", "customer"))
    )
    assert statuses(responses) == Counter({201: 1, 409: 1}), [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["code"] == "proposal_pending"
    assert (
        await live.scalar(
            select(func.count())
            .select_from(AgreementVersion)
            .where(AgreementVersion.agreement_id == agreement_id, AgreementVersion.status == "proposed")
        )
        == 1
    )


async def test_two_parties_proposing_amendments_at_once(live: Live):
    agreement_id = await accepted_and_active(live)
    url = f"/v1/agreements/{agreement_id}/versions"
    responses = await asyncio.gather(
        *(
            live.client.post(url, json={"summary": f"{side} {i}"}, headers=live.h[side])
            for i in range(3)
            for side in ("provider", "customer")
        )
    )
    assert statuses(responses) == Counter({201: 1, 409: 5}), [r.text for r in responses]
    numbers = (await live.client.get(url, headers=live.h["provider"])).json()["items"]
    assert [(v["number"], v["status"]) for v in numbers] == [(1, "accepted"), (2, "proposed")]


async def test_the_last_signatory_approving_twice_at_once(live: Live):
    agreement_id = await new_agreement(live)
    v = f"/v1/agreements/{agreement_id}/versions"
    assert (await live.client.post(v, json={}, headers=live.h["provider"])).status_code == 201
    assert (await live.client.post(f"{v}/1/approve", headers=live.h["provider"])).status_code == 200
    responses = await asyncio.gather(
        *(live.client.post(f"{v}/1/approve", headers=live.h["customer"]) for _ in range(4))
    )
    assert statuses(responses) == Counter({200: 1, 409: 3}), [r.text for r in responses]
    assert next(r for r in responses if r.status_code == 200).json()["status"] == "accepted"
    version_id = await live.scalar(select(AgreementVersion.id).where(AgreementVersion.agreement_id == agreement_id))
    assert await live.scalar(select(func.count()).select_from(Approval).where(Approval.version_id == version_id)) == 2
    events = await live.scalar(
        select(func.count())
        .select_from(Event)
        .where(Event.agreement_id == agreement_id, Event.type == "agreement.version_approved")
    )
    assert events == 2


async def test_both_signatories_approving_at_once_accepts_the_version(live: Live):
    """A lost update here would leave the version `proposed` with both approvals recorded."""
    agreement_id = await new_agreement(live)
    v = f"/v1/agreements/{agreement_id}/versions"
    assert (await live.client.post(v, json={}, headers=live.h["provider"])).status_code == 201
    responses = await asyncio.gather(
        *(live.client.post(f"{v}/1/approve", headers=live.h[side]) for side in ("provider", "customer"))
    )
    assert statuses(responses) == Counter({200: 2})
    assert (await live.client.get(f"{v}/1", headers=live.h["provider"])).json()["status"] == "accepted"


async def test_approve_and_reject_at_once(live: Live):
    agreement_id = await new_agreement(live)
    v = f"/v1/agreements/{agreement_id}/versions"
    assert (await live.client.post(v, json={}, headers=live.h["provider"])).status_code == 201
    responses = await asyncio.gather(
        live.client.post(f"{v}/1/approve", headers=live.h["provider"]),
        live.client.post(f"{v}/1/reject", headers=live.h["customer"]),
    )
    assert {r.status_code for r in responses} <= {200, 409}
    version = (await live.client.get(f"{v}/1", headers=live.h["provider"])).json()
    agreement = (await live.client.get(f"/v1/agreements/{agreement_id}", headers=live.h["provider"])).json()
    assert version["status"] == "rejected" and agreement["status"] == "draft"


async def test_two_patches_with_the_same_if_match(live: Live):
    agreement_id = await new_agreement(live)
    a = f"/v1/agreements/{agreement_id}"
    etag = (await live.client.get(a, headers=live.h["provider"])).headers["etag"]
    titles = [f"Title {i}" for i in range(5)]
    responses = await asyncio.gather(
        *(
            live.client.patch(
                a, json={"title": title}, headers={**live.h["provider" if i % 2 else "customer"], "If-Match": etag}
            )
            for i, title in enumerate(titles)
        )
    )
    assert statuses(responses) == Counter({200: 1, 412: 4}), [r.text for r in responses]
    winner = next(r for r in responses if r.status_code == 200).json()
    now = (await live.client.get(a, headers=live.h["provider"])).json()
    assert now["title"] == winner["title"] and now["version"] == 2
    assert (
        await live.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.agreement_id == agreement_id, Event.type == "agreement.updated")
        )
        == 1
    )


async def test_lifecycle_transitions_at_once(live: Live):
    agreement_id = await accepted_and_active(live)
    a = f"/v1/agreements/{agreement_id}"
    responses = await asyncio.gather(
        *(live.client.post(f"{a}/suspend", headers=live.h[side]) for side in ("provider", "customer", "provider"))
    )
    assert statuses(responses) == Counter({200: 1, 409: 2})
    assert (
        await live.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.agreement_id == agreement_id, Event.type == "agreement.suspended")
        )
        == 1
    )


async def test_identical_idempotent_posts_at_once_create_one_agreement(live: Live):
    body = {
        "title": "Exactly once",
        "memberships": [
            {"party_id": str(live.parties["provider"].id), "role": "provider"},
            {"party_id": str(live.parties["customer"].id), "role": "customer"},
        ],
    }
    headers = {**live.h["provider"], "Idempotency-Key": "once"}
    responses = await asyncio.gather(
        *(live.client.post("/v1/agreements", json=body, headers=headers) for _ in range(5))
    )
    assert statuses(responses) == Counter({201: 5}), [r.text for r in responses]
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 4
    # Own rows only (another run may share the database): the provider's agreements and this key.
    assert (
        await live.scalar(
            select(func.count())
            .select_from(Agreement)
            .where(Agreement.id.in_(live.own_agreements()), Agreement.title == "Exactly once")
        )
        == 1
    )
    assert await live.scalar(select(func.count()).select_from(IdempotencyKey).where(IdempotencyKey.key == "once")) == 1
    assert (
        await live.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.agreement_id.in_(live.own_agreements()), Event.type == "agreement.created")
        )
        == 1
    )


async def test_idempotent_posts_with_different_bodies_at_once(live: Live):
    headers = {**live.h["provider"], "Idempotency-Key": "contested"}
    bodies = [
        {
            "title": f"Body {i}",
            "memberships": [
                {"party_id": str(live.parties["provider"].id), "role": "provider"},
                {"party_id": str(live.parties["customer"].id), "role": "customer"},
            ],
        }
        for i in range(3)
    ]
    responses = await asyncio.gather(*(live.client.post("/v1/agreements", json=b, headers=headers) for b in bodies))
    assert statuses(responses) == Counter({201: 1, 422: 2}), [r.text for r in responses]
    assert (
        await live.scalar(select(func.count()).select_from(Agreement).where(Agreement.id.in_(live.own_agreements())))
        == 1
    )
