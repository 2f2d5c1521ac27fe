"""Webhook subscriptions and their deliveries.

These types resolve straight off the ORM rows `services.webhooks.subscriptions` returns
(`db.models.WebhookSubscription`, …).
The signing secret is never a field of a subscription: only the payloads of `createWebhookSubscription` and
`rotateWebhookSecret` carry it, once.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from db import models, values
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, attempt_cursor, connection
from schema.scalars import JSON
from services.errors import DomainError
from services.webhooks import subscriptions as webhook_service

# strawberry.enum marks each value set itself as a GraphQL enum; fields are annotated with the class.
WebhookSubscriptionStatus = values.WebhookSubscriptionStatus
strawberry.enum(WebhookSubscriptionStatus)


WebhookDeliveryStatus = values.WebhookDeliveryStatus
strawberry.enum(WebhookDeliveryStatus)


@strawberry.type(description="One event queued for one subscription; retried until it succeeds or gives up.")
class WebhookDelivery:
    id: uuid.UUID
    event_id: uuid.UUID
    subscription_id: uuid.UUID
    status: WebhookDeliveryStatus
    attempt_count: int
    next_attempt_at: datetime = strawberry.field(description="When a pending delivery is sent (again).")


@strawberry.type(description="One HTTP attempt to deliver one event, as recorded.")
class WebhookDeliveryAttempt:
    id: uuid.UUID
    attempt: int = strawberry.field(description="1 for the first try of this delivery, 2 for the first retry, …")
    started_at: datetime = strawberry.field(description="When the attempt was made.")
    status_code: int | None = strawberry.field(description="The receiver's HTTP status; null if none came back.")
    error: str | None = strawberry.field(description="Why no status came back: timeout, refused address, reset, …")
    latency_ms: int
    succeeded: bool = strawberry.field(description="The receiver answered 2xx.")
    delivery_id: uuid.UUID
    event_id: uuid.UUID
    delivery_status: WebhookDeliveryStatus = strawberry.field(description="Where the delivery stands now.")
    response_headers: JSON | None = strawberry.field(
        description="The receiver's response headers (lower-case names); null if no response came back."
    )
    response_body: str | None = strawberry.field(
        description="The first bytes of the receiver's response body (16 KiB by default)."
    )

    @classmethod
    def of(cls, attempt: models.WebhookAttempt, delivery: models.WebhookDelivery) -> WebhookDeliveryAttempt:
        return cls(
            id=attempt.id,
            attempt=attempt.attempt_number,
            started_at=attempt.started_at,
            status_code=attempt.status_code,
            error=attempt.error,
            latency_ms=attempt.latency_ms,
            succeeded=webhook_service.attempt_snapshot(attempt, delivery)["succeeded"],
            delivery_id=delivery.id,
            event_id=delivery.event_id,
            delivery_status=WebhookDeliveryStatus(delivery.status),
            response_headers=JSON(attempt.response_headers) if attempt.response_headers is not None else None,
            response_body=attempt.response_body,
        )


@strawberry.type(description="A URL of the caller's party subscribed to events, signed per Standard Webhooks.")
class WebhookSubscription:
    id: uuid.UUID
    party_id: uuid.UUID
    url: str
    event_types: list[str] = strawberry.field(description='Event types delivered, or `["*"]` for all.')
    description: str | None
    status: WebhookSubscriptionStatus
    disabled_reason: str | None
    failing_since: datetime | None = strawberry.field(description="Set while every delivery keeps failing.")
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="Increases with every change (REST's ETag); pass it as `expectedVersion`.")
    @staticmethod
    def version(subscription: strawberry.Parent[models.WebhookSubscription]) -> int:
        return subscription.row_version

    @strawberry.field(description="Every delivery attempt, newest first. One query per subscription: ask it of one.")
    @staticmethod
    async def deliveries(
        subscription: strawberry.Parent[models.WebhookSubscription],
        info: strawberry.Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[WebhookDeliveryAttempt]:
        try:
            async with info.context.sessions.session() as session:
                rows, next_cursor = await webhook_service.list_attempts(
                    session, actor_of(info), subscription.id, limit=first, cursor=after
                )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return connection(
            rows, next_cursor, lambda row: attempt_cursor(row[0]), node_of=lambda row: WebhookDeliveryAttempt.of(*row)
        )
