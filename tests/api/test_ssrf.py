"""Webhook URLs naming internal addresses, in any spelling, are refused at `POST` and `PATCH /v1/webhooks`."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem
from tests.services.webhooks.test_ssrf import REFUSED_URLS


@pytest.mark.parametrize("url", REFUSED_URLS)
async def test_create_refuses_internal_destinations(url, client, deal):
    r = await client.post("/v1/webhooks", json={"url": url}, headers=deal.h["provider"])
    assert_problem(r, 422, "invalid_input", field="url")
    assert (await client.get("/v1/webhooks", headers=deal.h["provider"])).json()["items"] == []


@pytest.mark.parametrize("url", REFUSED_URLS)
async def test_update_refuses_internal_destinations(url, client, deal):
    h = deal.h["provider"]
    created = await client.post("/v1/webhooks", json={"url": "https://hooks.example.invalid/h"}, headers=h)
    assert created.status_code == 201, created.text
    sub_id = created.json()["id"]
    r = await client.patch(f"/v1/webhooks/{sub_id}", json={"url": url}, headers={**h, "If-Match": '"1"'})
    assert_problem(r, 422, "invalid_input", field="url")
    assert (await client.get(f"/v1/webhooks/{sub_id}", headers=h)).json()["url"] == "https://hooks.example.invalid/h"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9000/hook", "http://localhost:9000/hook", "http://10.0.0.5/h"])
async def test_the_refusal_names_the_setting_that_allows_a_local_receiver(url, client, deal):
    r = await client.post("/v1/webhooks", json={"url": url}, headers=deal.h["provider"])
    body = assert_problem(r, 422, "invalid_input", field="url")
    assert "SLA_WEBHOOK_ALLOW_NETWORKS" in body["detail"]
