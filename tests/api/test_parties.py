"""`/v1/me`, `/v1/parties` and `/v1/parties/{id}/clients`."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.api.conftest import assert_problem, row_counts
from tests.flows import Deal


async def test_me(client, deal: Deal):
    me = (await client.get("/v1/me", headers=deal.h["provider"])).json()
    assert me["party"]["id"] == str(deal.provider.id) and me["party"]["external_refs"] == {"zendesk": "org-1"}
    assert me["operator"] is False and "agreements:read" in me["scopes"] and "parties:admin" not in me["scopes"]
    op = (await client.get("/v1/me", headers=deal.h["operator"])).json()
    assert op["party"] is None and op["operator"] is True and "parties:admin" in op["scopes"]


async def test_operator_creates_a_party(client, deal: Deal):
    response = await client.post(
        "/v1/parties",
        headers=deal.h["operator"],
        json={
            "name": "Umbrella",
            "kind": "system",
            "contact_email": "ops@umbrella.example",
            "external_refs": {"zendesk": "org-9", "billing": "C-17"},
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == "Umbrella" and body["kind"] == "system" and body["version"] == 1
    assert body["external_refs"] == {"billing": "C-17", "zendesk": "org-9"}
    assert response.headers["etag"] == '"1"' and response.headers["location"] == f"/v1/parties/{body['id']}"
    assert (await client.get(f"/v1/parties/{body['id']}", headers=deal.h["operator"])).json() == body


async def test_only_the_operator_creates_or_edits_parties(client, deal: Deal, session):
    before = await row_counts(session)
    assert_problem(
        await client.post("/v1/parties", json={"name": "Mine"}, headers=deal.h["provider"]), 403, "insufficient_scope"
    )
    response = await client.patch(
        f"/v1/parties/{deal.provider.id}", json={"name": "Renamed"}, headers={**deal.h["provider"], "If-Match": '"1"'}
    )
    assert_problem(response, 403, "insufficient_scope")
    assert await row_counts(session) == before


async def test_external_ref_conflicts(client, deal: Deal, session):
    op = deal.h["operator"]
    before = await row_counts(session)
    # The provider already holds zendesk:org-1.
    response = await client.post(
        "/v1/parties", json={"name": "Copycat", "external_refs": {"zendesk": "org-1"}}, headers=op
    )
    assert_problem(response, 409, "external_ref_taken")
    assert await row_counts(session) == before
    # Same id in another system is fine.
    response = await client.post("/v1/parties", json={"name": "Other", "external_refs": {"jira": "org-1"}}, headers=op)
    assert response.status_code == 201, response.text
    other = response.json()
    # Taking it by an edit is a conflict too, and changes nothing.
    response = await client.patch(
        f"/v1/parties/{other['id']}", json={"external_refs": {"zendesk": "org-1"}}, headers={**op, "If-Match": '"1"'}
    )
    assert_problem(response, 409, "external_ref_taken")
    again = (await client.get(f"/v1/parties/{other['id']}", headers=op)).json()
    assert again["external_refs"] == {"jira": "org-1"} and again["version"] == 1
    # Re-setting a party's own ref is no conflict.
    response = await client.patch(
        f"/v1/parties/{deal.provider.id}",
        json={"external_refs": {"zendesk": "org-1", "jira": "A"}},
        headers={**op, "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    # Once released, a ref can be taken by another party.
    response = await client.patch(
        f"/v1/parties/{deal.provider.id}", json={"external_refs": {}}, headers={**op, "If-Match": '"2"'}
    )
    assert response.status_code == 200 and response.json()["external_refs"] == {}
    response = await client.patch(
        f"/v1/parties/{other['id']}", json={"external_refs": {"zendesk": "org-1"}}, headers={**op, "If-Match": '"1"'}
    )
    assert response.status_code == 200 and response.json()["external_refs"] == {"zendesk": "org-1"}


@pytest.mark.parametrize(
    "refs", [{"": "x"}, {"zen:desk": "x"}, {"zendesk": ""}, {"z" * 65: "x"}, {"zendesk": "x" * 201}]
)
async def test_bad_external_refs_are_422(refs, client, deal: Deal, session):
    before = await row_counts(session)
    response = await client.post(
        "/v1/parties", json={"name": "Bad refs", "external_refs": refs}, headers=deal.h["operator"]
    )
    assert_problem(response, 422, "invalid_input")
    assert response.json()["errors"][0]["field"].startswith("external_refs")
    assert await row_counts(session) == before


async def test_edit_party_with_if_match(client, deal: Deal, clock):
    op = deal.h["operator"]
    url = f"/v1/parties/{deal.customer.id}"
    clock.now += timedelta(minutes=1)
    response = await client.patch(
        url, json={"name": "Globex Corp", "contact_email": "it@globex.example"}, headers={**op, "If-Match": '"1"'}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "Globex Corp" and body["version"] == 2 and response.headers["etag"] == '"2"'
    assert body["updated_at"] > body["created_at"]
    assert_problem(
        await client.patch(url, json={"name": "Stale"}, headers={**op, "If-Match": '"1"'}), 412, "precondition_failed"
    )
    assert_problem(await client.patch(url, json={"name": "Blind"}, headers=op), 428, "precondition_required")
    assert (await client.get(url, headers=op)).json()["name"] == "Globex Corp"
    assert_problem(
        await client.patch(f"/v1/parties/{uuid.uuid4()}", json={"name": "x"}, headers={**op, "If-Match": '"1"'}), 404
    )


async def test_party_visibility(client, deal: Deal):
    # A member sees its counter-parties on shared agreements, not the outsider.
    assert (await client.get(f"/v1/parties/{deal.customer.id}", headers=deal.h["third"])).status_code == 200
    assert_problem(await client.get(f"/v1/parties/{deal.outsider.id}", headers=deal.h["third"]), 404)
    assert_problem(await client.get(f"/v1/parties/{deal.provider.id}", headers=deal.h["outsider"]), 404)
    assert (await client.get(f"/v1/parties/{deal.outsider.id}", headers=deal.h["outsider"])).status_code == 200


async def test_party_list_pages(client, deal: Deal, world, clock):
    for i in range(3):
        clock.now += timedelta(seconds=1)
        await world.party(f"Extra {i}")
    everything = (await client.get("/v1/parties", params={"limit": 100}, headers=deal.h["operator"])).json()
    assert everything["next_cursor"] is None
    seen, cursor = [], None
    while True:
        page = (
            await client.get(
                "/v1/parties", params={"limit": 1, **({"cursor": cursor} if cursor else {})}, headers=deal.h["operator"]
            )
        ).json()
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [p["id"] for p in everything["items"]] and len(seen) == len(set(seen)) >= 7
    assert_problem(
        await client.get("/v1/parties", params={"limit": 101}, headers=deal.h["operator"]),
        422,
        "invalid_input",
        field="limit",
    )
    assert_problem(
        await client.get("/v1/parties", params={"cursor": "!!"}, headers=deal.h["operator"]), 422, field="cursor"
    )


async def test_api_clients(client, deal: Deal, session):
    op = deal.h["operator"]
    url = f"/v1/parties/{deal.customer.id}/clients"
    response = await client.post(
        url, json={"name": "ticketing", "scopes": ["agreements:read", "tickets:write"]}, headers=op
    )
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    created = response.json()
    assert created["client_secret"].startswith("sk_") and created["client_id"].startswith("cl_")
    assert created["party_id"] == str(deal.customer.id) and created["scopes"] == ["agreements:read", "tickets:write"]

    listed = (await client.get(url, headers=deal.h["customer"])).json()["items"]
    assert [c["client_id"] for c in listed] == [created["client_id"]]
    assert "client_secret" not in listed[0]
    assert (await client.get(url, headers=op)).json()["items"] == listed
    # Another member may not list them, the secret works once issued.
    assert_problem(await client.get(url, headers=deal.h["provider"]), 404)
    token = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, auth=(created["client_id"], created["client_secret"])
    )
    assert token.status_code == 200 and token.json()["scope"] == "agreements:read tickets:write"


async def test_api_client_rules(client, deal: Deal, session):
    op = deal.h["operator"]
    before = await row_counts(session)
    url = f"/v1/parties/{deal.customer.id}/clients"
    assert_problem(
        await client.post(url, json={"name": "x", "scopes": ["parties:admin"]}, headers=op), 422, field="scopes"
    )
    assert_problem(
        await client.post(url, json={"name": "x", "scopes": ["agreements:delete"]}, headers=op), 422, field="scopes"
    )
    assert_problem(await client.post(url, json={"name": "x"}, headers=deal.h["customer"]), 403)
    assert_problem(await client.post(f"/v1/parties/{uuid.uuid4()}/clients", json={"name": "x"}, headers=op), 404)
    assert await row_counts(session) == before
    # Without scopes a client gets every party scope.
    response = await client.post(url, json={"name": "all"}, headers=op)
    assert "parties:admin" not in response.json()["scopes"] and "agreements:write" in response.json()["scopes"]
