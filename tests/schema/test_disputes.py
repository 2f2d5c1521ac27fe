"""Dispute cases through POST /graphql: `dispute(id)` with its timeline and evidence, `disputes` as a Relay
connection, every step of the procedure, who may take it, money as exact strings, and nothing stored on failure."""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import timedelta

from db.models import Dispute, DisputeEntry, DisputeEvidence
from tests.factories import World
from tests.flows import Deal, activate
from tests.schema.conftest import GraphQL, count, mutate
from tests.support.procedures import PROCEDURE_CLAUSES

DISPUTE = """id reference agreementId raisedByPartyId respondentPartyId raisedBy { name } respondent { name }
  about clauseKey ticket { source externalId } subject description status stage stageDeadline escalationLevel
  raiserMustAccept resolution adjustment { amount currency } closedAt createdAt updatedAt version
  timeline { kind actorPartyId actor { name } body fromStatus toStatus details }
  evidence { kind url filename contentType size sha256 addedByPartyId }"""
ONE = f"query($id: UUID!) {{ dispute(id: $id) {{ {DISPUTE} }} }}"
PAGE = """query($filter: DisputeFilter, $first: Int!, $after: String) { disputes(filter: $filter, first: $first,
  after: $after) { edges { cursor node { id subject status } } pageInfo { hasNextPage endCursor } } }"""
ATTACHMENT = b"ticket 4711: first response after 3h12m"


def z(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def open_dispute(gql: GraphQL, deal: Deal, side: str = "customer", against: str = "provider", **changes) -> dict:
    input = {
        "agreementId": deal.agreement_id,
        "respondentPartyId": str(getattr(deal, against).id),
        "subject": "P1 first responses late",
        "description": "Three P1 tickets answered after the target.",
        **changes,
    }
    return await mutate(
        gql,
        "openDispute",
        f"... on OpenDisputePayload {{ dispute {{ {DISPUTE} }} }}",
        deal.h[side],
        "$input: OpenDisputeInput!",
        "input: $input",
        input=input,
    )


async def step(gql: GraphQL, name: str, headers: dict[str, str], dispute_id: str, note: str | None = None) -> dict:
    payload = name[0].upper() + name[1:] + "Payload"
    return await mutate(
        gql,
        name,
        f"... on {payload} {{ dispute {{ {DISPUTE} }} }}",
        headers,
        "$id: UUID!, $note: String",
        "id: $id, note: $note",
        id=dispute_id,
        note=note,
    )


async def resolve(gql: GraphQL, headers: dict[str, str], dispute_id: str, **input) -> dict:
    return await mutate(
        gql,
        "resolveDispute",
        f"... on ResolveDisputePayload {{ dispute {{ {DISPUTE} }} }}",
        headers,
        "$id: UUID!, $input: ResolveDisputeInput!",
        "id: $id, input: $input",
        id=dispute_id,
        input=input,
    )


async def comment(gql: GraphQL, headers: dict[str, str], dispute_id: str, **input) -> dict:
    return await mutate(
        gql,
        "commentOnDispute",
        f"... on CommentOnDisputePayload {{ dispute {{ {DISPUTE} }} }}",
        headers,
        "$id: UUID!, $input: CommentOnDisputeInput!",
        "id: $id, input: $input",
        id=dispute_id,
        input=input,
    )


async def test_open_a_dispute_about_a_clause_with_evidence(gql: GraphQL, client, deal: Deal, clock):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    opened = await open_dispute(
        gql,
        deal,
        about="CLAUSE",
        clauseKey="response-times",
        evidence=[
            {"url": "https://tickets.example.com/4711"},
            {"filename": "4711.txt", "contentType": "text/plain", "content": base64.b64encode(ATTACHMENT).decode()},
        ],
    )
    assert opened["__typename"] == "OpenDisputePayload", opened
    dispute = opened["dispute"]
    assert dispute["reference"].startswith(f"DSP-{clock.now.year}-")
    assert dispute | {"id": None, "reference": None, "timeline": None, "evidence": None} == {
        "id": None,
        "reference": None,
        "agreementId": deal.agreement_id,
        "raisedByPartyId": str(deal.customer.id),
        "respondentPartyId": str(deal.provider.id),
        "raisedBy": {"name": "Globex"},
        "respondent": {"name": "Acme Support"},
        "about": "CLAUSE",
        "clauseKey": "response-times",
        "ticket": None,
        "subject": "P1 first responses late",
        "description": "Three P1 tickets answered after the target.",
        "status": "OPEN",
        "stage": "negotiation",
        "stageDeadline": z(clock.now + timedelta(days=10)),
        "escalationLevel": 0,
        "raiserMustAccept": True,
        "resolution": None,
        "adjustment": None,
        "closedAt": None,
        "createdAt": z(clock.now),
        "updatedAt": z(clock.now),
        "version": 1,
        "timeline": None,
        "evidence": None,
    }
    assert dispute["timeline"] == [
        {
            "kind": "OPENED",
            "actorPartyId": str(deal.customer.id),
            "actor": {"name": "Globex"},
            "body": dispute["description"],
            "fromStatus": None,
            "toStatus": "OPEN",
            "details": {},
        }
    ]
    # Items added in one request share their creation time; the service orders those by id, not as sent.
    attachment, link = sorted(dispute["evidence"], key=lambda item: item["kind"])
    assert link == {
        "kind": "LINK",
        "url": "https://tickets.example.com/4711",
        "filename": None,
        "contentType": None,
        "size": None,
        "sha256": hashlib.sha256(b"https://tickets.example.com/4711").hexdigest(),
        "addedByPartyId": str(deal.customer.id),
    }
    assert attachment == {
        "kind": "ATTACHMENT",
        "url": None,
        "filename": "4711.txt",
        "contentType": "text/plain",
        "size": len(ATTACHMENT),
        "sha256": hashlib.sha256(ATTACHMENT).hexdigest(),
        "addedByPartyId": str(deal.customer.id),
    }
    # Metadata only: the schema has no field that serves an attachment's content.
    fields = await gql('{ __type(name: "DisputeEvidence") { fields { name } } }', deal.h["customer"])
    assert "content" not in {f["name"] for f in fields["__type"]["fields"]}
    # Both parties read the same dispute; the third party, though a member of the agreement, is not one of them.
    assert (await gql(ONE, deal.h["provider"], id=dispute["id"]))["dispute"] == dispute
    assert (await gql(ONE, deal.h["third"], id=dispute["id"]))["dispute"] is None
    assert (await gql(ONE, deal.h["customer"], id=str(uuid.uuid4())))["dispute"] is None


async def test_about_a_ticket(gql: GraphQL, client, deal: Deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    opened = await open_dispute(gql, deal, about="TICKET", ticketSource="zendesk", ticketExternalId="4711")
    assert opened["dispute"]["ticket"] == {"source": "zendesk", "externalId": "4711"}


async def test_the_procedure_acknowledge_comment_escalate_resolve(gql: GraphQL, client, deal: Deal, clock):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    dispute_id = (await open_dispute(gql, deal))["dispute"]["id"]
    # Only the respondent acknowledges.
    not_respondent = await step(gql, "acknowledgeDispute", deal.h["customer"], dispute_id)
    assert not_respondent["__typename"] == "ForbiddenError" and not_respondent["code"] == "not_the_respondent"
    acknowledged = await step(gql, "acknowledgeDispute", deal.h["provider"], dispute_id, note="Looking into it.")
    assert acknowledged["dispute"]["status"] == "ACKNOWLEDGED"
    twice = await step(gql, "acknowledgeDispute", deal.h["provider"], dispute_id)
    assert twice["__typename"] == "ConflictError" and twice["code"] == "invalid_transition"

    commented = await comment(
        gql,
        deal.h["customer"],
        dispute_id,
        body="Tickets 4711, 4712 and 4730.",
        evidence=[{"url": "https://tickets.example.com/4712"}],
    )
    assert commented["__typename"] == "CommentOnDisputePayload", commented
    assert commented["dispute"]["status"] == "IN_RESOLUTION" and len(commented["dispute"]["evidence"]) == 1

    clock.now += timedelta(hours=1)
    escalated = (await step(gql, "escalateDispute", deal.h["customer"], dispute_id, note="No answer."))["dispute"]
    assert (escalated["status"], escalated["stage"], escalated["escalationLevel"]) == ("ESCALATED", "mediation", 1)
    assert escalated["stageDeadline"] == z(clock.now + timedelta(days=30))
    last = escalated["timeline"][-1]
    assert last["kind"] == "ESCALATION" and (last["fromStatus"], last["toStatus"]) == ("IN_RESOLUTION", "ESCALATED")
    assert last["body"] == "No answer." and last["details"]["level"] == 1 and last["details"]["stage"] == "mediation"

    # The procedure says the raising party must accept the resolution: the respondent may not resolve.
    by_respondent = await resolve(
        gql,
        deal.h["provider"],
        dispute_id,
        outcome="Credit of 150 EUR",
        adjustment={"amount": "150.00", "currency": "EUR"},
    )
    assert by_respondent["__typename"] == "ForbiddenError" and by_respondent["code"] == "raiser_must_accept"
    assert (await gql(ONE, deal.h["customer"], id=dispute_id))["dispute"]["status"] == "ESCALATED"
    resolved = (
        await resolve(
            gql,
            deal.h["customer"],
            dispute_id,
            outcome="Credit of 150 EUR",
            adjustment={"amount": "150.00", "currency": "EUR"},
        )
    )["dispute"]
    assert resolved["status"] == "RESOLVED" and resolved["resolution"] == "Credit of 150 EUR"
    assert resolved["adjustment"] == {"amount": "150.00", "currency": "EUR"}  # an exact string, never a float
    assert resolved["closedAt"] == z(clock.now) and resolved["stageDeadline"] is None
    assert [e["kind"] for e in resolved["timeline"]] == ["OPENED", "STATUS", "COMMENT", "ESCALATION", "STATUS"]
    closed = await comment(gql, deal.h["provider"], dispute_id, body="One more thing")
    assert closed["__typename"] == "ConflictError"
    withdrawn = await step(gql, "withdrawDispute", deal.h["customer"], dispute_id)
    assert withdrawn["__typename"] == "ConflictError" and withdrawn["code"] == "invalid_transition"


async def test_reject_and_withdraw(gql: GraphQL, client, deal: Deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    first = (await open_dispute(gql, deal, subject="first"))["dispute"]["id"]
    second = (await open_dispute(gql, deal, subject="second"))["dispute"]["id"]
    not_raiser = await step(gql, "withdrawDispute", deal.h["provider"], first)
    assert not_raiser["__typename"] == "ForbiddenError" and not_raiser["code"] == "not_the_raiser"
    withdrawn = await step(gql, "withdrawDispute", deal.h["customer"], first, note="Sorted out by phone.")
    assert withdrawn["dispute"]["status"] == "WITHDRAWN" and withdrawn["dispute"]["closedAt"]
    raiser_rejects = await step(gql, "rejectDispute", deal.h["customer"], second)
    assert raiser_rejects["__typename"] == "ForbiddenError" and raiser_rejects["code"] == "not_the_respondent"
    rejected = await step(gql, "rejectDispute", deal.h["provider"], second, note="Targets were met.")
    assert rejected["dispute"]["status"] == "REJECTED"
    assert rejected["dispute"]["timeline"][-1]["body"] == "Targets were met."


async def test_resolving_without_raiser_must_accept_is_either_partys(gql: GraphQL, client, deal: Deal):
    await activate(client, deal, clauses=[])
    dispute = (await open_dispute(gql, deal))["dispute"]
    assert dispute["raiserMustAccept"] is False and dispute["stage"] is None and dispute["stageDeadline"] is None
    await step(gql, "acknowledgeDispute", deal.h["provider"], dispute["id"])
    resolved = await resolve(gql, deal.h["provider"], dispute["id"], outcome="Explained; no credit.")
    assert resolved["dispute"]["status"] == "RESOLVED" and resolved["dispute"]["adjustment"] is None


async def test_bad_input_is_a_validation_error_and_stores_nothing(gql: GraphQL, client, deal: Deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    cases = [
        ({"respondentPartyId": str(deal.customer.id)}, "respondentPartyId"),
        ({"respondentPartyId": str(deal.outsider.id)}, "respondentPartyId"),
        ({"subject": "   "}, "subject"),
        ({"about": "CLAUSE"}, "clauseKey"),
        ({"about": "CLAUSE", "clauseKey": "no-such-clause"}, "clauseKey"),
        ({"about": "TICKET", "ticketSource": "zendesk"}, "ticketExternalId"),
        (
            {"evidence": [{"url": "https://x.example/a"}, {"filename": "a.txt", "content": "not base64!"}]},
            "evidence[1].content",
        ),
        ({"evidence": [{"url": "ftp://x.example/a"}]}, "evidence[0].url"),
        ({"evidence": [{"content": "aGVsbG8="}]}, "evidence[0].filename"),
        ({"evidence": [{"filename": 'a"; filename="evil.exe', "content": "aGVsbG8="}]}, "evidence[0].filename"),
        ({"evidence": [{"filename": "a\r\nb.pdf", "content": "aGVsbG8="}]}, "evidence[0].filename"),
        (
            {"evidence": [{"filename": "a.pdf", "contentType": "text/html\r\nX: 1", "content": "aGVsbG8="}]},
            "evidence[0].contentType",
        ),
    ]
    for changes, field in cases:
        failed = await open_dispute(gql, deal, **changes)
        assert failed["__typename"] == "ValidationError" and failed["field"] == field, (changes, failed)
    for model in (Dispute, DisputeEntry, DisputeEvidence):
        assert await count(session, model) == 0
    unknown = await open_dispute(gql, deal, agreementId=str(uuid.uuid4()))
    assert unknown["__typename"] == "NotFoundError"


async def test_money_is_an_exact_string_and_a_bad_adjustment_changes_nothing(gql: GraphQL, client, deal: Deal, session):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    dispute_id = (await open_dispute(gql, deal))["dispute"]["id"]
    await step(gql, "acknowledgeDispute", deal.h["provider"], dispute_id)
    before = (await gql(ONE, deal.h["customer"], id=dispute_id))["dispute"]
    entries = await count(session, DisputeEntry)
    for adjustment, field in (
        ({"amount": "-5.00", "currency": "EUR"}, "adjustment.amount"),
        ({"amount": "10.00001", "currency": "EUR"}, "adjustment.amount"),
        ({"amount": "10.00", "currency": "EURO"}, "adjustment.currency"),
    ):
        failed = await resolve(gql, deal.h["customer"], dispute_id, outcome="Credit", adjustment=adjustment)
        assert failed["__typename"] == "ValidationError" and failed["field"] == field, failed
    empty = await resolve(gql, deal.h["customer"], dispute_id, outcome="  ")
    assert empty["__typename"] == "ValidationError" and empty["field"] == "outcome"
    assert (await gql(ONE, deal.h["customer"], id=dispute_id))["dispute"] == before
    assert await count(session, DisputeEntry) == entries
    # A float is not money, nor any decimal spelling but plain notation: refused before anything runs.
    for amount in (12.5, "twelve", "1e3", "1E+3", "1_000", " 1.00 ", "NaN", "Infinity", "-Infinity", ".5"):
        body = await gql.raw(
            "mutation($id: UUID!, $amount: Decimal!) { resolveDispute(id: $id, input: {outcome: "
            '"x", adjustment: {amount: $amount, currency: "EUR"}}) { __typename } }',
            deal.h["customer"],
            id=dispute_id,
            amount=amount,
        )
        assert body["data"] is None and body["errors"], body
        assert "$amount" in body["errors"][0]["message"], body  # names the offending input
    body = await gql.raw(
        'mutation($id: UUID!) { resolveDispute(id: $id, input: {outcome: "x", adjustment: '
        '{amount: 12.5, currency: "EUR"}}) { __typename } }',
        deal.h["customer"],
        id=dispute_id,
    )
    assert body["data"] is None and body["errors"], body
    assert (await gql(ONE, deal.h["customer"], id=dispute_id))["dispute"] == before
    # Emitted in plain notation with the currency's minor units.
    resolved = await resolve(
        gql, deal.h["customer"], dispute_id, outcome="Credit", adjustment={"amount": "1000", "currency": "EUR"}
    )
    assert resolved["dispute"]["adjustment"] == {"amount": "1000.00", "currency": "EUR"}, resolved


async def test_disputes_filter_and_paginate_newest_first(gql: GraphQL, client, deal: Deal, clock):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    ids = []
    for n, (side, against) in enumerate(
        (("customer", "provider"), ("provider", "customer"), ("customer", "provider"), ("third", "provider"))
    ):
        clock.now += timedelta(seconds=1)
        ids.append((await open_dispute(gql, deal, side, against, subject=f"dispute {n}"))["dispute"]["id"])
    await step(gql, "acknowledgeDispute", deal.h["customer"], ids[1])

    page = (await gql(PAGE, deal.h["provider"], first=2))["disputes"]
    assert [e["node"]["id"] for e in page["edges"]] == [ids[3], ids[2]]
    assert page["pageInfo"] == {"hasNextPage": True, "endCursor": page["edges"][-1]["cursor"]}
    rest = (await gql(PAGE, deal.h["provider"], first=2, after=page["pageInfo"]["endCursor"]))["disputes"]
    assert [e["node"]["id"] for e in rest["edges"]] == [ids[1], ids[0]] and rest["pageInfo"]["hasNextPage"] is False

    async def listed(side: str, **filter) -> list[str]:
        found = (await gql(PAGE, deal.h[side], first=50, filter=filter))["disputes"]["edges"]
        return [e["node"]["id"] for e in found]

    assert await listed("provider", role="RECEIVED") == [ids[3], ids[2], ids[0]]
    assert await listed("provider", role="RAISED") == [ids[1]]
    assert await listed("provider", status="ACKNOWLEDGED") == [ids[1]]
    assert await listed("customer", agreementId=deal.agreement_id) == [ids[2], ids[1], ids[0]]
    assert await listed("third") == [ids[3]]
    assert await listed("outsider") == []
    bad = await gql.raw(PAGE, deal.h["provider"], first=2, after="garbage!")
    assert bad["errors"][0]["extensions"]["problems"][0]["field"] == "after"


async def test_scopes(gql: GraphQL, client, deal: Deal, world: World):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    read_only = await world.headers(deal.customer, scopes=["agreements:read", "disputes:read"])
    body = await gql.raw(
        "mutation($input: OpenDisputeInput!) { openDispute(input: $input) { __typename } }",
        read_only,
        input={
            "agreementId": deal.agreement_id,
            "respondentPartyId": str(deal.provider.id),
            "subject": "s",
            "description": "d",
        },
    )
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    no_read = await world.headers(deal.customer, scopes=["agreements:read"])
    body = await gql.raw("{ disputes { edges { cursor } } }", no_read)
    assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    # The operator sees every dispute but does not take a party's steps.
    dispute_id = (await open_dispute(gql, deal))["dispute"]["id"]
    assert (await gql(ONE, deal.h["operator"], id=dispute_id))["dispute"]["id"] == dispute_id
    operator = await step(gql, "acknowledgeDispute", deal.h["operator"], dispute_id)
    assert operator["__typename"] == "ForbiddenError" and operator["code"] == "party_only"


async def test_a_stale_expected_version_is_a_precondition_error(gql: GraphQL, client, deal: Deal):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    dispute = (await open_dispute(gql, deal, subject="versions"))["dispute"]["id"]
    query = """mutation($id: UUID!, $v: Int) { acknowledgeDispute(id: $id, expectedVersion: $v) {
      __typename ... on AcknowledgeDisputePayload { dispute { status version } } ... on Error { code } } }"""
    stale = (await gql(query, deal.h["provider"], id=dispute, v=5))["acknowledgeDispute"]
    assert stale == {"__typename": "PreconditionError", "code": "precondition_failed"}
    fresh = (await gql(query, deal.h["provider"], id=dispute, v=1))["acknowledgeDispute"]
    assert fresh["dispute"] == {"status": "ACKNOWLEDGED", "version": 2}


async def test_agreement_disputes_show_only_the_callers_own(gql: GraphQL, client, deal: Deal, world):
    await activate(client, deal, clauses=PROCEDURE_CLAUSES)
    opened = (await open_dispute(gql, deal, subject="nested"))["dispute"]["id"]
    query = "query($id: UUID!) { agreement(id: $id) { disputes { id subject } } }"
    for who in ("customer", "provider", "operator"):
        data = await gql(query, deal.h[who], id=deal.agreement_id)
        assert [d["id"] for d in data["agreement"]["disputes"]] == [opened], who
    # A third party is a member of the agreement but not of the dispute.
    assert (await gql(query, deal.h["third"], id=deal.agreement_id))["agreement"]["disputes"] == []
    # Without disputes:read the list is empty rather than an error for the whole agreement.
    reader = await world.headers(deal.customer, scopes=["agreements:read"])
    assert (await gql(query, reader, id=deal.agreement_id))["agreement"]["disputes"] == []
