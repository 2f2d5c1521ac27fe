"""api/hot_reads.py answers `GET /v1/me` and `GET /v1/sla/applicable` itself: byte for byte what Litestar answers,
for every caller, in success and in failure, counted once against the rate limit."""

from __future__ import annotations

import re

import httpx
import pytest

from api.app import create_app
from tests.api.test_tickets import live  # noqa: F401 - the fixture: an active agreement, customer zendesk:org-globex

GLOBEX = {"customer": "zendesk:org-globex", "opened_at": "2026-12-24T15:00:00Z"}


async def both(client, app, path: str, params: dict | None, headers: dict) -> tuple:
    """The answer of the hot path and Litestar's to the same request (same request id), and whether the hot path
    answered it itself."""
    hot = app.state.hot_reads
    answers = []
    for enabled in (True, False):
        hot.enabled = enabled
        before = hot.answered
        response = await client.get(path, params=params, headers={**headers, "X-Request-Id": "same-request"})
        answers.append((response.status_code, list(response.headers.items()), response.content, hot.answered - before))
    hot.enabled = True
    (status, headers_hot, body_hot, answered), (status_l, headers_l, body_l, answered_l) = answers
    assert answered_l == 0
    # Each request is counted, so the second leaves one fewer: the same header otherwise.
    assert (status, _counted(headers_hot), body_hot) == (status_l, _counted(headers_l), body_l)
    return status, body_hot, answered == 1


def _counted(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, re.sub(r";r=\d+;t=\d+", ";r=…;t=…", v) if k == "ratelimit" else v) for k, v in headers]


async def test_me_is_answered_by_the_hot_path_as_litestar_answers_it(client, app, deal):
    for name in ("provider", "customer", "third", "outsider", "operator"):
        status, body, hot = await both(client, app, "/v1/me", None, deal.h[name])
        assert status == 200 and hot, (name, body)
    # What is not the plain case still answers the same, through Litestar.
    for headers, expected in (
        ({}, 401),  # no token
        ({"Authorization": "Bearer not-a-jwt"}, 401),
        ({"Authorization": "Basic abc"}, 401),
        ({**deal.h["provider"], "Origin": "https://portal.example"}, 200),
    ):
        status, _, _ = await both(client, app, "/v1/me", None, headers)
        assert status == expected
    status, _, hot = await both(client, app, "/v1/me", {"x": "1"}, deal.h["provider"])
    assert status == 200 and not hot


@pytest.mark.parametrize(
    "params",
    [
        {**GLOBEX, "priority": "P2"},
        {**GLOBEX, "priority": "P1", "service": "email", "channel": "phone"},  # a ticket attribute
        {"customer": "zendesk:org-globex", "priority": "P3"},  # opened now (the injected clock)
        {**GLOBEX, "priority": "P9"},  # no target matches: an answer with the reason
        {**GLOBEX, "customer": "zendesk:org-nobody", "priority": "P2"},  # unknown: 404
        {**GLOBEX, "priority": "P2", "opened_at": "2026-12-24"},  # not an instant: 422
        {**GLOBEX, "priority": "P2", "agreement": "not-a-uuid"},  # Litestar's own 400
        {"priority": "P2"},  # no customer: Litestar's own 400
    ],
)
async def test_the_lookup_is_answered_as_litestar_answers_it(client, app, live, params):  # noqa: F811
    for name in ("provider", "customer", "third", "outsider", "operator"):
        await both(client, app, "/v1/sla/applicable", params, live.h[name])


async def test_the_plain_lookup_and_its_refusals_are_answered_by_the_hot_path(client, app, live):  # noqa: F811
    status, body, hot = await both(client, app, "/v1/sla/applicable", {**GLOBEX, "priority": "P2"}, live.h["provider"])
    assert status == 200 and hot and b"p2-first-response" in body
    # Not yours answers exactly like unknown, from the hot path too.
    mine = await both(client, app, "/v1/sla/applicable", {**GLOBEX, "priority": "P2"}, live.h["outsider"])
    unknown = await both(
        client, app, "/v1/sla/applicable", {**GLOBEX, "customer": "zendesk:org-x", "priority": "P2"}, live.h["outsider"]
    )
    assert mine[0] == unknown[0] == 404 and mine[2] and unknown[2]


async def test_a_token_without_the_scope_gets_litestars_403(client, app, deal, world):
    headers = await world.headers(deal.provider, scopes=["tickets:write"])
    status, body, hot = await both(client, app, "/v1/sla/applicable", {**GLOBEX, "priority": "P2"}, headers)
    assert status == 403 and b"insufficient_scope" in body and not hot, body
    status, _, hot = await both(client, app, "/v1/me", None, headers)  # /v1/me needs no scope
    assert status == 200 and hot


async def test_a_request_is_counted_once_against_the_rate_limit(settings, engine, sessionmaker, clock, deal):
    limited = create_app(
        settings.model_copy(update={"rate_limit": "3/minute"}), engine=engine, sessionmaker=sessionmaker, clock=clock
    )
    async with (
        limited.lifespan(),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=limited), base_url="http://test") as client,
    ):
        headers = deal.h["provider"]
        unknown = await client.get(
            "/v1/sla/applicable", params={"customer": "zendesk:org-x", "priority": "P2"}, headers=headers
        )
        assert unknown.status_code == 404
        assert unknown.headers["ratelimit"].startswith('"caller";r=2;')
        first = await client.get("/v1/me", headers=headers)
        assert first.status_code == 200 and first.headers["ratelimit"].startswith('"caller";r=1;')
        second = await client.get("/v1/me", headers=headers)
        assert second.status_code == 200 and second.headers["ratelimit"].startswith('"caller";r=0;')
        refused = await client.get("/v1/me", headers=headers)
        assert refused.status_code == 429 and refused.headers["retry-after"]
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert limited.state.hot_reads.answered == 3  # the refusal is Litestar's
