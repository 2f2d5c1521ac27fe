"""`Idempotency-Key` on POST: a retry gets the first response, once; a reused key with another body is refused."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import Agreement, AgreementVersion, Event
from tests.api.conftest import assert_problem, row_counts
from tests.conftest import Deal, sla_clauses


def create_body(deal: Deal, title: str = "Idempotent") -> dict:
    return {"title": title, "memberships": [{"party_id": str(deal.provider.id), "role": "provider"},
                                            {"party_id": str(deal.customer.id), "role": "customer"}],
            "clauses": sla_clauses()}


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
    assert after["events"] == before["events"] + 3  # agreement.created, and party.invited to each invited party
    assert after["idempotency_keys"] == before["idempotency_keys"] + 1
    agreement_id = first.json()["id"]
    assert await _count(session, Event, Event.agreement_id == agreement_id) == 1


async def test_a_fresh_token_of_the_same_party_replays_too(client, deal: Deal, world):
    first = await client.post("/v1/agreements", json=create_body(deal),
                              headers={**deal.h["provider"], "Idempotency-Key": "k"})
    again = await client.post("/v1/agreements", json=create_body(deal),
                              headers={**await world.headers(deal.provider), "Idempotency-Key": "k"})
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
    types = [e["type"] for e in (await client.get(f"/v1/agreements/{deal.agreement_id}/history",
                                                  headers=deal.h["provider"])).json()["items"]]
    assert types.count("agreement.version_approved") == 1


async def test_reads_ignore_the_key(client, deal: Deal, session):
    headers = {**deal.h["provider"], "Idempotency-Key": "read"}
    first = await client.get("/v1/agreements", headers=headers)
    second = await client.get("/v1/agreements", headers=headers)
    assert first.status_code == second.status_code == 200 and "idempotent-replayed" not in second.headers
    assert await _count(session, Agreement) >= 1
