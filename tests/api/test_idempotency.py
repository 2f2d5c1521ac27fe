"""`Idempotency-Key` on POST: a retry gets the first response, once; a reused key with another body is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from api.settings import Settings
from db.models import Agreement, AgreementVersion, ApiClient, Event, IdempotencyKey, WebhookSubscription
from tests.api.conftest import assert_problem, row_counts
from tests.flows import Deal, sla_clauses


def create_body(deal: Deal, title: str = "Idempotent") -> dict:
    return {
        "title": title,
        "memberships": [
            {"party_id": str(deal.provider.id), "role": "provider"},
            {"party_id": str(deal.customer.id), "role": "customer"},
        ],
        "clauses": sla_clauses(),
    }


async def _count(session, model, *where) -> int:
    return await session.scalar(select(func.count()).select_from(model).where(*where))


async def test_same_key_same_body_replays_the_first_response(client, deal: Deal, session):
    headers = {**deal.h["provider"], "Idempotency-Key": "create-1"}
    before = await row_counts(session)
    first = await client.post("/v1/agreements", json=create_body(deal), headers=headers)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    second = await client.post("/v1/agreements", json=create_body(deal), headers=headers)
    assert second.status_code == 201
    assert second.headers["idempotent-replayed"] == "true"
    assert second.json() == first.json()
    assert second.headers["location"] == first.headers["location"] and second.headers["etag"] == first.headers["etag"]
    after = await row_counts(session)
    assert after["agreements"] == before["agreements"] + 1
    assert after["events"] == before["events"] + 2  # agreement.created, and party.invited to the invited customer
    assert after["idempotency_keys"] == before["idempotency_keys"] + 1
    agreement_id = first.json()["id"]
    assert await _count(session, Event, Event.agreement_id == agreement_id) == 1


async def test_a_fresh_token_of_the_same_party_replays_too(client, deal: Deal, world):
    first = await client.post(
        "/v1/agreements", json=create_body(deal), headers={**deal.h["provider"], "Idempotency-Key": "k"}
    )
    again = await client.post(
        "/v1/agreements", json=create_body(deal), headers={**await world.headers(deal.provider), "Idempotency-Key": "k"}
    )
    assert again.headers.get("idempotent-replayed") == "true" and again.json()["id"] == first.json()["id"]


async def test_same_key_different_body_is_422(client, deal: Deal, session):
    headers = {**deal.h["provider"], "Idempotency-Key": "create-2"}
    first = await client.post("/v1/agreements", json=create_body(deal, "One"), headers=headers)
    assert first.status_code == 201
    before = await row_counts(session)
    response = await client.post("/v1/agreements", json=create_body(deal, "Two"), headers=headers)
    assert_problem(response, 422, "idempotency_key_reused")
    # On another path, the same key is another request too.
    response = await client.post(f"/v1/agreements/{deal.agreement_id}/versions", json={}, headers=headers)
    assert_problem(response, 422, "idempotency_key_reused")
    assert await row_counts(session) == before


async def test_keys_belong_to_their_caller(client, deal: Deal, session):
    body = create_body(deal)
    first = await client.post("/v1/agreements", json=body, headers={**deal.h["provider"], "Idempotency-Key": "shared"})
    second = await client.post("/v1/agreements", json=body, headers={**deal.h["customer"], "Idempotency-Key": "shared"})
    assert first.status_code == second.status_code == 201
    assert "idempotent-replayed" not in second.headers
    assert first.json()["id"] != second.json()["id"]


async def test_failures_are_not_remembered(client, deal: Deal, session):
    headers = {**deal.h["provider"], "Idempotency-Key": "fix-and-retry"}
    bad = create_body(deal)
    bad["timezone"] = "Nowhere/Special"
    before = await row_counts(session)
    assert_problem(await client.post("/v1/agreements", json=bad, headers=headers), 422)
    assert await row_counts(session) == before
    response = await client.post("/v1/agreements", json=create_body(deal), headers=headers)
    assert response.status_code == 201 and "idempotent-replayed" not in response.headers


async def test_a_replayed_proposal_and_approval_change_nothing(client, deal: Deal, session):
    v = f"/v1/agreements/{deal.agreement_id}/versions"
    headers = {**deal.h["provider"], "Idempotency-Key": "propose-1"}
    first = await client.post(v, json={"summary": "x"}, headers=headers)
    again = await client.post(v, json={"summary": "x"}, headers=headers)
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    assert await _count(session, AgreementVersion, AgreementVersion.agreement_id == deal.agreement_id) == 1

    headers = {**deal.h["customer"], "Idempotency-Key": "approve-1"}
    first = await client.post(f"{v}/1/approve", headers=headers)
    again = await client.post(f"{v}/1/approve", headers=headers)
    # Without the key the second would be 409 already_decided; with it, the first answer is replayed.
    assert first.status_code == again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()
    types = [
        e["type"]
        for e in (await client.get(f"/v1/agreements/{deal.agreement_id}/history", headers=deal.h["provider"])).json()[
            "items"
        ]
    ]
    assert types.count("agreement.version_approved") == 1


async def test_reads_ignore_the_key(client, deal: Deal, session):
    headers = {**deal.h["provider"], "Idempotency-Key": "read"}
    first = await client.get("/v1/agreements", headers=headers)
    second = await client.get("/v1/agreements", headers=headers)
    assert first.status_code == second.status_code == 200 and "idempotent-replayed" not in second.headers
    assert await _count(session, Agreement) >= 1


# ---------------------------------------------------------------- replay safety (issue 9, item 1)


HOOK = {"url": "http://127.0.0.1:9/hooks", "event_types": ["*"]}


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(environment="test", database_url=database_url, webhook_allow_networks="127.0.0.0/8")


async def test_a_read_only_token_replaying_a_webhooks_key_gets_403_not_the_secret(client, deal: Deal, world, session):
    first = await client.post("/v1/webhooks", json=HOOK, headers={**deal.h["provider"], "Idempotency-Key": "hook"})
    assert first.status_code == 201 and first.json()["secret"].startswith("whsec_")
    reader = await world.headers(deal.provider, ["agreements:read"])
    replay = await client.post("/v1/webhooks", json=HOOK, headers={**reader, "Idempotency-Key": "hook"})
    assert_problem(replay, 403, "insufficient_scope")
    assert "whsec_" not in replay.text and "idempotent-replayed" not in replay.headers
    assert await _count(session, WebhookSubscription, WebhookSubscription.party_id == deal.provider.id) == 1


async def test_other_callers_and_other_scopes_never_get_the_stored_response(client, deal: Deal, world, session):
    first = await client.post("/v1/webhooks", json=HOOK, headers={**deal.h["provider"], "Idempotency-Key": "hook"})
    # The same party with other scopes (still enough for the route): a new request, not the stored secret.
    narrower = await world.headers(deal.provider, ["webhooks:manage"])
    again = await client.post("/v1/webhooks", json=HOOK, headers={**narrower, "Idempotency-Key": "hook"})
    assert again.status_code == 201 and "idempotent-replayed" not in again.headers
    assert again.json()["id"] != first.json()["id"] and again.json()["secret"] != first.json()["secret"]
    # Another party with the same key and body: its own new subscription.
    other = await client.post("/v1/webhooks", json=HOOK, headers={**deal.h["customer"], "Idempotency-Key": "hook"})
    assert other.status_code == 201 and "idempotent-replayed" not in other.headers
    assert other.json()["party_id"] == str(deal.customer.id)
    # The same caller with the same scopes still replays.
    replay = await client.post("/v1/webhooks", json=HOOK, headers={**deal.h["provider"], "Idempotency-Key": "hook"})
    assert replay.headers["idempotent-replayed"] == "true" and replay.json() == first.json()


async def test_operator_tokens_do_not_share_one_replay_identity(client, deal: Deal, world, session):
    path, body = f"/v1/parties/{deal.provider.id}/clients", {"name": "ticketing"}
    first = await client.post(path, json=body, headers={**deal.h["operator"], "Idempotency-Key": "client"})
    assert first.status_code == 201, first.text
    another_operator = await world.headers(None)
    second = await client.post(path, json=body, headers={**another_operator, "Idempotency-Key": "client"})
    assert second.status_code == 201 and "idempotent-replayed" not in second.headers
    assert second.json()["client_secret"] != first.json()["client_secret"]


async def test_a_client_secret_is_never_stored_in_clear(client, deal: Deal, session):
    path, body = f"/v1/parties/{deal.provider.id}/clients", {"name": "billing"}
    headers = {**deal.h["operator"], "Idempotency-Key": "client-secret"}
    first = await client.post(path, json=body, headers=headers)
    secret = first.json()["client_secret"]
    rows = (await session.scalars(select(IdempotencyKey).where(IdempotencyKey.key == "client-secret"))).all()
    assert len(rows) == 1 and rows[0].kek_id
    stored = bytes(rows[0].body) + repr(rows[0].headers).encode()
    assert secret.encode() not in stored and b"client_secret" not in stored
    # Encrypted, not dropped: the same caller's retry still gets its one answer, and no second client exists.
    replay = await client.post(path, json=body, headers=headers)
    assert replay.headers["idempotent-replayed"] == "true" and replay.json()["client_secret"] == secret
    assert await _count(session, ApiClient, ApiClient.party_id == deal.provider.id) == 1


async def test_keys_expire_after_the_ttl_and_are_purged(client, deal: Deal, session, clock, settings):
    headers = {**deal.h["provider"], "Idempotency-Key": "ttl"}
    first = await client.post("/v1/agreements", json=create_body(deal), headers=headers)
    clock.now += timedelta(seconds=settings.idempotency_ttl_seconds - 1)
    within = await client.post("/v1/agreements", json=create_body(deal), headers=headers)
    assert within.headers.get("idempotent-replayed") == "true" and within.json()["id"] == first.json()["id"]
    # Another key's row, expired too: purged when keys are next used.
    await client.post(
        "/v1/agreements", json=create_body(deal, "Other"), headers={**deal.h["customer"], "Idempotency-Key": "other"}
    )
    clock.now += timedelta(seconds=settings.idempotency_ttl_seconds + 1)
    after = await client.post("/v1/agreements", json=create_body(deal), headers=headers)
    assert after.status_code == 201 and "idempotent-replayed" not in after.headers
    assert after.json()["id"] != first.json()["id"]
    keys = (await session.scalars(select(IdempotencyKey.key).where(IdempotencyKey.key.in_(["ttl", "other"])))).all()
    assert keys == ["ttl"]
    assert await session.scalar(select(IdempotencyKey.expires_at).where(IdempotencyKey.key == "ttl")) > clock.now


async def test_the_ttl_is_a_setting(database_url):
    assert Settings(environment="test", database_url=database_url).idempotency_ttl_seconds == 24 * 3600
    assert (
        Settings(environment="test", database_url=database_url, idempotency_ttl_seconds=600).idempotency_ttl_seconds
        == 600
    )
