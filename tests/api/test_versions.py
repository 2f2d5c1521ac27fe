"""`/v1/agreements/{id}/versions`: proposing, approving, rejecting, withdrawing, reading and diffing versions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.api.conftest import assert_problem, row_counts
from tests.flows import Deal, accept, activate, propose


def versions_url(deal: Deal, suffix: str = "") -> str:
    return f"/v1/agreements/{deal.agreement_id}/versions{suffix}"


async def test_list_and_get_versions(client, deal: Deal):
    listed = (await client.get(versions_url(deal), headers=deal.h["customer"])).json()["items"]
    assert [(v["number"], v["status"]) for v in listed] == [(1, "draft")]
    assert [c["key"] for c in listed[0]["clauses"]] == ["response-times", "fees", "escalation"]
    one = (await client.get(versions_url(deal, "/1"), headers=deal.h["customer"])).json()
    assert one == listed[0]
    # The third party never sees cost clauses, in any version read.
    third = (await client.get(versions_url(deal, "/1"), headers=deal.h["third"])).json()
    assert [c["key"] for c in third["clauses"]] == ["response-times", "escalation"]
    assert [
        c["key"] for c in (await client.get(versions_url(deal), headers=deal.h["third"])).json()["items"][0]["clauses"]
    ] == [
        "response-times",
        "escalation",
    ]


async def test_proposing_the_draft(client, deal: Deal, clock):
    response = await propose(client, deal, "customer", summary="please sign")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["number"] == 1 and body["status"] == "proposed" and body["summary"] == "please sign"
    assert body["proposed_by_party_id"] == str(deal.customer.id)
    assert response.headers["location"] == versions_url(deal, "/1")
    agreement = (await client.get(f"/v1/agreements/{deal.agreement_id}", headers=deal.h["provider"])).json()
    assert agreement["status"] == "proposed"


async def test_proposing_while_a_proposal_is_pending_is_409(client, deal: Deal):
    assert (await propose(client, deal)).status_code == 201
    assert_problem(await propose(client, deal, "customer"), 409, "proposal_pending")


async def test_a_non_member_proposing_gets_404(client, deal: Deal, session):
    before = await row_counts(session)
    assert_problem(await propose(client, deal, "outsider"), 404, "not_found")
    assert await row_counts(session) == before


async def test_a_third_party_cannot_propose(client, deal: Deal):
    assert_problem(await propose(client, deal, "third"), 403, "not_a_signatory")


async def test_approval_rules(client, deal: Deal, session):
    assert (await propose(client, deal)).status_code == 201
    approve = versions_url(deal, "/1/approve")
    # A third party is no signatory.
    assert_problem(await client.post(approve, headers=deal.h["third"]), 403, "not_a_signatory")
    # No party approves for another.
    response = await client.post(approve, json={"party_id": str(deal.customer.id)}, headers=deal.h["provider"])
    assert_problem(response, 403, "not_your_party")
    # Naming itself is fine.
    response = await client.post(
        approve, json={"party_id": str(deal.provider.id), "comment": "ours"}, headers=deal.h["provider"]
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "proposed"
    assert [(a["party_id"], a["decision"], a["comment"]) for a in response.json()["approvals"]] == [
        (str(deal.provider.id), "approved", "ours")
    ]
    # Twice is a conflict, and so is rejecting after approving.
    assert_problem(await client.post(approve, headers=deal.h["provider"]), 409, "already_decided")
    assert_problem(
        await client.post(versions_url(deal, "/1/reject"), headers=deal.h["provider"]), 409, "already_decided"
    )
    response = await client.post(approve, headers=deal.h["customer"])
    assert response.json()["status"] == "accepted" and response.json()["decided_at"] is not None
    # An accepted version is decided: no more approvals, rejections or withdrawal.
    for action in ("approve", "reject", "withdraw"):
        assert_problem(
            await client.post(versions_url(deal, f"/1/{action}"), headers=deal.h["customer"]), 409, "invalid_transition"
        )


async def test_a_draft_version_cannot_be_approved(client, deal: Deal):
    assert_problem(
        await client.post(versions_url(deal, "/1/approve"), headers=deal.h["provider"]), 409, "invalid_transition"
    )


async def test_rejection_sends_the_agreement_back_to_draft(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    assert (await propose(client, deal)).status_code == 201
    assert (await client.post(versions_url(deal, "/1/approve"), headers=deal.h["provider"])).status_code == 200
    response = await client.post(
        versions_url(deal, "/1/reject"), json={"comment": "fees too high"}, headers=deal.h["customer"]
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "rejected"
    agreement = (await client.get(a, headers=deal.h["provider"])).json()
    assert agreement["status"] == "draft" and agreement["current_version"] is None
    history = [e["type"] for e in (await client.get(f"{a}/history", headers=deal.h["provider"])).json()["items"]]
    assert history[-1] == "agreement.version_rejected"
    assert_problem(await client.post(f"{a}/activate", headers=deal.h["provider"]), 409, "invalid_transition")

    # The draft can be edited again and proposed anew as version 2.
    etag = (await client.get(a, headers=deal.h["provider"])).headers["etag"]
    response = await client.patch(a, json={"title": "Second try"}, headers={**deal.h["provider"], "If-Match": etag})
    assert response.status_code == 200, response.text
    response = await propose(
        client,
        deal,
        summary="cheaper",
        clauses=[
            {
                "key": "fees",
                "kind": "cost",
                "title": "Fees",
                "terms": {
                    "price_lines": [
                        {
                            "code": "base",
                            "description": "Monthly base fee",
                            "amount": {"amount": "999.00", "currency": "EUR"},
                            "unit": "month",
                        }
                    ]
                },
            }
        ],
    )
    assert response.status_code == 201, response.text
    assert response.json()["number"] == 2
    # What was rejected is the base of the next proposal: a merge changes only the clause it names.
    assert [c["key"] for c in response.json()["clauses"]] == ["response-times", "fees", "escalation"]
    await accept(client, deal, 2)
    assert (await client.post(f"{a}/activate", headers=deal.h["provider"])).json()["current_version"] == 2
    versions = (await client.get(versions_url(deal), headers=deal.h["provider"])).json()["items"]
    assert [(v["number"], v["status"]) for v in versions] == [(1, "rejected"), (2, "accepted")]


async def test_withdrawal(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    assert (await propose(client, deal, "customer")).status_code == 201
    assert_problem(
        await client.post(versions_url(deal, "/1/withdraw"), headers=deal.h["provider"]), 403, "not_the_proposer"
    )
    assert_problem(await client.post(versions_url(deal, "/1/withdraw"), headers=deal.h["third"]), 403)
    response = await client.post(versions_url(deal, "/1/withdraw"), headers=deal.h["customer"])
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert (await client.get(a, headers=deal.h["provider"])).json()["status"] == "draft"
    assert_problem(
        await client.post(versions_url(deal, "/1/withdraw"), headers=deal.h["customer"]), 409, "invalid_transition"
    )
    assert_problem(
        await client.post(versions_url(deal, "/1/approve"), headers=deal.h["provider"]), 409, "invalid_transition"
    )
    response = await propose(client, deal, "provider")
    assert response.status_code == 201 and response.json()["number"] == 2
    assert [c["key"] for c in response.json()["clauses"]] == ["response-times", "fees", "escalation"]


async def test_amendments_of_an_active_agreement(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    await activate(client, deal)
    # Merge: upsert by key, drop `remove`.
    response = await propose(
        client,
        deal,
        "customer",
        summary="drop escalation, add review",
        remove=["escalation"],
        clauses=[{"key": "review", "kind": "review", "title": "Reviews", "terms": {"cadence": "P3M"}}],
    )
    assert response.status_code == 201, response.text
    assert [c["key"] for c in response.json()["clauses"]] == ["response-times", "fees", "review"]
    # While it is pending, the accepted version stays in force.
    assert (await client.get(f"{a}/clauses", headers=deal.h["provider"])).json()["version"] == 1
    await accept(client, deal, 2)
    assert (await client.get(a, headers=deal.h["provider"])).json()["current_version"] == 2
    history = [e["type"] for e in (await client.get(f"{a}/history", headers=deal.h["provider"])).json()["items"]]
    assert history.count("agreement.amended") == 1
    assert history.index("agreement.amended") > history.index("agreement.activated")
    # Replace: the whole clause set.
    response = await propose(
        client,
        deal,
        mode="replace",
        clauses=[{"key": "general", "kind": "general", "title": "Everything else", "body": "Be nice."}],
    )
    assert response.status_code == 201, response.text
    assert [c["key"] for c in response.json()["clauses"]] == ["general"]
    # A rejected amendment leaves the agreement active on its accepted version.
    assert (await client.post(versions_url(deal, "/3/reject"), headers=deal.h["customer"])).status_code == 200
    body = (await client.get(a, headers=deal.h["provider"])).json()
    assert body["status"] == "active" and body["current_version"] == 2
    # Accepted versions are never edited: version 1 reads as it was.
    v1 = (await client.get(versions_url(deal, "/1"), headers=deal.h["provider"])).json()
    assert [c["key"] for c in v1["clauses"]] == ["response-times", "fees", "escalation"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mode": "replace"}, "clauses"),
        ({"mode": "replace", "clauses": [], "remove": ["fees"]}, "remove"),
        ({"mode": "replace", "clauses": []}, "clauses"),
        ({"remove": ["nope"]}, "remove[0]"),
        ({"remove": ["response-times", "fees", "escalation"]}, "clauses"),
        (
            {"clauses": [{"key": "x", "kind": "review", "title": "R", "terms": {"cadence": "quarterly"}}]},
            "clauses[0].terms.cadence",
        ),
        ({"effective_from": "2027-01-01T00:00:00"}, "effective_from"),
    ],
)
async def test_bad_proposals_are_422_and_store_nothing(body, field, client, deal: Deal, session):
    await activate(client, deal)
    before = await row_counts(session)
    response = await propose(client, deal, **body)
    assert response.status_code in (400, 422), response.text
    assert_problem(response, response.status_code, field=field)
    assert await row_counts(session) == before


async def test_no_proposals_on_a_terminated_agreement(client, deal: Deal):
    await activate(client, deal)
    assert (
        await client.post(f"/v1/agreements/{deal.agreement_id}/terminate", headers=deal.h["provider"])
    ).status_code == 200
    assert_problem(await propose(client, deal), 409, "invalid_transition")


async def test_diff(client, deal: Deal):
    await activate(client, deal)
    response = await propose(
        client,
        deal,
        remove=["escalation"],
        clauses=[
            {
                "key": "response-times",
                "kind": "service_level",
                "title": "Response times (faster)",
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
            },
            {"key": "review", "kind": "review", "title": "Reviews", "terms": {"cadence": "P6M"}},
        ],
    )
    assert response.status_code == 201, response.text
    diff = (await client.get(versions_url(deal, "/2/diff"), params={"against": 1}, headers=deal.h["provider"])).json()
    assert diff["version"] == 2 and diff["against"] == 1
    assert [c["key"] for c in diff["added"]] == ["review"]
    assert [c["key"] for c in diff["removed"]] == ["escalation"]
    assert diff["unchanged"] == ["fees"]
    (changed,) = diff["changed"]
    assert changed["key"] == "response-times" and changed["fields"] == ["title", "terms"]
    assert changed["before"]["title"] == "Response times" and changed["after"]["title"] == "Response times (faster)"
    # Reversed.
    back = (await client.get(versions_url(deal, "/1/diff"), params={"against": 2}, headers=deal.h["provider"])).json()
    assert [c["key"] for c in back["added"]] == ["escalation"] and [c["key"] for c in back["removed"]] == ["review"]
    # The third party's diff leaves out what it may not see.
    third = (await client.get(versions_url(deal, "/2/diff"), params={"against": 1}, headers=deal.h["third"])).json()
    assert third["unchanged"] == [] and [c["key"] for c in third["removed"]] == ["escalation"]
    # Errors.
    assert_problem(
        await client.get(versions_url(deal, "/2/diff"), params={"against": 9}, headers=deal.h["provider"]), 404
    )
    response = await client.get(versions_url(deal, "/2/diff"), headers=deal.h["provider"])
    assert_problem(response, 400, field="against")


async def test_approval_events_carry_the_decision(client, deal: Deal):
    assert (await propose(client, deal)).status_code == 201
    await client.post(versions_url(deal, "/1/approve"), json={"comment": "looks good"}, headers=deal.h["customer"])
    events = (await client.get(f"/v1/agreements/{deal.agreement_id}/history", headers=deal.h["provider"])).json()[
        "items"
    ]
    approved = events[-1]
    assert approved["type"] == "agreement.version_approved"
    assert approved["data"]["decision"] == {
        "party_id": str(deal.customer.id),
        "decision": "approved",
        "comment": "looks good",
    }
    assert approved["actor"]["party_id"] == str(deal.customer.id)


async def test_a_future_effective_from_is_kept_on_acceptance(client, deal: Deal, clock):
    starts = clock() + timedelta(days=3)
    response = await propose(client, deal, effective_from=starts.isoformat())
    assert response.status_code == 201, response.text
    await accept(client, deal, 1)
    version = (await client.get(versions_url(deal, "/1"), headers=deal.h["provider"])).json()
    assert version["effective_from"].startswith(starts.strftime("%Y-%m-%dT%H:%M:%S"))


async def _draft_starting(client, deal: Deal, starts: str, zone: str = "Europe/Berlin") -> None:
    etag = (await client.get(f"/v1/agreements/{deal.agreement_id}", headers=deal.h["provider"])).headers["etag"]
    response = await client.patch(
        f"/v1/agreements/{deal.agreement_id}",
        json={"effective_from": starts, "timezone": zone},
        headers={**deal.h["provider"], "If-Match": etag},
    )
    assert response.status_code == 200, response.text


async def test_a_first_version_without_a_date_inherits_the_agreements_start(client, deal: Deal, clock):
    clock.now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    await _draft_starting(client, deal, "2026-01-01T00:00:00+01:00")
    response = await propose(client, deal)  # {} as the README tour does
    assert response.status_code == 201, response.text
    assert response.json()["effective_from"] == "2025-12-31T23:00:00Z"
    await accept(client, deal, 1)
    assert (
        await client.post(f"/v1/agreements/{deal.agreement_id}/activate", headers=deal.h["provider"])
    ).status_code == 200
    # A ticket opened in January (before the approval) is governed by version 1.
    r = await client.get(
        "/v1/sla/applicable",
        headers=deal.h["provider"],
        params={"customer": str(deal.customer.id), "priority": "P1", "opened_at": "2026-01-15T10:00:00Z"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"]["number"] == 1 and r.json()["targets"][0]["due_at"] == "2026-01-15T11:00:00Z"
    # An amendment without a date still takes effect when accepted: only the first version inherits.
    response = await propose(client, deal, summary="v2")
    assert response.status_code == 201 and response.json()["effective_from"] is None
    await accept(client, deal, 2)
    assert (await client.get(versions_url(deal, "/2"), headers=deal.h["provider"])).json()[
        "effective_from"
    ] == "2026-03-10T12:00:00Z"


async def test_a_first_version_that_names_its_date_keeps_it(client, deal: Deal, clock):
    clock.now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    await _draft_starting(client, deal, "2026-01-01T00:00:00Z")
    response = await propose(client, deal, effective_from="2026-02-01T00:00:00Z")
    assert response.status_code == 201 and response.json()["effective_from"] == "2026-02-01T00:00:00Z"
