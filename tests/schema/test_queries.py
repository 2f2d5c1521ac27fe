"""Every query, through POST /graphql, against the real app and database."""

from __future__ import annotations

import uuid
from datetime import timedelta

import jwt

from services.auth.tokens import mint_party_token
from tests.factories import World, register_client
from tests.flows import Deal, sla_clauses
from tests.schema.conftest import GraphQL, accept_first_version

AGREEMENT = """
query($id: UUID!) { agreement(id: $id) {
  id reference title status version myRole timezone
  memberships { role partyId party { id name } }
  versions { number status proposedBy { name } approvals { decision comment party { name } } clauses { key kind } }
  currentVersion { number status clauses {
    key kind title terms sharedWithThirdParties
    typedTerms { kind
      ... on ServiceLevelTerms { targets { key metric duration time warnAtPercent match { priority service } } }
      ... on CostTerms { priceLines { code description amount { amount currency } unit billingPeriod } multiCurrency }
      ... on EscalationTerms { levels { level after channel to { role email } } }
    }
  } }
} }
"""


async def test_agreement_reads_nested_memberships_versions_and_typed_terms(gql: GraphQL, deal: Deal):
    await accept_first_version(gql, deal)
    agreement = (await gql(AGREEMENT, deal.h["customer"], id=deal.agreement_id))["agreement"]
    assert agreement["id"] == deal.agreement_id
    assert agreement["reference"].startswith("SLA-") and agreement["status"] == "PROPOSED"
    assert agreement["myRole"] == "CUSTOMER" and agreement["timezone"] == "Europe/Berlin"
    assert {(m["role"], m["party"]["name"]) for m in agreement["memberships"]} == {
        ("PROVIDER", "Acme Support"),
        ("CUSTOMER", "Globex"),
        ("THIRD_PARTY", "Globex Retail"),
    }
    assert all(m["partyId"] == m["party"]["id"] for m in agreement["memberships"])
    (version,) = agreement["versions"]
    assert version["number"] == 1 and version["status"] == "ACCEPTED"
    assert version["proposedBy"]["name"] == "Acme Support"
    assert {a["party"]["name"] for a in version["approvals"]} == {"Acme Support", "Globex"}

    clauses = {c["key"]: c for c in agreement["currentVersion"]["clauses"]}
    assert set(clauses) == {"response-times", "fees", "escalation"}
    fees = clauses["fees"]
    assert fees["terms"]["price_lines"][0]["amount"] == {"amount": "1200.00", "currency": "EUR"}
    assert fees["typedTerms"] == {
        "kind": "cost",
        "multiCurrency": False,
        "priceLines": [
            {
                "code": "base",
                "description": "Monthly base fee",
                "amount": {"amount": "1200.00", "currency": "EUR"},
                "unit": "month",
                "billingPeriod": "month",
            }
        ],
    }
    targets = clauses["response-times"]["typedTerms"]["targets"]
    assert targets[0] == {
        "key": "p1-first-response",
        "metric": "first_response",
        "duration": "PT1H",
        "time": "calendar",
        "warnAtPercent": [75],
        "match": {"priority": ["P1"], "service": None},
    }
    assert targets[1]["time"] == "business"  # the default the stored JSON leaves out
    assert clauses["escalation"]["typedTerms"]["levels"][0]["to"] == {"role": "provider", "email": "duty@example.com"}


async def test_third_party_never_sees_cost_clauses_or_terms(gql: GraphQL, deal: Deal, client):
    await accept_first_version(gql, deal)
    query = """query($id: UUID!) { agreement(id: $id) {
      myRole
      currentVersion { clauses { key kind terms typedTerms { kind } } }
      versions { clauses { key kind terms } }
      clauses { items { key kind terms } }
      history { edges { node { type data } } }
    } events { edges { node { type data } } } }"""
    response = await client.post(
        "/graphql", json={"query": query, "variables": {"id": deal.agreement_id}}, headers=deal.h["third"]
    )
    body = response.json()
    assert not body.get("errors"), body
    agreement = body["data"]["agreement"]
    assert agreement["myRole"] == "THIRD_PARTY"
    assert [c["key"] for c in agreement["currentVersion"]["clauses"]] == ["response-times", "escalation"]
    assert [c["key"] for c in agreement["versions"][0]["clauses"]] == ["response-times", "escalation"]
    assert [c["key"] for c in agreement["clauses"]["items"]] == ["response-times", "escalation"]
    assert len(agreement["history"]["edges"]) == 6 and len(body["data"]["events"]["edges"]) >= 6
    # Nowhere in the whole answer — clauses, typed terms, history or event snapshots — is the cost clause.
    for hidden in ('"cost"', "price_lines", "priceLines", "1200.00", '"fees"'):
        assert hidden not in response.text

    provider_view = await gql(query, deal.h["provider"], id=deal.agreement_id)
    assert "fees" in [c["key"] for c in provider_view["agreement"]["currentVersion"]["clauses"]]


async def test_outsider_gets_null_exactly_like_an_unknown_id(gql: GraphQL, deal: Deal, client):
    query = "query($id: UUID!) { agreement(id: $id) { id title } }"
    outsider = await client.post(
        "/graphql", json={"query": query, "variables": {"id": deal.agreement_id}}, headers=deal.h["outsider"]
    )
    unknown = await client.post(
        "/graphql", json={"query": query, "variables": {"id": str(uuid.uuid4())}}, headers=deal.h["provider"]
    )
    assert outsider.status_code == unknown.status_code == 200
    assert outsider.json() == unknown.json() == {"data": {"agreement": None}}
    # Nor does it appear in the outsider's list, or its parties show up anywhere.
    data = await gql("{ agreements { edges { node { id } } } }", deal.h["outsider"])
    assert data["agreements"]["edges"] == []
    data = await gql("query($id: UUID!) { party(id: $id) { name } }", deal.h["outsider"], id=str(deal.provider.id))
    assert data["party"] is None


async def test_reads_need_the_agreements_read_scope(gql: GraphQL, deal: Deal, world: World):
    headers = await world.headers(deal.provider, scopes=["billing:read"])
    body = await gql.raw("query($id: UUID!) { agreement(id: $id) { id } }", headers, id=deal.agreement_id)
    assert body["data"] == {"agreement": None}
    assert body["errors"][0]["extensions"]["code"] == "insufficient_scope"
    assert "agreements:read" in body["errors"][0]["message"]
    # `me` needs no scope, as on REST.
    data = await gql("{ me { scopes operator party { name } } }", headers)
    assert data["me"] == {"scopes": ["billing:read"], "operator": False, "party": {"name": "Acme Support"}}


async def test_me_for_a_party_and_for_the_operator(gql: GraphQL, deal: Deal):
    data = await gql(
        "{ me { operator clientId party { id name kind version externalRefs { system externalId } } } }",
        deal.h["provider"],
    )
    assert data["me"]["operator"] is False
    assert data["me"]["party"] == {
        "id": str(deal.provider.id),
        "name": "Acme Support",
        "kind": "ORGANIZATION",
        "version": 1,
        "externalRefs": [{"system": "zendesk", "externalId": "org-1"}],
    }
    data = await gql("{ me { operator party { id } scopes } }", deal.h["operator"])
    assert data["me"]["operator"] is True and data["me"]["party"] is None
    assert "parties:admin" in data["me"]["scopes"]


async def test_party_is_scoped(gql: GraphQL, deal: Deal):
    data = await gql(
        "query($id: UUID!) { party(id: $id) { name createdAt } }", deal.h["third"], id=str(deal.provider.id)
    )
    assert data["party"]["name"] == "Acme Support"
    assert data["party"]["createdAt"].endswith("Z")
    data = await gql("query($id: UUID!) { party(id: $id) { name } }", deal.h["provider"], id=str(uuid.uuid4()))
    assert data["party"] is None
    # A party sees itself and those it shares an agreement with, not the outsider.
    mine = (await gql("{ parties { edges { node { name } } } }", deal.h["customer"]))["parties"]["edges"]
    assert {e["node"]["name"] for e in mine} == {"Acme Support", "Globex", "Globex Retail"}


PARTIES_PAGE = """query($after: String) { parties(first: 2, after: $after) {
  edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }"""


async def _all_party_names(gql: GraphQL, headers: dict[str, str]) -> list[str]:
    names, after = [], None
    while True:
        parties = (await gql(PARTIES_PAGE, headers, after=after))["parties"]
        names += [e["node"]["name"] for e in parties["edges"]]
        assert parties["pageInfo"]["endCursor"] == (parties["edges"][-1]["cursor"] if parties["edges"] else None)
        if not parties["pageInfo"]["hasNextPage"]:
            return names
        after = parties["pageInfo"]["endCursor"]


async def test_parties_paginate_oldest_first(gql: GraphQL, world: World, clock):
    for name in ("A", "B", "C", "D", "E"):
        clock.now += timedelta(milliseconds=10)
        await world.party(name)
    assert await _all_party_names(gql, await world.headers(None)) == ["A", "B", "C", "D", "E"]


async def test_parties_paginate_when_created_in_the_same_instant(gql: GraphQL, deal: Deal):
    # The keyset is (created_at, id): parties created in the same instant are neither skipped nor repeated.
    names = await _all_party_names(gql, deal.h["operator"])
    assert sorted(names) == ["Acme Support", "Globex", "Globex Retail", "Initech"]


CREATE = """mutation($input: CreateAgreementInput!) { createAgreement(input: $input) {
  __typename ... on CreateAgreementPayload { agreement { id } } ... on Error { code message field } } }"""


async def _create_agreement(gql: GraphQL, deal: Deal, title: str, *, with_third: bool = False) -> str:
    memberships = [
        {"partyId": str(deal.provider.id), "role": "PROVIDER"},
        {"partyId": str(deal.customer.id), "role": "CUSTOMER"},
    ]
    if with_third:
        memberships.append({"partyId": str(deal.third.id), "role": "THIRD_PARTY"})
    data = await gql(
        CREATE, deal.h["provider"], input={"title": title, "memberships": memberships, "clauses": _graphql_clauses()}
    )
    assert data["createAgreement"]["__typename"] == "CreateAgreementPayload", data
    agreement_id = data["createAgreement"]["agreement"]["id"]
    for side in ("customer", "third") if with_third else ("customer",):
        edges = (
            await gql("{ invitations(status: INVITED) { edges { node { id agreement { id } } } } }", deal.h[side])
        )["invitations"]["edges"]
        (invitation_id,) = [e["node"]["id"] for e in edges if e["node"]["agreement"]["id"] == agreement_id]
        accepted = await gql(
            "mutation($id: UUID!) { acceptInvitation(id: $id) { __typename } }", deal.h[side], id=invitation_id
        )
        assert accepted["acceptInvitation"]["__typename"] == "AcceptInvitationPayload", accepted
    return agreement_id


def _graphql_clauses() -> list[dict]:
    return [{"key": c["key"], "kind": c["kind"], "title": c["title"], "terms": c["terms"]} for c in sla_clauses()]


async def test_agreements_filter_and_paginate_newest_first(gql: GraphQL, deal: Deal, clock):
    ids = [deal.agreement_id]
    for n in range(3):
        clock.now += timedelta(milliseconds=10)
        ids.append(await _create_agreement(gql, deal, f"Extra {n}"))
    page = """query($after: String, $filter: AgreementFilter) { agreements(first: 2, after: $after, filter: $filter) {
      edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }"""
    first = (await gql(page, deal.h["provider"]))["agreements"]
    assert [e["node"]["id"] for e in first["edges"]] == ids[::-1][:2]
    assert first["pageInfo"] == {"hasNextPage": True, "endCursor": first["edges"][-1]["cursor"]}
    # An edge cursor works as `after` just like endCursor.
    second = (await gql(page, deal.h["provider"], after=first["edges"][0]["cursor"]))["agreements"]
    assert [e["node"]["id"] for e in second["edges"]] == ids[::-1][1:3]
    rest = (await gql(page, deal.h["provider"], after=first["pageInfo"]["endCursor"]))["agreements"]
    assert [e["node"]["id"] for e in rest["edges"]] == ids[::-1][2:]
    assert rest["pageInfo"]["hasNextPage"] is False

    third_party = (await gql(page, deal.h["third"], filter={"role": "THIRD_PARTY"}))["agreements"]
    assert [e["node"]["id"] for e in third_party["edges"]] == [deal.agreement_id]
    assert (await gql(page, deal.h["provider"], filter={"role": "CUSTOMER"}))["agreements"]["edges"] == []
    active = (await gql(page, deal.h["customer"], filter={"status": "ACTIVE"}))["agreements"]
    assert active["edges"] == []
    drafts = (await gql(page, deal.h["customer"], filter={"status": "DRAFT"}))["agreements"]
    assert len(drafts["edges"]) == 2 and drafts["pageInfo"]["hasNextPage"] is True
    with_third = (await gql(page, deal.h["provider"], filter={"counterParty": str(deal.third.id)}))["agreements"]
    assert [e["node"]["id"] for e in with_third["edges"]] == [deal.agreement_id]


async def test_bad_cursor_and_page_size_are_graphql_errors_naming_the_argument(gql: GraphQL, deal: Deal):
    body = await gql.raw("{ agreements(first: 500) { edges { cursor } } }", deal.h["provider"])
    assert body["errors"][0]["extensions"] == {
        "code": "invalid_input",
        "problems": [{"field": "first", "message": "limit must be between 1 and 100"}],
    }
    body = await gql.raw('{ agreements(after: "garbage!") { edges { cursor } } }', deal.h["provider"])
    assert body["errors"][0]["extensions"]["problems"][0]["field"] == "after"


async def test_clauses_by_version_and_as_of(gql: GraphQL, deal: Deal, clock):
    query = """query($id: UUID!, $version: Int, $asOf: DateTime) { agreement(id: $id) {
      clauses(version: $version, asOf: $asOf) { version { number status } items { key } } } }"""
    # Before anything was accepted: the working draft.
    draft = (await gql(query, deal.h["provider"], id=deal.agreement_id))["agreement"]["clauses"]
    assert draft["version"] == {"number": 1, "status": "DRAFT"}
    assert [c["key"] for c in draft["items"]] == ["response-times", "fees", "escalation"]

    before = clock.now
    clock.now += timedelta(minutes=1)
    await accept_first_version(gql, deal)
    now = (await gql(query, deal.h["customer"], id=deal.agreement_id))["agreement"]["clauses"]
    assert now["version"] == {"number": 1, "status": "ACCEPTED"}
    past = (await gql(query, deal.h["customer"], id=deal.agreement_id, asOf=(before - timedelta(days=1)).isoformat()))[
        "agreement"
    ]["clauses"]
    assert past == {"version": None, "items": []}
    by_number = (await gql(query, deal.h["third"], id=deal.agreement_id, version=1))["agreement"]["clauses"]
    assert [c["key"] for c in by_number["items"]] == ["response-times", "escalation"]
    assert (await gql(query, deal.h["customer"], id=deal.agreement_id, version=9))["agreement"]["clauses"] is None

    body = await gql.raw(query, deal.h["customer"], id=deal.agreement_id, version=1, asOf=before.isoformat())
    assert body["errors"][0]["extensions"]["problems"][0]["field"] == "version"


async def test_history_and_events(gql: GraphQL, deal: Deal):
    await accept_first_version(gql, deal)
    query = """query($id: UUID!) { agreement(id: $id) { history(first: 3) {
        edges { cursor node { type sequence agreementId occurredAt actor { partyId } } }
        pageInfo { hasNextPage endCursor } } } }"""
    history = (await gql(query, deal.h["customer"], id=deal.agreement_id))["agreement"]["history"]
    assert [e["node"]["type"] for e in history["edges"]] == [
        "agreement.created",
        "invitation.accepted",
        "invitation.accepted",
    ]
    assert [e["node"]["sequence"] for e in history["edges"]] == [1, 2, 3]
    assert history["edges"][0]["node"]["actor"]["partyId"] == str(deal.provider.id)
    assert history["pageInfo"]["hasNextPage"] is True

    events = """query($after: String, $types: [String!]) { events(first: 10, after: $after, types: $types) {
        edges { node { type agreementId data } } pageInfo { hasNextPage endCursor } } }"""
    provider = (await gql(events, deal.h["provider"], types=["agreement.version_approved"]))["events"]
    assert [e["node"]["type"] for e in provider["edges"]] == ["agreement.version_approved"] * 2
    assert provider["edges"][0]["node"]["data"]["decision"]["decision"] == "approved"
    everything = (await gql(events, deal.h["provider"]))["events"]
    assert [e["node"]["type"] for e in everything["edges"]][:2] == ["party.created", "agreement.created"]
    outsider = (await gql(events, deal.h["outsider"]))["events"]
    assert {e["node"]["agreementId"] for e in outsider["edges"]} == {None}


async def test_event_actor_credentials_are_shown_to_the_actors_party_and_the_operator_only(
    gql: GraphQL, deal: Deal, world
):

    await register_client(world.session, deal.provider.id, "cli-acme-portal")
    token = await mint_party_token(
        world.session,
        settings=world.settings,
        party_id=deal.provider.id,
        scopes=["agreements:read", "agreements:write"],
        now=world.clock(),
        client_id="cli-acme-portal",
    )
    jti = jwt.decode(token, options={"verify_signature": False})["jti"]
    proposed = await gql.raw(
        """mutation($id: UUID!) { proposeVersion(agreementId: $id, input: {summary: "v1"}) {
        __typename } }""",
        {"Authorization": f"Bearer {token}"},
        id=deal.agreement_id,
    )
    assert "errors" not in proposed, proposed
    history = """query($id: UUID!) { agreement(id: $id) { history(first: 10) { edges { node { type
        actor { partyId clientId tokenId } } } } } }"""
    events = """{ events(first: 50, types: ["agreement.version_proposed"]) { edges { node { agreementId
        actor { partyId clientId tokenId } } } } }"""
    mine = {"partyId": str(deal.provider.id), "clientId": "cli-acme-portal", "tokenId": jti}
    hidden = {"partyId": str(deal.provider.id), "clientId": None, "tokenId": None}
    for who, expected in (("provider", mine), ("customer", hidden), ("third", hidden), ("operator", mine)):
        if who != "operator":
            edges = (await gql(history, deal.h[who], id=deal.agreement_id))["agreement"]["history"]["edges"]
            assert [e["node"]["actor"] for e in edges if e["node"]["type"] == "agreement.version_proposed"] == [
                expected
            ], who
        edges = (await gql(events, deal.h[who]))["events"]["edges"]
        assert [e["node"]["actor"] for e in edges if e["node"]["agreementId"] == deal.agreement_id] == [expected], who
