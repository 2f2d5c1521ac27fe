"""Persisted operations (APQ) over POST and GET, and conditional GETs: each caller gets its own answer."""

from __future__ import annotations

import hashlib
import json

from tests.flows import Deal, activate
from tests.support.procedures import PROCEDURE_CLAUSES

AGREEMENTS = "query Portal($first: Int!) { agreements(first: $first) { edges { node { id title } } } }"
DIGEST = hashlib.sha256(AGREEMENTS.encode()).hexdigest()
PERSISTED = {"persistedQuery": {"version": 1, "sha256Hash": DIGEST}}


def _get_params(**variables) -> dict[str, str]:
    return {"extensions": json.dumps(PERSISTED), "variables": json.dumps(variables)}


async def test_a_persisted_operation_is_registered_once_then_sent_by_hash(client, deal: Deal):
    h = deal.h["provider"]
    unknown = await client.post("/graphql", json={"extensions": PERSISTED, "variables": {"first": 5}}, headers=h)
    assert unknown.status_code == 200
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    r = await client.post(
        "/graphql", json={"query": AGREEMENTS, "extensions": wrong, "variables": {"first": 5}}, headers=h
    )
    assert r.status_code == 400 and "does not match" in r.text
    sent = await client.post(
        "/graphql", json={"query": AGREEMENTS, "extensions": PERSISTED, "variables": {"first": 5}}, headers=h
    )
    assert sent.status_code == 200, sent.text
    by_hash = await client.post("/graphql", json={"extensions": PERSISTED, "variables": {"first": 5}}, headers=h)
    assert by_hash.json() == sent.json()
    assert [e["node"]["id"] for e in by_hash.json()["data"]["agreements"]["edges"]] == [deal.agreement_id]
    # By GET as well, and a hash needs the caller's token like any operation.
    got = await client.get("/graphql", params=_get_params(first=5), headers=h)
    assert got.status_code == 200 and got.json() == sent.json()
    assert (await client.get("/graphql", params=_get_params(first=5))).status_code == 401


async def test_get_answers_304_until_the_answer_changes_and_each_party_gets_its_own(client, deal: Deal):
    h = deal.h["provider"]
    await client.post(
        "/graphql", json={"query": AGREEMENTS, "extensions": PERSISTED, "variables": {"first": 5}}, headers=h
    )
    first = await client.get("/graphql", params=_get_params(first=5), headers=h)
    tag = first.headers["etag"]
    again = await client.get("/graphql", params=_get_params(first=5), headers={**h, "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    # The same document and variables from another party: its own answer, never the provider's.
    other = await client.get(
        "/graphql", params=_get_params(first=5), headers={**deal.h["outsider"], "If-None-Match": tag}
    )
    assert other.status_code == 200 and other.json()["data"]["agreements"]["edges"] == []
    # A change is seen by the next read: the old tag no longer matches.
    r = await client.patch(
        f"/v1/agreements/{deal.agreement_id}", json={"title": "Renamed"}, headers={**h, "If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    changed = await client.get("/graphql", params=_get_params(first=5), headers={**h, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert changed.json()["data"]["agreements"]["edges"][0]["node"]["title"] == "Renamed"


async def test_a_mutation_by_get_is_refused_and_changes_nothing(client, deal: Deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    mutation = f'mutation {{ suspendAgreement(id: "{deal.agreement_id}") {{ __typename }} }}'
    r = await client.get("/graphql", params={"query": mutation}, headers=deal.h["provider"])
    assert r.status_code in (400, 405), r.text
    r = await client.get(f"/v1/agreements/{deal.agreement_id}", headers=deal.h["provider"])
    assert r.json()["status"] == "active"
