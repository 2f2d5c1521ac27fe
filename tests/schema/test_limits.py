"""Depth, alias and token limits, the validation cache, and introspection/GraphiQL switched off by settings."""

from __future__ import annotations

import uuid

import pytest
import strawberry.schema.schema as strawberry_schema_module

from api.settings import Settings
from schema.app import Limits, build_schema
from tests.factories import World
from tests.schema.conftest import GraphQL


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Overrides the shared fixture for this module: tight limits, introspection and GraphiQL off.
    return Settings(
        environment="test",
        database_url=database_url,
        graphql_max_depth=5,
        graphql_max_aliases=3,
        graphql_max_tokens=120,
        introspection=False,
        graphiql=False,
    )


@pytest.fixture
async def headers(world: World) -> dict[str, str]:
    return await world.headers(await world.party("Acme"))


async def test_too_deep_query_is_rejected(gql: GraphQL, headers):
    body = await gql.raw("{ agreements { edges { node { versions { approvals { party { name } } } } } } }", headers)
    assert body["data"] is None
    assert "exceeds maximum operation depth of 5" in body["errors"][0]["message"]
    # Within the limit it runs.
    assert (await gql("{ agreements { edges { node { versions { number } } } } }", headers)) == {
        "agreements": {"edges": []}
    }


async def test_too_many_aliases_is_rejected(gql: GraphQL, headers):
    body = await gql.raw("{ a: me { operator } b: me { operator } c: me { operator } d: me { operator } }", headers)
    assert body["data"] is None and body["errors"][0]["message"] == "4 aliases found. Allowed: 3"
    data = await gql("{ a: me { operator } b: me { operator } c: me { operator } }", headers)
    assert set(data) == {"a", "b", "c"}


async def test_too_many_tokens_is_rejected(gql: GraphQL, headers):
    body = await gql.raw("{ me { " + "operator " * 150 + "} }", headers)
    assert body["data"] is None and "more than 120 tokens" in body["errors"][0]["message"]


async def test_a_repeated_document_is_validated_once(gql: GraphQL, headers, monkeypatch):
    calls = []
    validate = strawberry_schema_module.validate

    def spy(schema, document, rules, *args, **kwargs):
        calls.append([rule.__name__ for rule in rules])
        return validate(schema, document, rules, *args, **kwargs)

    monkeypatch.setattr(strawberry_schema_module, "validate", spy)
    query = f"query Probe_{uuid.uuid4().hex} {{ me {{ operator }} }}"  # a document no earlier test sent
    for _ in range(3):
        assert (await gql(query, headers))["me"] == {"operator": False}
    # The limits are validation rules of that one validation, and its result was reused twice.
    assert len(calls) == 1, calls
    assert {"DepthLimitValidator", "MaxAliasesValidator", "NoSchemaIntrospectionCustomRule"} <= set(calls[0])


async def test_introspection_can_be_switched_off(gql: GraphQL, headers):
    body = await gql.raw("{ __schema { queryType { name } } }", headers)
    assert body["data"] is None and "introspection" in body["errors"][0]["message"].lower()
    body = await gql.raw('{ __type(name: "Agreement") { name } }', headers)
    assert body["data"] is None
    assert (await gql("{ __typename }", headers)) == {"__typename": "Query"}


@pytest.mark.parametrize(
    ("document", "variables", "still_said"),
    [
        pytest.param("{ agreementz { id } }", {}, "Cannot query field 'agreementz'", id="unknown field"),
        pytest.param(
            "{ agreements(firstt: 1) { edges { cursor } } }", {}, "Unknown argument 'firstt'", id="unknown argument"
        ),
        pytest.param("query($a: Agreementt) { __typename }", {}, "Unknown type 'Agreementt'", id="unknown type"),
        pytest.param(
            "query($r: AgreementRole!) { agreements(filter: {role: $r}) { edges { cursor } } }",
            {"r": "PROVIDR"},
            "AgreementRole",
            id="unknown enum value in a variable",
        ),
        pytest.param(
            "{ agreements(filter: {role: PROVIDR}) { edges { cursor } } }",
            {},
            "AgreementRole",
            id="unknown enum value in a literal",
        ),
    ],
)
async def test_no_suggestions_when_introspection_is_off(document, variables, still_said, gql: GraphQL, headers):
    body = await gql.raw(document, headers, **variables)
    messages = " ".join(e["message"] for e in body["errors"])
    assert still_said in messages, messages
    assert "did you mean" not in messages.lower(), messages


async def test_suggestions_stay_when_introspection_is_on(client, world: World):
    result = await build_schema(Limits()).execute("{ agreementz { id } }")
    assert "Did you mean 'agreement' or 'agreements'?" in result.errors[0].message


async def test_graphiql_can_be_switched_off(client):
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 404
