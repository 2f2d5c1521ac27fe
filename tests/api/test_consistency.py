"""One contract across the REST collections: every list is a `{items, next_cursor}` page with `limit`/`cursor` and a
`Link: rel="next"` header; the event catalogue gives each event type's webhook body schema."""

from __future__ import annotations

import json

import httpx
import jsonschema
import pytest
from sqlalchemy import select

from api.app import create_app
from db.models import Event
from services.webhooks.subscriptions import WEBHOOK_EVENT_TYPES, render_body
from tests.api.conftest import assert_problem
from tests.flows import Deal, activate


async def _walk(client, path: str, headers: dict[str, str], limit: int) -> list[dict]:
    """Every item of a collection, page by page, following the `Link` header; checks each page's shape."""
    items: list[dict] = []
    url: str | None = f"{path}?limit={limit}"
    while url is not None:
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        assert set(page) == {"items", "next_cursor"}, page
        assert len(page["items"]) <= limit
        items += page["items"]
        if page["next_cursor"] is None:
            assert "link" not in response.headers
            url = None
        else:
            link = response.headers["link"]
            assert link.endswith('>; rel="next"') and f"cursor={page['next_cursor']}" in link, link
            url = link[1 : link.index(">")]
            assert f"limit={limit}" in url  # the other parameters are kept
    return items


async def test_the_formerly_bare_lists_are_pages_that_paginate(client, deal: Deal):
    await activate(client, deal)
    a = f"/v1/agreements/{deal.agreement_id}"
    # A second version, three incidents, two subscriptions and two API clients: more than one page of each.
    amended = await client.post(
        f"{a}/versions", json={"summary": "v2", "clauses": [], "remove": ["escalation"]}, headers=deal.h["provider"]
    )
    assert amended.status_code == 201, amended.text
    for day in (1, 2, 3):
        incident = {
            "kind": "outage",
            "started_at": f"2026-11-0{day}T09:00:00Z",
            "ended_at": f"2026-11-0{day}T09:30:00Z",
        }
        response = await client.post(f"{a}/incidents", json=incident, headers=deal.h["provider"])
        assert response.status_code == 201, response.text
    for n in (1, 2):
        response = await client.post(
            "/v1/webhooks", json={"url": f"https://hooks{n}.example.com/sla"}, headers=deal.h["provider"]
        )
        assert response.status_code == 201, response.text
        response = await client.post(
            f"/v1/parties/{deal.provider.id}/clients",
            json={"name": f"client {n}", "scopes": ["agreements:read"]},
            headers=deal.h["operator"],
        )
        assert response.status_code == 201, response.text

    versions = await _walk(client, f"{a}/versions", deal.h["customer"], 1)
    assert [v["number"] for v in versions] == [1, 2]
    incidents = await _walk(client, f"{a}/incidents", deal.h["provider"], 2)
    assert sorted(i["started_at"][:10] for i in incidents) == ["2026-11-01", "2026-11-02", "2026-11-03"]
    assert len({i["id"] for i in incidents}) == 3
    subscriptions = await _walk(client, "/v1/webhooks", deal.h["provider"], 1)
    assert sorted(s["url"] for s in subscriptions) == [
        "https://hooks1.example.com/sla",
        "https://hooks2.example.com/sla",
    ]
    clients = await _walk(client, f"/v1/parties/{deal.provider.id}/clients", deal.h["operator"], 1)
    assert sorted(c["name"] for c in clients) == ["client 1", "client 2"]
    # The keyset-paginated lists answer the same header.
    assert len(await _walk(client, f"{a}/history", deal.h["provider"], 2)) >= 3


@pytest.mark.parametrize(
    "path",
    ["/v1/webhooks", "/v1/agreements/{id}/versions", "/v1/agreements/{id}/incidents", "/v1/parties/{party}/clients"],
)
@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 101}, {"cursor": "not-a-cursor"}])
async def test_the_new_pages_refuse_a_bad_limit_or_cursor_alike(client, deal: Deal, path, query):
    url = path.replace("{id}", deal.agreement_id).replace("{party}", str(deal.provider.id))
    headers = deal.h["operator"] if "{party}" in path else deal.h["provider"]
    response = await client.get(url, params=query, headers=headers)
    assert_problem(response, 422, "invalid_input", field=next(iter(query)))


async def test_every_event_type_is_catalogued_with_a_schema_its_deliveries_satisfy(client, deal: Deal, session):
    listed = await _walk(client, "/v1/event-types", deal.h["third"], 100)
    assert [t["type"] for t in listed] == list(WEBHOOK_EVENT_TYPES)
    by_type = {t["type"]: t for t in listed}
    for entry in listed:
        jsonschema.Draft202012Validator.check_schema(entry["schema"])
        assert entry["description"]
    # Real deliveries of the agreement's events validate against their type's schema (and not another type's).
    await activate(client, deal)
    events = list(await session.scalars(select(Event).where(Event.agreement_id == deal.agreement_id)))
    assert {"agreement.created", "agreement.version_proposed", "agreement.activated"} <= {e.type for e in events}
    for event in events:
        body = json.loads(render_body(event, "customer", deal.customer.id))
        jsonschema.validate(body, by_type[event.type]["schema"], cls=jsonschema.Draft202012Validator)
        other = "party.created" if event.type != "party.created" else "review.due"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(body, by_type[other]["schema"], cls=jsonschema.Draft202012Validator)


async def test_the_event_catalogue_needs_a_token(client):
    assert_problem(await client.get("/v1/event-types"), 401)


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/v1/agreements", "GET, OPTIONS, POST"),
        ("/v1/agreements/{id}", "GET, OPTIONS, PATCH"),
        ("/v1/webhooks/{id}", "DELETE, GET, OPTIONS, PATCH"),
        ("/v1/parties/{party}/clients", "GET, OPTIONS, POST"),
        ("/graphql", "GET, OPTIONS, POST"),
    ],
)
async def test_options_answers_every_method_of_the_path(client, deal: Deal, path, allow):
    url = path.replace("{id}", deal.agreement_id).replace("{party}", str(deal.provider.id))
    response = await client.options(url)
    assert response.status_code == 204 and response.headers["allow"] == allow


async def test_a_method_the_path_lacks_is_405_naming_the_ones_it_has(client, deal: Deal):
    response = await client.delete("/v1/agreements", headers=deal.h["provider"])
    assert_problem(response, 405, "method_not_allowed")
    assert sorted(m.strip() for m in response.headers["allow"].split(",")) == ["GET", "OPTIONS", "POST"]


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/v1/agreements", {"limit": "many"}, "limit"),
        ("/v1/agreements", {"limit": 0}, "limit"),
        ("/v1/agreements", {"cursor": "bogus"}, "cursor"),
        ("/v1/agreements", {"status": "pending"}, "status"),
        ("/v1/events", {"limit": "ten"}, "limit"),
        ("/v1/disputes", {"role": "judge"}, "role"),
    ],
)
async def test_every_bad_query_parameter_is_one_status_and_code(client, deal: Deal, url, params, field):
    body = assert_problem(await client.get(url, params=params, headers=deal.h["provider"]), 422, "invalid_input")
    assert [e["field"] for e in body["errors"]] == [field], body


async def test_cors_answers_the_configured_origins_only(client, settings, engine, sessionmaker, clock, deal: Deal):
    portal = "https://portal.example.com"
    app = create_app(
        settings.model_copy(update={"cors_origins": f"{portal}, https://other.example.com"}),
        engine=engine,
        sessionmaker=sessionmaker,
        clock=clock,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as browser:
        preflight = await browser.options(
            "/v1/agreements",
            headers={
                "Origin": portal,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
            },
        )
        assert preflight.status_code == 204, preflight.text
        assert preflight.headers["access-control-allow-origin"] == portal
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "idempotency-key" in preflight.headers["access-control-allow-headers"].lower()
        listed = await browser.get("/v1/agreements", headers={**deal.h["provider"], "Origin": portal})
        assert listed.status_code == 200 and listed.headers["access-control-allow-origin"] == portal
        assert "etag" in listed.headers["access-control-expose-headers"].lower()
        stranger = await browser.get("/v1/agreements", headers={**deal.h["provider"], "Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in stranger.headers
    # Not configured (the default): no CORS headers at all.
    response = await client.get("/v1/agreements", headers={**deal.h["provider"], "Origin": portal})
    assert "access-control-allow-origin" not in response.headers
