"""Every mutation, through POST /graphql: payloads, typed errors, and no partial write after a failure."""

from __future__ import annotations

import uuid
from typing import Any

from db.models import Agreement, ApiClient, Event, Party
from tests.factories import World
from tests.flows import Deal, sla_clauses
from tests.schema.conftest import GraphQL, accept_first_version, count, mutate


def clause_inputs() -> list[dict[str, Any]]:
    return [{"key": c["key"], "kind": c["kind"], "title": c["title"], "terms": c["terms"]} for c in sla_clauses()]


# ---------------------------------------------------------------- parties and API clients


PARTY = "... on CreatePartyPayload { party { id name kind contactEmail version externalRefs { system externalId } } }"


async def test_create_party_needs_the_operator(gql: GraphQL, deal: Deal, session):
    created = await mutate(
        gql,
        "createParty",
        PARTY,
        deal.h["operator"],
        "$input: CreatePartyInput!",
        "input: $input",
        input={
            "name": "Umbrella",
            "kind": "SYSTEM",
            "contactEmail": "ops@umbrella.example",
            "externalRefs": [{"system": "zendesk", "externalId": "org-9"}],
        },
    )
    assert created["__typename"] == "CreatePartyPayload"
    assert created["party"] | {"id": None} == {
        "id": None,
        "name": "Umbrella",
        "kind": "SYSTEM",
        "contactEmail": "ops@umbrella.example",
        "version": 1,
        "externalRefs": [{"system": "zendesk", "externalId": "org-9"}],
    }
    before = await count(session, Party)
    # A party token lacks the scope: a GraphQL error, nothing stored.
    body = await gql.raw('mutation { createParty(input: {name: "X"}) { __typename } }', deal.h["provider"])
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    # An external ref that already names another party is a conflict; the party is not created either.
    taken = await mutate(
        gql,
        "createParty",
        PARTY,
        deal.h["operator"],
        "$input: CreatePartyInput!",
        "input: $input",
        input={"name": "Dup", "externalRefs": [{"system": "zendesk", "externalId": "org-1"}]},
    )
    assert taken["__typename"] == "ConflictError" and taken["code"] == "external_ref_taken"
    assert await count(session, Party) == before


UPDATE_PARTY = "... on UpdatePartyPayload { party { name contactEmail version externalRefs { system } } }"


async def test_update_party_checks_the_expected_version(gql: GraphQL, deal: Deal):
    signature, arguments = (
        "$id: UUID!, $v: Int!, $input: UpdatePartyInput!",
        "id: $id, expectedVersion: $v, input: $input",
    )
    updated = await mutate(
        gql,
        "updateParty",
        UPDATE_PARTY,
        deal.h["operator"],
        signature,
        arguments,
        id=str(deal.customer.id),
        v=1,
        input={"name": "Globex Corp", "contactEmail": "a@globex.example"},
    )
    assert updated == {
        "__typename": "UpdatePartyPayload",
        "party": {"name": "Globex Corp", "contactEmail": "a@globex.example", "version": 2, "externalRefs": []},
    }
    stale = await mutate(
        gql,
        "updateParty",
        UPDATE_PARTY,
        deal.h["operator"],
        signature,
        arguments,
        id=str(deal.customer.id),
        v=1,
        input={"name": "Lost update"},
    )
    assert stale["__typename"] == "PreconditionError" and stale["code"] == "precondition_failed"
    null_name = await mutate(
        gql,
        "updateParty",
        UPDATE_PARTY,
        deal.h["operator"],
        signature,
        arguments,
        id=str(deal.customer.id),
        v=2,
        input={"name": None},
    )
    assert null_name["__typename"] == "ValidationError" and null_name["field"] == "name"
    cleared = await mutate(
        gql,
        "updateParty",
        UPDATE_PARTY,
        deal.h["operator"],
        signature,
        arguments,
        id=str(deal.customer.id),
        v=2,
        input={"contactEmail": None},
    )
    assert cleared["party"] == {"name": "Globex Corp", "contactEmail": None, "version": 3, "externalRefs": []}
    missing = await mutate(
        gql,
        "updateParty",
        UPDATE_PARTY,
        deal.h["operator"],
        signature,
        arguments,
        id=str(uuid.uuid4()),
        v=1,
        input={"name": "Nobody"},
    )
    assert missing["__typename"] == "NotFoundError"


CLIENT = "... on CreateApiClientPayload { clientSecret apiClient { id clientId partyId name scopes revokedAt } }"


async def test_create_api_client(gql: GraphQL, deal: Deal, session):
    signature, arguments = "$party: UUID!, $input: CreateApiClientInput!", "partyId: $party, input: $input"
    created = await mutate(
        gql,
        "createApiClient",
        CLIENT,
        deal.h["operator"],
        signature,
        arguments,
        party=str(deal.provider.id),
        input={"name": "ticketing", "scopes": ["agreements:read"]},
    )
    assert created["__typename"] == "CreateApiClientPayload"
    assert created["clientSecret"] and created["apiClient"]["clientId"].startswith("cl_")
    assert created["apiClient"] | {"id": None, "clientId": None} == {
        "id": None,
        "clientId": None,
        "partyId": str(deal.provider.id),
        "name": "ticketing",
        "scopes": ["agreements:read"],
        "revokedAt": None,
    }
    before = await count(session, ApiClient)
    bad_scope = await mutate(
        gql,
        "createApiClient",
        CLIENT,
        deal.h["operator"],
        signature,
        arguments,
        party=str(deal.provider.id),
        input={"name": "x", "scopes": ["parties:admin"]},
    )
    assert bad_scope["__typename"] == "ValidationError" and bad_scope["field"] == "scopes"
    no_party = await mutate(
        gql,
        "createApiClient",
        CLIENT,
        deal.h["operator"],
        signature,
        arguments,
        party=str(uuid.uuid4()),
        input={"name": "x"},
    )
    assert no_party["__typename"] == "NotFoundError"
    assert await count(session, ApiClient) == before


# ---------------------------------------------------------------- agreements


CREATED = (
    "... on CreateAgreementPayload { agreement { id status version title myRole memberships { role } "
    "versions { number status clauses { key } } } }"
)


def agreement_input(deal: Deal, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Acme ↔ Globex hosting",
        "timezone": "Europe/Berlin",
        "memberships": [
            {"partyId": str(deal.provider.id), "role": "PROVIDER"},
            {"partyId": str(deal.customer.id), "role": "CUSTOMER"},
        ],
        "clauses": clause_inputs(),
        **changes,
    }


async def create(gql: GraphQL, deal: Deal, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    return await mutate(
        gql,
        "createAgreement",
        CREATED,
        headers,
        "$input: CreateAgreementInput!",
        "input: $input",
        input=agreement_input(deal, **changes),
    )


async def test_create_agreement(gql: GraphQL, deal: Deal):
    created = await create(gql, deal, deal.h["customer"])
    assert created["__typename"] == "CreateAgreementPayload"
    agreement = created["agreement"]
    assert agreement["status"] == "DRAFT" and agreement["version"] == 1 and agreement["myRole"] == "CUSTOMER"
    assert sorted(m["role"] for m in agreement["memberships"]) == ["CUSTOMER", "PROVIDER"]
    assert agreement["versions"] == [
        {"number": 1, "status": "DRAFT", "clauses": [{"key": "response-times"}, {"key": "fees"}, {"key": "escalation"}]}
    ]
    # The same UUIDs as REST.
    response = await gql.client.get(f"/v1/agreements/{agreement['id']}", headers=deal.h["customer"])
    assert response.status_code == 200 and response.json()["title"] == "Acme ↔ Globex hosting"


async def test_failed_create_agreement_names_the_field_and_stores_nothing(gql: GraphQL, deal: Deal, session):
    agreements, events = await count(session, Agreement), await count(session, Event)

    clauses = clause_inputs()
    clauses[1]["kind"] = "pricing"
    bad_kind = await create(gql, deal, deal.h["provider"], clauses=clauses)
    assert bad_kind["__typename"] == "ValidationError" and bad_kind["code"] == "invalid_input"
    assert bad_kind["field"] == "clauses[1].kind" and "pricing" in bad_kind["message"]

    clauses = clause_inputs()
    clauses[1]["terms"]["price_lines"][0]["amount"]["currency"] = "EURO"
    bad_currency = await create(gql, deal, deal.h["provider"], clauses=clauses)
    assert bad_currency["__typename"] == "ValidationError"
    assert bad_currency["field"].startswith("clauses[1].terms.price_lines[0].amount")
    assert "EURO" in bad_currency["message"]

    no_customer = await create(
        gql, deal, deal.h["provider"], memberships=[{"partyId": str(deal.provider.id), "role": "PROVIDER"}]
    )
    assert no_customer["__typename"] == "ValidationError" and no_customer["field"] == "memberships"
    bad_zone = await create(gql, deal, deal.h["provider"], timezone="Mars/Olympus")
    assert bad_zone["field"] == "timezone"

    assert (await count(session, Agreement), await count(session, Event)) == (agreements, events)


async def test_writes_need_the_agreements_write_scope(gql: GraphQL, deal: Deal, world: World, session):
    before = await count(session, Agreement)
    read_only = await world.headers(deal.provider, scopes=["agreements:read"])
    body = await gql.raw(
        "mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { __typename } }",
        read_only,
        input=agreement_input(deal),
    )
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    assert await count(session, Agreement) == before


UPDATED = (
    "... on UpdateAgreementPayload { agreement { title description version memberships { role } "
    "versions { clauses { key } } } }"
)
UPDATE_SIGNATURE = "$id: UUID!, $v: Int!, $input: UpdateAgreementInput!"
UPDATE_ARGUMENTS = "id: $id, expectedVersion: $v, input: $input"


async def test_update_agreement_with_expected_version(gql: GraphQL, deal: Deal):
    updated = await mutate(
        gql,
        "updateAgreement",
        UPDATED,
        deal.h["customer"],
        UPDATE_SIGNATURE,
        UPDATE_ARGUMENTS,
        id=deal.agreement_id,
        v=1,
        input={"title": "Renamed", "description": "why", "clauses": clause_inputs()[:1]},
    )
    assert updated["__typename"] == "UpdateAgreementPayload"
    agreement = updated["agreement"]
    assert sorted(m["role"] for m in agreement.pop("memberships")) == ["CUSTOMER", "PROVIDER", "THIRD_PARTY"]
    assert agreement == {
        "title": "Renamed",
        "description": "why",
        "version": 2,
        "versions": [{"clauses": [{"key": "response-times"}]}],
    }
    stale = await mutate(
        gql,
        "updateAgreement",
        UPDATED,
        deal.h["customer"],
        UPDATE_SIGNATURE,
        UPDATE_ARGUMENTS,
        id=deal.agreement_id,
        v=1,
        input={"title": "Lost update"},
    )
    assert stale["__typename"] == "PreconditionError" and stale["code"] == "precondition_failed"
    third = await mutate(
        gql,
        "updateAgreement",
        UPDATED,
        deal.h["third"],
        UPDATE_SIGNATURE,
        UPDATE_ARGUMENTS,
        id=deal.agreement_id,
        v=2,
        input={"title": "Mine now"},
    )
    assert third["__typename"] == "ForbiddenError" and third["code"] == "not_a_signatory"
    outsider = await mutate(
        gql,
        "updateAgreement",
        UPDATED,
        deal.h["outsider"],
        UPDATE_SIGNATURE,
        UPDATE_ARGUMENTS,
        id=deal.agreement_id,
        v=2,
        input={"title": "Mine now"},
    )
    assert outsider["__typename"] == "NotFoundError"
    null_title = await mutate(
        gql,
        "updateAgreement",
        UPDATED,
        deal.h["customer"],
        UPDATE_SIGNATURE,
        UPDATE_ARGUMENTS,
        id=deal.agreement_id,
        v=2,
        input={"title": None},
    )
    assert null_title["__typename"] == "ValidationError" and null_title["field"] == "title"


async def test_failed_update_rolls_back_the_writes_it_had_already_made(gql: GraphQL, deal: Deal):
    # update_draft renames, replaces the memberships (DELETE + INSERT) and only then validates the clauses.
    clauses = clause_inputs()
    clauses[0]["terms"] = {"targets": []}
    failed = await mutate(
        gql,
        "updateAgreement",
        UPDATED,
        deal.h["provider"],
        UPDATE_SIGNATURE,
        UPDATE_ARGUMENTS,
        id=deal.agreement_id,
        v=1,
        input={
            "title": "Half-done",
            "clauses": clauses,
            "memberships": [
                {"partyId": str(deal.provider.id), "role": "PROVIDER"},
                {"partyId": str(deal.customer.id), "role": "CUSTOMER"},
            ],
        },
    )
    assert failed["__typename"] == "ValidationError" and failed["field"].startswith("clauses[0].terms")
    data = await gql(
        "query($id: UUID!) { agreement(id: $id) { title version memberships { role } "
        "history { edges { node { type } } } } }",
        deal.h["provider"],
        id=deal.agreement_id,
    )
    assert data["agreement"]["title"] == "Acme ↔ Globex support" and data["agreement"]["version"] == 1
    assert len(data["agreement"]["memberships"]) == 3
    assert [e["node"]["type"] for e in data["agreement"]["history"]["edges"]] == [
        "agreement.created",
        "invitation.accepted",
        "invitation.accepted",
    ]


# ---------------------------------------------------------------- versions


VERSION = (
    "version { number status summary approvals { decision comment } clauses { key } } agreement { status version }"
)


def on(payload: str, selection: str = VERSION) -> str:
    return f"... on {payload} {{ {selection} }}"


DECIDE_SIGNATURE, DECIDE_ARGUMENTS = (
    "$id: UUID!, $n: Int!, $comment: String",
    "agreementId: $id, number: $n, comment: $comment",
)


async def test_propose_approve_and_approving_twice_is_a_conflict(gql: GraphQL, deal: Deal):
    proposed = await mutate(
        gql,
        "proposeVersion",
        on("ProposeVersionPayload"),
        deal.h["provider"],
        "$id: UUID!, $input: ProposeVersionInput!, $v: Int",
        "agreementId: $id, input: $input, expectedVersion: $v",
        id=deal.agreement_id,
        input={"summary": "initial terms"},
        v=1,
    )
    assert proposed["version"] == {
        "number": 1,
        "status": "PROPOSED",
        "summary": "initial terms",
        "approvals": [],
        "clauses": [{"key": "response-times"}, {"key": "fees"}, {"key": "escalation"}],
    }
    assert proposed["agreement"] == {"status": "PROPOSED", "version": 2}

    approved = await mutate(
        gql,
        "approveVersion",
        on("ApproveVersionPayload"),
        deal.h["provider"],
        DECIDE_SIGNATURE,
        DECIDE_ARGUMENTS,
        id=deal.agreement_id,
        n=1,
        comment="fine",
    )
    assert approved["version"]["status"] == "PROPOSED"
    assert approved["version"]["approvals"] == [{"decision": "APPROVED", "comment": "fine"}]
    twice = await mutate(
        gql,
        "approveVersion",
        on("ApproveVersionPayload"),
        deal.h["provider"],
        DECIDE_SIGNATURE,
        DECIDE_ARGUMENTS,
        id=deal.agreement_id,
        n=1,
    )
    assert twice["__typename"] == "ConflictError" and twice["code"] == "already_decided"
    third = await mutate(
        gql,
        "approveVersion",
        on("ApproveVersionPayload"),
        deal.h["third"],
        DECIDE_SIGNATURE,
        DECIDE_ARGUMENTS,
        id=deal.agreement_id,
        n=1,
    )
    assert third["__typename"] == "ForbiddenError" and third["code"] == "not_a_signatory"
    outsider = await mutate(
        gql,
        "approveVersion",
        on("ApproveVersionPayload"),
        deal.h["outsider"],
        DECIDE_SIGNATURE,
        DECIDE_ARGUMENTS,
        id=deal.agreement_id,
        n=1,
    )
    assert outsider["__typename"] == "NotFoundError"
    no_version = await mutate(
        gql,
        "approveVersion",
        on("ApproveVersionPayload"),
        deal.h["customer"],
        DECIDE_SIGNATURE,
        DECIDE_ARGUMENTS,
        id=deal.agreement_id,
        n=7,
    )
    assert no_version["__typename"] == "NotFoundError"

    accepted = await mutate(
        gql,
        "approveVersion",
        on("ApproveVersionPayload"),
        deal.h["customer"],
        DECIDE_SIGNATURE,
        DECIDE_ARGUMENTS,
        id=deal.agreement_id,
        n=1,
    )
    assert accepted["version"]["status"] == "ACCEPTED" and len(accepted["version"]["approvals"]) == 2
    # The payload is read after the commit, not from loaders primed before it.
    assert accepted["agreement"]["version"] == 4


async def test_propose_with_a_stale_expected_version_is_a_precondition_error(gql: GraphQL, deal: Deal):
    stale = await mutate(
        gql,
        "proposeVersion",
        on("ProposeVersionPayload"),
        deal.h["provider"],
        "$id: UUID!, $v: Int",
        "agreementId: $id, input: {}, expectedVersion: $v",
        id=deal.agreement_id,
        v=7,
    )
    assert stale["__typename"] == "PreconditionError"


async def test_reject_version_reopens_the_draft(gql: GraphQL, deal: Deal):
    await mutate(
        gql,
        "proposeVersion",
        on("ProposeVersionPayload"),
        deal.h["provider"],
        "$id: UUID!",
        "agreementId: $id, input: {}",
        id=deal.agreement_id,
    )
    rejected = await mutate(
        gql,
        "rejectVersion",
        on("RejectVersionPayload"),
        deal.h["customer"],
        DECIDE_SIGNATURE,
        DECIDE_ARGUMENTS,
        id=deal.agreement_id,
        n=1,
        comment="too slow",
    )
    assert rejected["version"]["status"] == "REJECTED"
    assert rejected["version"]["approvals"] == [{"decision": "REJECTED", "comment": "too slow"}]
    assert rejected["agreement"]["status"] == "DRAFT"
    again = await mutate(
        gql,
        "rejectVersion",
        on("RejectVersionPayload"),
        deal.h["provider"],
        DECIDE_SIGNATURE,
        DECIDE_ARGUMENTS,
        id=deal.agreement_id,
        n=1,
    )
    assert again["__typename"] == "ConflictError" and again["code"] == "invalid_transition"


async def test_withdraw_version_only_by_the_proposer(gql: GraphQL, deal: Deal):
    await mutate(
        gql,
        "proposeVersion",
        on("ProposeVersionPayload"),
        deal.h["provider"],
        "$id: UUID!",
        "agreementId: $id, input: {}",
        id=deal.agreement_id,
    )
    signature, arguments = "$id: UUID!, $n: Int!", "agreementId: $id, number: $n"
    refused = await mutate(
        gql,
        "withdrawVersion",
        on("WithdrawVersionPayload"),
        deal.h["customer"],
        signature,
        arguments,
        id=deal.agreement_id,
        n=1,
    )
    assert refused["__typename"] == "ForbiddenError" and refused["code"] == "not_the_proposer"
    withdrawn = await mutate(
        gql,
        "withdrawVersion",
        on("WithdrawVersionPayload"),
        deal.h["provider"],
        signature,
        arguments,
        id=deal.agreement_id,
        n=1,
    )
    assert withdrawn["version"]["status"] == "WITHDRAWN" and withdrawn["agreement"]["status"] == "DRAFT"


async def test_amendment_merges_by_key(gql: GraphQL, deal: Deal):
    await accept_first_version(gql, deal)
    amendment = {
        "summary": "faster P1",
        "mode": "MERGE",
        "remove": ["escalation"],
        "clauses": [
            {
                "key": "response-times",
                "kind": "service_level",
                "title": "Response times",
                "terms": {
                    "targets": [
                        {
                            "key": "p1-first-response",
                            "metric": "first_response",
                            "match": {"priority": "P1"},
                            "duration": "PT30M",
                        }
                    ]
                },
            }
        ],
    }
    proposed = await mutate(
        gql,
        "proposeVersion",
        on("ProposeVersionPayload"),
        deal.h["customer"],
        "$id: UUID!, $input: ProposeVersionInput!",
        "agreementId: $id, input: $input",
        id=deal.agreement_id,
        input=amendment,
    )
    assert proposed["version"]["number"] == 2
    assert [c["key"] for c in proposed["version"]["clauses"]] == ["response-times", "fees"]
    removing_unknown = await mutate(
        gql,
        "proposeVersion",
        on("ProposeVersionPayload"),
        deal.h["customer"],
        "$id: UUID!",
        'agreementId: $id, input: {remove: ["nope"]}',
        id=deal.agreement_id,
    )
    assert removing_unknown["__typename"] in ("ValidationError", "ConflictError")


# ---------------------------------------------------------------- lifecycle


LIFECYCLE_SIGNATURE = "$id: UUID!, $v: Int, $reason: String"
LIFECYCLE_ARGUMENTS = "id: $id, expectedVersion: $v, reason: $reason"
AGREEMENT_STATE = "agreement { status version currentVersion { number } }"


async def transition(gql: GraphQL, name: str, headers: dict[str, str], agreement_id: str, **variables: Any) -> dict:
    payload = name[0].upper() + name[1:] + "Payload"
    return await mutate(
        gql,
        name,
        on(payload, AGREEMENT_STATE),
        headers,
        LIFECYCLE_SIGNATURE,
        LIFECYCLE_ARGUMENTS,
        id=agreement_id,
        **variables,
    )


async def test_lifecycle_activate_suspend_resume_terminate(gql: GraphQL, deal: Deal):
    early = await transition(gql, "activateAgreement", deal.h["provider"], deal.agreement_id)
    assert early["__typename"] == "ConflictError"
    await accept_first_version(gql, deal)

    stale = await transition(gql, "activateAgreement", deal.h["provider"], deal.agreement_id, v=1)
    assert stale["__typename"] == "PreconditionError"
    third = await transition(gql, "activateAgreement", deal.h["third"], deal.agreement_id)
    assert third["__typename"] == "ForbiddenError"
    outsider = await transition(gql, "activateAgreement", deal.h["outsider"], deal.agreement_id)
    assert outsider["__typename"] == "NotFoundError"

    active = await transition(gql, "activateAgreement", deal.h["customer"], deal.agreement_id, v=4)
    assert active["agreement"] == {"status": "ACTIVE", "version": 5, "currentVersion": {"number": 1}}
    suspended = await transition(gql, "suspendAgreement", deal.h["provider"], deal.agreement_id, reason="unpaid")
    assert suspended["agreement"]["status"] == "SUSPENDED"
    resumed = await transition(gql, "resumeAgreement", deal.h["provider"], deal.agreement_id)
    assert resumed["agreement"]["status"] == "ACTIVE"
    resumed_twice = await transition(gql, "resumeAgreement", deal.h["provider"], deal.agreement_id)
    assert resumed_twice["__typename"] == "ConflictError" and resumed_twice["code"] == "invalid_transition"
    terminated = await transition(gql, "terminateAgreement", deal.h["customer"], deal.agreement_id, reason="done")
    assert terminated["agreement"]["status"] == "TERMINATED"

    data = await gql(
        "query($id: UUID!) { agreement(id: $id) { history(first: 20) { edges { node { type data } } } } }",
        deal.h["provider"],
        id=deal.agreement_id,
    )
    events = [e["node"] for e in data["agreement"]["history"]["edges"]]
    assert [e["type"] for e in events][-4:] == [
        "agreement.activated",
        "agreement.suspended",
        "agreement.resumed",
        "agreement.terminated",
    ]
    assert events[-3]["data"]["reason"] == "unpaid"


async def test_a_first_version_proposed_without_a_date_inherits_the_agreements_start(gql: GraphQL, deal: Deal, client):
    etag = (await client.get(f"/v1/agreements/{deal.agreement_id}", headers=deal.h["provider"])).headers["etag"]
    r = await client.patch(
        f"/v1/agreements/{deal.agreement_id}",
        json={"effective_from": "2026-01-01T00:00:00Z"},
        headers={**deal.h["provider"], "If-Match": etag},
    )
    assert r.status_code == 200, r.text
    proposed = await mutate(
        gql,
        "proposeVersion",
        "... on ProposeVersionPayload { version { number effectiveFrom } }",
        deal.h["provider"],
        "$id: UUID!, $input: ProposeVersionInput!",
        "agreementId: $id, input: $input",
        id=deal.agreement_id,
        input={},
    )
    assert proposed["version"] == {"number": 1, "effectiveFrom": "2026-01-01T00:00:00Z"}
