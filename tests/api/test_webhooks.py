"""`/v1/webhooks` and `/v1/events/{id}/redeliver` through the REST edge (rolled-back transaction per test)."""

from __future__ import annotations

import base64
import time
import uuid
from datetime import timedelta

import asyncpg
import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import make_url
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from api.settings import Settings
from db.engine import make_engine, make_sessionmaker
from db.models import Event, WebhookDelivery, WebhookSubscription
from tests.support.receiver import Receiver


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        environment="test", database_url=database_url, webhook_allow_networks="127.0.0.0/8", webhook_timeout_seconds=1
    )


@pytest.fixture
async def rx():
    receiver = await Receiver().start()
    yield receiver
    await receiver.stop()


async def test_create_list_get_update_pause_resume_delete(client, deal, rx):
    h = deal.h["provider"]
    r = await client.post(
        "/v1/webhooks",
        json={"url": rx.url, "event_types": ["agreement.activated"], "description": "ticketing sync"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    sub = r.json()
    secret = sub["secret"]
    assert secret.startswith("whsec_") and 24 <= len(base64.b64decode(secret[6:])) <= 64
    r = await client.get("/v1/webhooks", headers=h)
    assert [s["id"] for s in r.json()["items"]] == [sub["id"]] and "secret" not in r.json()["items"][0]
    r = await client.get(f"/v1/webhooks/{sub['id']}", headers=h)
    assert r.json()["event_types"] == ["agreement.activated"] and r.headers["etag"] == '"1"'
    r = await client.patch(f"/v1/webhooks/{sub['id']}", json={"event_types": ["*"]}, headers={**h, "If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["event_types"] == ["*"]
    r = await client.patch(f"/v1/webhooks/{sub['id']}", json={"description": "x"}, headers={**h, "If-Match": '"1"'})
    assert r.status_code == 412
    r = await client.post(f"/v1/webhooks/{sub['id']}/pause", headers=h)
    assert r.json()["status"] == "paused"
    assert (await client.post(f"/v1/webhooks/{sub['id']}/pause", headers=h)).status_code == 409
    r = await client.post(f"/v1/webhooks/{sub['id']}/resume", headers=h)
    assert r.json()["status"] == "active"
    assert (await client.delete(f"/v1/webhooks/{sub['id']}", headers=h)).status_code == 204
    assert (await client.get(f"/v1/webhooks/{sub['id']}", headers=h)).status_code == 404


@pytest.mark.parametrize(
    "body, field",
    [
        ({"url": "https://example.com/h", "event_types": ["agreement.nope"]}, "event_types"),
        ({"url": "https://example.com/h", "event_types": []}, "event_types"),
        ({"url": "ftp://example.com/h"}, "url"),
        ({"url": "http://10.0.0.5/h"}, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, "url"),
        ({"url": "http://[::1]:8080/h"}, "url"),
        ({"url": "http://metadata.google.internal/"}, "url"),
        ({"url": "https://user:pw@example.com/h"}, "url"),
    ],
)
async def test_registration_rejects_bad_input(client, deal, body, field):
    r = await client.post("/v1/webhooks", json=body, headers=deal.h["provider"])
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["field"] == field
    assert (await client.get("/v1/webhooks", headers=deal.h["provider"])).json()["items"] == []


async def test_scope_and_party_are_required(client, deal, world, rx):
    no_scope = await world.headers(deal.provider, scopes=["agreements:read"])
    r = await client.post("/v1/webhooks", json={"url": rx.url}, headers=no_scope)
    assert r.status_code == 403
    r = await client.post("/v1/webhooks", json={"url": rx.url}, headers=deal.h["operator"])
    assert r.status_code == 403


async def test_another_party_sees_nothing(client, deal, rx):
    r = await client.post("/v1/webhooks", json={"url": rx.url}, headers=deal.h["provider"])
    sub_id = r.json()["id"]
    other = deal.h["customer"]
    unknown = "00000000-0000-4000-8000-000000000000"
    for method, path in [
        ("GET", "/v1/webhooks/{}"),
        ("PATCH", "/v1/webhooks/{}"),
        ("DELETE", "/v1/webhooks/{}"),
        ("POST", "/v1/webhooks/{}/pause"),
        ("POST", "/v1/webhooks/{}/resume"),
        ("POST", "/v1/webhooks/{}/rotate-secret"),
        ("POST", "/v1/webhooks/{}/test"),
        ("GET", "/v1/webhooks/{}/deliveries"),
    ]:
        kwargs = {"json": {"description": "x"}} if method == "PATCH" else {}
        mine = await client.request(method, path.format(sub_id), headers=other, **kwargs)
        nobody = await client.request(method, path.format(unknown), headers=other, **kwargs)
        # Identical but for `instance`, which names each request.
        mine_body = {k: v for k, v in mine.json().items() if k != "instance"}
        nobody_body = {k: v for k, v in nobody.json().items() if k != "instance"}
        assert (mine.status_code, mine_body) == (nobody.status_code, nobody_body) == (404, nobody_body)
    assert (await client.get("/v1/webhooks", headers=other)).json()["items"] == []


async def test_test_delivery_reports_status_and_latency_and_rotation_signs_twice(client, deal, rx):
    h = deal.h["provider"]
    sub = (await client.post("/v1/webhooks", json={"url": rx.url}, headers=h)).json()
    r = await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["succeeded"] is True and result["status_code"] == 200 and result["latency_ms"] >= 0
    assert "ok" not in r.text.replace("ok", "", 0) or "body" not in result
    payload = Webhook(sub["secret"]).verify(rx.requests[0].body, rx.requests[0].headers)
    assert payload["type"] == "webhook.test"

    rotated = (await client.post(f"/v1/webhooks/{sub['id']}/rotate-secret", headers=h)).json()
    assert rotated["secret"] != sub["secret"]
    await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)
    request = rx.requests[1]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(sub["secret"]).verify(request.body, request.headers)
    Webhook(rotated["secret"]).verify(request.body, request.headers)

    r = await client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=h)
    items = r.json()["items"]
    assert len(items) == 2 and all(a["status_code"] == 200 and a["attempt"] == 1 for a in items)


async def test_test_delivery_to_a_failing_receiver_reports_the_failure(client, deal):
    failing = await Receiver(default=503).start()
    h = deal.h["provider"]
    sub = (await client.post("/v1/webhooks", json={"url": failing.url}, headers=h)).json()
    result = (await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)).json()
    assert result["succeeded"] is False and result["status_code"] == 503
    await failing.stop()


async def test_redeliver_queues_the_event_again(client, deal, rx):
    h = deal.h["provider"]
    sub = (await client.post("/v1/webhooks", json={"url": rx.url}, headers=h)).json()
    event = (await client.get(f"/v1/agreements/{deal.agreement_id}/history", headers=h)).json()["items"][0]
    r = await client.post(f"/v1/events/{event['id']}/redeliver", json={"subscription_id": sub["id"]}, headers=h)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending" and r.json()["event_id"] == event["id"]
    r = await client.post(
        f"/v1/events/{event['id']}/redeliver", json={"subscription_id": sub["id"]}, headers=deal.h["outsider"]
    )
    assert r.status_code == 404


async def test_api_stays_fast_while_every_receiver_is_down(client, deal):
    hanging = await Receiver(default="timeout", hang_seconds=30).start()
    h = deal.h["provider"]
    await client.post("/v1/webhooks", json={"url": hanging.url}, headers=h)
    started = time.monotonic()
    r = await client.post(f"/v1/agreements/{deal.agreement_id}/versions", json={}, headers=h)
    assert r.status_code == 201
    # Delivery is the worker's job: the request never waits on a receiver (which would take its 1 s timeout).
    assert time.monotonic() - started < 0.9
    assert hanging.requests == []
    await hanging.stop()


# ---------------------------------------------------------------- rotation grace (issue 10, item 7)


def verifies(secret: str, request) -> bool:
    try:
        Webhook(secret).verify(request.body, request.headers)
    except WebhookVerificationError:
        return False
    return True


class TestRotationGrace:
    @pytest.fixture
    def settings(self, database_url: str) -> Settings:
        # A short grace keeps the signed timestamps within the verifier's 5-minute tolerance as the clock moves.
        return Settings(
            environment="test",
            database_url=database_url,
            webhook_allow_networks="127.0.0.0/8",
            webhook_timeout_seconds=1,
            webhook_secret_grace_seconds=120,
        )

    async def test_every_secret_in_its_grace_signs_and_a_second_rotation_keeps_the_original(
        self, client, deal, rx, clock, session
    ):
        h = deal.h["provider"]
        sub = (await client.post("/v1/webhooks", json={"url": rx.url}, headers=h)).json()
        original = sub["secret"]
        first = (await client.post(f"/v1/webhooks/{sub['id']}/rotate-secret", headers=h)).json()["secret"]
        clock.now += timedelta(seconds=60)
        second = (await client.post(f"/v1/webhooks/{sub['id']}/rotate-secret", headers=h)).json()["secret"]
        await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)
        request = rx.requests[-1]
        assert len(request.headers["webhook-signature"].split(" ")) == 3
        assert all(verifies(s, request) for s in (original, first, second))

        # The original's grace (from the first rotation) ends first; the others still sign.
        clock.now += timedelta(seconds=70)
        await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)
        request = rx.requests[-1]
        assert len(request.headers["webhook-signature"].split(" ")) == 2
        assert not verifies(original, request) and verifies(first, request) and verifies(second, request)

        # Stored encrypted, each with the id of the key-encryption key beside it.
        row = await session.scalar(select(WebhookSubscription).where(WebhookSubscription.id == sub["id"]))
        stored = repr(row.secrets)
        assert all(s not in stored for s in (original, first, second))
        assert all(s["kek_id"] for s in row.secrets)

    async def test_at_most_five_secrets_sign_at_once(self, client, deal, rx):
        h = deal.h["provider"]
        sub = (await client.post("/v1/webhooks", json={"url": rx.url}, headers=h)).json()
        secrets = [sub["secret"]]
        for _ in range(6):
            secrets.append((await client.post(f"/v1/webhooks/{sub['id']}/rotate-secret", headers=h)).json()["secret"])
        sent = (await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)).json()
        assert sent["succeeded"] and rx.requests, sent  # what the sender saw, should the receiver not see it
        request = rx.requests[-1]
        assert len(request.headers["webhook-signature"].split(" ")) == 5
        assert [verifies(s, request) for s in secrets] == [False, False, True, True, True, True, True]


async def test_the_default_grace_is_24_hours(database_url):
    assert Settings(environment="test", database_url=database_url).delivery_policy().secret_grace == timedelta(hours=24)


async def test_a_paused_subscription_refuses_a_test_send_and_a_failed_one_is_never_retried(client, deal, rx, session):
    h = deal.h["provider"]
    sub = (await client.post("/v1/webhooks", json={"url": rx.url}, headers=h)).json()
    await client.post(f"/v1/webhooks/{sub['id']}/pause", headers=h)
    r = await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)
    assert r.status_code == 409 and r.json()["code"] == "subscription_paused"
    assert rx.requests == []
    await client.post(f"/v1/webhooks/{sub['id']}/resume", headers=h)
    rx.default = 500
    tested = await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)
    assert tested.json()["status_code"] == 500, tested.text
    (attempt,) = (await client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=h)).json()["items"]
    # Failed for good: no worker will send it again.
    assert attempt["delivery_status"] == "failed"


async def test_the_deliveries_log_keeps_the_response_for_the_owner_only(client, deal):
    rx = await Receiver(extra_headers={"x-request-id": "abc-123"}).start()
    h = deal.h["provider"]
    sub = (await client.post("/v1/webhooks", json={"url": rx.url}, headers=h)).json()
    await client.post(f"/v1/webhooks/{sub['id']}/test", headers=h)
    await rx.stop()
    (attempt,) = (await client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=h)).json()["items"]
    assert attempt["response_body"] == "ok"
    assert attempt["response_headers"]["x-request-id"] == "abc-123"
    assert attempt["response_headers"]["content-length"] == "2"
    for other in ("customer", "outsider"):
        r = await client.get(f"/v1/webhooks/{sub['id']}/deliveries", headers=deal.h[other])
        assert r.status_code == 404 and "abc-123" not in r.text


async def test_recover_queues_exactly_the_events_missed_while_disabled(client, deal, rx, session, clock):
    h = deal.h["provider"]
    since = clock.now - timedelta(minutes=1)
    sub = (
        await client.post("/v1/webhooks", json={"url": rx.url, "event_types": ["agreement.updated"]}, headers=h)
    ).json()
    path = f"/v1/agreements/{deal.agreement_id}"

    async def patch(title: str) -> None:
        version = (await client.get(path, headers=h)).json()["version"]
        r = await client.patch(path, json={"title": title}, headers={**h, "If-Match": f'"{version}"'})
        assert r.status_code == 200, r.text

    await patch("queued")
    await session.execute(update(WebhookSubscription).values(status="disabled", disabled_reason="test"))
    await session.commit()
    await patch("missed 1")
    await patch("missed 2")
    assert (await client.post(f"/v1/webhooks/{sub['id']}/resume", headers=h)).status_code == 200
    await patch("queued again")
    queued_before = set(await session.scalars(select(WebhookDelivery.event_id)))
    r = await client.post(f"/v1/webhooks/{sub['id']}/recover", params={"since": since.isoformat()}, headers=h)
    assert r.status_code == 202, r.text
    assert r.json()["queued"] == 2
    recovered = list(
        await session.execute(
            select(Event.payload, WebhookDelivery.event_position)
            .join(WebhookDelivery, WebhookDelivery.event_id == Event.id)
            .where(WebhookDelivery.event_id.not_in(queued_before))
            .order_by(WebhookDelivery.event_position)
        )
    )
    assert [p["agreement"]["title"] for p, _ in recovered] == ["missed 1", "missed 2"]
    # Nothing twice: a second recover finds nothing missing.
    r = await client.post(f"/v1/webhooks/{sub['id']}/recover", params={"since": since.isoformat()}, headers=h)
    assert r.json()["queued"] == 0
    for bad in ((clock.now + timedelta(hours=1)).isoformat(), (clock.now - timedelta(days=31)).isoformat()):
        r = await client.post(f"/v1/webhooks/{sub['id']}/recover", params={"since": bad}, headers=h)
        assert r.status_code == 422 and r.json()["code"] == "invalid_input", r.text
    r = await client.post(f"/v1/webhooks/{sub['id']}/recover", params={"since": "yesterday"}, headers=h)
    assert r.status_code == 422 and r.json()["code"] == "invalid_input", r.text


async def test_a_lost_database_answers_503_with_retry_after(client, deal, app):
    h = deal.h["provider"]
    assert (await client.get("/v1/webhooks", headers=h)).status_code == 200  # signing keys are cached now
    dead = make_engine("postgresql://postgres@127.0.0.1:18219/sla_webhooks_none", pool_size=1)
    live = app.state.sessionmaker
    app.state.sessionmaker = make_sessionmaker(dead)
    try:
        r = await client.get("/v1/webhooks", headers=h)
        gql = await client.post("/graphql", json={"query": "{ webhookSubscriptions { id } }"}, headers=h)
    finally:
        app.state.sessionmaker = live
        await dead.dispose()
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "database_unavailable"
    (error,) = gql.json()["errors"]
    assert error["extensions"]["code"] == "database_unavailable"


async def test_a_database_out_of_connections_answers_503_not_500(client, deal, app, database_url):
    """PostgreSQL refusing another connection (SQLSTATE 53300) is the database being unavailable for now."""
    h = deal.h["provider"]
    assert (await client.get("/v1/webhooks", headers=h)).status_code == 200  # signing keys are cached now
    role = f"sla_no_connections_{uuid.uuid4().hex[:8]}"
    url = make_url(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    admin = await asyncpg.connect(url.render_as_string(hide_password=False))
    await admin.execute(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT 0")
    refused = make_engine(url.set(username=role).render_as_string(hide_password=False), pool_size=1)
    live = app.state.sessionmaker
    app.state.sessionmaker = make_sessionmaker(refused)
    try:
        r = await client.get("/v1/webhooks", headers=h)
    finally:
        app.state.sessionmaker = live
        await refused.dispose()
        await admin.execute(f"DROP ROLE {role}")
        await admin.close()
    assert r.status_code == 503 and r.headers["retry-after"] == "5", r.text
    assert r.json()["code"] == "database_unavailable"
