"""`/v1/webhooks`: the caller's party's subscriptions, their deliveries, tests and secret rotation;
`/v1/events/{id}/redeliver`."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Limit, etag, if_match
from api.pagination import paged, slice_page
from api.representations import Page, shaped
from db.values import Scope
from services.actors import Actor
from services.webhooks import subscriptions as webhook_service
from services.webhooks import trial_delivery
from services.webhooks.subscriptions import SubscriptionCreate, SubscriptionOut, SubscriptionUpdate

MANAGE = {"scope": Scope.WEBHOOKS_MANAGE}


class SubscriptionWithSecret(SubscriptionOut):
    secret: str


class AttemptOut(msgspec.Struct):
    id: str
    delivery_id: str
    event_id: str
    attempt: int
    started_at: datetime
    status_code: int | None
    error: str | None
    latency_ms: int
    delivery_status: str
    succeeded: bool
    response_headers: dict[str, str] | None
    response_body: str | None


class TestResult(msgspec.Struct):
    event_id: str
    delivery_id: str
    succeeded: bool
    status_code: int | None
    error: str | None
    latency_ms: int


class RecoverOut(msgspec.Struct):
    subscription_id: str
    since: datetime
    queued: int


class Redelivery(msgspec.Struct, forbid_unknown_fields=True):
    subscription_id: uuid.UUID


class RedeliveryOut(msgspec.Struct):
    delivery_id: str
    event_id: str
    subscription_id: str
    status: str


def _out(sub, secret: str | None = None):
    snapshot = webhook_service.subscription_snapshot(sub, secret=secret)
    return shaped(snapshot, SubscriptionWithSecret if secret else SubscriptionOut)


class WebhookController(Controller):
    path = "/v1/webhooks"
    tags = ["webhooks"]

    @post("/", summary="Subscribe a URL to events; the signing secret is shown once", opt=MANAGE)
    async def create(
        self, data: SubscriptionCreate, request: Request, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[SubscriptionWithSecret]:
        policy = request.app.state.delivery_policy
        sub, secret = await webhook_service.create_subscription(
            session, actor, data, now=now, allow=policy.allow_networks, keyring=policy.keyring
        )
        return Response(
            _out(sub, secret),
            status_code=201,
            headers={"ETag": etag(sub.row_version), "Location": f"/v1/webhooks/{sub.id}", "Cache-Control": "no-store"},
        )

    @get("/", summary="The party's subscriptions", opt=MANAGE)
    async def list_subscriptions(
        self, request: Request, session: AsyncSession, actor: Actor, limit: Limit = 50, cursor: str | None = None
    ) -> Response[Page[SubscriptionOut]]:
        subscriptions, next_cursor = slice_page(await webhook_service.list_subscriptions(session, actor), limit, cursor)
        return paged(request, [_out(s) for s in subscriptions], next_cursor)

    @get("/{subscription_id:uuid}", summary="One subscription", opt=MANAGE)
    async def get_subscription(
        self, subscription_id: uuid.UUID, session: AsyncSession, actor: Actor
    ) -> Response[SubscriptionOut]:
        sub = await webhook_service.get_subscription(session, actor, subscription_id)
        return Response(_out(sub), headers={"ETag": etag(sub.row_version)})

    @patch("/{subscription_id:uuid}", summary="Change URL, event types or description (If-Match optional)", opt=MANAGE)
    async def update(
        self,
        subscription_id: uuid.UUID,
        data: SubscriptionUpdate,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
    ) -> Response[SubscriptionOut]:
        sub = await webhook_service.update_subscription(
            session,
            actor,
            subscription_id,
            data,
            expected_version=if_match(request, required=False),
            now=now,
            allow=request.app.state.delivery_policy.allow_networks,
        )
        return Response(_out(sub), headers={"ETag": etag(sub.row_version)})

    @delete("/{subscription_id:uuid}", summary="Delete a subscription and its pending deliveries", opt=MANAGE)
    async def remove(self, subscription_id: uuid.UUID, session: AsyncSession, actor: Actor) -> None:
        await webhook_service.delete_subscription(session, actor, subscription_id)

    @post("/{subscription_id:uuid}/pause", summary="Pause deliveries (they wait)", opt=MANAGE, status_code=200)
    async def pause(
        self, subscription_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> SubscriptionOut:
        return _out(await webhook_service.set_subscription_status(session, actor, subscription_id, "pause", now=now))

    @post(
        "/{subscription_id:uuid}/resume",
        summary="Resume a paused or disabled subscription",
        opt=MANAGE,
        status_code=200,
    )
    async def resume(
        self, subscription_id: uuid.UUID, session: AsyncSession, actor: Actor, now: datetime
    ) -> SubscriptionOut:
        return _out(await webhook_service.set_subscription_status(session, actor, subscription_id, "resume", now=now))

    @post(
        "/{subscription_id:uuid}/rotate-secret",
        summary="New secret; older ones also sign until their grace (24 hours by default) ends",
        opt=MANAGE,
        status_code=200,
    )
    async def rotate_secret(
        self, subscription_id: uuid.UUID, request: Request, session: AsyncSession, actor: Actor, now: datetime
    ) -> Response[SubscriptionWithSecret]:
        policy = request.app.state.delivery_policy
        sub, secret = await webhook_service.rotate_secret(
            session, actor, subscription_id, now=now, grace=policy.secret_grace, keyring=policy.keyring
        )
        return Response(_out(sub, secret), headers={"Cache-Control": "no-store"})

    @post(
        "/{subscription_id:uuid}/test",
        summary="Send a webhook.test event now; reports status and latency",
        opt=MANAGE,
        status_code=200,
    )
    async def test(self, subscription_id: uuid.UUID, request: Request, actor: Actor) -> TestResult:
        # Not in the request's transaction: the HTTP call must not hold a transaction (or row locks) open, so this
        # edge commits the event before the call and the outcome after it, each in a session of its own.
        state = request.app.state
        sender = state.webhook_sender
        async with state.sessionmaker() as session:
            sent = await trial_delivery.start_test_delivery(
                session, actor, subscription_id, policy=sender.policy, now=state.clock()
            )
            await session.commit()
        outcome = await sender.send(sent.url, sent.headers, sent.body)
        async with state.sessionmaker() as session:
            await trial_delivery.record_test_delivery(session, sent, outcome, now=state.clock())
            await session.commit()
        return TestResult(
            event_id=str(sent.event_id),
            delivery_id=str(sent.delivery_id),
            succeeded=outcome.succeeded,
            status_code=outcome.status_code,
            error=outcome.error,
            latency_ms=outcome.latency_ms,
        )

    @post(
        "/{subscription_id:uuid}/recover",
        summary="Queue again, in order, every event since `since` that this "
        "subscription missed (written while it was disabled, or failed for good)",
        opt=MANAGE,
        status_code=202,
    )
    async def recover(
        self, subscription_id: uuid.UUID, since: datetime, session: AsyncSession, actor: Actor, now: datetime
    ) -> RecoverOut:
        queued = await webhook_service.recover(session, actor, subscription_id, since=since, now=now)
        return RecoverOut(subscription_id=str(subscription_id), since=since, queued=queued)

    @get("/{subscription_id:uuid}/deliveries", summary="Every delivery attempt, newest first", opt=MANAGE)
    async def deliveries(
        self,
        request: Request,
        subscription_id: uuid.UUID,
        session: AsyncSession,
        actor: Actor,
        limit: Limit = 50,
        cursor: str | None = None,
    ) -> Response[Page[AttemptOut]]:
        items, next_cursor = await webhook_service.list_attempts(
            session, actor, subscription_id, limit=limit, cursor=cursor
        )
        return paged(
            request, [shaped(webhook_service.attempt_snapshot(a, d), AttemptOut) for a, d in items], next_cursor
        )


class RedeliveryController(Controller):
    path = "/v1/events"
    tags = ["webhooks"]

    @post(
        "/{event_id:uuid}/redeliver",
        summary="Queue one event again for one of the caller's subscriptions",
        opt=MANAGE,
        status_code=202,
    )
    async def redeliver(
        self, event_id: uuid.UUID, data: Redelivery, session: AsyncSession, actor: Actor, now: datetime
    ) -> RedeliveryOut:
        delivery = await webhook_service.redeliver(session, actor, event_id, data.subscription_id, now=now)
        return RedeliveryOut(
            delivery_id=str(delivery.id),
            event_id=str(event_id),
            subscription_id=str(data.subscription_id),
            status=delivery.status,
        )
