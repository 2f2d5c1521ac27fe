"""`/graphql` over HTTP per the GraphQL-over-HTTP specification: the media type, GET for queries only, transport
failures as GraphQL responses, a `code` on every error and no guessing between several operations."""

from __future__ import annotations

import pytest

GQL_RESPONSE = "application/graphql-response+json"


@pytest.fixture
async def operator(world):
    return await world.headers(None)


async def test_the_graphql_response_media_type_when_accepted(client, operator):
    query = {"query": "{ me { scopes } }"}
    new = await client.post("/graphql", json=query, headers={**operator, "Accept": f"{GQL_RESPONSE}, application/json"})
    assert new.status_code == 200 and new.headers["content-type"] == GQL_RESPONSE
    assert "parties:admin" in new.json()["data"]["me"]["scopes"]
    legacy = await client.post("/graphql", json=query, headers={**operator, "Accept": "application/json"})
    assert legacy.status_code == 200 and legacy.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("document", "code"),
    [("{ me { ", "graphql_parse_failed"), ("{ noSuchField }", "graphql_validation_failed")],
)
async def test_request_errors_are_4xx_under_the_new_media_type_and_carry_a_code(client, operator, document, code):
    new = await client.post("/graphql", json={"query": document}, headers={**operator, "Accept": GQL_RESPONSE})
    assert new.status_code == 400 and new.headers["content-type"] == GQL_RESPONSE
    assert [e["extensions"]["code"] for e in new.json()["errors"]] == [code]
    legacy = await client.post("/graphql", json={"query": document}, headers=operator)
    assert legacy.status_code == 200 and [e["extensions"]["code"] for e in legacy.json()["errors"]] == [code]


async def test_field_errors_keep_their_domain_code(client, world, deal):
    # A token without the scope the field needs: the field's error says so, with its code.
    headers = await world.headers(deal.provider, scopes=["tickets:write"])
    response = await client.post(
        "/graphql", json={"query": "{ agreements(first: 1) { edges { cursor } } }"}, headers=headers
    )
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "insufficient_scope", error


@pytest.mark.parametrize(
    ("headers", "message"),
    [({}, "missing bearer token"), ({"Authorization": "Bearer not.a.jwt"}, "malformed token")],
)
async def test_a_missing_or_bad_token_is_a_graphql_error_not_a_problem(client, headers, message):
    response = await client.post(
        "/graphql", json={"query": "{ me { scopes } }"}, headers={**headers, "Accept": GQL_RESPONSE}
    )
    assert response.status_code == 401 and response.headers["content-type"] == GQL_RESPONSE
    assert response.headers["www-authenticate"].startswith("Bearer")
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "unauthorized" and error["message"].startswith(message)
    assert "data" not in response.json()


async def test_get_runs_queries_and_refuses_mutations_as_json(client, operator):
    query = await client.get("/graphql", params={"query": "{ me { scopes } }"}, headers=operator)
    assert query.status_code == 200 and query.json()["data"]["me"]["scopes"]
    mutation = await client.get(
        "/graphql", params={"query": 'mutation { createParty(input: {name: "X"}) { __typename } }'}, headers=operator
    )
    assert mutation.status_code == 405 and mutation.headers["allow"] == "POST"
    assert mutation.headers["content-type"] == "application/json"
    assert mutation.json()["errors"][0]["extensions"]["code"] == "method_not_allowed"


async def test_a_body_that_is_not_json_is_a_graphql_error(client, operator):
    response = await client.post("/graphql", content=b"{nope", headers={**operator, "Content-Type": "application/json"})
    assert response.status_code == 400 and response.headers["content-type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "invalid_request"


async def test_several_operations_need_an_operation_name(client, operator, session):
    document = 'query First { me { scopes } } mutation Second { createParty(input: {name: "Ghost"}) { __typename } }'
    refused = await client.post("/graphql", json={"query": document}, headers={**operator, "Accept": GQL_RESPONSE})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "operation_name_required"
    assert "data" not in refused.json()  # nothing ran: neither the first nor the second
    named = await client.post("/graphql", json={"query": document, "operationName": "First"}, headers=operator)
    assert named.status_code == 200 and named.json()["data"]["me"]["scopes"]
