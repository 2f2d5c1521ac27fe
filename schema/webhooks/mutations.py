"""One mutation per REST write on `/v1/webhooks` (and `POST /v1/events/{id}/redeliver`).

Each calls one use case of `services.webhooks.subscriptions` inside `in_transaction` (commit on success, roll back and
answer a typed error otherwise). `testWebhookSubscription` runs two: like the REST controller it commits the test
event (`services.webhooks.trial_delivery.start_test_delivery`), sends it outside any transaction and commits the
outcome (`record_test_delivery`) — the caller asked for the HTTP call and waits for its result.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from schema.context import actor_of
from schema.errors import MutationError
from schema.permissions import requires_scope
from schema.rows import served_as
from schema.transactions import in_transaction
from schema.webhooks.types import WebhookDelivery, WebhookSubscription
from services.errors import InvalidInput
from services.webhooks import subscriptions as webhook_service
from services.webhooks import trial_delivery
from services.webhooks.policy import DeliveryPolicy
from services.webhooks.ssrf import Network

MANAGE = [requires_scope(Scope.WEBHOOKS_MANAGE)]
EVENT_TYPES = 'Event types such as `agreement.activated`, or `["*"]` for every type.'
EXPECTED_VERSION = "The subscription's `version` as last read; the change is refused if it moved on since."


@strawberry.input
class CreateWebhookSubscriptionInput:
    url: str = strawberry.field(description="Where to POST deliveries (https in production).")
    event_types: list[str] = strawberry.field(default_factory=lambda: ["*"], description=EVENT_TYPES)
    description: str | None = None


@strawberry.input(description="Only the fields given change.")
class UpdateWebhookSubscriptionInput:
    url: str | None = strawberry.UNSET
    event_types: list[str] | None = strawberry.field(default=strawberry.UNSET, description=EVENT_TYPES)
    description: str | None = strawberry.UNSET


@strawberry.type
class CreateWebhookSubscriptionPayload:
    subscription: WebhookSubscription
    secret: str = strawberry.field(description="The signing secret (`whsec_…`). Shown this once; keep it.")


@strawberry.type
class UpdateWebhookSubscriptionPayload:
    subscription: WebhookSubscription


@strawberry.type
class DeleteWebhookSubscriptionPayload:
    deleted_id: uuid.UUID = strawberry.field(description="The subscription that no longer exists.")


@strawberry.type
class PauseWebhookSubscriptionPayload:
    subscription: WebhookSubscription


@strawberry.type
class ResumeWebhookSubscriptionPayload:
    subscription: WebhookSubscription


@strawberry.type
class RotateWebhookSecretPayload:
    subscription: WebhookSubscription
    secret: str = strawberry.field(
        description="The new signing secret, shown this once. The previous one also signs deliveries for 24 hours."
    )


@strawberry.type(description="What happened to the `webhook.test` delivery sent just now.")
class TestWebhookSubscriptionPayload:
    event_id: uuid.UUID
    delivery_id: uuid.UUID
    succeeded: bool = strawberry.field(description="The receiver answered 2xx.")
    status_code: int | None
    error: str | None
    latency_ms: int


@strawberry.type(description="The missed events queued again for the subscription, in order.")
class RecoverWebhookDeliveriesPayload:
    subscription: WebhookSubscription
    queued: int = strawberry.field(description="How many events were queued.")


@strawberry.type
class RedeliverEventPayload:
    delivery: WebhookDelivery


CreateWebhookSubscriptionResult = Annotated[
    CreateWebhookSubscriptionPayload | MutationError, strawberry.union("CreateWebhookSubscriptionResult")
]
UpdateWebhookSubscriptionResult = Annotated[
    UpdateWebhookSubscriptionPayload | MutationError, strawberry.union("UpdateWebhookSubscriptionResult")
]
DeleteWebhookSubscriptionResult = Annotated[
    DeleteWebhookSubscriptionPayload | MutationError, strawberry.union("DeleteWebhookSubscriptionResult")
]
PauseWebhookSubscriptionResult = Annotated[
    PauseWebhookSubscriptionPayload | MutationError, strawberry.union("PauseWebhookSubscriptionResult")
]
ResumeWebhookSubscriptionResult = Annotated[
    ResumeWebhookSubscriptionPayload | MutationError, strawberry.union("ResumeWebhookSubscriptionResult")
]
RotateWebhookSecretResult = Annotated[
    RotateWebhookSecretPayload | MutationError, strawberry.union("RotateWebhookSecretResult")
]
TestWebhookSubscriptionResult = Annotated[
    TestWebhookSubscriptionPayload | MutationError, strawberry.union("TestWebhookSubscriptionResult")
]
RecoverWebhookDeliveriesResult = Annotated[
    RecoverWebhookDeliveriesPayload | MutationError, strawberry.union("RecoverWebhookDeliveriesResult")
]
RedeliverEventResult = Annotated[RedeliverEventPayload | MutationError, strawberry.union("RedeliverEventResult")]


def _policy(info: strawberry.Info) -> DeliveryPolicy:
    return info.context.request.app.state.delivery_policy


def _allowed_networks(info: strawberry.Info) -> list[Network]:
    """The operator's allow-list for otherwise refused destinations (tests, local development)."""
    return _policy(info).allow_networks


def _update(input: UpdateWebhookSubscriptionInput) -> webhook_service.SubscriptionUpdate:
    """strawberry.UNSET (left out) → msgspec.UNSET (unchanged); only `description` may be cleared with null."""
    changes: dict[str, Any] = {}
    for field in ("url", "event_types", "description"):
        value = getattr(input, field)
        if value is strawberry.UNSET:
            continue
        if value is None and field != "description":
            raise InvalidInput(f"{field} cannot be null; leave it out to keep it unchanged", field=field)
        changes[field] = value
    return webhook_service.SubscriptionUpdate(**changes)


async def _set_status(info: strawberry.Info, id: uuid.UUID, action: str, payload: type) -> Any:
    async def use_case(session: AsyncSession) -> Any:
        return payload(
            subscription=await webhook_service.set_subscription_status(
                session, actor_of(info), id, action, now=info.context.now
            )
        )

    return await in_transaction(info, use_case)


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="Subscribe a URL to events; the signing secret is in the payload, once.", extensions=MANAGE
    )
    async def create_webhook_subscription(
        self, info: strawberry.Info, input: CreateWebhookSubscriptionInput
    ) -> CreateWebhookSubscriptionResult:
        async def use_case(session: AsyncSession) -> CreateWebhookSubscriptionPayload:
            data = webhook_service.SubscriptionCreate(
                url=input.url, event_types=list(input.event_types), description=input.description
            )
            subscription, secret = await webhook_service.create_subscription(
                session,
                actor_of(info),
                data,
                now=info.context.now,
                allow=_allowed_networks(info),
                keyring=_policy(info).keyring,
            )
            return CreateWebhookSubscriptionPayload(
                subscription=served_as(subscription, WebhookSubscription), secret=secret
            )

        return await in_transaction(info, use_case)

    @strawberry.mutation(description="Change the URL, event types or description.", extensions=MANAGE)
    async def update_webhook_subscription(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        input: UpdateWebhookSubscriptionInput,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED_VERSION)] = None,
    ) -> UpdateWebhookSubscriptionResult:
        async def use_case(session: AsyncSession) -> UpdateWebhookSubscriptionPayload:
            subscription = await webhook_service.update_subscription(
                session,
                actor_of(info),
                id,
                _update(input),
                expected_version=expected_version,
                now=info.context.now,
                allow=_allowed_networks(info),
            )
            return UpdateWebhookSubscriptionPayload(subscription=served_as(subscription, WebhookSubscription))

        return await in_transaction(info, use_case)

    @strawberry.mutation(description="Delete a subscription and its pending deliveries.", extensions=MANAGE)
    async def delete_webhook_subscription(
        self, info: strawberry.Info, id: uuid.UUID
    ) -> DeleteWebhookSubscriptionResult:
        async def use_case(session: AsyncSession) -> DeleteWebhookSubscriptionPayload:
            await webhook_service.delete_subscription(session, actor_of(info), id)
            return DeleteWebhookSubscriptionPayload(deleted_id=id)

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Pause deliveries; they wait until the subscription is resumed.", extensions=MANAGE
    )
    async def pause_webhook_subscription(self, info: strawberry.Info, id: uuid.UUID) -> PauseWebhookSubscriptionResult:
        return await _set_status(info, id, "pause", PauseWebhookSubscriptionPayload)

    @strawberry.mutation(
        description="Resume a paused or disabled subscription (its failures are forgotten).", extensions=MANAGE
    )
    async def resume_webhook_subscription(
        self, info: strawberry.Info, id: uuid.UUID
    ) -> ResumeWebhookSubscriptionResult:
        return await _set_status(info, id, "resume", ResumeWebhookSubscriptionPayload)

    @strawberry.mutation(
        description="A new signing secret; older ones also sign until their grace (24 hours by default) ends.",
        extensions=MANAGE,
    )
    async def rotate_webhook_secret(self, info: strawberry.Info, id: uuid.UUID) -> RotateWebhookSecretResult:
        async def use_case(session: AsyncSession) -> RotateWebhookSecretPayload:
            policy = _policy(info)
            subscription, secret = await webhook_service.rotate_secret(
                session, actor_of(info), id, now=info.context.now, grace=policy.secret_grace, keyring=policy.keyring
            )
            return RotateWebhookSecretPayload(subscription=served_as(subscription, WebhookSubscription), secret=secret)

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Send a `webhook.test` event to this subscription now and report the receiver's "
        "answer. The attempt is recorded like any other.",
        extensions=MANAGE,
    )
    async def test_webhook_subscription(self, info: strawberry.Info, id: uuid.UUID) -> TestWebhookSubscriptionResult:
        # As `api.controllers.webhooks.WebhookController.test`: the event committed before the call, the outcome
        # after it, each in its own transaction; none is open during the call.
        state = info.context.request.app.state
        sender = state.webhook_sender

        async def start(session: AsyncSession) -> trial_delivery.TestSend:
            return await trial_delivery.start_test_delivery(
                session, actor_of(info), id, policy=sender.policy, now=state.clock()
            )

        sent = await in_transaction(info, start)
        if not isinstance(sent, trial_delivery.TestSend):
            return sent
        outcome = await sender.send(sent.url, sent.headers, sent.body)

        async def record(session: AsyncSession) -> None:
            await trial_delivery.record_test_delivery(session, sent, outcome, now=state.clock())

        recorded = await in_transaction(info, record)
        if recorded is not None:
            return recorded
        return TestWebhookSubscriptionPayload(
            event_id=sent.event_id,
            delivery_id=sent.delivery_id,
            succeeded=outcome.succeeded,
            status_code=outcome.status_code,
            error=outcome.error,
            latency_ms=outcome.latency_ms,
        )

    @strawberry.mutation(
        description="Queue again, in order, every event since `since` that the subscription "
        "missed: written while it was disabled, or failed for good (Svix's recover).",
        extensions=MANAGE,
    )
    async def recover_webhook_deliveries(
        self, info: strawberry.Info, id: uuid.UUID, since: datetime
    ) -> RecoverWebhookDeliveriesResult:
        async def use_case(session: AsyncSession) -> RecoverWebhookDeliveriesPayload:
            actor = actor_of(info)
            queued = await webhook_service.recover(session, actor, id, since=since, now=info.context.now)
            subscription = await webhook_service.get_subscription(session, actor, id)
            return RecoverWebhookDeliveriesPayload(
                subscription=served_as(subscription, WebhookSubscription), queued=queued
            )

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Queue one event again for one of the caller's subscriptions (same "
        "`webhook-id` as before, so receivers can deduplicate).",
        extensions=MANAGE,
    )
    async def redeliver_event(
        self, info: strawberry.Info, event_id: uuid.UUID, subscription_id: uuid.UUID
    ) -> RedeliverEventResult:
        async def use_case(session: AsyncSession) -> RedeliverEventPayload:
            delivery = await webhook_service.redeliver(
                session, actor_of(info), event_id, subscription_id, now=info.context.now
            )
            return RedeliverEventPayload(delivery=served_as(delivery, WebhookDelivery))

        return await in_transaction(info, use_case)
