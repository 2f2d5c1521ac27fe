"""Zendesk SLA policies into an agreement and back: the due times of the imported clauses are those Zendesk's own
rules give (worked by hand below), what cannot be mapped is listed, and import(export(x)) is x."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.integrations.zendesk_policies import clauses_from_zendesk, zendesk_from_clauses
from tests.api.conftest import assert_problem
from tests.flows import accept_invitations

ACCOUNT = json.loads((Path(__file__).parent.parent / "fixtures" / "zendesk" / "sla_policies.json").read_text())


async def _draft(client, deal, title: str = "Globex support (from Zendesk)") -> str:
    body = {
        "title": title,
        "timezone": "Europe/Berlin",
        "memberships": [
            {"party_id": str(deal.provider.id), "role": "provider"},
            {"party_id": str(deal.customer.id), "role": "customer"},
        ],
        "clauses": [{"key": "scope", "kind": "general", "title": "Scope", "body": "Checkout platform"}],
    }
    r = await client.post("/v1/agreements", json=body, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    await accept_invitations(client, r.json()["id"], deal.h["customer"])
    return r.json()["id"]


async def _import(client, deal, agreement_id: str, account: dict) -> dict:
    r = await client.post(f"/v1/agreements/{agreement_id}/import/zendesk", json=account, headers=deal.h["provider"])
    assert r.status_code == 200, r.text
    return r.json()


async def _activate(client, deal, agreement_id: str) -> None:
    a = f"/v1/agreements/{agreement_id}"
    r = await client.post(f"{a}/versions", json={"summary": "as imported"}, headers=deal.h["provider"])
    assert r.status_code == 201, r.text
    for side in ("provider", "customer"):
        r = await client.post(f"{a}/versions/1/approve", headers=deal.h[side])
        assert r.status_code == 200, r.text
    r = await client.post(f"{a}/activate", headers=deal.h["provider"])
    assert r.status_code == 200, r.text


async def _due(client, deal, agreement_id: str, priority: str, opened_at: str, **attributes) -> dict[str, str]:
    r = await client.get(
        "/v1/sla/applicable",
        params={
            "customer": str(deal.customer.id),
            "priority": priority,
            "opened_at": opened_at,
            "agreement": agreement_id,
            **attributes,
        },
        headers=deal.h["provider"],
    )
    assert r.status_code == 200, r.text
    return {t["metric"]: t["due_at"] for t in r.json()["targets"]}


@pytest.fixture
async def imported(client, deal, clock):
    clock.now = datetime(2026, 12, 20, 12, tzinfo=UTC)
    agreement_id = await _draft(client, deal)
    answer = await _import(client, deal, agreement_id, ACCOUNT)
    return agreement_id, answer


async def test_imported_policies_give_the_due_times_zendesk_gives(client, deal, imported):
    agreement_id, answer = imported
    assert answer["applied_as"] == "draft"
    # The VIP policy filters with `includes`: listed with the reason, nothing of it imported.
    assert [u["item"] for u in answer["unmapped"]] == ["policy 27 (VIP customers)"]
    assert "includes" in answer["unmapped"][0]["reason"]
    # Zendesk gives an urgent incident only the incident policy's metrics; here the catch-all's next-reply and
    # update targets reach it too, and the answer says so.
    assert {w["item"] for w in answer["warnings"]} == {
        "zendesk-policy-26 target urgent-next_reply_time",
        "zendesk-policy-26 target urgent-pausable_update_time",
        "zendesk-policy-26 target normal-first_reply_time",
        "zendesk-policy-26 target low-first_reply_time",
    }
    await _activate(client, deal, agreement_id)
    # Berlin hours Mon–Fri 09:00–17:00 (CET, UTC+1), closed 24–26 December and 1 January.
    # Urgent incident, Wednesday 23 December 16:30 Berlin: first reply in 60 business minutes = 30 minutes on
    # Wednesday, then Thursday to Sunday closed, 30 minutes from Monday 09:00 → 09:30 Berlin. Requester wait time
    # is 8 calendar hours → 00:30 Berlin on the 24th.
    due = await _due(client, deal, agreement_id, "P1", "2026-12-23T15:30:00Z", type="incident")
    assert due["first_response"] == "2026-12-28T08:30:00Z"
    assert due["resolution"] == "2026-12-23T23:30:00Z"
    # High incident, same moment: first reply in 240 business minutes = 30 on Wednesday + 210 from Monday 09:00 →
    # 12:30 Berlin. Agent work time 1440 business minutes = 30 (Wed 23) + 480 (Mon 28) + 480 (Tue 29) + 450 (Wed 30
    # from 09:00) → 16:30 Berlin on the 30th.
    due = await _due(client, deal, agreement_id, "P2", "2026-12-23T15:30:00Z", type="incident")
    assert due == {"first_response": "2026-12-28T11:30:00Z", "resolution": "2026-12-30T15:30:00Z"}
    # Normal question (the catch-all policy), Thursday 31 December 11:00 Berlin: 480 business minutes = 360 on
    # Thursday, New Year's Day and the weekend closed, 120 from Monday 09:00 → 11:00 Berlin on 4 January.
    due = await _due(client, deal, agreement_id, "P3", "2026-12-31T10:00:00Z", type="question")
    assert due == {"first_response": "2027-01-04T10:00:00Z"}
    # An urgent question: Zendesk's catch-all policy has no urgent first reply target, and neither is one here.
    due = await _due(client, deal, agreement_id, "P1", "2026-12-23T15:30:00Z", type="question")
    assert "first_response" not in due and "resolution" not in due


async def test_export_gives_back_the_policies_and_importing_it_gives_the_same_clauses(client, deal, imported):
    agreement_id, answer = imported
    await _activate(client, deal, agreement_id)
    r = await client.get(f"/v1/agreements/{agreement_id}/export/zendesk", headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    exported = r.json()
    assert exported["unmapped"] == []
    mappable = [p for p in ACCOUNT["sla_policies"] if p["id"] != 27]
    keys = ("id", "title", "description", "position", "filter", "policy_metrics")
    assert exported["sla_policies"] == [{k: p[k] for k in keys} for p in mappable]
    assert exported["schedules"] == [
        {
            "id": s["id"],
            "name": s["name"],
            "time_zone": s["time_zone"],
            "intervals": s["intervals"],
            **(
                {"holidays": [{k: h[k] for k in ("name", "start_date", "end_date")} for h in s["holidays"]]}
                if s["holidays"]
                else {}
            ),
        }
        for s in ACCOUNT["schedules"]
    ]
    # import(export(x)) == x, through the API and in the pure conversion alike.
    again = await _import(client, deal, await _draft(client, deal, "Round trip"), exported)
    assert again["clauses"] == answer["clauses"] and again["unmapped"] == []
    assert clauses_from_zendesk(exported["sla_policies"], exported["schedules"]).clauses == answer["clauses"]
    assert zendesk_from_clauses(answer["clauses"])["sla_policies"] == exported["sla_policies"]


async def test_importing_into_an_active_agreement_proposes_a_version(client, deal, imported):
    agreement_id, _ = imported
    await _activate(client, deal, agreement_id)
    changed = json.loads(json.dumps(ACCOUNT))
    changed["sla_policies"][0]["policy_metrics"][0]["target"] = 45
    answer = await _import(client, deal, agreement_id, changed)
    assert answer["applied_as"] == "proposal" and answer["version"] == 2
    r = await client.get(f"/v1/agreements/{agreement_id}/versions/2", headers=deal.h["customer"])
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "proposed"


async def test_nothing_mappable_is_a_422_that_stores_nothing(client, deal, clock):
    agreement_id = await _draft(client, deal)
    only_vip = {"sla_policies": [ACCOUNT["sla_policies"][2]], "schedules": ACCOUNT["schedules"]}
    r = await client.post(f"/v1/agreements/{agreement_id}/import/zendesk", json=only_vip, headers=deal.h["provider"])
    problem = assert_problem(r, 422, "invalid_input", field="sla_policies")
    assert "includes" in problem["detail"]
    r = await client.get(f"/v1/agreements/{agreement_id}/clauses", headers=deal.h["provider"])
    assert [c["key"] for c in r.json()["items"]] == ["scope"]
    unknown_zone = {**ACCOUNT, "schedules": [{**ACCOUNT["schedules"][0], "time_zone": "Atlantis"}]}
    answer = await _import(client, deal, agreement_id, unknown_zone)
    assert any("Atlantis" in u["reason"] for u in answer["unmapped"])
    # Business-hours targets had no schedule left to count on: each is listed.
    assert any("needs a schedule" in u["reason"] for u in answer["unmapped"])
    # Another party's agreement answers like an unknown one.
    r = await client.post(f"/v1/agreements/{agreement_id}/import/zendesk", json=ACCOUNT, headers=deal.h["outsider"])
    assert_problem(r, 404)


@pytest.mark.parametrize(
    ("broken", "where"),
    [
        (lambda p: {**p, "policy_metrics": ["first_reply_time"]}, "sla_policies[0].policy_metrics[0]"),
        (lambda p: {**p, "policy_metrics": "first_reply_time"}, "sla_policies[0].policy_metrics"),
        (lambda p: {**p, "filter": {"all": ["priority is urgent"]}}, "sla_policies[0].filter.all[0]"),
        (lambda p: {**p, "filter": []}, "sla_policies[0].filter"),
    ],
)
async def test_a_policy_not_in_zendesks_shape_is_a_422_naming_where(client, deal, broken, where):
    agreement_id = await _draft(client, deal)
    body = {**ACCOUNT, "sla_policies": [broken(ACCOUNT["sla_policies"][0])]}
    r = await client.post(f"/v1/agreements/{agreement_id}/import/zendesk", json=body, headers=deal.h["provider"])
    assert_problem(r, 422, "invalid_input", field=where)
    r = await client.get(f"/v1/agreements/{agreement_id}/clauses", headers=deal.h["provider"])
    assert [c["key"] for c in r.json()["items"]] == ["scope"]
