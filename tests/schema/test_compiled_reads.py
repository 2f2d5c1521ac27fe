"""Compiled reads (`schema/compiled`, `api/compiled_reads.py`) answer exactly what Strawberry answers, for every role,
in one statement; whatever they do not compile still answers, through Strawberry."""

from __future__ import annotations

import dataclasses
import json
import logging
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from graphql import GraphQLObjectType, get_named_type, is_enum_type, parse, print_type
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries
from sqlalchemy import text

from api.app import create_app
from bench.hot_paths import PORTAL_QUERY
from db.models import Invitation
from db.values import AgreementStatus, MembershipStatus, Role
from schema.app import build_schema
from schema.compiled.compiler import SUBSET, Compiled, Compiler
from schema.cost import operation_cost
from tests.factories import World, agreement_rows
from tests.flows import sla_clauses
from tests.schema.test_statement_count import counting_statements

NODE = """id reference title description timezone effectiveFrom effectiveTo createdAt updatedAt status version myRole
  memberships { partyId role status party { id name kind contactEmail createdAt updatedAt version __typename } }
  currentVersion { id number status summary effectiveFrom proposedAt decidedAt proposedBy { name }
    clauses { id key kind title body terms sharedWithThirdParties } }"""
PAGE = (
    "query($first: Int!, $after: String) { agreements(first: $first, after: $after) { "
    "edges { cursor node { " + NODE + " } } pageInfo { hasNextPage endCursor } } }"
)
ONE = "query($id: UUID!) { agreement(id: $id) { " + NODE + " } }"
PORTAL = PORTAL_QUERY  # the README's portal query, as the benchmark sends it
ALIASES = """{ __typename mine: agreements(first: 3) { __typename e: edges { __typename c: cursor n: node {
  __typename ref: reference again: reference m: memberships { __typename r: role } } }
  pi: pageInfo { __typename more: hasNextPage end: endCursor } } first: agreements(first: 1) { edges { cursor } } }"""
FRAGMENTS = """
fragment Named on Membership { role party { ...Who } }
fragment Who on Party { name kind }
fragment Page on AgreementConnection { pageInfo { hasNextPage } }
query Portal { agreements(first: 5) { ...Page edges { node { id ...on Agreement { title memberships { ...Named } }
  memberships { status party { id } } currentVersion { ... on AgreementVersion { number clauses { key } } } } } } }
query Other { me { operator } }"""
DIRECTIVES = """query($first: Int!, $clauses: Boolean!, $members: Boolean = true) { agreements(first: $first) {
  edges { node { id currentVersion { number clauses @include(if: $clauses) { key } }
    memberships @include(if: $members) { role } ... @skip(if: $clauses) { title } } }
  pageInfo @skip(if: true) { hasNextPage } } }"""
MERGED = """{ agreements { edges { cursor } } agreements { pageInfo { endCursor } edges { node { id } } }
  ... on Query { agreements { pageInfo { hasNextPage } } } }"""
SEVERAL = """query($id: UUID!) { __typename one: agreement(id: $id) { id status } agreements(first: 2) {
  edges { node { id } } } me { __typename operator scopes clientId tokenId party { id name } } i: me { operator }
  other: agreement(id: "00000000-0000-0000-0000-000000000000") { id } }"""


@pytest.fixture
async def strawberry_client(settings, engine, sessionmaker, clock, app) -> AsyncIterator[httpx.AsyncClient]:
    """The same app without compiled reads: every document through Strawberry."""
    plain = create_app(
        settings.model_copy(update={"graphql_compiled_reads": False}),
        engine=engine,
        sessionmaker=sessionmaker,
        clock=clock,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=plain), base_url="http://testserver") as client:
        yield client


async def _seed(world: World) -> dict[str, Any]:
    """Twelve agreements of a provider, a customer and a third party (cost, shared and unshared general clauses; an
    open and a declined invitation; one terminated, one expired, one whose version is not in effect yet, one proposed
    by the customer), and one agreement of two other parties."""
    provider, customer, third = await world.party("Provider"), await world.party("Customer"), await world.party("Third")
    outsider = await world.party("Outsider")
    await world.party("Lonely")  # on no agreement at all
    other_provider, other_customer = await world.party("Other provider"), await world.party("Other customer")
    clauses = [
        *sla_clauses(),
        {"key": "shared-note", "kind": "general", "title": "Shared", "body": "b", "shared_with_third_parties": True},
        {"key": "private-note", "kind": "general", "title": "Private", "body": "c"},
    ]
    members = {Role.PROVIDER: provider, Role.CUSTOMER: customer, Role.THIRD_PARTY: third}
    ids = []
    for n in range(12):
        world.clock.now += timedelta(milliseconds=10 + 7 * n)
        agreement = await agreement_rows(
            world.session,
            members,
            now=world.clock(),
            title=f"Agreement {n}",
            clauses=clauses,
            status=AgreementStatus.TERMINATED if n == 3 else AgreementStatus.ACTIVE,
        )
        ids.append(agreement.id)
        if n % 4 == 0:
            world.session.add(
                Invitation(
                    id=uuid.uuid4(),
                    agreement_id=agreement.id,
                    party_id=outsider.id if n % 8 == 0 else other_customer.id,
                    role=Role.THIRD_PARTY,
                    status=MembershipStatus.INVITED if n % 8 == 0 else MembershipStatus.DECLINED,
                    invited_by_party_id=provider.id,
                    created_at=world.clock() + timedelta(milliseconds=1),
                )
            )
    world.clock.now += timedelta(milliseconds=10)
    theirs = await agreement_rows(
        world.session, {Role.PROVIDER: other_provider, Role.CUSTOMER: other_customer}, now=world.clock()
    )
    await world.session.flush()
    later = world.clock() + timedelta(days=3)
    session = world.session
    await session.execute(
        text("UPDATE agreements SET effective_to = :end, description = 'ends' WHERE id = :id"),
        {"end": world.clock() - timedelta(microseconds=5), "id": ids[5]},
    )
    await session.execute(
        text("UPDATE agreement_versions SET effective_from = :later WHERE agreement_id = :id"),
        {"later": later, "id": ids[7]},
    )
    await session.execute(
        text(
            "UPDATE agreement_versions SET proposed_by_party_id = :p, summary = 'by the customer' "
            "WHERE agreement_id = :id"
        ),
        {"p": customer.id, "id": ids[9]},
    )
    await session.execute(
        text("UPDATE parties SET contact_email = 'ops@example.com' WHERE id = :id"), {"id": provider.id}
    )
    await session.commit()
    world.clock.now += timedelta(seconds=1)
    return {"ours": ids, "theirs": theirs.id}


CALLERS = ("Provider", "Customer", "Third", "Outsider", "Lonely", "Other provider", None)


async def _both(
    compiled: httpx.AsyncClient,
    plain: httpx.AsyncClient,
    engine,
    headers: dict[str, str],
    query: str,
    operation: str | None = None,
    *,
    statements: int | None = 1,
    **variables: Any,
) -> dict[str, Any]:
    """Send one request to both apps; the answers must be the same JSON. `statements`: what the compiled app may
    run for it besides the response cache's watermark (None: not checked)."""
    body: dict[str, Any] = {"query": query, "variables": variables}
    if operation:
        body["operationName"] = operation
    with counting_statements(engine) as sent:
        ours = await compiled.post("/graphql", json=body, headers=headers)
    theirs = await plain.post("/graphql", json=body, headers=headers)
    assert (ours.status_code, ours.headers["content-type"]) == (theirs.status_code, theirs.headers["content-type"])
    assert json.loads(ours.content) == json.loads(theirs.content), (query, variables)
    if statements is not None:
        # Not the read's: the token verifier reloads its signing keys when its cache expires, whatever the request
        # (a slow run crossed that moment once).
        queries = [
            s
            for s in sent
            if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "SELECT signing_keys."))
            and "WITH mine AS" not in s
        ]
        assert len(queries) == statements, queries
    answer: dict[str, Any] = json.loads(ours.content)
    return answer


async def test_compiled_answers_equal_strawberrys_for_every_role(
    world: World, client, strawberry_client, engine, connection
):
    seeded = await _seed(world)
    # Answered alike whatever the session's time zone (PostgreSQL writes timestamps at its offset).
    await connection.execute(text("SET TIME ZONE 'America/Sao_Paulo'"))
    for name in CALLERS:
        headers = await world.headers(world.parties[name] if name else None)
        await client.post("/graphql", json={"query": "{ me { operator } }"}, headers=headers)  # the keys, once

        async def both(query: str, operation: str | None = None, **kwargs: Any) -> dict[str, Any]:
            return await _both(client, strawberry_client, engine, headers, query, operation, **kwargs)  # noqa: B023

        portal = await both(PORTAL)
        expected = {"Provider": 10, "Customer": 10, "Third": 10, "Other provider": 1, None: 10}.get(name, 0)
        assert len(portal["data"]["agreements"]["edges"]) == expected, (name, portal)
        # Every page of two, following the cursors to the end.
        after, pages = None, 0
        while True:
            page = (await both(PAGE, first=2, after=after))["data"]["agreements"]
            pages += 1
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        everything = (await both(PAGE, first=100))["data"]["agreements"]["edges"]
        assert pages == max(1, (len(everything) + 1) // 2)
        await both(ALIASES)
        await both(MERGED)
        await both(FRAGMENTS, "Portal")
        await both(FRAGMENTS, "Other", statements=None)
        for clauses in (True, False):
            await both(DIRECTIVES, first=4, clauses=clauses)
            await both(DIRECTIVES, first=4, clauses=clauses, members=False)
        for agreement_id in (*seeded["ours"], seeded["theirs"], uuid.uuid4()):
            one = await both(ONE, id=str(agreement_id))
            mine = name in ("Provider", "Customer", "Third", None) and agreement_id in seeded["ours"]
            if agreement_id == seeded["theirs"]:
                mine = name in ("Other provider", None)
            assert (one["data"]["agreement"] is not None) == mine, (name, agreement_id)
        await both(SEVERAL, id=str(seeded["ours"][0]))
    await connection.execute(text("RESET TIME ZONE"))


async def test_what_the_third_party_must_not_see_stays_out(world: World, client):
    await _seed(world)
    headers = await world.headers(world.parties["Third"])
    answer = await client.post("/graphql", json={"query": PAGE, "variables": {"first": 20}}, headers=headers)
    nodes = [edge["node"] for edge in answer.json()["data"]["agreements"]["edges"]]
    keys = {c["key"] for node in nodes if node["currentVersion"] for c in node["currentVersion"]["clauses"]}
    assert keys == {"response-times", "escalation", "shared-note"}, keys
    assert "1200.00" not in answer.text and "private-note" not in answer.text
    statuses = {node["title"]: node["status"] for node in nodes}
    assert statuses["Agreement 5"] == "EXPIRED" and statuses["Agreement 3"] == "TERMINATED", statuses
    versions = {node["title"]: node["currentVersion"] for node in nodes}
    assert versions["Agreement 7"] is None  # not in effect yet
    invited = [m for node in nodes for m in node["memberships"] if m["status"] != "ACCEPTED"]
    assert invited and all(m["party"] is None for m in invited if m["status"] == "INVITED"), invited


async def test_two_parties_with_one_document_and_the_same_variables_get_their_own_answers(world: World, client):
    seeded = await _seed(world)
    answers = {}
    for name in ("Customer", "Other provider"):
        headers = await world.headers(world.parties[name])
        response = await client.post("/graphql", json={"query": PAGE, "variables": {"first": 20}}, headers=headers)
        answers[name] = {edge["node"]["id"] for edge in response.json()["data"]["agreements"]["edges"]}
    assert answers["Customer"] == {str(i) for i in seeded["ours"]}
    assert answers["Other provider"] == {str(seeded["theirs"])}


async def test_what_is_not_compiled_still_answers_as_before(world: World, client, strawberry_client, engine):
    seeded = await _seed(world)
    customer = await world.headers(world.parties["Customer"])
    without_scope = await world.headers(world.parties["Customer"], scopes=["billing:read"])
    cases: list[tuple[dict[str, str], str, dict[str, Any]]] = [
        (customer, "{ agreements(filter: {status: ACTIVE}) { edges { node { id } } } }", {}),
        (
            customer,
            "query($id: UUID!) { agreement(id: $id) { versions { number } reviews { status } } }",
            {"id": str(seeded["ours"][0])},
        ),
        (
            customer,
            "{ agreements(first: 2) { edges { node { currentVersion { clauses { typedTerms { kind } } } } } } }",
            {},
        ),
        (customer, "{ me { operator } agreements(first: 1) { edges { node { id } } } }", {}),
        (customer, "{ agreements(first: 0) { edges { node { id } } } }", {}),
        (customer, "{ agreements(first: 101) { edges { node { id } } } }", {}),
        (customer, '{ agreements(after: "not a cursor") { edges { node { id } } } }', {}),
        (customer, "query($first: Int!) { agreements(first: $first) { edges { node { id } } } }", {"first": "ten"}),
        (customer, "query($id: UUID!) { agreement(id: $id) { id } }", {"id": "not-a-uuid"}),
        (customer, "query($id: UUID!) { agreement(id: $id) { id } }", {}),
        (customer, "query($first: Int) { agreements(first: $first) { edges { node { id } } } }", {"first": None}),
        (customer, "query($first: Int) { agreements(first: $first) { edges { node { id } } } }", {}),
        (customer, "query($b: Boolean = true) { agreements { edges { node { id @include(if: $b) } } } }", {"b": None}),
        (customer, "{ agreements { edges { node { nope } } } }", {}),
        (customer, "{ agreements { edges { node { id } } ", {}),
        (customer, 'mutation { activateAgreement(id: "00000000-0000-0000-0000-000000000000") { __typename } }', {}),
        (without_scope, "{ agreements(first: 1) { edges { node { id } } } }", {}),
    ]
    for headers, query, variables in cases:
        await _both(client, strawberry_client, engine, headers, query, statements=None, **variables)


async def test_the_compiled_page_is_one_statement_and_the_cache_keeps_it(world: World, client, engine):
    await _seed(world)
    headers = await world.headers(world.parties["Provider"])
    await client.post("/graphql", json={"query": "{ me { operator } }"}, headers=headers)
    sent_each_time = []
    for _ in range(2):
        with counting_statements(engine) as sent:
            answer = await client.post("/graphql", json={"query": PORTAL}, headers=headers)
        assert len(answer.json()["data"]["agreements"]["edges"]) == 10
        sent_each_time.append([s for s in sent if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))])
    # The first time: the watermark and the page, one statement; then the cache answers after the watermark alone.
    first, second = sent_each_time
    assert len(first) == 2 and "WITH mine AS" in first[0] and "json_build_object" in first[1], first
    assert len(second) == 1 and "WITH mine AS" in second[0], second


async def test_a_get_is_compiled_too_and_answers_its_etag(world: World, client, strawberry_client, engine):
    await _seed(world)
    headers = await world.headers(world.parties["Customer"])
    await client.post("/graphql", json={"query": "{ me { operator } }"}, headers=headers)
    with counting_statements(engine) as sent:
        ours = await client.get("/graphql", params={"query": PORTAL}, headers=headers)
    theirs = await strawberry_client.get("/graphql", params={"query": PORTAL}, headers=headers)
    assert ours.status_code == theirs.status_code == 200
    assert ours.json() == theirs.json() and len(ours.json()["data"]["agreements"]["edges"]) == 10
    assert [s for s in sent if "json_build_object" in s], sent  # answered by the compiled statement
    again = await client.get(
        "/graphql", params={"query": PORTAL}, headers={**headers, "If-None-Match": ours.headers["etag"]}
    )
    assert again.status_code == 304


def _cost(query: str) -> int:
    return operation_cost(build_schema()._schema, parse(query), None, {})


async def test_the_cost_is_priced_and_charged_as_strawberry_does(world: World, settings, engine, sessionmaker, clock):
    await _seed(world)
    headers = await world.headers(world.parties["Customer"])
    cost = _cost(PORTAL)
    answers = {}
    for compiled in (True, False):
        limited = create_app(
            settings.model_copy(
                update={
                    "graphql_compiled_reads": compiled,
                    "graphql_cost_budget": f"{2 * cost}/minute",
                    "graphql_response_cache_entries": 0,
                }
            ),
            engine=engine,
            sessionmaker=sessionmaker,
            clock=clock,
        )
        transport = httpx.ASGITransport(app=limited)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as limited_client:
            answers[compiled] = [
                (await limited_client.post("/graphql", json={"query": PORTAL}, headers=headers)).json()
                for _ in range(3)
            ]
    # Two portal queries fit the budget, the third is refused: the compiled path charged the same points.
    assert [bool(a.get("data")) for a in answers[True]] == [True, True, False], answers[True]
    assert answers[True][2]["errors"][0]["extensions"]["code"] == "rate_limited"
    assert answers[True] == answers[False]


async def test_a_document_over_the_maximum_cost_is_refused_as_before(
    world: World, settings, engine, sessionmaker, clock
):
    await _seed(world)
    headers = await world.headers(world.parties["Customer"])
    bodies = []
    for compiled in (True, False):
        strict = create_app(
            settings.model_copy(update={"graphql_compiled_reads": compiled, "graphql_max_cost": _cost(PORTAL) - 1}),
            engine=engine,
            sessionmaker=sessionmaker,
            clock=clock,
        )
        transport = httpx.ASGITransport(app=strict)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as strict_client:
            bodies.append((await strict_client.post("/graphql", json={"query": PORTAL}, headers=headers)).json())
    assert bodies[0] == bodies[1] and bodies[0]["errors"][0]["extensions"]["code"] == "query_too_costly", bodies


async def test_a_compiled_statement_that_fails_is_logged_and_strawberry_answers(
    world: World, client, monkeypatch, caplog
):
    await _seed(world)
    compile_document = Compiler.compile

    def broken(self: Compiler, operation: Any) -> Compiled:
        compiled = compile_document(self, operation)
        return dataclasses.replace(compiled, sql=compiled.sql.replace("json_build_object(", "json_build_objekt(", 1))

    monkeypatch.setattr(Compiler, "compile", broken)
    headers = await world.headers(world.parties["Customer"])
    with caplog.at_level(logging.ERROR, logger="sla.graphql.compiled"):
        answer = await client.post("/graphql", json={"query": PORTAL}, headers=headers)
    assert len(answer.json()["data"]["agreements"]["edges"]) == 10
    assert "compiled read failed" in caplog.text


def _subset_sdl() -> str:
    """The compiled subset as a schema of its own (a part of the real one): every document valid against it is valid
    against the real schema, and compiled."""
    schema = build_schema()._schema
    parts, enums = [], set()
    for type_name, fields in sorted(SUBSET.items()):
        graphql_type = schema.get_type(type_name)
        assert isinstance(graphql_type, GraphQLObjectType)
        lines = []
        for name in sorted(fields):
            field = graphql_type.fields[name]
            arguments = "(id: UUID!)" if (type_name, name) == ("Query", "agreement") else ""  # agreements: its defaults
            lines.append(f"  {name}{arguments}: {field.type}")
            if is_enum_type(named := get_named_type(field.type)):
                enums.add(named)
        parts.append(f"type {type_name} {{\n" + "\n".join(lines) + "\n}")
    return "\n".join([*parts, *(print_type(e) for e in enums), "scalar UUID", "scalar DateTime", "scalar JSON"])


def _generated(strategy: Any, count: int) -> list[str]:
    found: list[str] = []

    @given(document=strategy)
    @hypothesis_settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def collect(document: str) -> None:
        found.append(document)

    collect()
    return found


async def test_generated_documents_of_the_subset_answer_alike(world: World, client, strawberry_client, engine):
    seeded = await _seed(world)
    ids = [str(i) for i in (*seeded["ours"][:3], seeded["theirs"])]
    uuids = st.one_of(st.sampled_from(ids), st.uuids().map(str)).map(nodes.String)
    # Distinct documents: a repeated one would be answered by the response cache, in no statement.
    documents = list(dict.fromkeys(_generated(queries(_subset_sdl(), custom_scalars={"UUID": uuids}), 60)))
    assert len(documents) >= 20
    for name in ("Provider", "Third", "Lonely", None):
        headers = await world.headers(world.parties[name] if name else None)
        await client.post("/graphql", json={"query": "{ me { operator } }"}, headers=headers)
        for document in documents:
            # `me` alone is not worth compiling: Strawberry answers it (documents.CompiledDocuments._parse).
            compiled = "agreement" in document
            await _both(client, strawberry_client, engine, headers, document, statements=1 if compiled else None)
