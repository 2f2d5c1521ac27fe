"""`webhookSubscriptions` and `webhookSubscription(id)` — the GraphQL side of `GET /v1/webhooks`."""

from __future__ import annotations

import uuid

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.permissions import requires_scope
from schema.rows import served_as
from schema.webhooks.types import WebhookSubscription
from services.errors import NotFound
from services.webhooks import subscriptions as webhook_service

MANAGE = [requires_scope(Scope.WEBHOOKS_MANAGE)]


@strawberry.type
class WebhookQueries:
    @strawberry.field(description="The caller's party's webhook subscriptions, oldest first.", extensions=MANAGE)
    async def webhook_subscriptions(self, info: strawberry.Info) -> list[WebhookSubscription]:
        async with info.context.sessions.session() as session:
            rows = await webhook_service.list_subscriptions(session, actor_of(info))
        return [served_as(row, WebhookSubscription) for row in rows]

    @strawberry.field(
        description="One of the caller's party's subscriptions; null if there is none with this id "
        "or it is another party's (the two are indistinguishable).",
        extensions=MANAGE,
    )
    async def webhook_subscription(self, info: strawberry.Info, id: uuid.UUID) -> WebhookSubscription | None:
        try:
            async with info.context.sessions.session() as session:
                row = await webhook_service.get_subscription(session, actor_of(info), id)
        except NotFound:
            return None
        return served_as(row, WebhookSubscription)
