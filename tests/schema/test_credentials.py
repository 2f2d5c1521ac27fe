"""The party's credentials over GraphQL: calendar feed tokens (`feedTokens`, `createFeedToken`, `revokeFeedToken`)
and API clients (`apiClient`, `apiClients`, `revokeApiClient`) — the same use cases and effects as REST."""

from __future__ import annotations

import uuid

import icalendar
from sqlalchemy import select

from db.models import FeedToken
from services.auth.tokens import hash_secret
from tests.api.conftest import assert_problem
from tests.flows import activate
from tests.schema.conftest import GraphQL, mutate
from tests.support.procedures import PROCEDURE_CLAUSES

CREATE = ("createFeedToken", "... on CreateFeedTokenPayload { token feedToken { id partyId name revokedAt } }")
REVOKE = ("revokeFeedToken", "... on RevokeFeedTokenPayload { feedToken { id revokedAt } }")
LIST = "{ feedTokens { id name revokedAt } }"


async def test_a_feed_token_made_over_graphql_reads_the_feed_until_revoked(gql: GraphQL, client, deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    customer = deal.h["customer"]
    created = await mutate(
        gql, *CREATE, customer, "$input: CreateFeedTokenInput!", "input: $input", input={"name": "Outlook"}
    )
    assert created["__typename"] == "CreateFeedTokenPayload", created
    secret, token = created["token"], created["feedToken"]
    assert secret.startswith("sft_") and token["partyId"] == str(deal.customer.id) and token["revokedAt"] is None
    row = await session.scalar(select(FeedToken).where(FeedToken.id == uuid.UUID(token["id"])))
    assert row.token_hash == hash_secret(secret)

    r = await client.get(f"{deal.path}/reviews.ics", params={"feed_token": secret})
    assert r.status_code == 200, r.text
    assert icalendar.Calendar.from_ical(r.content).walk("VEVENT")
    # Listed without the secret, over GraphQL and REST alike.
    assert (await gql(LIST, customer))["feedTokens"] == [{"id": token["id"], "name": "Outlook", "revokedAt": None}]
    assert [t["id"] for t in (await client.get("/v1/feed-tokens", headers=customer)).json()["items"]] == [token["id"]]

    revoked = await mutate(gql, *REVOKE, customer, "$id: UUID!", "id: $id", id=token["id"])
    assert revoked["__typename"] == "RevokeFeedTokenPayload" and revoked["feedToken"]["revokedAt"]
    assert_problem(await client.get(f"{deal.path}/reviews.ics", params={"feed_token": secret}), 401, "unauthorized")
    again = await mutate(gql, *REVOKE, customer, "$id: UUID!", "id: $id", id=token["id"])
    assert again["feedToken"]["revokedAt"] == revoked["feedToken"]["revokedAt"]


async def test_feed_token_mutations_refuse_bad_input_and_other_parties_tokens(gql: GraphQL, client, deal, session):
    before = len(list(await session.scalars(select(FeedToken.id))))
    bad = await mutate(
        gql, *CREATE, deal.h["customer"], "$input: CreateFeedTokenInput!", "input: $input", input={"name": " "}
    )
    assert bad["__typename"] == "ValidationError" and bad["field"] == "name"
    operator = await mutate(
        gql, *CREATE, deal.h["operator"], "$input: CreateFeedTokenInput!", "input: $input", input={"name": "x"}
    )
    assert operator["__typename"] == "ValidationError"
    assert len(list(await session.scalars(select(FeedToken.id)))) == before

    theirs = await mutate(
        gql, *CREATE, deal.h["customer"], "$input: CreateFeedTokenInput!", "input: $input", input={"name": "A"}
    )
    for target in (theirs["feedToken"]["id"], str(uuid.uuid4())):
        answer = await mutate(gql, *REVOKE, deal.h["outsider"], "$id: UUID!", "id: $id", id=target)
        assert answer["__typename"] == "NotFoundError", answer
    assert (await gql(LIST, deal.h["customer"]))["feedTokens"][0]["revokedAt"] is None
    assert (await gql(LIST, deal.h["outsider"]))["feedTokens"] == []
    # A token without agreements:read is refused before anything is looked up, as on REST.
    narrow = await deal_headers_without_read(client, deal)
    refused = await gql.raw(LIST, narrow)
    assert refused["errors"][0]["extensions"]["code"] == "insufficient_scope"
    assert (await client.get("/v1/feed-tokens", headers=narrow)).status_code == 403


async def deal_headers_without_read(client, deal) -> dict[str, str]:
    r = await client.post(
        f"/v1/parties/{deal.customer.id}/clients",
        json={"name": "billing only", "scopes": ["billing:read"]},
        headers=deal.h["operator"],
    )
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
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


API_CLIENTS = "query($party: UUID) { apiClients(partyId: $party) { id clientId partyId revokedAt } }"
API_CLIENT = "query($id: UUID!) { apiClient(id: $id) { id clientId name revokedAt } }"


async def test_the_operator_lists_reads_and_revokes_api_clients_and_the_token_stops_at_once(gql: GraphQL, client, deal):
    headers = await deal_headers_without_read(client, deal)  # a client of the customer, with a live token
    everyone = (await gql(API_CLIENTS, deal.h["operator"]))["apiClients"]
    (mine,) = [c for c in everyone if c["partyId"] == str(deal.customer.id)]
    assert (await gql(API_CLIENTS, deal.h["operator"], party=str(deal.customer.id)))["apiClients"] == [mine]
    # The party reads its own, by default and by id; another party reads nothing of it.
    assert (await gql(API_CLIENTS, deal.h["customer"]))["apiClients"] == [mine]
    assert (await gql(API_CLIENT, deal.h["customer"], id=mine["id"]))["apiClient"]["clientId"] == mine["clientId"]
    assert (await gql(API_CLIENT, deal.h["outsider"], id=mine["id"]))["apiClient"] is None
    assert (await gql(API_CLIENTS, deal.h["outsider"], party=str(deal.customer.id)))["apiClients"] == []
    assert (await client.get("/v1/me", headers=headers)).status_code == 200  # now checked and cached as active

    revoke = (
        "mutation($id: UUID!) { revokeApiClient(id: $id) { __typename "
        "... on RevokeApiClientPayload { apiClient { revokedAt } } } }"
    )
    revoked = (await gql(revoke, deal.h["operator"], id=mine["id"]))["revokeApiClient"]
    assert revoked["apiClient"]["revokedAt"]
    # Its token is refused on the very next call (this process forgot its cached check at once).
    assert_problem(await client.get("/v1/me", headers=headers), 401, "unauthorized")
    assert (await gql(API_CLIENT, deal.h["operator"], id=mine["id"]))["apiClient"]["revokedAt"]
