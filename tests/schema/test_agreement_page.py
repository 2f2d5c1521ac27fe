"""A page of agreements reads what it shows below each one (roles, memberships, parties, the current version and its
clauses) in one statement, and answers exactly what the per-agreement loaders answer."""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta

import pytest
from sqlalchemy import select, text

from api.settings import Settings
from db.models import Agreement, Invitation
from db.values import AgreementStatus, MembershipStatus, Role
from services.agreements.reads import nested_reads_for
from tests.factories import World, agreement_rows
from tests.flows import sla_clauses
from tests.schema.conftest import GraphQL
from tests.schema.test_statement_count import counting_statements


@pytest.fixture
def settings(database_url: str) -> Settings:
    """About Strawberry's reads (the per-agreement loaders), which every document outside the compiled subset
    takes: compiled reads (schema/compiled, tested in test_compiled_reads.py) off."""
    return Settings(environment="test", database_url=database_url, graphql_compiled_reads=False)


PORTAL = """{ agreements(first: 10) { edges { node {
  reference status memberships { role party { name } } currentVersion { number clauses { key kind title } } } } } }"""

NODE = """id myRole
  memberships { partyId role status party { id name kind version createdAt updatedAt } }
  currentVersion { id number status summary effectiveFrom proposedAt decidedAt
    clauses { id key kind title body sharedWithThirdParties terms } }"""
PAGE = "{ agreements(first: 20) { edges { node { " + NODE + " } } } }"
ONE = "query($id: UUID!) { agreement(id: $id) { " + NODE + " } }"


def _queries(statements: list[str]) -> list[str]:
    """The statements of the GraphQL execution: no savepoint bookkeeping (tests), no response-cache watermark."""
    return [
        s
        for s in statements
        if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")) and not s.lstrip().startswith("WITH mine AS")
    ]


async def _agreements(world: World, count: int, *, invite_outsider: bool = True) -> None:
    """`count` agreements between a provider, a customer and a third party (who sees no cost clause), each with an
    open invitation to a party that is on no agreement: its membership shows, its profile does not (that party is
    read by the party loader, which answers it unreadable)."""
    provider, customer, third = await world.party("Provider"), await world.party("Customer"), await world.party("Third")
    outsider = await world.party("Outsider")
    members = {Role.PROVIDER: provider, Role.CUSTOMER: customer, Role.THIRD_PARTY: third}
    for n in range(count):
        world.clock.now += timedelta(milliseconds=10)
        agreement = await agreement_rows(
            world.session, members, now=world.clock(), title=f"Agreement {n}", clauses=sla_clauses()
        )
        if not invite_outsider:
            continue
        world.session.add(
            Invitation(
                id=uuid.uuid4(),
                agreement_id=agreement.id,
                party_id=outsider.id,
                role=Role.THIRD_PARTY,
                status=MembershipStatus.INVITED,
                invited_by_party_id=provider.id,
                created_at=world.clock() + timedelta(milliseconds=1),
            )
        )
    await world.session.commit()
    world.clock.now += timedelta(milliseconds=10)


async def test_the_portal_page_costs_one_statement_more_and_terms_one_more(gql: GraphQL, world: World, engine):
    await _agreements(world, 10, invite_outsider=False)
    headers = await world.headers(world.parties["Customer"])
    await gql("{ me { operator } }", headers)  # the token verifier loads its keys once, on first use
    with counting_statements(engine) as statements:
        data = await gql(PORTAL, headers)
    nodes = [edge["node"] for edge in data["agreements"]["edges"]]
    assert len(nodes) == 10
    assert all(
        [m["party"] and m["party"]["name"] for m in node["memberships"]] == ["Provider", "Customer", "Third"]
        for node in nodes
    ), nodes
    assert all(len(node["currentVersion"]["clauses"]) == len(sla_clauses()) for node in nodes)
    # The page, then everything below it at once; no clause terms read, since none were asked for.
    assert len(_queries(statements)) == 2, _queries(statements)
    assert not any("terms" in s for s in _queries(statements))

    with_terms = PORTAL.replace("clauses { key kind title }", "clauses { key terms typedTerms { kind } }")
    with counting_statements(engine) as statements:
        data = await gql(with_terms, headers)
    assert len(_queries(statements)) == 3, _queries(statements)  # the terms of every clause of the page, in one
    stored = {c["key"]: c["terms"] for c in sla_clauses()}
    for edge in data["agreements"]["edges"]:
        for clause in edge["node"]["currentVersion"]["clauses"]:
            assert clause["terms"].keys() == stored[clause["key"]].keys()
            assert clause["typedTerms"]["kind"] == next(c["kind"] for c in sla_clauses() if c["key"] == clause["key"])


async def test_a_page_answers_what_each_agreement_read_alone_answers(gql: GraphQL, world: World, connection):
    await _agreements(world, 3)
    await connection.execute(text("SET TIME ZONE 'America/Sao_Paulo'"))  # as below: answered alike all the same
    callers = [*(world.parties[name] for name in ("Provider", "Customer", "Third", "Outsider")), None]
    for caller in callers:
        headers = await world.headers(caller)
        page = [edge["node"] for edge in (await gql(PAGE, headers))["agreements"]["edges"]]
        assert len(page) == (0 if caller is world.parties["Outsider"] else 3)
        for node in page:
            assert node == (await gql(ONE, headers, id=node["id"]))["agreement"]
            assert node["currentVersion"]["effectiveFrom"].endswith("Z"), node["currentVersion"]
            outsider = next(m for m in node["memberships"] if m["status"] == "INVITED")
            if caller is not None:  # the operator reads every party
                assert outsider["party"] is None  # only invited: not readable through this agreement
        if caller is world.parties["Third"]:
            kinds = {c["kind"] for node in page for c in node["currentVersion"]["clauses"]}
            assert kinds and not kinds & {"cost", "service_credit"}, kinds
    await connection.execute(text("RESET TIME ZONE"))


async def test_a_page_without_nested_fields_reads_nothing_more(gql: GraphQL, world: World, engine):
    await _agreements(world, 3)
    headers = await world.headers(world.parties["Provider"])
    await gql("{ me { operator } }", headers)
    alone = await _statements(gql, engine, "{ me { operator } }", headers)
    assert (
        await _statements(gql, engine, "{ agreements { edges { node { reference status } } } }", headers) == alone + 1
    )


async def _statements(gql: GraphQL, engine, query: str, headers: dict[str, str]) -> int:
    with counting_statements(engine) as statements:
        await gql(query, headers)
    return len(_queries(statements))


async def test_an_agreement_that_is_no_longer_active_pages_alike(gql: GraphQL, world: World):
    provider, customer = await world.party("Provider"), await world.party("Customer")
    await agreement_rows(
        world.session,
        {Role.PROVIDER: provider, Role.CUSTOMER: customer},
        now=world.clock(),
        status=AgreementStatus.TERMINATED,
    )
    await world.session.commit()
    headers = await world.headers(customer)
    page = [edge["node"] for edge in (await gql(PAGE, headers))["agreements"]["edges"]]
    assert len(page) == 1 and page[0] == (await gql(ONE, headers, id=page[0]["id"]))["agreement"]


async def test_the_nested_reads_are_in_utc_whatever_the_session_time_zone(world: World, session, connection):
    """PostgreSQL writes a timestamp into JSON at the session's offset; the rows read as UTC, as asyncpg's do."""
    await _agreements(world, 1)
    await connection.execute(text("SET TIME ZONE 'America/Sao_Paulo'"))
    agreement_id = await session.scalar(select(Agreement.id))
    assert agreement_id is not None
    found = await nested_reads_for(session, world.parties["Provider"].id, [agreement_id], as_of=world.clock())
    nested = found[agreement_id]
    assert nested.current_version is not None
    moments = [
        nested.current_version.effective_from,
        nested.current_version.created_at,
        *(m.created_at for m in nested.memberships),
        *(p.created_at for p in nested.member_parties),
    ]
    assert moments and all(moment is not None and moment.tzinfo is UTC for moment in moments), moments
    await connection.execute(text("RESET TIME ZONE"))
