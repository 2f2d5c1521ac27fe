"""Webhook URLs naming internal addresses, in any spelling, are refused by the create and update mutations."""

from __future__ import annotations

import pytest

from tests.schema.conftest import GraphQL, mutate
from tests.schema.test_webhooks import ONE, UPDATED, subscribe
from tests.services.webhooks.test_ssrf import REFUSED_URLS


@pytest.mark.parametrize("url", REFUSED_URLS)
async def test_create_refuses_internal_destinations(url, gql: GraphQL, deal):
    failed = await subscribe(gql, deal.h["provider"], url=url)
    assert failed["__typename"] == "ValidationError" and failed["field"] == "url", failed


@pytest.mark.parametrize("url", REFUSED_URLS)
async def test_update_refuses_internal_destinations(url, gql: GraphQL, deal):
    h = deal.h["provider"]
    sub = (await subscribe(gql, h, url="https://hooks.example.invalid/h"))["subscription"]
    failed = await mutate(
        gql,
        "updateWebhookSubscription",
        UPDATED,
        h,
        "$id: UUID!, $input: UpdateWebhookSubscriptionInput!",
        "id: $id, input: $input",
        id=sub["id"],
        input={"url": url},
    )
    assert failed["__typename"] == "ValidationError" and failed["field"] == "url", failed
    assert (await gql(ONE, h, id=sub["id"]))["webhookSubscription"]["url"] == "https://hooks.example.invalid/h"
