"""Naming another party on a draft invites it: `/v1/invitations`, and what the inviter learns before an answer."""

from __future__ import annotations

import uuid

from tests.api.conftest import assert_problem
from tests.flows import Deal, draft_agreement, propose


def _scrub(body: dict, *values: str) -> str:
    # `instance` names the request (its id), which differs by design between any two answers.
    text = str({k: v for k, v in body.items() if k != "instance"})
    for value in values:
        text = text.replace(value, "<x>")
    return text


async def _invitation(client, headers, agreement_id: str) -> dict:
    listed = (await client.get("/v1/invitations", params={"status": "invited"}, headers=headers)).json()["items"]
    (invitation,) = [i for i in listed if i["agreement"]["id"] == agreement_id]
    return invitation


async def test_the_inviter_learns_nothing_of_the_invited_party_before_it_accepts(client, deal: Deal):
    victim = deal.outsider
    created = await draft_agreement(client, deal.h["provider"], {"provider": deal.provider, "customer": victim})
    # The agreement shows the id and role the inviter gave, with status "invited", and nothing more.
    (member,) = [m for m in created["memberships"] if m["party_id"] == str(victim.id)]
    assert member == {"party_id": str(victim.id), "role": "customer", "status": "invited"}
    # Its profile answers exactly like an id that names no party.
    theirs = await client.get(f"/v1/parties/{victim.id}", headers=deal.h["provider"])
    ghost = uuid.uuid4()
    nothing = await client.get(f"/v1/parties/{ghost}", headers=deal.h["provider"])
    assert_problem(theirs, 404)
    assert _scrub(theirs.json(), str(victim.id)) == _scrub(nothing.json(), str(ghost))
    listed = (await client.get("/v1/parties", params={"limit": 100}, headers=deal.h["provider"])).json()["items"]
    assert str(victim.id) not in {p["id"] for p in listed}
    assert victim.name not in str(listed)
    # The invited party does not read the agreement either: it sees an invitation.
    assert_problem(await client.get(f"/v1/agreements/{created['id']}", headers=deal.h["outsider"]), 404)
    invitation = await _invitation(client, deal.h["outsider"], created["id"])
    assert invitation["agreement"] == {
        "id": created["id"],
        "reference": created["reference"],
        "title": "Another agreement",
    }
    assert invitation["role"] == "customer" and invitation["invited_by_party_id"] == str(deal.provider.id)
    assert_problem(await client.get(f"/v1/parties/{deal.provider.id}", headers=deal.h["outsider"]), 404)

    accepted = await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=deal.h["outsider"])
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted", accepted.text
    # Both have acted on the agreement now: each sees the other's profile, and the member reads the agreement.
    profile = await client.get(f"/v1/parties/{victim.id}", headers=deal.h["provider"])
    assert profile.status_code == 200 and profile.json()["name"] == victim.name
    assert (await client.get(f"/v1/parties/{deal.provider.id}", headers=deal.h["outsider"])).status_code == 200
    agreement = (await client.get(f"/v1/agreements/{created['id']}", headers=deal.h["outsider"])).json()
    assert {"party_id": str(victim.id), "role": "customer", "status": "accepted"} in agreement["memberships"]


async def test_a_known_and_an_unknown_id_answer_alike_at_creation(client, deal: Deal):
    ghost = str(uuid.uuid4())
    known = await client.post(
        "/v1/agreements",
        headers=deal.h["provider"],
        json={
            "title": "x",
            "memberships": [
                {"party_id": str(deal.provider.id), "role": "provider"},
                {"party_id": str(deal.outsider.id), "role": "customer"},
            ],
        },
    )
    unknown = await client.post(
        "/v1/agreements",
        headers=deal.h["provider"],
        json={
            "title": "x",
            "memberships": [
                {"party_id": str(deal.provider.id), "role": "provider"},
                {"party_id": ghost, "role": "customer"},
            ],
        },
    )
    assert known.status_code == unknown.status_code == 201, (known.text, unknown.text)
    a, b = known.json(), unknown.json()
    assert _scrub(a, a["id"], a["reference"], str(deal.outsider.id)) == _scrub(b, b["id"], b["reference"], ghost)
    assert known.headers.keys() == unknown.headers.keys()
    # Updating the draft to name someone else is an invitation too, whether the id exists or not.
    for agreement, party in ((a, ghost), (b, str(deal.outsider.id))):
        response = await client.patch(
            f"/v1/agreements/{agreement['id']}",
            headers={**deal.h["provider"], "If-Match": '"1"'},
            json={
                "memberships": [
                    {"party_id": str(deal.provider.id), "role": "provider"},
                    {"party_id": party, "role": "customer"},
                ]
            },
        )
        assert response.status_code == 200, response.text
        assert {"party_id": party, "role": "customer", "status": "invited"} in response.json()["memberships"]


async def test_nothing_proceeds_until_provider_and_customer_have_joined(client, deal: Deal):
    created = await draft_agreement(client, deal.h["provider"], {"provider": deal.provider, "customer": deal.outsider})
    pending = Deal(deal.provider, deal.outsider, deal.third, deal.customer, created["id"], deal.h)
    assert_problem(await propose(client, pending), 409, "invitation_pending")
    invitation = await _invitation(client, deal.h["outsider"], created["id"])
    assert (
        await client.post(f"/v1/invitations/{invitation['id']}/accept", headers=deal.h["outsider"])
    ).status_code == 200
    assert (await propose(client, pending)).status_code == 201


async def test_decline_and_answers_are_final(client, deal: Deal):
    created = await draft_agreement(client, deal.h["provider"], {"provider": deal.provider, "customer": deal.outsider})
    invitation = await _invitation(client, deal.h["outsider"], created["id"])
    url = f"/v1/invitations/{invitation['id']}"
    # Nobody but the invited party reaches it: not the inviter, not another party.
    for side in ("provider", "customer"):
        assert_problem(await client.get(url, headers=deal.h[side]), 404)
        assert_problem(await client.post(f"{url}/accept", headers=deal.h[side]), 404)
    declined = await client.post(f"{url}/decline", headers=deal.h["outsider"])
    assert declined.status_code == 200 and declined.json()["status"] == "declined", declined.text
    assert_problem(await client.post(f"{url}/accept", headers=deal.h["outsider"]), 409, "invitation_answered")
    agreement = (await client.get(f"/v1/agreements/{created['id']}", headers=deal.h["provider"])).json()
    assert {"party_id": str(deal.outsider.id), "role": "customer", "status": "declined"} in agreement["memberships"]
    assert_problem(await client.get(f"/v1/agreements/{created['id']}", headers=deal.h["outsider"]), 404)
    types = [
        e["type"]
        for e in (await client.get(f"/v1/agreements/{created['id']}/history", headers=deal.h["provider"])).json()[
            "items"
        ]
    ]
    assert types == ["agreement.created", "invitation.declined"]
    listed = (await client.get("/v1/invitations", params={"status": "declined"}, headers=deal.h["outsider"])).json()
    assert [i["id"] for i in listed["items"]] == [invitation["id"]]


async def test_the_invited_partys_feed_holds_only_the_invitation(client, deal: Deal):
    created = await draft_agreement(client, deal.h["provider"], {"provider": deal.provider, "customer": deal.outsider})
    response = await client.patch(
        f"/v1/agreements/{created['id']}", json={"title": "Renamed"}, headers={**deal.h["provider"], "If-Match": '"1"'}
    )
    assert response.status_code == 200, response.text
    events = (await client.get("/v1/events", params={"limit": 100}, headers=deal.h["outsider"])).json()["items"]
    assert [e["type"] for e in events] == ["party.created", "party.invited"]
    assert all(e["agreement_id"] is None for e in events)
    assert events[1]["data"]["invitation"]["agreement"]["id"] == created["id"]
    assert "clauses" not in str(events) and "1200.00" not in str(events)
