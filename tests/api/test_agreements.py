"""`/v1/agreements`: create, read, list (filters, cursors), update drafts (If-Match), lifecycle, clauses, expiry."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.api.conftest import assert_problem, row_counts
from tests.flows import Deal, accept, activate, draft_agreement, propose, sla_clauses


def rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


async def test_create_draft(client, deal: Deal, world):
    response = await client.get(f"/v1/agreements/{deal.agreement_id}", headers=deal.h["customer"])
    assert response.status_code == 200
    body = response.json()
    assert re.fullmatch(r"SLA-\d{4}-\d{4,}", body["reference"])
    assert body["status"] == "draft" and body["current_version"] is None and body["version"] == 1
    assert response.headers["etag"] == '"1"'
    assert {(m["party_id"], m["role"]) for m in body["memberships"]} == {
        (str(deal.provider.id), "provider"),
        (str(deal.customer.id), "customer"),
        (str(deal.third.id), "third_party"),
    }
    assert body["timezone"] == "Europe/Berlin"


async def test_create_answers_201_with_location_and_etag(client, deal: Deal):
    response = await client.post(
        "/v1/agreements",
        headers=deal.h["customer"],
        json={
            "title": "Second",
            "memberships": [
                {"party_id": str(deal.provider.id), "role": "provider"},
                {"party_id": str(deal.customer.id), "role": "customer"},
            ],
        },
    )
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/v1/agreements/{response.json()['id']}"
    assert response.headers["etag"] == '"1"'
    assert (
        response.json()["reference"]
        != (await client.get(f"/v1/agreements/{deal.agreement_id}", headers=deal.h["customer"])).json()["reference"]
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"memberships": [{"role": "provider"}]}, "memberships[0].party_id"),
        ("no provider", "memberships"),
        ("creator not a member", "memberships"),
        ("party twice", "memberships"),
    ],
)
async def test_create_refuses_bad_memberships(change, field, client, deal: Deal, session):
    p, c = str(deal.provider.id), str(deal.customer.id)
    memberships = {
        "no provider": [{"party_id": c, "role": "customer"}],
        "creator not a member": [
            {"party_id": c, "role": "customer"},
            {"party_id": str(deal.third.id), "role": "provider"},
        ],
        "party twice": [{"party_id": p, "role": "provider"}, {"party_id": p, "role": "customer"}],
    }
    body = {"title": "x", **(change if isinstance(change, dict) else {"memberships": memberships[change]})}
    before = await row_counts(session)
    response = await client.post("/v1/agreements", json=body, headers=deal.h["provider"])
    assert response.status_code in (400, 422), response.text
    assert_problem(response, response.status_code, field=field)
    assert await row_counts(session) == before


# ---------------------------------------------------------------- listing


@pytest.fixture
async def portfolio(client, deal: Deal, world, clock):
    """The deal (draft) plus: an active one with the customer, a proposed one, one with the outsider as customer.

    The clock moves a second between creations so that "newest first" has a meaning."""
    clock.now += timedelta(seconds=1)
    active = await draft_agreement(
        client,
        deal.h["provider"],
        {"provider": deal.provider, "customer": deal.customer},
        title="Active one",
        join=(deal.h["customer"],),
    )
    clock.now += timedelta(seconds=1)
    proposed = await draft_agreement(
        client,
        deal.h["customer"],
        {"provider": deal.third, "customer": deal.customer},
        title="Customer buys from the third party",
        join=(deal.h["third"],),
    )
    clock.now += timedelta(seconds=1)
    other = await draft_agreement(
        client,
        deal.h["provider"],
        {"provider": deal.provider, "customer": deal.outsider},
        title="Provider and outsider",
        join=(deal.h["outsider"],),
    )
    a = f"/v1/agreements/{active['id']}"
    assert (await client.post(f"{a}/versions", json={}, headers=deal.h["provider"])).status_code == 201
    for side in ("provider", "customer"):
        assert (await client.post(f"{a}/versions/1/approve", headers=deal.h[side])).status_code == 200
    assert (await client.post(f"{a}/activate", headers=deal.h["customer"])).status_code == 200
    assert (
        await client.post(f"/v1/agreements/{proposed['id']}/versions", json={}, headers=deal.h["customer"])
    ).status_code == 201
    return {"draft": deal.agreement_id, "active": active["id"], "proposed": proposed["id"], "other": other["id"]}


async def _ids(client, headers, **params) -> list[str]:
    response = await client.get("/v1/agreements", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return [a["id"] for a in response.json()["items"]]


async def test_list_is_newest_first_and_scoped(client, deal: Deal, portfolio):
    assert await _ids(client, deal.h["provider"]) == [portfolio["other"], portfolio["active"], portfolio["draft"]]
    assert await _ids(client, deal.h["customer"]) == [portfolio["proposed"], portfolio["active"], portfolio["draft"]]
    assert await _ids(client, deal.h["outsider"]) == [portfolio["other"]]
    assert len(await _ids(client, deal.h["operator"])) >= 4


async def test_list_filters(client, deal: Deal, portfolio):
    h = deal.h["customer"]
    assert await _ids(client, h, status="active") == [portfolio["active"]]
    assert await _ids(client, h, status="draft") == [portfolio["draft"]]
    assert await _ids(client, h, status="proposed") == [portfolio["proposed"]]
    assert await _ids(client, h, status="terminated") == []
    assert await _ids(client, h, role="customer") == [portfolio["proposed"], portfolio["active"], portfolio["draft"]]
    assert await _ids(client, deal.h["third"], role="provider") == [portfolio["proposed"]]
    assert await _ids(client, deal.h["third"], role="third_party") == [portfolio["draft"]]
    assert await _ids(client, deal.h["provider"], counter_party=str(deal.outsider.id)) == [portfolio["other"]]
    assert await _ids(client, deal.h["provider"], counter_party=str(deal.customer.id)) == [
        portfolio["active"],
        portfolio["draft"],
    ]
    assert await _ids(client, h, status="draft", role="customer", counter_party=str(deal.third.id)) == [
        portfolio["draft"]
    ]


async def test_list_as_of(client, deal: Deal, portfolio, clock):
    h = deal.h["customer"]
    now = clock()
    # Only agreements in effect at that moment: the active one, from its activation on.
    assert await _ids(client, h, as_of=rfc3339(now)) == [portfolio["active"]]
    assert await _ids(client, h, as_of=rfc3339(now + timedelta(days=400))) == [portfolio["active"]]
    assert await _ids(client, h, as_of=rfc3339(now - timedelta(seconds=1))) == []


async def test_list_filter_values_are_checked(client, deal: Deal):
    h = deal.h["customer"]
    for params in (
        {"status": "sleeping"},
        {"role": "auditor"},
        {"counter_party": "acme"},
        {"as_of": "yesterday"},
        {"limit": 0},
        {"limit": 101},
        {"limit": "ten"},
    ):
        response = await client.get("/v1/agreements", params=params, headers=h)
        assert response.status_code in (400, 422), (params, response.text)
        assert_problem(response, response.status_code, field=next(iter(params)))
    response = await client.get("/v1/agreements", params={"role": "provider"}, headers=deal.h["operator"])
    assert_problem(response, 422, field="role")


async def test_list_limit_100_is_allowed(client, deal: Deal):
    assert (await client.get("/v1/agreements", params={"limit": 100}, headers=deal.h["customer"])).status_code == 200


async def test_cursor_walk_with_limit_1_sees_every_agreement_once(client, deal: Deal, portfolio):
    for side in ("provider", "customer", "operator"):
        everything = (await client.get("/v1/agreements", params={"limit": 100}, headers=deal.h[side])).json()["items"]
        seen, cursor, pages = [], None, 0
        while True:
            params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
            response = await client.get("/v1/agreements", params=params, headers=deal.h[side])
            assert response.status_code == 200, response.text
            page = response.json()
            assert len(page["items"]) <= 1
            seen += [a["id"] for a in page["items"]]
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                break
            assert pages <= len(everything) + 1
        assert seen == [a["id"] for a in everything]
        assert len(set(seen)) == len(seen)


async def test_cursor_pages_combine_with_filters(client, deal: Deal, portfolio):
    first = (
        await client.get("/v1/agreements", params={"limit": 1, "role": "customer"}, headers=deal.h["customer"])
    ).json()
    second = (
        await client.get(
            "/v1/agreements",
            params={"limit": 1, "role": "customer", "cursor": first["next_cursor"]},
            headers=deal.h["customer"],
        )
    ).json()
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [portfolio["proposed"], portfolio["active"]]


@pytest.mark.parametrize("cursor", ["garbage", "e30", "WyJ4Il0", "WyJub3QtYS1kYXRlIiwgIngiXQ"])
async def test_a_cursor_this_api_did_not_issue_is_refused(cursor, client, deal: Deal):
    response = await client.get("/v1/agreements", params={"cursor": cursor}, headers=deal.h["customer"])
    assert_problem(response, 422, field="cursor")


# ---------------------------------------------------------------- updating the draft


async def test_update_draft_with_if_match(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    etag = (await client.get(a, headers=deal.h["provider"])).headers["etag"]
    response = await client.patch(
        a, json={"title": "Renamed", "description": "d"}, headers={**deal.h["provider"], "If-Match": etag}
    )
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "Renamed" and response.json()["description"] == "d"
    assert response.headers["etag"] == '"2"' != etag
    # Weak form of the same ETag is accepted too.
    response = await client.patch(
        a, json={"timezone": "America/New_York"}, headers={**deal.h["customer"], "If-Match": 'W/"2"'}
    )
    assert response.status_code == 200, response.text
    assert response.json()["timezone"] == "America/New_York"


async def test_update_draft_clauses_replaces_the_draft_set(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    clauses = [c for c in sla_clauses() if c["key"] != "fees"]
    response = await client.patch(a, json={"clauses": clauses}, headers={**deal.h["provider"], "If-Match": '"1"'})
    assert response.status_code == 200, response.text
    keys = [c["key"] for c in (await client.get(f"{a}/clauses", headers=deal.h["provider"])).json()["items"]]
    assert keys == ["response-times", "escalation"]


async def test_stale_if_match_is_412_and_changes_nothing(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    assert (
        await client.patch(a, json={"title": "One"}, headers={**deal.h["provider"], "If-Match": '"1"'})
    ).status_code == 200
    response = await client.patch(a, json={"title": "Two"}, headers={**deal.h["customer"], "If-Match": '"1"'})
    assert_problem(response, 412, "precondition_failed")
    assert (await client.get(a, headers=deal.h["provider"])).json()["title"] == "One"


async def test_missing_if_match_is_428(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    assert_problem(await client.patch(a, json={"title": "x"}, headers=deal.h["provider"]), 428, "precondition_required")
    response = await client.patch(a, json={"title": "x"}, headers={**deal.h["provider"], "If-Match": "*"})
    assert_problem(response, 422, field="If-Match")
    assert (await client.get(a, headers=deal.h["provider"])).json()["title"] == "Acme ↔ Globex support"


async def test_patch_of_a_non_draft_is_409(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    await propose(client, deal)
    etag = (await client.get(a, headers=deal.h["provider"])).headers["etag"]
    response = await client.patch(a, json={"title": "late"}, headers={**deal.h["provider"], "If-Match": etag})
    assert_problem(response, 409, "not_a_draft")


async def test_a_third_party_cannot_edit_the_draft(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    response = await client.patch(a, json={"title": "mine"}, headers={**deal.h["third"], "If-Match": '"1"'})
    assert_problem(response, 403, "not_a_signatory")


async def test_update_validates_like_create(client, deal: Deal, session):
    a = f"/v1/agreements/{deal.agreement_id}"
    before = await row_counts(session)
    h = {**deal.h["provider"], "If-Match": '"1"'}
    assert_problem(await client.patch(a, json={"timezone": "Berlin"}, headers=h), 422, field="timezone")
    assert_problem(await client.patch(a, json={"title": "  "}, headers=h), 422, field="title")
    assert_problem(
        await client.patch(
            a, json={"effective_from": "2027-01-01T00:00:00Z", "effective_to": "2026-01-01T00:00:00Z"}, headers=h
        ),
        422,
        field="effective_to",
    )
    assert await row_counts(session) == before


# ---------------------------------------------------------------- lifecycle


async def test_lifecycle_transitions(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    h = deal.h
    body = await activate(client, deal)
    assert body["status"] == "active" and body["current_version"] == 1 and body["effective_from"] is not None
    r = await client.post(f"{a}/suspend", json={"reason": "unpaid invoice"}, headers=h["customer"])
    assert r.status_code == 200 and r.json()["status"] == "suspended"
    r = await client.post(f"{a}/resume", headers=h["provider"])
    assert r.status_code == 200 and r.json()["status"] == "active"
    r = await client.post(f"{a}/terminate", json={"reason": "contract ended"}, headers=h["provider"])
    assert r.status_code == 200 and r.json()["status"] == "terminated"
    history = (await client.get(f"{a}/history", headers=h["provider"])).json()["items"]
    assert [e["type"] for e in history][-4:] == [
        "agreement.activated",
        "agreement.suspended",
        "agreement.resumed",
        "agreement.terminated",
    ]
    assert history[-1]["data"]["reason"] == "contract ended"


@pytest.mark.parametrize(
    ("state", "action"),
    [
        ("draft", "activate"),
        ("draft", "suspend"),
        ("draft", "resume"),
        ("proposed", "suspend"),
        ("proposed", "resume"),
        ("active", "activate"),
        ("active", "resume"),
        ("suspended", "suspend"),
        ("suspended", "activate"),
        ("terminated", "activate"),
        ("terminated", "suspend"),
        ("terminated", "resume"),
        ("terminated", "terminate"),
    ],
)
async def test_invalid_transitions_are_409(state, action, client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    h = deal.h["provider"]
    if state in ("active", "suspended"):
        await activate(client, deal)
    if state == "proposed":
        await propose(client, deal)
    if state == "suspended":
        assert (await client.post(f"{a}/suspend", headers=h)).status_code == 200
    if state == "terminated":
        assert (await client.post(f"{a}/terminate", headers=h)).status_code == 200
    before = (await client.get(a, headers=h)).json()
    response = await client.post(f"{a}/{action}", headers=h)
    body = assert_problem(response, 409)
    assert body["code"] in ("invalid_transition", "no_accepted_version")
    assert (await client.get(a, headers=h)).json() == before


async def test_activate_without_an_accepted_version_is_409(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    await propose(client, deal)
    assert (await client.post(f"{a}/versions/1/approve", headers=deal.h["provider"])).status_code == 200
    assert_problem(await client.post(f"{a}/activate", headers=deal.h["provider"]), 409, "no_accepted_version")
    assert (await client.get(a, headers=deal.h["provider"])).json()["status"] == "proposed"


async def test_transitions_honour_if_match_when_sent(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    await activate(client, deal)
    etag = (await client.get(a, headers=deal.h["provider"])).headers["etag"]
    assert_problem(await client.post(f"{a}/suspend", headers={**deal.h["provider"], "If-Match": '"1"'}), 412)
    response = await client.post(f"{a}/suspend", headers={**deal.h["provider"], "If-Match": etag})
    assert response.status_code == 200 and response.headers["etag"] != etag


async def test_only_signatories_change_the_lifecycle(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    await activate(client, deal)
    for action in ("suspend", "terminate"):
        assert_problem(await client.post(f"{a}/{action}", headers=deal.h["third"]), 403, "not_a_signatory")
    assert (await client.get(a, headers=deal.h["third"])).json()["status"] == "active"


async def test_the_operator_may_terminate(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}"
    response = await client.post(f"{a}/terminate", json={"reason": "party dissolved"}, headers=deal.h["operator"])
    assert response.status_code == 200 and response.json()["status"] == "terminated"


# ---------------------------------------------------------------- expiry


async def test_agreements_past_effective_to_read_as_expired(client, deal: Deal, clock):
    a = f"/v1/agreements/{deal.agreement_id}"
    h = deal.h["provider"]
    end = clock() + timedelta(days=30)
    response = await client.patch(a, json={"effective_to": rfc3339(end)}, headers={**h, "If-Match": '"1"'})
    assert response.status_code == 200, response.text
    await activate(client, deal)
    assert (await client.get(a, headers=h)).json()["status"] == "active"
    assert [
        x["id"] for x in (await client.get("/v1/agreements", params={"status": "active"}, headers=h)).json()["items"]
    ] == [deal.agreement_id]

    clock.now = end + timedelta(seconds=1)
    body = (await client.get(a, headers=h)).json()
    assert body["status"] == "expired"
    assert [
        x["id"] for x in (await client.get("/v1/agreements", params={"status": "expired"}, headers=h)).json()["items"]
    ] == [deal.agreement_id]
    assert (await client.get("/v1/agreements", params={"status": "active"}, headers=h)).json()["items"] == []
    # An expired agreement cannot be suspended, resumed or re-activated.
    for action in ("suspend", "resume", "activate"):
        assert_problem(await client.post(f"{a}/{action}", headers=h), 409, "invalid_transition")
    # Its terms remain readable as of any moment when it was in effect.
    as_of = rfc3339(end - timedelta(days=1))
    assert (await client.get(f"{a}/clauses", params={"as_of": as_of}, headers=h)).json()["version"] == 1
    assert await _ids(client, h, as_of=as_of) == [deal.agreement_id]
    assert await _ids(client, h, as_of=rfc3339(end + timedelta(seconds=1))) == []


async def test_a_suspended_agreement_expires_too(client, deal: Deal, clock):
    a = f"/v1/agreements/{deal.agreement_id}"
    h = deal.h["provider"]
    end = clock() + timedelta(days=1)
    await client.patch(a, json={"effective_to": rfc3339(end)}, headers={**h, "If-Match": '"1"'})
    await activate(client, deal)
    assert (await client.post(f"{a}/suspend", headers=h)).status_code == 200
    clock.now = end
    assert (await client.get(a, headers=h)).json()["status"] == "expired"


# ---------------------------------------------------------------- clauses


async def test_clauses_of_the_draft_before_anything_is_accepted(client, deal: Deal):
    body = (await client.get(f"/v1/agreements/{deal.agreement_id}/clauses", headers=deal.h["customer"])).json()
    assert body["version"] == 1 and body["version_status"] == "draft"
    assert [c["key"] for c in body["items"]] == ["response-times", "fees", "escalation"]
    third = (await client.get(f"/v1/agreements/{deal.agreement_id}/clauses", headers=deal.h["third"])).json()
    assert [c["key"] for c in third["items"]] == ["response-times", "escalation"]


async def test_clauses_by_version_and_as_of(client, deal: Deal, clock):
    a = f"/v1/agreements/{deal.agreement_id}"
    h = deal.h["customer"]
    activated_at = clock()
    await activate(client, deal)
    clock.now = activated_at + timedelta(days=10)
    starts = activated_at + timedelta(days=20)
    response = await client.post(
        f"{a}/versions",
        headers=deal.h["provider"],
        json={
            "summary": "new fees next month",
            "effective_from": rfc3339(starts),
            "clauses": [
                {
                    "key": "fees",
                    "kind": "cost",
                    "title": "Fees",
                    "terms": {
                        "price_lines": [
                            {
                                "code": "base",
                                "description": "Monthly base fee",
                                "amount": {"amount": "1500.00", "currency": "EUR"},
                                "unit": "month",
                            }
                        ]
                    },
                }
            ],
        },
    )
    assert response.status_code == 201, response.text
    await accept(client, deal, 2)

    def fee(body):
        return next(c for c in body["items"] if c["key"] == "fees")["terms"]["price_lines"][0]["amount"]["amount"]

    now = (await client.get(f"{a}/clauses", headers=h)).json()
    assert now["version"] == 1 and fee(now) == "1200.00"
    later = (await client.get(f"{a}/clauses", params={"as_of": rfc3339(starts)}, headers=h)).json()
    assert later["version"] == 2 and later["version_status"] == "accepted" and fee(later) == "1500.00"
    before = (
        await client.get(f"{a}/clauses", params={"as_of": rfc3339(activated_at - timedelta(days=1))}, headers=h)
    ).json()
    assert before["version"] is None and before["items"] == []
    v1 = (await client.get(f"{a}/clauses", params={"version": 1}, headers=h)).json()
    assert v1["version"] == 1 and fee(v1) == "1200.00"
    v2 = (await client.get(f"{a}/clauses", params={"version": 2}, headers=h)).json()
    assert fee(v2) == "1500.00"
    assert (await client.get(f"{a}/agreements", headers=h)).status_code == 404
    # The agreement itself points at the version in effect now.
    assert (await client.get(a, headers=h)).json()["current_version"] == 1
    clock.now = starts
    assert (await client.get(a, headers=h)).json()["current_version"] == 2


async def test_clauses_query_errors(client, deal: Deal):
    a = f"/v1/agreements/{deal.agreement_id}/clauses"
    h = deal.h["customer"]
    assert_problem(await client.get(a, params={"version": 7}, headers=h), 404, "not_found")
    assert_problem(await client.get(a, params={"version": 1, "as_of": "2026-01-01T00:00:00Z"}, headers=h), 422)
    response = await client.get(a, params={"version": 0}, headers=h)
    assert_problem(response, response.status_code, field="version")
    response = await client.get(a, params={"as_of": "2026-01-01T00:00:00"}, headers=h)
    assert response.status_code in (400, 422)
    assert_problem(response, response.status_code, field="as_of")


async def test_terminated_agreements_are_not_in_effect_after_termination(client, deal: Deal, clock):
    h = deal.h["provider"]
    a = f"/v1/agreements/{deal.agreement_id}"
    assert (await client.post(f"{a}/terminate", headers=h)).status_code == 200
    # Never agreed to, so never in effect.
    assert await _ids(client, h, as_of=rfc3339(clock())) == []
    assert await _ids(client, h, as_of=rfc3339(clock() - timedelta(days=365))) == []


async def test_terminated_active_agreement_was_in_effect_until_termination(client, deal: Deal, clock):
    h = deal.h["provider"]
    a = f"/v1/agreements/{deal.agreement_id}"
    await client.post(f"{a}/versions", json={}, headers=h)
    for side in ("provider", "customer"):
        await client.post(f"{a}/versions/1/approve", headers=deal.h[side])
    await client.post(f"{a}/activate", headers=h)
    activated = clock()
    clock.now = activated + timedelta(days=10)
    r = await client.post(f"{a}/terminate", headers=h)
    assert r.json()["effective_to"] == rfc3339(clock.now)
    assert await _ids(client, h, as_of=rfc3339(activated + timedelta(days=5))) == [deal.agreement_id]
    assert await _ids(client, h, as_of=rfc3339(activated + timedelta(days=11))) == []


async def test_list_and_clauses_answer_304_until_they_change(client, deal: Deal):
    h = deal.h["provider"]
    listed = await client.get("/v1/agreements", headers=h)
    tag = listed.headers["etag"]
    again = await client.get("/v1/agreements", headers={**h, "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    # Another party asking the same URL with the same tag gets its own answer (here: none of these agreements).
    other = await client.get("/v1/agreements", headers={**deal.h["outsider"], "If-None-Match": tag})
    assert other.status_code == 200 and other.json()["items"] == []
    # A change is seen by the very next read.
    r = await client.patch(
        f"/v1/agreements/{deal.agreement_id}", json={"title": "Renamed"}, headers={**h, "If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    changed = await client.get("/v1/agreements", headers={**h, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.json()["items"][0]["title"] == "Renamed"
    await activate(client, deal)
    url = f"/v1/agreements/{deal.agreement_id}/clauses"
    clauses = await client.get(url, headers=h)
    assert clauses.status_code == 200, clauses.text
    tag = clauses.headers["etag"]
    assert (await client.get(url, headers={**h, "If-None-Match": tag})).status_code == 304
    # The third party sees fewer clauses: its answer, and so its tag, is its own.
    third = await client.get(url, headers={**deal.h["third"], "If-None-Match": tag})
    assert third.status_code == 200 and len(third.json()["items"]) < len(clauses.json()["items"])
    assert_problem(await client.get(url, headers={**deal.h["outsider"], "If-None-Match": tag}), 404)
