"""Webhook delivery through the real worker code, a real local receiver and committed data."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import func, select
from standardwebhooks.webhooks import Webhook

from db.models import Event, WebhookDelivery, WebhookSubscription
from services.actors import PARTY_SCOPES, Actor
from services.agreements.drafts import create_agreement
from services.agreements.inputs import AgreementCreate, MembershipInput
from services.webhooks.delivery import resolve_allowed
from services.webhooks.ssrf import RefusedDestination, parse_networks
from tests.flows import accept_invitations, sla_clauses
from tests.support.committed import committed_app
from tests.support.receiver import Receiver
from worker.loop import Worker, listen_dsn


@pytest.fixture
async def env(engine, database_url):
    async with committed_app(engine, database_url) as env:
        yield env


async def _parties(env):
    return [await env.party(n) for n in ("Acme", "Globex", "Retail")]


async def _subscribe(env, party, url, types=("*",)):
    r = await env.client.post(
        "/v1/webhooks", json={"url": url, "event_types": list(types)}, headers=await env.headers(party)
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _create_agreement(env, provider, customer, third, *, join: bool = False):
    """The provider's draft; with `join`, the customer and the third party accept their invitations."""
    body = {
        "title": "Support",
        "memberships": [
            {"party_id": str(provider.id), "role": "provider"},
            {"party_id": str(customer.id), "role": "customer"},
            {"party_id": str(third.id), "role": "third_party"},
        ],
        "clauses": sla_clauses(),
    }
    r = await env.client.post("/v1/agreements", json=body, headers=await env.headers(provider))
    assert r.status_code == 201, r.text
    if join:
        await accept_invitations(env.client, r.json()["id"], await env.headers(customer), await env.headers(third))
    return r.json()


def _worker(env, **kwargs):
    return Worker(
        env.sessionmaker,
        listen_dsn(env.settings.database_url),
        env.settings.delivery_policy(),
        lanes=2,
        poll_interval=0.1,
        **kwargs,
    )


async def _run_until(worker: Worker, condition, timeout: float = 15.0) -> None:
    task = asyncio.create_task(worker.run())
    try:
        async with asyncio.timeout(timeout):
            while not await condition():
                await asyncio.sleep(0.05)
    finally:
        worker.stop()
        await task


async def test_signed_delivery_verifies_and_third_party_never_sees_costs(env):
    provider, customer, third = await _parties(env)
    provider_rx, third_rx = await Receiver().start(), await Receiver().start()
    provider_sub = await _subscribe(env, provider, provider_rx.url, types=["agreement.updated"])
    third_sub = await _subscribe(env, third, third_rx.url, types=["agreement.updated"])
    assert provider_sub["secret"].startswith("whsec_")
    agreement = await _create_agreement(env, provider, customer, third, join=True)
    a = f"/v1/agreements/{agreement['id']}"
    r = await env.client.patch(
        a, json={"title": "Support, revised"}, headers={**await env.headers(provider), "If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    worker = _worker(env)
    await _run_until(worker, lambda: _done(provider_rx, third_rx))
    for rx, sub in ((provider_rx, provider_sub), (third_rx, third_sub)):
        (request,) = rx.requests
        payload = Webhook(sub["secret"]).verify(request.body, request.headers)
        assert payload["type"] == "agreement.updated"
        assert payload["data"]["agreement"]["id"] == agreement["id"]
        assert payload["data"]["sequence"] == 4  # created, two invitations accepted, updated
        assert request.headers["webhook-id"] == payload["data"]["event_id"]
    provider_kinds = {c["kind"] for c in json.loads(provider_rx.requests[0].body)["data"]["version"]["clauses"]}
    third_kinds = {c["kind"] for c in json.loads(third_rx.requests[0].body)["data"]["version"]["clauses"]}
    assert "cost" in provider_kinds and "cost" not in third_kinds
    assert b"1200.00" not in third_rx.requests[0].body


async def _done(*receivers):
    return all(len(r.requests) >= 1 for r in receivers)


async def test_an_invited_party_receives_the_invitation_and_nothing_else_until_it_accepts(env):
    provider, victim, third = await _parties(env)
    victim_rx, provider_rx = await Receiver().start(), await Receiver().start()
    victim_sub = await _subscribe(env, victim, victim_rx.url)
    await _subscribe(env, provider, provider_rx.url)
    agreement = await _create_agreement(env, provider, victim, third)
    a = f"/v1/agreements/{agreement['id']}"
    h = await env.headers(provider)
    r = await env.client.patch(a, json={"title": "Revised"}, headers={**h, "If-Match": '"1"'})
    assert r.status_code == 200, r.text

    async def delivered():
        return len(provider_rx.requests) >= 2 and len(victim_rx.requests) >= 1

    await _run_until(_worker(env), delivered)
    (request,) = victim_rx.requests
    payload = Webhook(victim_sub["secret"]).verify(request.body, request.headers)
    assert payload["type"] == "party.invited"
    invitation = payload["data"]["invitation"]
    assert invitation["agreement"] == {"id": agreement["id"], "reference": agreement["reference"], "title": "Support"}
    assert invitation["role"] == "customer" and invitation["status"] == "invited"
    assert b"1200.00" not in request.body and b"clauses" not in request.body
    async with env.sessionmaker() as session:
        queued = await session.scalar(
            select(func.count())
            .select_from(WebhookDelivery)
            .where(WebhookDelivery.subscription_id == __import__("uuid").UUID(victim_sub["id"]))
        )
    assert queued == 1  # agreement.created and agreement.updated went to the provider only
    assert [json.loads(r.body)["type"] for r in provider_rx.requests] == ["agreement.created", "agreement.updated"]


async def test_only_members_and_subscribed_types_receive(env):
    provider, customer, third = await _parties(env)
    outsider = await env.party("Initech")
    outsider_rx, customer_rx = await Receiver().start(), await Receiver().start()
    subs = [
        await _subscribe(env, outsider, outsider_rx.url),
        await _subscribe(env, customer, customer_rx.url, types=["agreement.activated"]),
    ]
    await _create_agreement(env, provider, customer, third)
    assert await env.deliveries(*subs) == []


async def test_rolled_back_transaction_sends_nothing(env):
    provider, customer, third = await _parties(env)
    rx = await Receiver().start()
    sub = await _subscribe(env, provider, rx.url)
    actor = Actor(party_id=provider.id, scopes=frozenset(PARTY_SCOPES))
    async with env.sessionmaker() as session:
        await create_agreement(
            session,
            actor,
            AgreementCreate(
                title="Never",
                memberships=[MembershipInput(provider.id, "provider"), MembershipInput(customer.id, "customer")],
            ),
            now=env.app.state.clock(),
        )
        assert (
            await session.scalar(select(func.count()).where(WebhookDelivery.subscription_id == uuid.UUID(sub["id"])))
            == 1
        )
        await session.rollback()
    worker = _worker(env)
    task = asyncio.create_task(worker.run())
    await asyncio.sleep(0.5)
    worker.stop()
    await task
    assert rx.requests == []
    async with env.sessionmaker() as session:
        assert (
            await session.scalar(
                select(func.count()).where(Event.agreement_id.is_not(None), Event.actor_party_id == provider.id)
            )
            == 0
        )
    assert await env.deliveries(sub) == []


async def test_failures_then_success_four_attempts_same_id(env):
    provider, customer, third = await _parties(env)
    rx = await Receiver(script=[500, "timeout", "reset", 200], hang_seconds=3).start()
    sub = await _subscribe(env, provider, rx.url, types=["agreement.created"])
    await _create_agreement(env, provider, customer, third)
    worker = _worker(env)

    async def delivered():
        return [d.status for d in await env.deliveries(sub)] == ["succeeded"]

    await _run_until(worker, delivered, timeout=30)
    assert len(rx.requests) == 4
    assert len({r.headers["webhook-id"] for r in rx.requests}) == 1
    for request in rx.requests:
        Webhook(sub["secret"]).verify(request.body, request.headers)
    r = await env.client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=await env.headers(provider))
    attempts = sorted(r.json()["items"], key=lambda a: a["attempt"])
    assert [a["attempt"] for a in attempts] == [1, 2, 3, 4]
    assert attempts[0]["status_code"] == 500
    assert attempts[1]["error"] == "timeout"
    assert attempts[2]["status_code"] is None and attempts[2]["error"]
    assert attempts[3]["status_code"] == 200 and attempts[3]["succeeded"]


async def test_gone_disables_and_records_webhook_disabled(env):
    provider, customer, third = await _parties(env)
    rx, other_rx = await Receiver(default=410).start(), await Receiver().start()
    sub = await _subscribe(env, provider, rx.url, types=["agreement.created"])
    await _subscribe(env, provider, other_rx.url, types=["webhook.disabled"])
    await _create_agreement(env, provider, customer, third)
    disabled_before = REGISTRY.get_sample_value("sla_webhook_subscriptions_disabled_total")
    worker = _worker(env)
    await _run_until(worker, lambda: _done(other_rx))
    r = await env.client.get(f"/v1/webhooks/{sub['id']}", headers=await env.headers(provider))
    assert r.json()["status"] == "disabled" and "410" in r.json()["disabled_reason"]
    assert REGISTRY.get_sample_value("sla_webhook_subscriptions_disabled_total") == disabled_before + 1
    payload = json.loads(other_rx.requests[0].body)
    assert payload["type"] == "webhook.disabled" and payload["data"]["subscription"]["id"] == sub["id"]


async def test_failing_for_days_disables(engine, database_url):
    async with committed_app(
        engine,
        database_url,
        webhook_disable_after_seconds=0.5,
        webhook_retry_schedule="0.2,0.2,0.2,0.2,0.2,0.2,0.2,0.2",
    ) as env:
        provider, customer, third = await _parties(env)
        rx = await Receiver(default=500).start()
        sub = await _subscribe(env, provider, rx.url)
        await _create_agreement(env, provider, customer, third)
        worker = _worker(env)

        async def disabled():
            async with env.sessionmaker() as session:
                return (await session.get(WebhookSubscription, __import__("uuid").UUID(sub["id"]))).status == "disabled"

        await _run_until(worker, disabled)
        async with env.sessionmaker() as session:
            types = list(await session.scalars(select(Event.type).where(Event.subject_party_id == provider.id)))
        assert "webhook.disabled" in types


async def test_retry_after_is_honoured_up_to_the_cap(engine, database_url):
    async with committed_app(engine, database_url, webhook_retry_after_cap_seconds=120) as env:
        provider, customer, third = await _parties(env)
        rx = await Receiver(script=[429], extra_headers={"retry-after": "7200"}).start()
        sub = await _subscribe(env, provider, rx.url, types=["agreement.created"])
        await _create_agreement(env, provider, customer, third)
        worker = _worker(env)
        await _run_until(worker, lambda: _done(rx))
        await asyncio.sleep(0.2)
        (delivery,), (attempt,) = await env.deliveries(sub), await env.attempts(sub)
        wait = delivery.next_attempt_at - attempt.started_at
        assert timedelta(seconds=110) <= wait <= timedelta(seconds=130), wait
        assert sub


async def test_delivery_in_event_order(env):
    provider, customer, third = await _parties(env)
    rx = await Receiver().start()
    await _subscribe(env, provider, rx.url)
    agreement = await _create_agreement(env, provider, customer, third)
    a = f"/v1/agreements/{agreement['id']}"
    h = await env.headers(provider)
    for title in ("one", "two", "three"):
        r = await env.client.patch(
            a,
            json={"title": title},
            headers={**h, "If-Match": f'"{(await env.client.get(a, headers=h)).json()["version"]}"'},
        )
        assert r.status_code == 200, r.text
    worker = _worker(env)
    await _run_until(worker, lambda: _count(rx, 4))
    sequences = [json.loads(r.body)["data"]["sequence"] for r in rx.requests]
    assert sequences == [1, 2, 3, 4]


async def _count(rx, n):
    return len(rx.requests) >= n


async def test_connection_time_check_refuses_internal_addresses():
    with pytest.raises(RefusedDestination):
        await resolve_allowed("localhost", 80, [])
    with pytest.raises(RefusedDestination):
        await resolve_allowed("169.254.169.254", 80, [])
    assert await resolve_allowed("localhost", 80, parse_networks("127.0.0.0/8,::1/128")) in ("127.0.0.1", "::1")
