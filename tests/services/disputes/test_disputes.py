"""The dispute state machine and who may take each step; stage deadlines escalate once via the timers."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest

from services import policy
from services.actors import PARTY_SCOPES, Actor
from services.disputes.cases import dispute_transition, side_of
from services.errors import Conflict, Forbidden
from tests.flows import accept_invitations
from tests.support.committed import committed_app
from tests.support.procedures import PROCEDURE_CLAUSES
from worker.timers import fire_due_timers

RAISER, RESPONDENT = uuid.uuid4(), uuid.uuid4()


@pytest.mark.parametrize(
    "current, action, expected",
    [
        ("open", "acknowledge", "acknowledged"),
        ("acknowledged", "begin", "in_resolution"),
        ("open", "escalate", "escalated"),
        ("escalated", "escalate", "escalated"),
        ("in_resolution", "resolve", "resolved"),
        ("escalated", "resolve", "resolved"),
        ("open", "reject", "rejected"),
        ("in_resolution", "withdraw", "withdrawn"),
    ],
)
def test_allowed(current, action, expected):
    assert dispute_transition(current, action) == expected


@pytest.mark.parametrize(
    "current, action",
    [
        ("open", "resolve"),
        ("resolved", "escalate"),
        ("rejected", "withdraw"),
        ("withdrawn", "acknowledge"),
        ("acknowledged", "acknowledge"),
        ("resolved", "reject"),
    ],
)
def test_refused(current, action):
    with pytest.raises(Conflict):
        dispute_transition(current, action)


@pytest.mark.parametrize(
    "action, party, must_accept, allowed",
    [
        ("acknowledge", RESPONDENT, False, True),
        ("acknowledge", RAISER, False, False),
        ("reject", RAISER, False, False),
        ("withdraw", RESPONDENT, False, False),
        ("withdraw", RAISER, False, True),
        ("resolve", RESPONDENT, True, False),
        ("resolve", RAISER, True, True),
        ("resolve", RESPONDENT, False, True),
    ],
)
def test_who_may(action, party, must_accept, allowed):
    dispute = SimpleNamespace(raised_by_party_id=RAISER, respondent_party_id=RESPONDENT)
    actor = Actor(party_id=party, scopes=frozenset(PARTY_SCOPES))
    side = side_of(dispute, actor.party_id)
    if allowed:
        policy.require_dispute(policy.DisputeAction(action), actor, side, raiser_must_accept=must_accept)
    else:
        with pytest.raises(Forbidden):
            policy.require_dispute(policy.DisputeAction(action), actor, side, raiser_must_accept=must_accept)


async def test_stage_deadline_escalates_once_with_two_workers(engine, database_url):
    async with committed_app(engine, database_url) as env:
        provider, customer = await env.party("Acme"), await env.party("Globex")
        h = {"provider": await env.headers(provider), "customer": await env.headers(customer)}
        escalation = {
            "key": "escalation",
            "kind": "escalation",
            "title": "Escalation",
            "terms": {
                "levels": [{"level": 1, "after": "PT2H", "to": {"role": "provider", "email": "manager@acme.example"}}]
            },
        }
        body = {
            "title": "Disputed",
            "memberships": [
                {"party_id": str(provider.id), "role": "provider"},
                {"party_id": str(customer.id), "role": "customer"},
            ],
            "clauses": [*PROCEDURE_CLAUSES, escalation],
        }
        agreement_id = (await env.client.post("/v1/agreements", json=body, headers=h["provider"])).json()["id"]
        await accept_invitations(env.client, agreement_id, h["customer"])
        a = f"/v1/agreements/{agreement_id}"
        await env.client.post(f"{a}/versions", json={}, headers=h["provider"])
        for side in ("provider", "customer"):
            await env.client.post(f"{a}/versions/1/approve", headers=h[side])
        await env.client.post(f"{a}/activate", headers=h["provider"])
        r = await env.client.post(
            "/v1/disputes",
            headers=h["customer"],
            json={
                "agreement_id": a.rsplit("/", 1)[1],
                "respondent_party_id": str(provider.id),
                "subject": "P1 response missed",
                "description": "Ticket 42 waited 3 hours",
            },
        )
        assert r.status_code == 201, r.text
        dispute = r.json()
        assert dispute["stage"] == "negotiation"
        opened = env.app.state.clock()

        async def fire(at):
            await asyncio.gather(*(fire_due_timers(env.sessionmaker, now=at) for _ in range(2)))
            return len(await env.event_types(agreement_id, "dispute.escalated"))

        assert await fire(opened + timedelta(days=9)) == 0
        assert await fire(opened + timedelta(days=10, seconds=1)) == 1
        assert await fire(opened + timedelta(days=10, hours=12)) == 1
        r = await env.client.get(f"/v1/disputes/{dispute['id']}", headers=h["provider"])
        body = r.json()
        assert body["status"] == "escalated" and body["escalation_level"] == 1 and body["stage"] == "mediation"
        escalation_entry = body["timeline"][-1]
        assert escalation_entry["kind"] == "escalation" and escalation_entry["actor_party_id"] is None
        assert escalation_entry["details"]["contact"]["email"] == "manager@acme.example"
        # The mediation stage has its own deadline (30 days from the escalation), escalating once more.
        assert await fire(opened + timedelta(days=10 + 31)) == 2
        r = await env.client.get(f"/v1/disputes/{dispute['id']}", headers=h["provider"])
        assert r.json()["escalation_level"] == 2 and r.json()["stage"] is None
        # (the review timers of the agreement fire here too)
        assert await fire(opened + timedelta(days=100)) == 2
