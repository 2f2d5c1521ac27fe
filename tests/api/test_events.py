"""`/v1/events` and `/v1/agreements/{id}/history`: the caller's event log, cursors, types, role filtering."""

from __future__ import annotations

import asyncio
import json
import random
import uuid

import jwt
import pytest

from api.settings import Settings
from services.auth.tokens import mint_party_token
from services.webhooks.delivery import claim_subscription
from tests.api.conftest import assert_problem
from tests.factories import register_client
from tests.flows import Deal, activate
from tests.support.receiver import Receiver
from worker.delivery import deliver_subscription


async def _walk(client, url: str, headers, **params) -> list[dict]:
    seen, cursor = [], None
    while True:
        response = await client.get(url, params={**params, **({"cursor": cursor} if cursor else {})}, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


async def test_events_cursor_walk(client, deal: Deal):
    await activate(client, deal)
    everything = (await client.get("/v1/events", params={"limit": 100}, headers=deal.h["customer"])).json()
    assert everything["next_cursor"] is None
    walked = await _walk(client, "/v1/events", deal.h["customer"], limit=1)
    assert [e["id"] for e in walked] == [e["id"] for e in everything["items"]]
    assert [e["type"] for e in walked] == [
        "party.created",
        "agreement.created",
        "party.invited",
        "invitation.accepted",
        "invitation.accepted",
        "agreement.version_proposed",
        "agreement.version_approved",
        "agreement.version_approved",
        "agreement.activated",
    ]
    # Agreement events are numbered per agreement without gaps (the invitation is addressed to the party alone).
    assert [e["sequence"] for e in walked if e["agreement_id"]] == [1, 2, 3, 4, 5, 6, 7]


async def test_a_cursor_continues_where_the_last_page_ended(client, deal: Deal):
    first = (await client.get("/v1/events", params={"limit": 1}, headers=deal.h["provider"])).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    # Events appended after a page was read show up on the next pages.
    await activate(client, deal)
    rest = await _walk(client, "/v1/events", deal.h["provider"], limit=2, cursor=first["next_cursor"])
    ids = [e["id"] for e in first["items"]] + [e["id"] for e in rest]
    everything = (await client.get("/v1/events", params={"limit": 100}, headers=deal.h["provider"])).json()["items"]
    assert ids == [e["id"] for e in everything]


async def test_event_type_filter(client, deal: Deal):
    await activate(client, deal)
    items = (
        await client.get(
            "/v1/events", params={"type": ["agreement.activated", "agreement.created"]}, headers=deal.h["provider"]
        )
    ).json()["items"]
    assert [e["type"] for e in items] == ["agreement.created", "agreement.activated"]
    assert (await client.get("/v1/events", params={"type": "no.such.type"}, headers=deal.h["provider"])).json()[
        "items"
    ] == []


async def test_one_event(client, deal: Deal):
    items = (await client.get("/v1/events", headers=deal.h["provider"])).json()["items"]
    created = next(e for e in items if e["type"] == "agreement.created")
    one = (await client.get(f"/v1/events/{created['id']}", headers=deal.h["provider"])).json()
    assert one == created
    assert one["agreement_id"] == deal.agreement_id and one["actor"]["party_id"] == str(deal.provider.id)
    assert one["data"]["agreement"]["id"] == deal.agreement_id
    assert_problem(await client.get(f"/v1/events/{uuid.uuid4()}", headers=deal.h["provider"]), 404)


async def test_third_parties_never_see_cost_clauses_in_events(client, deal: Deal):
    await activate(client, deal)
    for url in ("/v1/events", f"/v1/agreements/{deal.agreement_id}/history"):
        items = (await client.get(url, params={"limit": 100}, headers=deal.h["third"])).json()["items"]
        assert items
        text = str(items)
        assert "'cost'" not in text and "1200.00" not in text
        for e in items:
            one = (await client.get(f"/v1/events/{e['id']}", headers=deal.h["third"])).json()
            assert "1200.00" not in str(one)
    # The customer does see them.
    items = (await client.get("/v1/events", headers=deal.h["customer"])).json()["items"]
    assert "1200.00" in str(items)


async def test_history_pages(client, deal: Deal):
    await activate(client, deal)
    url = f"/v1/agreements/{deal.agreement_id}/history"
    walked = await _walk(client, url, deal.h["third"], limit=1)
    assert [e["sequence"] for e in walked] == [1, 2, 3, 4, 5, 6, 7]
    assert_problem(
        await client.get(url, params={"limit": 101}, headers=deal.h["third"]), 422, "invalid_input", field="limit"
    )
    assert_problem(await client.get(url, params={"cursor": "x"}, headers=deal.h["third"]), 422, field="cursor")


async def test_the_operator_sees_every_event(client, deal: Deal):
    items = await _walk(client, "/v1/events", deal.h["operator"], limit=100)
    assert {"party.created", "agreement.created"} <= {e["type"] for e in items}
    assert sum(e["type"] == "party.created" for e in items) >= 4


async def test_limits(client, deal: Deal):
    # A page size out of range and a cursor this API did not issue are the same kind of error: 422 invalid_input.
    for limit in (0, 101, -1):
        assert_problem(
            await client.get("/v1/events", params={"limit": limit}, headers=deal.h["provider"]),
            422,
            "invalid_input",
            field="limit",
        )
    assert_problem(
        await client.get("/v1/events", params={"limit": "ten"}, headers=deal.h["provider"]), 422, "invalid_input"
    )
    assert_problem(
        await client.get("/v1/events", params={"cursor": "WyJ4Il0"}, headers=deal.h["provider"]), 422, field="cursor"
    )


# ---------------------------------------------------------------- the actor's credentials (issue 9, item 12)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        environment="test", database_url=database_url, webhook_allow_networks="127.0.0.0/8", webhook_timeout_seconds=1
    )


async def client_token_headers(world, party) -> tuple[dict[str, str], str]:
    await register_client(world.session, party.id, "cli-acme-ticketing")
    token = await mint_party_token(
        world.session,
        settings=world.settings,
        party_id=party.id,
        scopes=["agreements:read", "agreements:write"],
        now=world.clock(),
        client_id="cli-acme-ticketing",
    )
    return {"Authorization": f"Bearer {token}"}, jwt.decode(token, options={"verify_signature": False})["jti"]


async def test_client_id_and_jti_are_shown_to_the_actors_party_and_the_operator_only(client, deal: Deal, world):
    headers, jti = await client_token_headers(world, deal.provider)
    proposed = await client.post(
        f"/v1/agreements/{deal.agreement_id}/versions", json={"summary": "v1"}, headers=headers
    )
    assert proposed.status_code == 201, proposed.text
    mine = {"party_id": str(deal.provider.id), "client_id": "cli-acme-ticketing", "token_id": jti}
    hidden = {"party_id": str(deal.provider.id), "client_id": None, "token_id": None}
    for who, expected in (("provider", mine), ("operator", mine), ("customer", hidden), ("third", hidden)):
        events = await _walk(client, "/v1/events", deal.h[who], type="agreement.version_proposed")
        history = await _walk(client, f"/v1/agreements/{deal.agreement_id}/history", deal.h[who])
        (event,) = [e for e in events if e["agreement_id"] == deal.agreement_id]
        (in_history,) = [e for e in history if e["type"] == "agreement.version_proposed"]
        one = (await client.get(f"/v1/events/{event['id']}", headers=deal.h[who])).json()
        assert event["actor"] == in_history["actor"] == one["actor"] == expected, who


async def test_webhook_payloads_show_the_credentials_to_the_actors_party_only(client, deal: Deal, world, app, clock):
    headers, jti = await client_token_headers(world, deal.provider)
    receivers = {side: await Receiver().start() for side in ("provider", "customer")}
    try:
        subs = {
            side: (
                await client.post(
                    "/v1/webhooks", json={"url": rx.url, "event_types": ["agreement.updated"]}, headers=deal.h[side]
                )
            ).json()
            for side, rx in receivers.items()
        }
        r = await client.patch(
            f"/v1/agreements/{deal.agreement_id}",
            json={"description": "via the integration"},
            headers={**headers, "If-Match": '"1"'},
        )
        assert r.status_code == 200, r.text
        # The lanes' way in: claim each subscription's lease, then send its deliveries under it.
        async with app.state.sessionmaker() as session:
            leases = []
            while lease := await claim_subscription(session, "test-lane", now=clock(), lease_seconds=60):
                leases.append(lease)
            await session.commit()
        assert {lease.subscription_id for lease in leases} == {uuid.UUID(sub["id"]) for sub in subs.values()}
        for lease in leases:
            await deliver_subscription(
                app.state.sessionmaker,
                app.state.webhook_sender,
                lease,
                clock=clock,
                rng=random.Random(1),
                stopping=asyncio.Event(),
                lost=asyncio.Event(),
            )
        actors = {side: json.loads(rx.requests[-1].body)["data"]["actor"] for side, rx in receivers.items()}
    finally:
        for rx in receivers.values():
            await rx.stop()
    assert actors["provider"] == {"party_id": str(deal.provider.id), "client_id": "cli-acme-ticketing", "token_id": jti}
    assert actors["customer"] == {"party_id": str(deal.provider.id), "client_id": None, "token_id": None}
