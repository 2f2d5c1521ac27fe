"""Invitations through POST /graphql: `invitations`, `acceptInvitation`, `declineInvitation`, and what an
agreement's memberships show of a party that has not accepted."""

from __future__ import annotations

import uuid

from tests.flows import Deal
from tests.schema.conftest import GraphQL, mutate

CREATE = "... on CreateAgreementPayload { agreement { id memberships { partyId role status party { name } } } }"
INVITATIONS = """query($status: MembershipStatus) { invitations(status: $status) {
  edges { node { id partyId role status invitedByPartyId agreement { id reference title } } } } }"""
ANSWER = "... on {payload} {{ invitation {{ id status agreement {{ id }} }} }} ... on Error {{ code message }}"


async def _invite_outsider(gql: GraphQL, deal: Deal, party_id: str | None = None) -> dict:
    created = await mutate(
        gql,
        "createAgreement",
        CREATE,
        deal.h["provider"],
        "$input: CreateAgreementInput!",
        "input: $input",
        input={
            "title": "Acme ↔ Initech",
            "memberships": [
                {"partyId": str(deal.provider.id), "role": "PROVIDER"},
                {"partyId": party_id or str(deal.outsider.id), "role": "CUSTOMER"},
            ],
        },
    )
    assert created["__typename"] == "CreateAgreementPayload", created
    return created["agreement"]


async def _open_invitation(gql: GraphQL, deal: Deal, agreement_id: str) -> dict:
    edges = (await gql(INVITATIONS, deal.h["outsider"], status="INVITED"))["invitations"]["edges"]
    (node,) = [e["node"] for e in edges if e["node"]["agreement"]["id"] == agreement_id]
    return node


async def _answer(gql: GraphQL, deal: Deal, name: str, payload: str, invitation_id: str, side: str = "outsider"):
    return await mutate(
        gql, name, ANSWER.format(payload=payload), deal.h[side], "$id: UUID!", "id: $id", id=invitation_id
    )


async def test_the_inviter_sees_only_the_id_until_the_party_accepts(gql: GraphQL, deal: Deal):
    agreement = await _invite_outsider(gql, deal)
    invited = {"partyId": str(deal.outsider.id), "role": "CUSTOMER", "status": "INVITED", "party": None}
    assert invited in agreement["memberships"]
    assert (await gql("query($id: UUID!) { party(id: $id) { name } }", deal.h["provider"], id=str(deal.outsider.id)))[
        "party"
    ] is None
    parties = await gql("{ parties(first: 100) { edges { node { id } } } }", deal.h["provider"])
    assert str(deal.outsider.id) not in str(parties)
    # The invited party sees an invitation, not the agreement.
    assert (await gql("query($id: UUID!) { agreement(id: $id) { id } }", deal.h["outsider"], id=agreement["id"]))[
        "agreement"
    ] is None
    invitation = await _open_invitation(gql, deal, agreement["id"])
    assert invitation["role"] == "CUSTOMER" and invitation["invitedByPartyId"] == str(deal.provider.id)
    assert invitation["agreement"]["title"] == "Acme ↔ Initech"

    accepted = await _answer(gql, deal, "acceptInvitation", "AcceptInvitationPayload", invitation["id"])
    assert accepted["invitation"]["status"] == "ACCEPTED", accepted
    read = await gql(
        "query($id: UUID!) { agreement(id: $id) { myRole memberships { partyId status party { name } } } }",
        deal.h["provider"],
        id=agreement["id"],
    )
    assert {"partyId": str(deal.outsider.id), "status": "ACCEPTED", "party": {"name": "Initech"}} in read["agreement"][
        "memberships"
    ]
    mine = await gql("query($id: UUID!) { agreement(id: $id) { myRole } }", deal.h["outsider"], id=agreement["id"])
    assert mine["agreement"]["myRole"] == "CUSTOMER"


async def test_a_known_and_an_unknown_id_answer_alike(gql: GraphQL, deal: Deal):
    ghost = str(uuid.uuid4())
    known, unknown = await _invite_outsider(gql, deal), await _invite_outsider(gql, deal, ghost)
    strip = lambda a, party: str(a["memberships"]).replace(party, "<x>")  # noqa: E731
    assert strip(known, str(deal.outsider.id)) == strip(unknown, ghost)


async def test_decline_is_final_and_others_cannot_answer(gql: GraphQL, deal: Deal):
    agreement = await _invite_outsider(gql, deal)
    invitation = await _open_invitation(gql, deal, agreement["id"])
    for side in ("provider", "customer"):
        refused = await _answer(gql, deal, "acceptInvitation", "AcceptInvitationPayload", invitation["id"], side)
        assert refused["__typename"] == "NotFoundError", refused
    unknown = await _answer(gql, deal, "declineInvitation", "DeclineInvitationPayload", str(uuid.uuid4()))
    assert unknown["__typename"] == "NotFoundError"
    declined = await _answer(gql, deal, "declineInvitation", "DeclineInvitationPayload", invitation["id"])
    assert declined["invitation"]["status"] == "DECLINED", declined
    again = await _answer(gql, deal, "acceptInvitation", "AcceptInvitationPayload", invitation["id"])
    assert again["__typename"] == "ConflictError" and again["code"] == "invitation_answered", again
    read = await gql(
        "query($id: UUID!) { agreement(id: $id) { memberships { partyId status } } }",
        deal.h["provider"],
        id=agreement["id"],
    )
    assert {"partyId": str(deal.outsider.id), "status": "DECLINED"} in read["agreement"]["memberships"]
    # A draft whose customer declined cannot be proposed.
    proposed = await mutate(
        gql,
        "proposeVersion",
        "... on Error { code }",
        deal.h["provider"],
        "$id: UUID!, $input: ProposeVersionInput!",
        "agreementId: $id, input: $input",
        id=agreement["id"],
        input={},
    )
    assert proposed["__typename"] == "ConflictError" and proposed["code"] == "invitation_pending", proposed
