"""Webhook subscriptions through POST /graphql: queries, every mutation, typed errors, nothing stored on failure,
and a real test delivery to a local receiver (rolled-back transaction per test)."""

from __future__ import annotations

import base64
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update
from standardwebhooks.webhooks import Webhook

from api.settings import Settings
from db.models import WebhookDelivery, WebhookSubscription
from tests.factories import World
from tests.flows import Deal
from tests.schema.conftest import GraphQL, count, mutate
from tests.support.receiver import Receiver


@pytest.fixture
def settings(database_url: str) -> Settings:
    # The receiver listens on loopback, which delivery refuses unless the operator allows it.
    return Settings(
        environment="test", database_url=database_url, webhook_allow_networks="127.0.0.0/8", webhook_timeout_seconds=1
    )


@pytest.fixture
async def rx():
    receiver = await Receiver().start()
    yield receiver
    await receiver.stop()


SUBSCRIPTION = "id partyId url eventTypes description status disabledReason failingSince createdAt updatedAt version"
CREATED = f"... on CreateWebhookSubscriptionPayload {{ secret subscription {{ {SUBSCRIPTION} }} }}"
UPDATED = "... on UpdateWebhookSubscriptionPayload { subscription { url eventTypes description version } }"
LIST = f"{{ webhookSubscriptions {{ {SUBSCRIPTION} }} }}"
ONE = f"query($id: UUID!) {{ webhookSubscription(id: $id) {{ {SUBSCRIPTION} }} }}"
DELIVERIES = """query($id: UUID!, $first: Int!, $after: String) { webhookSubscription(id: $id) {
  deliveries(first: $first, after: $after) {
    edges { cursor node {
      id attempt startedAt statusCode error latencyMs succeeded deliveryId eventId deliveryStatus } }
    pageInfo { hasNextPage endCursor } } } }"""
TESTED = "... on TestWebhookSubscriptionPayload { eventId deliveryId succeeded statusCode error latencyMs }"


async def subscribe(gql: GraphQL, headers: dict[str, str], **input) -> dict:
    return await mutate(
        gql,
        "createWebhookSubscription",
        CREATED,
        headers,
        "$input: CreateWebhookSubscriptionInput!",
        "input: $input",
        input=input,
    )


async def on(gql: GraphQL, name: str, selection: str, headers: dict[str, str], id: str) -> dict:
    return await mutate(gql, name, selection, headers, "$id: UUID!", "id: $id", id=id)


async def test_create_read_update_pause_resume_delete(gql: GraphQL, deal: Deal, rx):
    h = deal.h["provider"]
    created = await subscribe(gql, h, url=rx.url, eventTypes=["agreement.activated"], description="ticketing sync")
    assert created["__typename"] == "CreateWebhookSubscriptionPayload", created
    secret, sub = created["secret"], created["subscription"]
    assert secret.startswith("whsec_") and 24 <= len(base64.b64decode(secret[6:])) <= 64
    assert sub | {"id": None, "createdAt": None, "updatedAt": None} == {
        "id": None,
        "partyId": str(deal.provider.id),
        "url": rx.url,
        "eventTypes": ["agreement.activated"],
        "description": "ticketing sync",
        "status": "ACTIVE",
        "disabledReason": None,
        "failingSince": None,
        "createdAt": None,
        "updatedAt": None,
        "version": 1,
    }
    # The secret is a field of the create (and rotate) payload only, never of a subscription.
    assert "secret" not in str(await gql(LIST, h))
    assert (await gql(LIST, h))["webhookSubscriptions"] == [sub]
    assert (await gql(ONE, h, id=sub["id"]))["webhookSubscription"] == sub

    update = "$id: UUID!, $input: UpdateWebhookSubscriptionInput!, $v: Int"
    arguments = "id: $id, input: $input, expectedVersion: $v"
    changed = await mutate(
        gql, "updateWebhookSubscription", UPDATED, h, update, arguments, id=sub["id"], input={"eventTypes": ["*"]}, v=1
    )
    assert changed["subscription"] == {
        "url": rx.url,
        "eventTypes": ["*"],
        "description": "ticketing sync",
        "version": 2,
    }
    stale = await mutate(
        gql,
        "updateWebhookSubscription",
        UPDATED,
        h,
        update,
        arguments,
        id=sub["id"],
        input={"description": "lost update"},
        v=1,
    )
    assert stale["__typename"] == "PreconditionError" and stale["code"] == "precondition_failed"
    # Without expectedVersion the change applies to whatever is current; null clears only the description.
    cleared = await mutate(
        gql, "updateWebhookSubscription", UPDATED, h, update, arguments, id=sub["id"], input={"description": None}
    )
    assert cleared["subscription"]["description"] is None and cleared["subscription"]["version"] == 3
    null_url = await mutate(
        gql, "updateWebhookSubscription", UPDATED, h, update, arguments, id=sub["id"], input={"url": None}
    )
    assert null_url["__typename"] == "ValidationError" and null_url["field"] == "url"

    status = "subscription { status version }"
    paused = await on(
        gql, "pauseWebhookSubscription", f"... on PauseWebhookSubscriptionPayload {{ {status} }}", h, sub["id"]
    )
    assert paused["subscription"] == {"status": "PAUSED", "version": 4}
    again = await on(gql, "pauseWebhookSubscription", "", h, sub["id"])
    assert again["__typename"] == "ConflictError" and again["code"] == "invalid_transition"
    resumed = await on(
        gql, "resumeWebhookSubscription", f"... on ResumeWebhookSubscriptionPayload {{ {status} }}", h, sub["id"]
    )
    assert resumed["subscription"] == {"status": "ACTIVE", "version": 5}
    already = await on(gql, "resumeWebhookSubscription", "", h, sub["id"])
    assert already["__typename"] == "ConflictError"

    deleted = await on(
        gql, "deleteWebhookSubscription", "... on DeleteWebhookSubscriptionPayload { deletedId }", h, sub["id"]
    )
    assert deleted == {"__typename": "DeleteWebhookSubscriptionPayload", "deletedId": sub["id"]}
    assert (await gql(ONE, h, id=sub["id"]))["webhookSubscription"] is None
    gone = await on(gql, "deleteWebhookSubscription", "", h, sub["id"])
    assert gone["__typename"] == "NotFoundError"


@pytest.mark.parametrize(
    "input, field",
    [
        ({"url": "https://example.com/h", "eventTypes": ["agreement.nope"]}, "eventTypes"),
        ({"url": "https://example.com/h", "eventTypes": ["agreement.activated", "sla.nope"]}, "eventTypes"),
        ({"url": "https://example.com/h", "eventTypes": []}, "eventTypes"),
        ({"url": "ftp://example.com/h"}, "url"),
        ({"url": "http://10.0.0.5/h"}, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, "url"),
        ({"url": "http://metadata.google.internal/"}, "url"),
        ({"url": "https://user:pw@example.com/h"}, "url"),
    ],
)
async def test_bad_subscriptions_are_validation_errors_and_store_nothing(
    gql: GraphQL, deal: Deal, session, input, field
):
    failed = await subscribe(gql, deal.h["provider"], **input)
    assert failed["__typename"] == "ValidationError" and failed["code"] == "invalid_input", failed
    assert failed["field"] == field and failed["problems"][0]["field"] == field
    assert (await gql(LIST, deal.h["provider"]))["webhookSubscriptions"] == []
    assert await count(session, WebhookSubscription) == 0


async def test_a_bad_update_changes_nothing(gql: GraphQL, deal: Deal, rx):
    h = deal.h["provider"]
    sub = (await subscribe(gql, h, url=rx.url))["subscription"]
    failed = await mutate(
        gql,
        "updateWebhookSubscription",
        UPDATED,
        h,
        "$id: UUID!, $input: UpdateWebhookSubscriptionInput!",
        "id: $id, input: $input",
        id=sub["id"],
        input={"description": "new", "eventTypes": ["agreement.nope"]},
    )
    assert failed["__typename"] == "ValidationError" and failed["field"] == "eventTypes"
    assert (await gql(ONE, h, id=sub["id"]))["webhookSubscription"] == sub  # the description did not change either


async def test_the_scope_and_a_party_token_are_required(gql: GraphQL, deal: Deal, world: World, rx):
    no_scope = await world.headers(deal.provider, scopes=["agreements:read"])
    for document in (
        LIST,
        'mutation { createWebhookSubscription(input: {url: "https://example.com/h"}) { __typename } }',
    ):
        body = await gql.raw(document, no_scope)
        assert body["errors"][0]["extensions"]["code"] == "insufficient_scope", body
    # Subscriptions belong to a party: the operator has none and may not create one.
    operator = await subscribe(gql, deal.h["operator"], url=rx.url)
    assert operator["__typename"] == "ForbiddenError" and operator["code"] == "party_only"
    assert (await gql(LIST, deal.h["operator"]))["webhookSubscriptions"] == []


async def test_test_delivery_is_signed_recorded_and_rotation_signs_with_both_secrets(
    gql: GraphQL, deal: Deal, rx, clock
):
    h = deal.h["provider"]
    created = await subscribe(gql, h, url=rx.url)
    sub_id, secret = created["subscription"]["id"], created["secret"]
    first = await on(gql, "testWebhookSubscription", TESTED, h, sub_id)
    assert first["__typename"] == "TestWebhookSubscriptionPayload", first
    assert first["succeeded"] is True and first["statusCode"] == 200 and first["error"] is None
    assert first["latencyMs"] >= 0
    payload = Webhook(secret).verify(rx.requests[0].body, rx.requests[0].headers)
    assert payload["type"] == "webhook.test" and payload["data"]["event_id"] == first["eventId"]
    assert rx.requests[0].headers["webhook-id"] == first["eventId"]

    clock.now += timedelta(seconds=1)  # attempts list newest first
    rotated = await on(
        gql, "rotateWebhookSecret", "... on RotateWebhookSecretPayload { secret subscription { version } }", h, sub_id
    )
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != secret
    assert rotated["subscription"]["version"] == 2
    second = await on(gql, "testWebhookSubscription", TESTED, h, sub_id)
    assert second["succeeded"] is True
    request = rx.requests[1]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(secret).verify(request.body, request.headers)
    Webhook(rotated["secret"]).verify(request.body, request.headers)

    # Both attempts are recorded, newest first, and page by their cursors.
    page = (await gql(DELIVERIES, h, id=sub_id, first=1))["webhookSubscription"]["deliveries"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert page["pageInfo"]["endCursor"] == page["edges"][0]["cursor"]
    newest = page["edges"][0]["node"]
    assert newest | {"id": None, "startedAt": None, "latencyMs": None} == {
        "id": None,
        "attempt": 1,
        "startedAt": None,
        "statusCode": 200,
        "error": None,
        "latencyMs": None,
        "succeeded": True,
        "deliveryId": second["deliveryId"],
        "eventId": second["eventId"],
        "deliveryStatus": "SUCCEEDED",
    }
    rest = await gql(DELIVERIES, h, id=sub_id, first=5, after=page["pageInfo"]["endCursor"])
    rest = rest["webhookSubscription"]["deliveries"]
    assert [e["node"]["eventId"] for e in rest["edges"]] == [first["eventId"]]
    assert rest["pageInfo"] == {"hasNextPage": False, "endCursor": rest["edges"][0]["cursor"]}
    bad = await gql.raw(DELIVERIES, h, id=sub_id, first=500)
    assert bad["errors"][0]["extensions"]["problems"][0]["field"] == "first"


async def test_test_delivery_reports_a_failing_receiver_and_a_gone_one_disables(gql: GraphQL, deal: Deal, clock):
    h = deal.h["provider"]
    failing = await Receiver(script=[503, "reset", 410]).start()
    try:
        sub_id = (await subscribe(gql, h, url=failing.url))["subscription"]["id"]
        unavailable = await on(gql, "testWebhookSubscription", TESTED, h, sub_id)
        assert unavailable["succeeded"] is False and unavailable["statusCode"] == 503
        clock.now += timedelta(seconds=1)  # attempts list newest first
        reset = await on(gql, "testWebhookSubscription", TESTED, h, sub_id)
        assert reset["succeeded"] is False and reset["statusCode"] is None and reset["error"]
        clock.now += timedelta(seconds=1)
        gone = await on(gql, "testWebhookSubscription", TESTED, h, sub_id)
        assert gone["statusCode"] == 410
    finally:
        await failing.stop()
    attempts = (await gql(DELIVERIES, h, id=sub_id, first=10))["webhookSubscription"]["deliveries"]["edges"]
    assert [(a["node"]["statusCode"], a["node"]["succeeded"]) for a in attempts] == [
        (410, False),
        (None, False),
        (503, False),
    ]
    # A test send is one attempt, never retried; 410 Gone also disables the subscription.
    assert [a["node"]["deliveryStatus"] for a in attempts] == ["FAILED", "FAILED", "FAILED"]
    sub = (await gql(ONE, h, id=sub_id))["webhookSubscription"]
    assert sub["status"] == "DISABLED" and "410" in sub["disabledReason"]
    refused = await on(gql, "testWebhookSubscription", TESTED, h, sub_id)
    assert refused["__typename"] == "ConflictError" and refused["code"] == "subscription_disabled"
    resumed = await on(
        gql,
        "resumeWebhookSubscription",
        "... on ResumeWebhookSubscriptionPayload { subscription { status disabledReason } }",
        h,
        sub_id,
    )
    assert resumed["subscription"] == {"status": "ACTIVE", "disabledReason": None}


REDELIVER = "... on RedeliverEventPayload { delivery { id eventId subscriptionId status attemptCount nextAttemptAt } }"


async def test_redeliver_queues_an_event_again(gql: GraphQL, deal: Deal, session, rx, clock):
    h = deal.h["provider"]
    sub_id = (await subscribe(gql, h, url=rx.url))["subscription"]["id"]
    history = await gql(
        "query($id: UUID!) { agreement(id: $id) { history(first: 1) { edges { node { id } } } } }",
        h,
        id=deal.agreement_id,
    )
    event_id = history["agreement"]["history"]["edges"][0]["node"]["id"]
    signature, arguments = "$event: UUID!, $sub: UUID!", "eventId: $event, subscriptionId: $sub"
    queued = await mutate(gql, "redeliverEvent", REDELIVER, h, signature, arguments, event=event_id, sub=sub_id)
    assert queued["__typename"] == "RedeliverEventPayload", queued
    assert queued["delivery"] | {"id": None} == {
        "id": None,
        "eventId": event_id,
        "subscriptionId": sub_id,
        "status": "PENDING",
        "attemptCount": 0,
        "nextAttemptAt": clock.now.isoformat().replace("+00:00", "Z"),
    }
    before = await count(session, WebhookDelivery)
    for event, sub in ((event_id, str(uuid.uuid4())), (str(uuid.uuid4()), sub_id)):
        missing = await mutate(gql, "redeliverEvent", REDELIVER, h, signature, arguments, event=event, sub=sub)
        assert missing["__typename"] == "NotFoundError"
    assert await count(session, WebhookDelivery) == before


async def test_rotating_twice_within_the_grace_keeps_every_secret_signing(gql: GraphQL, deal: Deal, rx):
    h = deal.h["provider"]
    secrets = [(await subscribe(gql, h, url=rx.url))["secret"]]
    sub_id = (await gql(LIST, h))["webhookSubscriptions"][0]["id"]
    for _ in range(2):
        rotated = await on(gql, "rotateWebhookSecret", "... on RotateWebhookSecretPayload { secret }", h, sub_id)
        secrets.append(rotated["secret"])
    assert (await on(gql, "testWebhookSubscription", TESTED, h, sub_id))["succeeded"] is True
    request = rx.requests[-1]
    assert len(request.headers["webhook-signature"].split(" ")) == 3
    for secret in secrets:
        Webhook(secret).verify(request.body, request.headers)


RECOVERED = "... on RecoverWebhookDeliveriesPayload { queued subscription { id status } }"
RESPONSE = """query($id: UUID!) { webhookSubscription(id: $id) { deliveries(first: 5) {
  edges { node { statusCode responseBody responseHeaders } } } } }"""


async def test_recover_and_the_recorded_response(gql: GraphQL, deal: Deal, session, clock, rx):
    h = deal.h["provider"]
    sub_id = (await subscribe(gql, h, url=rx.url, eventTypes=["agreement.updated"]))["subscription"]["id"]
    # Written while the subscription is disabled: never queued, so recover finds it.
    await session.execute(update(WebhookSubscription).values(status="disabled"))
    await session.commit()
    updated = await mutate(
        gql,
        "updateAgreement",
        "... on UpdateAgreementPayload { agreement { id } }",
        h,
        "$id: UUID!, $input: UpdateAgreementInput!",
        "id: $id, input: $input, expectedVersion: 1",
        id=deal.agreement_id,
        input={"title": "missed"},
    )
    assert updated["__typename"] == "UpdateAgreementPayload", updated
    await session.execute(update(WebhookSubscription).values(status="active"))
    await session.commit()
    before = await count(session, WebhookDelivery)
    since = (clock.now - timedelta(minutes=5)).isoformat()
    signature, arguments = "$id: UUID!, $since: DateTime!", "id: $id, since: $since"
    recovered = await mutate(
        gql, "recoverWebhookDeliveries", RECOVERED, h, signature, arguments, id=sub_id, since=since
    )
    assert recovered == {
        "__typename": "RecoverWebhookDeliveriesPayload",
        "queued": 1,
        "subscription": {"id": sub_id, "status": "ACTIVE"},
    }
    assert await count(session, WebhookDelivery) == before + 1
    future = (clock.now + timedelta(days=1)).isoformat()
    refused = await mutate(gql, "recoverWebhookDeliveries", RECOVERED, h, signature, arguments, id=sub_id, since=future)
    assert refused["__typename"] == "ValidationError" and refused["field"] == "since"
    assert await count(session, WebhookDelivery) == before + 1

    tested = await on(gql, "testWebhookSubscription", TESTED, h, sub_id)
    assert tested["succeeded"] is True
    (edge,) = (await gql(RESPONSE, h, id=sub_id))["webhookSubscription"]["deliveries"]["edges"]
    assert edge["node"]["responseBody"] == "ok" and edge["node"]["responseHeaders"]["content-length"] == "2"
