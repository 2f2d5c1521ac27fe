"""DataLoaders keep the SQL statement count of a nested list query constant, whatever the number of rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from api.settings import Settings
from db.values import AgreementStatus, Role
from services.actors import PARTY_SCOPES, Actor
from services.agreements.drafts import create_agreement
from services.agreements.inputs import (
    AgreementCreate,
    ClauseInput,
    Decision,
    MembershipInput,
    ReviewCycleInput,
    VersionProposal,
)
from services.agreements.lifecycle import transition_agreement
from services.agreements.proposals import decide_version, propose_version
from services.agreements.reviews import set_review_cycle
from services.disputes.cases import DisputeOpen, open_dispute
from services.scoping import readable_agreements
from services.ticketing.calendars import CalendarInput, create_calendar
from tests.factories import World, agreement_rows
from tests.flows import accept_all_invitations, sla_clauses
from tests.schema.conftest import GraphQL


@pytest.fixture
def settings(database_url: str) -> Settings:
    """About Strawberry's reads (the DataLoaders), which every document outside the compiled subset takes: compiled
    reads (schema/compiled, tested in test_compiled_reads.py) off."""
    return Settings(environment="test", database_url=database_url, graphql_compiled_reads=False)


NESTED = """query($first: Int!) { agreements(first: $first) { edges { node {
  memberships { party { name } }
  currentVersion { clauses { key } }
} } } }"""


@contextmanager
def counting_statements(engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def _accepted_agreements(world: World, count: int) -> None:
    """`count` agreements between three parties, each with an accepted version (so currentVersion has clauses), not yet
    activated. Written as rows: the subject here is what reading them costs, not how they were agreed."""
    provider, customer, third = await world.party("Provider"), await world.party("Customer"), await world.party("Third")
    members = {Role.PROVIDER: provider, Role.CUSTOMER: customer, Role.THIRD_PARTY: third}
    for n in range(count):
        world.clock.now += timedelta(milliseconds=10)
        await agreement_rows(
            world.session, members, now=world.clock(), title=f"Agreement {n}", status=AgreementStatus.PROPOSED
        )
    await world.session.commit()
    world.clock.now += timedelta(milliseconds=10)


async def test_nested_agreements_query_costs_the_same_for_1_10_and_50(gql: GraphQL, world: World, engine):
    await _accepted_agreements(world, 50)
    headers = await world.headers(world.parties["Customer"])
    await gql("{ me { operator } }", headers)  # the token verifier loads its keys once, on first use
    counts, queries = {}, {}
    for first in (1, 10, 50):
        with counting_statements(engine) as statements:
            data = await gql(NESTED, headers, first=first)
        edges = data["agreements"]["edges"]
        assert len(edges) == first
        assert all(
            len(e["node"]["memberships"]) == 3 and len(e["node"]["currentVersion"]["clauses"]) == 3 for e in edges
        )
        counts[first] = len(statements)
        queries[first] = [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
    assert counts[1] == counts[10] == counts[50], counts
    # One query each for the page, memberships, parties, current versions, the caller's roles and clauses
    # (the rest is each short session's savepoint bookkeeping in tests) — never one per row.
    assert len(queries[50]) <= 8, queries[50]


DISPUTES = """query($first: Int!) { disputes(first: $first) { edges { node {
  id raisedBy { name } respondent { name } } } } }"""
DISPUTE_DETAILS = """query($first: Int!) { disputes(first: $first) { edges { node {
  timeline { kind actor { name } } evidence { sha256 } } } } }"""
AGREEMENT_REVIEWS = """query($first: Int!) { agreements(first: $first) { edges { node {
  reviewCycle { cadence } reviews { status } } } } }"""


async def _disputes(world: World, count: int) -> None:
    """`count` disputes the customer raised against the provider, one per agreement."""
    await _accepted_agreements(world, count)
    customer = Actor(party_id=world.parties["Customer"].id, scopes=frozenset(PARTY_SCOPES))
    agreements = list(await world.session.scalars(readable_agreements(customer)))
    for agreement in agreements:
        await open_dispute(
            world.session,
            customer,
            DisputeOpen(
                agreement_id=agreement.id,
                respondent_party_id=world.parties["Provider"].id,
                subject="late",
                description="P1 answered late",
            ),
            now=world.clock(),
        )
    await world.session.commit()


async def _statements_per_page(
    gql: GraphQL, world: World, engine, document: str, key: str, sizes: tuple[int, ...]
) -> dict[int, int]:
    headers = await world.headers(world.parties["Customer"])
    await gql("{ me { operator } }", headers)
    counts = {}
    for first in sizes:
        with counting_statements(engine) as statements:
            data = await gql(document, headers, first=first)
        assert len(data[key]["edges"]) == first
        counts[first] = len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))])
    return counts


async def test_disputes_with_their_parties_cost_the_same_for_1_and_20(gql: GraphQL, world: World, engine):
    await _disputes(world, 20)
    counts = await _statements_per_page(gql, world, engine, DISPUTES, "disputes", (1, 20))
    # The page, then one query for both parties of every dispute (the party loader).
    assert counts[1] == counts[20] <= 3, counts
    headers = await world.headers(world.parties["Customer"])
    with counting_statements(engine) as statements:
        await gql("{ webhookSubscriptions { id } }", headers)
    assert len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]) == 1


async def test_dispute_timelines_cost_the_same_for_1_and_20(gql: GraphQL, world: World, engine):
    await _disputes(world, 20)
    counts = await _statements_per_page(gql, world, engine, DISPUTE_DETAILS, "disputes", (1, 20))
    assert counts[1] == counts[20], counts


async def test_dispute_timelines_are_read_in_one_batch(gql: GraphQL, world: World, engine):
    await _disputes(world, 20)
    headers = await world.headers(world.parties["Customer"])
    data = await gql(DISPUTE_DETAILS, headers, first=20)
    assert all(
        e["node"]["timeline"][0]["kind"] == "OPENED" and e["node"]["timeline"][0]["actor"]["name"] == "Customer"
        for e in data["disputes"]["edges"]
    )
    counts = await _statements_per_page(gql, world, engine, DISPUTE_DETAILS, "disputes", (20,))
    # The page, the timelines, the evidence and the actors (one batch each).
    assert counts[20] <= 4, counts


async def _reviewed_agreements(world: World, count: int) -> None:
    """`count` active agreements, each with an explicit review cycle and its first review scheduled."""
    await _accepted_agreements(world, count)
    provider = Actor(party_id=world.parties["Provider"].id, scopes=frozenset(PARTY_SCOPES))
    for agreement in list(await world.session.scalars(readable_agreements(provider))):
        await transition_agreement(world.session, provider, agreement.id, "activate", now=world.clock())
        await set_review_cycle(
            world.session, provider, agreement.id, ReviewCycleInput(cadence="P3M"), now=world.clock()
        )
    await world.session.commit()


async def test_agreement_reviews_cost_the_same_for_1_and_20(gql: GraphQL, world: World, engine):
    await _reviewed_agreements(world, 20)
    counts = await _statements_per_page(gql, world, engine, AGREEMENT_REVIEWS, "agreements", (1, 20))
    assert counts[1] == counts[20], counts
    # The page, the caller's roles (the review loaders read only agreements it is on), the cycles, the reviews.
    assert counts[20] <= 4, counts
    data = await gql(AGREEMENT_REVIEWS, await world.headers(world.parties["Third"]), first=20)
    assert all(
        e["node"]["reviewCycle"] == {"cadence": "P3M"} and [r["status"] for r in e["node"]["reviews"]] == ["SCHEDULED"]
        for e in data["agreements"]["edges"]
    ), data


async def _active_agreements_with(world: World, customer_name: str, count: int) -> None:
    """`count` active agreements (with the cost clause of `sla_clauses`) between the Provider and `customer_name`."""
    provider = world.parties.get("Provider") or await world.party("Provider")
    customer = await world.party(customer_name)
    as_provider = Actor(party_id=provider.id, scopes=frozenset(PARTY_SCOPES))
    as_customer = Actor(party_id=customer.id, scopes=frozenset(PARTY_SCOPES))
    clauses = [ClauseInput(key=c["key"], kind=c["kind"], title=c["title"], terms=c["terms"]) for c in sla_clauses()]
    for n in range(count):
        now = world.clock()
        agreement = await create_agreement(
            world.session,
            as_provider,
            AgreementCreate(
                title=f"{customer_name} {n}",
                clauses=clauses,
                memberships=[
                    MembershipInput(party_id=provider.id, role="provider"),
                    MembershipInput(party_id=customer.id, role="customer"),
                ],
            ),
            now=now,
        )
        await accept_all_invitations(world.session, agreement.id, now)
        await propose_version(world.session, as_provider, agreement.id, VersionProposal(), now=now)
        for actor in (as_provider, as_customer):
            await decide_version(world.session, actor, agreement.id, 1, "approved", Decision(), now=now)
        await transition_agreement(world.session, as_provider, agreement.id, "activate", now=now)
    await world.session.commit()


STATEMENTS = """query($customer: String!, $period: String!) { billingStatements(customer: $customer, period: $period) {
  statements { agreement { id } lines { code amount { amount } } credits { status } attainment { metric } }
  totals { amount currency } } }"""


async def test_billing_statements_cost_the_same_for_1_and_20_agreements(gql: GraphQL, world: World, engine):
    await _active_agreements_with(world, "Solo", 1)
    await _active_agreements_with(world, "Customer", 20)
    headers = await world.headers(world.parties["Provider"])
    await gql("{ me { operator } }", headers)
    period = f"{world.clock.now:%Y-%m}"
    counts = {}
    for name, expected in (("Solo", 1), ("Customer", 20)):
        with counting_statements(engine) as statements:
            data = await gql(STATEMENTS, headers, customer=str(world.parties[name].id), period=period)
        assert len(data["billingStatements"]["statements"]) == expected
        assert all(s["lines"][0]["code"] == "base" for s in data["billingStatements"]["statements"])
        counts[name] = len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))])
    assert counts["Solo"] == counts["Customer"], counts


async def test_the_calendar_list_is_one_statement(gql: GraphQL, world: World, engine):
    party = await world.party("Owner")
    owner = Actor(party_id=party.id, scopes=frozenset(PARTY_SCOPES))
    for n in range(20):
        await create_calendar(
            world.session, owner, CalendarInput(name=f"Hours {n}", timezone="Europe/Paris"), now=world.clock()
        )
    await world.session.commit()
    headers = await world.headers(party)
    await gql("{ me { operator } }", headers)
    for first in (1, 21):
        with counting_statements(engine) as statements:
            data = await gql(
                "query($first: Int!) { calendars(first: $first) { edges { node { id weeklyWindows { "
                "day } owner { name } } } } }",
                headers,
                first=first,
            )
        assert len(data["calendars"]["edges"]) == first
        queries = [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
        # The page, then (past the built-in calendar, which has no owner) the owners in one batch.
        assert len(queries) == (1 if first == 1 else 2), queries
