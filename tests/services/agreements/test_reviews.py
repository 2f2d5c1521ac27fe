"""The review state machine, and its timers with an injected clock (once each, even with two workers)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from db.models import Review
from services.agreements.states import review_transition
from services.errors import Conflict
from tests.flows import accept_invitations
from tests.support.committed import committed_app
from tests.support.procedures import PROCEDURE_CLAUSES
from worker.timers import fire_due_timers


@pytest.mark.parametrize(
    "current, action, expected",
    [
        ("scheduled", "due", "due"),
        ("scheduled", "overdue", "overdue"),
        ("due", "overdue", "overdue"),
        ("scheduled", "complete", "completed"),
        ("due", "complete", "completed"),
        ("overdue", "complete", "completed"),
        ("scheduled", "cancel", "cancelled"),
        ("overdue", "cancel", "cancelled"),
    ],
)
def test_allowed_transitions(current, action, expected):
    assert review_transition(current, action) == expected


@pytest.mark.parametrize(
    "current, action",
    [
        ("cancelled", "complete"),
        ("completed", "complete"),
        ("completed", "cancel"),
        ("due", "due"),
        ("overdue", "due"),
        ("cancelled", "overdue"),
    ],
)
def test_refused_transitions(current, action):
    with pytest.raises(Conflict):
        review_transition(current, action)


async def _deal(env):
    provider, customer = await env.party("Acme"), await env.party("Globex")
    h = {"provider": await env.headers(provider), "customer": await env.headers(customer)}
    body = {
        "title": "Reviewed",
        "memberships": [
            {"party_id": str(provider.id), "role": "provider"},
            {"party_id": str(customer.id), "role": "customer"},
        ],
        "clauses": PROCEDURE_CLAUSES,
    }
    r = await env.client.post("/v1/agreements", json=body, headers=h["provider"])
    await accept_invitations(env.client, r.json()["id"], h["customer"])
    a = f"/v1/agreements/{r.json()['id']}"
    await env.client.post(f"{a}/versions", json={}, headers=h["provider"])
    for side in ("provider", "customer"):
        await env.client.post(f"{a}/versions/1/approve", headers=h[side])
    r = await env.client.post(f"{a}/activate", headers=h["provider"])
    assert r.status_code == 200, r.text
    return a, h


async def test_review_becomes_due_then_overdue_once_each_with_two_workers(engine, database_url):
    async with committed_app(engine, database_url) as env:
        start = env.app.state.clock()
        a, h = await _deal(env)
        reviews = (await env.client.get(f"{a}/reviews", headers=h["customer"])).json()
        assert reviews["cycle"] == {
            "cadence": "P3M",
            "notice": "P14D",
            "source": "clause",
            "participants": ["service manager", "customer success"],
        }
        (review,) = reviews["items"]
        assert review["status"] == "scheduled"

        agreement_id = a.rsplit("/", 1)[1]

        async def fire(at):
            await asyncio.gather(*(fire_due_timers(env.sessionmaker, now=at) for _ in range(2)))
            return await env.event_types(agreement_id, "review.%")

        async with env.sessionmaker() as session:
            due_at = (await session.get(Review, __import__("uuid").UUID(review["id"]))).due_at
        assert (due_at - start).days in range(89, 93)
        assert await fire(due_at - timedelta(days=15)) == ["review.scheduled"]
        assert await fire(due_at - timedelta(days=13)) == ["review.scheduled", "review.due"]
        assert await fire(due_at - timedelta(days=12)) == ["review.scheduled", "review.due"]
        assert await fire(due_at + timedelta(seconds=1)) == ["review.scheduled", "review.due", "review.overdue"]
        assert await fire(due_at + timedelta(days=5)) == ["review.scheduled", "review.due", "review.overdue"]
        r = await env.client.get(f"/v1/reviews/{review['id']}", headers=h["provider"])
        assert r.json()["status"] == "overdue"

        r = await env.client.post(
            f"/v1/reviews/{review['id']}/complete",
            headers=h["provider"],
            json={
                "outcome": "no_change",
                "findings": "All targets met",
                "participants": ["Ann (Acme)", "Bob (Globex)"],
            },
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "completed" and r.json()["participants"] == ["Ann (Acme)", "Bob (Globex)"]
        items = (await env.client.get(f"{a}/reviews", headers=h["customer"])).json()["items"]
        assert [i["status"] for i in items] == ["completed", "scheduled"]
        assert len(await env.event_types(agreement_id, "review.scheduled")) == 2
