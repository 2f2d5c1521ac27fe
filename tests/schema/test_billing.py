"""Billing through POST /graphql: incidents (and `Agreement.incidents`), maintenance acceptance, usage, `attainment`,
the `billingStatements` pull with money as exact strings, credit disputes, closing a period (frozen, hashed, once),
bad input as typed errors with nothing stored, and third parties never seeing costs, credits or statements."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from db.models import BillingPeriod, Event, FrozenStatement, Incident, UsageRecord
from tests.factories import World
from tests.flows import Deal, activate
from tests.schema.conftest import GraphQL, count, mutate

BILLING_CLAUSES = [
    {
        "key": "uptime",
        "kind": "service_level",
        "title": "Availability",
        "terms": {"targets": [{"key": "uptime", "metric": "availability", "percentage": "99.9"}]},
    },
    {
        "key": "fees",
        "kind": "cost",
        "title": "Fees",
        "terms": {
            "price_lines": [
                {
                    "code": "base",
                    "description": "Monthly fee",
                    "amount": {"amount": "1000.00", "currency": "EUR"},
                    "unit": "month",
                },
                {
                    "code": "hours",
                    "description": "Consulting",
                    "amount": {"amount": "80.00", "currency": "EUR"},
                    "unit": "hour",
                },
            ]
        },
    },
    {
        "key": "uptime-credits",
        "kind": "service_credit",
        "title": "Service credits",
        "terms": {
            "target": "uptime",
            "tiers": [
                {"below": "99.9", "credit_percent": "10", "price_lines": ["base"]},
                {"below": "99.0", "credit_percent": "25", "price_lines": ["base"]},
            ],
            "monthly_cap_percent": "100",
            "minimum": {"amount": "1.00", "currency": "EUR"},
            "claim_window": "P30D",
        },
    },
]
OUTAGE = {
    "kind": "OUTAGE",
    "startedAt": "2026-10-14T09:00:00Z",
    "endedAt": "2026-10-14T10:30:00Z",
    "service": "api",
    "description": "database failover",
}

INCIDENT = "id agreementId kind service startedAt endedAt description acceptedAt countsAsDowntime"
TARGET = """targetKey clauseKey metric measured measuredExact target met
  evidence { incidents downtimeSeconds clocksDue clocksMet }"""
ATTAINMENT = f"""query($id: UUID!, $period: String!) {{ attainment(agreementId: $id, period: $period) {{
  period provisional targets {{ {TARGET} }} }} }}"""
STATEMENTS = f"""query($customer: String!, $period: String!) {{
  billingStatements(customer: $customer, period: $period) {{
    customerPartyId period closed closedAt totals {{ amount currency }}
  statements {{ agreement {{ id reference title timezone }} period periodStart periodEnd provisional sha256
    versions {{ number from to }}
    lines {{ code description unit quantity unitAmount {{ amount currency }} amount {{ amount currency }} version }}
    attainment {{ {TARGET} }}
    credits {{ clauseKey targetKey period status amount {{ amount currency }} computedAmount {{ amount currency }}
      attainment tier {{ below creditPercent }} base {{ amount currency }} capped belowMinimum reason disputeId }}
    totals {{ amount currency }} }} }} }}"""
INCIDENTS = f"query($id: UUID!) {{ agreement(id: $id) {{ incidents {{ {INCIDENT} }} }} }}"


@pytest.fixture
async def billed(client, deal: Deal, world: World, clock) -> Deal:
    # Tokens carry wall-clock iat/exp: mint them all before the test clock moves.
    deal.h["reader"] = await world.headers(deal.customer, ["agreements:read"])
    clock.now = datetime(2026, 9, 15, 8, tzinfo=UTC)
    await activate(client, deal, clauses=BILLING_CLAUSES)
    clock.now = datetime(2026, 10, 20, 12, tzinfo=UTC)
    return deal


async def report(gql: GraphQL, deal: Deal, side: str = "provider", **input) -> dict:
    return await mutate(
        gql,
        "reportIncident",
        f"... on ReportIncidentPayload {{ incident {{ {INCIDENT} }} }}",
        deal.h[side],
        "$id: UUID!, $input: ReportIncidentInput!",
        "agreementId: $id, input: $input",
        id=deal.agreement_id,
        input=input,
    )


async def accept(gql: GraphQL, deal: Deal, incident_id: str, side: str = "customer") -> dict:
    return await mutate(
        gql,
        "acceptMaintenance",
        f"... on AcceptMaintenancePayload {{ incident {{ {INCIDENT} }} }}",
        deal.h[side],
        "$id: UUID!, $incident: UUID!",
        "agreementId: $id, incidentId: $incident",
        id=deal.agreement_id,
        incident=incident_id,
    )


async def usage(gql: GraphQL, deal: Deal, side: str = "provider", **input) -> dict:
    return await mutate(
        gql,
        "recordUsage",
        "... on RecordUsagePayload { created usage { id usageId priceCode quantity occurredAt } }",
        deal.h[side],
        "$id: UUID!, $input: RecordUsageInput!",
        "agreementId: $id, input: $input",
        id=deal.agreement_id,
        input=input,
    )


async def close(gql: GraphQL, headers: dict[str, str], period: str = "2026-10") -> dict:
    return await mutate(
        gql,
        "closeBillingPeriod",
        "... on CloseBillingPeriodPayload { period closedAt agreements }",
        headers,
        "$period: String!",
        "period: $period",
        period=period,
    )


async def attainment(gql: GraphQL, deal: Deal, side: str = "provider", period: str = "2026-10") -> dict | None:
    return (await gql(ATTAINMENT, deal.h[side], id=deal.agreement_id, period=period))["attainment"]


def uptime(answer: dict) -> dict:
    return next(t for t in answer["targets"] if t["targetKey"] == "uptime")


async def statements(
    gql: GraphQL, deal: Deal, side: str = "provider", customer: str | None = None, period: str = "2026-10"
) -> dict | None:
    return (await gql(STATEMENTS, deal.h[side], customer=customer or str(deal.customer.id), period=period))[
        "billingStatements"
    ]


async def billing_rows(session) -> tuple[int, ...]:
    return tuple([await count(session, model) for model in (Incident, UsageRecord, BillingPeriod, FrozenStatement)])


async def test_october_outage_attainment_and_credit(gql: GraphQL, billed: Deal, clock):
    reported = await report(gql, billed, **OUTAGE)
    assert reported["__typename"] == "ReportIncidentPayload", reported
    incident = reported["incident"]
    assert incident | {"id": None} == {
        "id": None,
        "agreementId": billed.agreement_id,
        "kind": "OUTAGE",
        "service": "api",
        "startedAt": "2026-10-14T09:00:00Z",
        "endedAt": "2026-10-14T10:30:00Z",
        "description": "database failover",
        "acceptedAt": None,
        "countsAsDowntime": True,
    }
    # Every member reads the agreement's incidents, the third party too (they carry no money).
    for side in ("provider", "customer", "third"):
        assert (await gql(INCIDENTS, billed.h[side], id=billed.agreement_id))["agreement"]["incidents"] == [incident]

    measured = await attainment(gql, billed, "third")
    assert measured["period"] == "2026-10" and measured["provisional"] is True
    # 90 min of October in Berlin (31 days and the extra hour of 25 October): 100 × (1 − 5400 / 2682000).
    assert uptime(measured) | {"measuredExact": None} == {
        "targetKey": "uptime",
        "clauseKey": "uptime",
        "metric": "availability",
        "measured": "99.7986",
        "measuredExact": None,
        "target": "99.9",
        "met": False,
        "evidence": {"incidents": 1, "downtimeSeconds": 5400, "clocksDue": None, "clocksMet": None},
    }
    assert uptime(measured)["measuredExact"].startswith("99.79865")

    pull = await statements(gql, billed)
    assert pull["customerPartyId"] == str(billed.customer.id) and pull["period"] == "2026-10"
    assert pull["closed"] is False and pull["closedAt"] is None
    (statement,) = pull["statements"]
    assert statement["agreement"]["id"] == billed.agreement_id and statement["provisional"] is True
    assert statement["sha256"] is None
    assert (statement["periodStart"], statement["periodEnd"]) == ("2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z")
    assert statement["versions"] == [{"number": 1, "from": "2026-09-30T22:00:00Z", "to": "2026-10-31T23:00:00Z"}]
    assert statement["lines"] == [
        {
            "code": "base",
            "description": "Monthly fee",
            "unit": "month",
            "quantity": "1",
            "unitAmount": {"amount": "1000.00", "currency": "EUR"},
            "amount": {"amount": "1000.00", "currency": "EUR"},
            "version": 1,
        }
    ]
    assert uptime({"targets": statement["attainment"]})["measured"] == "99.7986"
    assert statement["credits"] == [
        {
            "clauseKey": "uptime-credits",
            "targetKey": "uptime",
            "period": "2026-10",
            "status": "OWED",
            "amount": {"amount": "100.00", "currency": "EUR"},
            "computedAmount": None,
            "attainment": "99.7986",
            "tier": {"below": "99.9", "creditPercent": "10"},
            "base": {"amount": "1000.00", "currency": "EUR"},
            "capped": False,
            "belowMinimum": False,
            "reason": None,
            "disputeId": None,
        }
    ]
    assert statement["totals"] == pull["totals"] == [{"amount": "900.00", "currency": "EUR"}]
    # Money is an exact decimal string everywhere, never a JSON number.
    assert '"amount": "' in json.dumps(pull) and not any(isinstance(value, float) for value in _leaves(pull)), pull
    # The customer pulls the same figures.
    assert (await statements(gql, billed, "customer")) == pull


def _leaves(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    else:
        yield data


async def test_third_parties_never_see_costs_credits_or_statements(gql: GraphQL, billed: Deal, world: World):
    await report(gql, billed, **OUTAGE)
    # The customer is not theirs to bill: the pull answers as for an unknown customer.
    third = await statements(gql, billed, "third")
    assert third is None
    assert await statements(gql, billed, "outsider") is None
    # Nothing a third party can ask about the agreement's billing shows money: attainment and incidents only.
    seen = json.dumps(
        [third, await attainment(gql, billed, "third"), await gql(INCIDENTS, billed.h["third"], id=billed.agreement_id)]
    )
    assert not [word for word in ("1000", "100.00", "EUR", "credit", "fees") if word in seen], seen
    # Outsiders learn nothing; an unknown customer is null.
    assert await attainment(gql, billed, "outsider") is None
    assert await statements(gql, billed, customer="nobody:1") is None
    # The pull needs billing:read, as REST's.
    body = await gql.raw(STATEMENTS, billed.h["reader"], customer=str(billed.customer.id), period="2026-10")
    assert body["data"] == {"billingStatements": None}
    assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"


async def test_closing_freezes_with_a_hash_once_and_refuses_later_incidents(gql: GraphQL, billed: Deal, clock, session):
    await report(gql, billed, **OUTAGE)
    early = await close(gql, billed.h["operator"])
    assert early["__typename"] == "ConflictError" and early["code"] == "period_not_ended", early
    clock.now = datetime(2026, 11, 3, 9, tzinfo=UTC)
    body = await gql.raw('mutation { closeBillingPeriod(period: "2026-10") { __typename } }', billed.h["provider"])
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    closed = await close(gql, billed.h["operator"])
    assert closed == {
        "__typename": "CloseBillingPeriodPayload",
        "period": "2026-10",
        "closedAt": "2026-11-03T09:00:00Z",
        "agreements": 1,
    }
    twice = await close(gql, billed.h["operator"])
    assert twice["__typename"] == "ConflictError" and twice["code"] == "period_closed", twice
    assert await count(session, BillingPeriod) == 1

    pull = await statements(gql, billed)
    assert pull["closed"] is True and pull["closedAt"] == "2026-11-03T09:00:00Z"
    (statement,) = pull["statements"]
    assert statement["provisional"] is False and statement["credits"][0]["amount"]["amount"] == "100.00"
    # Read back from the frozen JSON: the same shapes (instants in UTC, money as strings).
    assert statement["periodStart"] == "2026-09-30T22:00:00Z" and statement["lines"][0]["amount"] == {
        "amount": "1000.00",
        "currency": "EUR",
    }
    frozen = await session.scalar(select(FrozenStatement))
    canonical = json.dumps(frozen.content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert hashlib.sha256(canonical).hexdigest() == frozen.sha256 == statement["sha256"]
    frozen_attainment = await attainment(gql, billed)
    assert frozen_attainment["provisional"] is False and uptime(frozen_attainment)["measured"] == "99.7986"

    before = await billing_rows(session)
    late = await report(
        gql, billed, **{**OUTAGE, "startedAt": "2026-10-20T09:00:00Z", "endedAt": "2026-10-20T09:10:00Z"}
    )
    assert late["__typename"] == "ConflictError" and late["code"] == "period_closed", late
    assert await billing_rows(session) == before
    types = set(
        await session.scalars(select(Event.type).where(Event.type.in_(("attainment.period_closed", "credit.computed"))))
    )
    assert types == {"attainment.period_closed", "credit.computed"}


async def test_usage_is_idempotent_priced_and_never_negative(gql: GraphQL, billed: Deal, session):
    first = {"usageId": "u-1", "priceCode": "hours", "quantity": "1.5", "occurredAt": "2026-10-05T10:00:00Z"}
    recorded = await usage(gql, billed, **first)
    assert recorded["__typename"] == "RecordUsagePayload" and recorded["created"] is True, recorded
    assert recorded["usage"] | {"id": None} == {
        "id": None,
        "usageId": "u-1",
        "priceCode": "hours",
        "quantity": "1.5",
        "occurredAt": "2026-10-05T10:00:00Z",
    }
    again = await usage(gql, billed, **first)
    assert again["created"] is False and again["usage"] == recorded["usage"]
    reused = await usage(gql, billed, **{**first, "quantity": "2"})
    assert reused["__typename"] == "ConflictError" and reused["code"] == "usage_id_reused", reused
    before = await billing_rows(session)
    for change, field in (
        ({"usageId": "u-2", "quantity": "-1"}, "quantity"),
        ({"usageId": "u-3", "priceCode": "base"}, "priceCode"),
        ({"usageId": "u-4", "occurredAt": "2026-10-05T10:00:00"}, "occurredAt"),
    ):
        refused = await usage(gql, billed, **{**first, **change})
        assert refused["__typename"] == "ValidationError" and refused["field"] == field, refused
    # Not a decimal at all: refused by the Decimal scalar before anything runs.
    body = await gql.raw(
        "mutation($id: UUID!, $input: RecordUsageInput!) { recordUsage(agreementId: $id, "
        "input: $input) { __typename } }",
        billed.h["provider"],
        id=billed.agreement_id,
        input={**first, "usageId": "u-5", "quantity": "abc"},
    )
    assert body["data"] is None and "decimal" in body["errors"][0]["message"]
    assert (await usage(gql, billed, "third", **{**first, "usageId": "u-6"}))["__typename"] == "ForbiddenError"
    assert await billing_rows(session) == before
    lines = (await statements(gql, billed))["statements"][0]["lines"]
    assert {
        "code": "hours",
        "description": "Consulting",
        "unit": "hour",
        "quantity": "1.5",
        "unitAmount": {"amount": "80.00", "currency": "EUR"},
        "amount": {"amount": "120.00", "currency": "EUR"},
        "version": 1,
    } in lines


async def test_maintenance_counts_only_once_the_customer_accepted_it(gql: GraphQL, billed: Deal):
    window = await report(
        gql, billed, kind="MAINTENANCE", startedAt="2026-10-10T01:00:00Z", endedAt="2026-10-10T05:00:00Z"
    )
    maintenance = window["incident"]
    assert maintenance["kind"] == "MAINTENANCE" and maintenance["countsAsDowntime"] is True
    assert uptime(await attainment(gql, billed))["evidence"]["downtimeSeconds"] == 4 * 3600
    by_provider = await accept(gql, billed, maintenance["id"], "provider")
    assert by_provider["__typename"] == "ForbiddenError" and by_provider["code"] == "not_allowed_for_role"
    accepted = await accept(gql, billed, maintenance["id"])
    assert accepted["incident"]["countsAsDowntime"] is False
    assert accepted["incident"]["acceptedAt"] == "2026-10-20T12:00:00Z"
    twice = await accept(gql, billed, maintenance["id"])
    assert twice["__typename"] == "ConflictError" and twice["code"] == "already_accepted"
    after = uptime(await attainment(gql, billed))
    assert after["evidence"]["downtimeSeconds"] == 0 and after["met"] is True
    outage = (await report(gql, billed, **OUTAGE))["incident"]
    refused = await accept(gql, billed, outage["id"])
    assert refused["__typename"] == "ConflictError" and refused["code"] == "not_maintenance"


async def test_a_disputed_credit_is_held_and_the_adjustment_replaces_it(gql: GraphQL, billed: Deal):
    await report(gql, billed, **OUTAGE)
    opened = await mutate(
        gql,
        "openDispute",
        "... on OpenDisputePayload { dispute { id about clauseKey creditPeriod } }",
        billed.h["customer"],
        "$input: OpenDisputeInput!",
        "input: $input",
        input={
            "agreementId": billed.agreement_id,
            "respondentPartyId": str(billed.provider.id),
            "about": "CREDIT",
            "clauseKey": "uptime-credits",
            "creditPeriod": "2026-10",
            "subject": "Credit too low",
            "description": "The outage lasted longer",
        },
    )
    assert opened["__typename"] == "OpenDisputePayload", opened
    dispute = opened["dispute"]
    assert dispute | {"id": None} == {
        "id": None,
        "about": "CREDIT",
        "clauseKey": "uptime-credits",
        "creditPeriod": "2026-10",
    }
    credit = (await statements(gql, billed))["statements"][0]["credits"][0]
    assert credit["status"] == "DISPUTED" and credit["disputeId"] == dispute["id"]
    for name, side, arguments, signature, variables in (
        ("acknowledgeDispute", "provider", "id: $id", "$id: UUID!", {}),
        (
            "resolveDispute",
            "customer",
            "id: $id, input: $input",
            "$id: UUID!, $input: ResolveDisputeInput!",
            {"input": {"outcome": "Agreed on 250", "adjustment": {"amount": "250.00", "currency": "EUR"}}},
        ),
    ):
        step = await mutate(
            gql, name, "__typename", billed.h[side], signature, arguments, id=dispute["id"], **variables
        )
        assert step["__typename"].endswith("Payload"), step
    statement = (await statements(gql, billed))["statements"][0]
    (credit,) = statement["credits"]
    assert credit["status"] == "ADJUSTED" and credit["amount"] == {"amount": "250.00", "currency": "EUR"}
    assert credit["computedAmount"] == {"amount": "100.00", "currency": "EUR"}
    assert statement["totals"] == [{"amount": "750.00", "currency": "EUR"}]
    # A credit dispute names a period and a service_credit clause: a bad one is a typed error naming the field.
    refused = await mutate(
        gql,
        "openDispute",
        "",
        billed.h["customer"],
        "$input: OpenDisputeInput!",
        "input: $input",
        input={
            "agreementId": billed.agreement_id,
            "respondentPartyId": str(billed.provider.id),
            "about": "CREDIT",
            "clauseKey": "uptime-credits",
            "creditPeriod": "2026/10",
            "subject": "s",
            "description": "d",
        },
    )
    assert refused["__typename"] == "ValidationError" and refused["field"] == "creditPeriod", refused


async def test_bad_input_is_named_and_stores_nothing(gql: GraphQL, billed: Deal, session):
    before = await billing_rows(session)
    for period in ("2026-13", "2026/10", "October"):
        for document, variables in (
            (ATTAINMENT, {"id": billed.agreement_id}),
            (STATEMENTS, {"customer": str(billed.customer.id)}),
        ):
            body = await gql.raw(document, billed.h["provider"], period=period, **variables)
            (error,) = body["errors"]
            assert error["extensions"]["code"] == "invalid_input", error
            assert error["extensions"]["problems"][0]["field"] == "period", error
        refused = await close(gql, billed.h["operator"], period)
        assert refused["__typename"] == "ValidationError" and refused["field"] == "period", refused
    backwards = await report(gql, billed, **{**OUTAGE, "endedAt": "2026-10-14T08:00:00Z"})
    assert backwards["__typename"] == "ValidationError" and backwards["field"] == "endedAt", backwards
    future = await report(
        gql, billed, **{**OUTAGE, "startedAt": "2026-12-01T00:00:00Z", "endedAt": "2026-12-01T01:00:00Z"}
    )
    assert future["__typename"] == "ValidationError" and future["field"] == "startedAt", future
    by_customer = await report(gql, billed, "customer", **OUTAGE)
    assert by_customer["__typename"] == "ForbiddenError", by_customer
    body = await gql.raw(
        "mutation($id: UUID!, $input: ReportIncidentInput!) { reportIncident(agreementId: $id, "
        "input: $input) { __typename } }",
        billed.h["provider"],
        id=billed.agreement_id,
        input={**OUTAGE, "kind": "METEOR"},
    )
    assert body["data"] is None and "METEOR" in body["errors"][0]["message"]
    assert await billing_rows(session) == before
    assert await session.scalar(select(func.count()).select_from(Event).where(Event.type.like("credit.%"))) == 0


async def test_an_absurdly_long_incident_is_a_validation_error(gql: GraphQL, billed: Deal, session):
    before = await billing_rows(session)
    refused = await report(
        gql, billed, kind="MAINTENANCE", startedAt="0303-12-03T04:21:02-08:56", endedAt="9088-01-02T15:44:49Z"
    )
    assert refused["__typename"] == "ValidationError", refused
    assert await billing_rows(session) == before


async def test_an_unclaimed_credit_expires_after_the_claim_window(gql: GraphQL, billed: Deal, clock):
    await report(gql, billed, **OUTAGE)
    query = """query($customer: String!, $period: String!) { billingStatements(customer: $customer, period: $period) {
      totals { amount currency } statements { credits { status claimBy claimedAt amount { amount }
      computedAmount { amount } } } } }"""
    pull = await gql(query, billed.h["provider"], customer=str(billed.customer.id), period="2026-10")
    (credit,) = pull["billingStatements"]["statements"][0]["credits"]
    assert credit["status"] == "OWED" and credit["claimBy"] == "2026-11-30T23:00:00Z"
    clock.now = datetime(2026, 12, 1, tzinfo=UTC)
    pull = await gql(query, billed.h["provider"], customer=str(billed.customer.id), period="2026-10")
    (credit,) = pull["billingStatements"]["statements"][0]["credits"]
    assert credit == {
        "status": "EXPIRED",
        "claimBy": "2026-11-30T23:00:00Z",
        "claimedAt": None,
        "amount": {"amount": "0.00"},
        "computedAmount": {"amount": "100.00"},
    }
    assert pull["billingStatements"]["totals"] == [{"amount": "1000.00", "currency": "EUR"}]
