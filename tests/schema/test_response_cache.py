"""The GraphQL response cache: per caller, validated by the caller's watermark, bounded."""

from __future__ import annotations

from datetime import timedelta

import httpx

from api.app import create_app
from api.response_cache import UNCACHED_FIELDS, Answers, Entry, cacheable_fields, plan_document
from schema.app import build_schema
from tests.factories import World
from tests.flows import Deal
from tests.schema.conftest import GraphQL, accept_first_version
from tests.schema.test_statement_count import counting_statements

PORTAL = """query Portal { agreements(first: 10) { edges { node {
  title status memberships { role party { name } } currentVersion { number clauses { key kind } }
} } } }"""


def _titles(data: dict) -> list[str]:
    return [edge["node"]["title"] for edge in data["agreements"]["edges"]]


async def test_two_parties_with_the_same_document_and_variables_get_their_own_answers(
    gql: GraphQL, world: World, deal: Deal, client
) -> None:
    other_provider, other_customer = await world.party("Other Provider"), await world.party("Other Customer")
    h_other = await world.headers(other_provider)
    created = await client.post(
        "/v1/agreements",
        json={
            "title": "Other's own",
            "memberships": [
                {"party_id": str(other_provider.id), "role": "provider"},
                {"party_id": str(other_customer.id), "role": "customer"},
            ],
        },
        headers=h_other,
    )
    assert created.status_code == 201, created.text
    for _ in range(2):  # the second round is answered from the cache
        assert _titles(await gql(PORTAL, deal.h["provider"])) == ["Acme ↔ Globex support"]
        assert _titles(await gql(PORTAL, h_other)) == ["Other's own"]
        assert _titles(await gql(PORTAL, deal.h["outsider"])) == []
    # One agreement seen by two roles: the third party never gets the customer's clauses from the cache.
    await accept_first_version(gql, deal)
    kinds = {}
    for side in ("customer", "third", "customer", "third"):
        data = await gql(PORTAL, deal.h[side])
        kinds[side] = {c["kind"] for c in data["agreements"]["edges"][0]["node"]["currentVersion"]["clauses"]}
    assert "cost" in kinds["customer"]
    assert "cost" not in kinds["third"]


async def test_a_change_is_seen_by_the_next_read(gql: GraphQL, world: World, deal: Deal, client) -> None:
    first = await gql(PORTAL, deal.h["customer"])
    assert first["agreements"]["edges"][0]["node"]["currentVersion"] is None
    await accept_first_version(gql, deal)
    activated = await client.post(f"/v1/agreements/{deal.agreement_id}/activate", headers=deal.h["provider"])
    assert activated.status_code == 200, activated.text
    node = (await gql(PORTAL, deal.h["customer"]))["agreements"]["edges"][0]["node"]
    assert node["status"] == "ACTIVE"
    assert node["currentVersion"]["number"] == 1
    # A co-member's rename is its own event alone, yet the customer's next read shows the new name.
    party = await client.get(f"/v1/parties/{deal.provider.id}", headers=deal.h["operator"])
    renamed = await client.patch(
        f"/v1/parties/{deal.provider.id}",
        json={"name": "Acme Renamed"},
        headers={**deal.h["operator"], "If-Match": party.headers["etag"]},
    )
    assert renamed.status_code == 200, renamed.text
    node = (await gql(PORTAL, deal.h["customer"]))["agreements"]["edges"][0]["node"]
    assert {m["party"]["name"] for m in node["memberships"] if m["role"] == "PROVIDER"} == {"Acme Renamed"}


async def test_leaving_an_agreement_is_seen_although_its_events_are_no_longer_visible(
    gql: GraphQL, deal: Deal, client
) -> None:
    """The third party is dropped from the draft: the event saying so is not addressed to it, yet its next read no
    longer lists the agreement."""
    assert _titles(await gql(PORTAL, deal.h["third"])) == ["Acme ↔ Globex support"]
    current = await client.get(f"/v1/agreements/{deal.agreement_id}", headers=deal.h["provider"])
    dropped = await client.patch(
        f"/v1/agreements/{deal.agreement_id}",
        json={
            "memberships": [
                {"party_id": str(deal.provider.id), "role": "provider"},
                {"party_id": str(deal.customer.id), "role": "customer"},
            ]
        },
        headers={**deal.h["provider"], "If-Match": current.headers["etag"]},
    )
    assert dropped.status_code == 200, dropped.text
    assert _titles(await gql(PORTAL, deal.h["third"])) == []


async def test_a_repeated_poll_costs_one_statement(gql: GraphQL, deal: Deal, engine) -> None:
    await accept_first_version(gql, deal)
    with counting_statements(engine) as cold:
        first = await gql(PORTAL, deal.h["customer"])
    with counting_statements(engine) as warm:
        again = await gql(PORTAL, deal.h["customer"])
    assert again == first
    assert len(cold) > 3
    # Savepoints are the test harness's (each test runs in one rolled-back transaction); the poll is one statement.
    queries = [q for q in warm if "SAVEPOINT" not in q]
    assert len(queries) == 1, queries
    assert "agreement_memberships" in queries[0]


async def test_time_moving_past_a_versions_start_is_not_served_stale(
    gql: GraphQL, world: World, deal: Deal, client
) -> None:
    await accept_first_version(gql, deal)
    assert (
        await client.post(f"/v1/agreements/{deal.agreement_id}/activate", headers=deal.h["provider"])
    ).status_code == 200
    starts = world.clock() + timedelta(days=1)
    proposed = await client.post(
        f"/v1/agreements/{deal.agreement_id}/versions",
        json={"summary": "tomorrow", "effective_from": starts.isoformat().replace("+00:00", "Z")},
        headers=deal.h["provider"],
    )
    assert proposed.status_code == 201, proposed.text
    for side in ("provider", "customer"):
        approved = await client.post(f"/v1/agreements/{deal.agreement_id}/versions/2/approve", headers=deal.h[side])
        assert approved.status_code == 200, approved.text
    number = lambda data: data["agreements"]["edges"][0]["node"]["currentVersion"]["number"]  # noqa: E731
    assert number(await gql(PORTAL, deal.h["customer"])) == 1
    assert number(await gql(PORTAL, deal.h["customer"])) == 1
    world.clock.now = starts + timedelta(seconds=1)
    assert number(await gql(PORTAL, deal.h["customer"])) == 2


async def test_off_when_configured(settings, engine, sessionmaker, clock, gql: GraphQL, deal: Deal) -> None:
    off = create_app(
        settings.model_copy(update={"graphql_response_cache_entries": 0}),
        engine=engine,
        sessionmaker=sessionmaker,
        clock=clock,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=off), base_url="http://testserver") as other:
        await GraphQL(other).__call__(PORTAL, deal.h["customer"])  # loads the signing keys once
        with counting_statements(engine) as first:
            await GraphQL(other).__call__(PORTAL, deal.h["customer"])
        with counting_statements(engine) as second:
            await GraphQL(other).__call__(PORTAL, deal.h["customer"])
    assert len(second) == len(first) > 1


def test_only_listed_fields_are_cached() -> None:
    """A field reachable from the cached reads fails here until someone decides whether its changes move the
    watermark (then add it below) or not (then list it in UNCACHED_FIELDS)."""
    schema = build_schema()._schema
    reachable = cacheable_fields(schema)
    types = {name.split(".")[0] for name in reachable}
    assert types == {
        "Agreement",
        "AgreementClauses",
        # the verification clause's typed indicators: terms of an accepted version, which never change
        "BurnRateAlert",
        "IndicatorSource",
        "IndicatorTerms",
        "IndicatorThreshold",
        "AgreementConnection",
        "AgreementEdge",
        "AgreementVersion",
        "Approval",
        "Clause",
        "ClauseTerms",
        "Closure",
        "CostTerms",
        "CreditTier",
        "DisputeResolutionTerms",
        "DisputeStage",
        "EscalationContact",
        "EscalationLevel",
        "EscalationTerms",
        "Event",
        "EventActor",
        "EventConnection",
        "EventEdge",
        "ExternalRef",
        "GeneralTerms",
        "HolidayCalendar",
        "Me",
        "Membership",
        "Money",
        "PageInfo",
        "Party",
        "PartyConnection",
        "PartyEdge",
        "PriceLine",
        "Query",
        "ReportingTerms",
        "ResponsibilityTerms",
        "ReviewTerms",
        "ScheduleTerms",
        "ServiceCreditTerms",
        "ServiceLevelTarget",
        "ServiceLevelTerms",
        "TargetMatch",
        "TimeWindow",
        "VerificationTerms",
        "WeekdayWindows",
        # published service reports (Agreement.report, .reports): frozen when published, and each publication is a
        # `report.published` event of the agreement, which moves its members' watermarks
        "AgreementRef",
        "AttainmentEvidence",
        "AttainmentTrend",
        "BreachCount",
        "Credit",
        "CreditTierReached",
        "DisputeCounts",
        "IndicatorFigure",
        "MeasuredEvidence",
        "ReportSummary",
        "ReportSummaryConnection",
        "ReportSummaryEdge",
        "ReportedIncident",
        "ReviewState",
        "ServiceReport",
        "TargetAttainment",
        "TrendPoint",
        "VersionChange",
    }, sorted(types)
    assert not set(UNCACHED_FIELDS) & reachable
    assert plan_document(schema, reachable, PORTAL).cacheable_operations == {"Portal", None}
    assert not plan_document(schema, reachable, "{ me { tokenId } }").cacheable_operations
    assert not plan_document(
        schema, reachable, "{ agreements { edges { node { incidents { id } } } } }"
    ).cacheable_operations
    assert not plan_document(schema, reachable, "mutation { __typename }").cacheable_operations
    assert not plan_document(schema, reachable, "{ __schema { types { name } } }").cacheable_operations


def test_memory_is_bounded() -> None:
    answers = Answers(max_entries=3, max_bytes=100)
    for n in range(10):
        answers.put(("k", n), Entry("w", None, b"x" * 30))
    assert len(answers) == 3 and answers.bytes == 90
    assert answers.get(("k", 0)) is None and answers.get(("k", 9)) is not None
    answers.put(("big",), Entry("w", None, b"x" * 101))
    assert answers.get(("big",)) is None
