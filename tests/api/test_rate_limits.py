"""Rate limits: 429 with Retry-After and the IETF RateLimit headers on a burst, per caller and per IP at the token
endpoint; failed client authentications answer 429 after the limit; Redis shares the counts between instances."""

from __future__ import annotations

import socket
import uuid

import httpx
import pytest
from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from api.app import create_app
from api.rate_limits import InProcessMovingWindow
from api.settings import Settings
from services.auth.clients import create_api_client
from tests.api.conftest import assert_problem

LIMITS = {"rate_limit": "3/minute", "token_rate_limit": "4/minute", "token_failure_limit": "2/minute"}


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(environment="test", database_url=database_url, **LIMITS)


async def test_a_burst_gets_429_with_retry_after_and_ratelimit_headers(client, world):
    acme = await world.party("Acme")
    headers = await world.headers(acme)
    remaining = []
    for _ in range(3):
        r = await client.get("/v1/me", headers=headers)
        assert r.status_code == 200
        assert r.headers["ratelimit-policy"] == '"caller";q=3;w=60'
        remaining.append(r.headers["ratelimit"].split(";")[1])
    assert remaining == ["r=2", "r=1", "r=0"]
    r = await client.get("/v1/me", headers=headers)
    assert_problem(r, 429, "rate_limited")
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert r.headers["ratelimit"].startswith('"caller";r=0;t=')
    # Another caller has its own budget.
    assert (await client.get("/v1/me", headers=await world.headers(await world.party("Globex")))).status_code == 200


async def test_a_burst_on_graphql_gets_a_graphql_429_with_the_headers(client, world):
    acme = await world.party("Acme")
    headers = {**await world.headers(acme), "Accept": "application/graphql-response+json"}
    query = {"query": "{ me { operator scopes } }"}
    for _ in range(3):
        r = await client.post("/graphql", json=query, headers=headers)
        assert r.status_code == 200, r.text
    r = await client.post("/graphql", json=query, headers=headers)
    assert r.status_code == 429
    assert r.headers["content-type"].startswith("application/graphql-response+json")
    body = r.json()
    assert "data" not in body
    assert [e["extensions"]["code"] for e in body["errors"]] == ["rate_limited"]
    assert "rate limit" in body["errors"][0]["message"]
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert r.headers["ratelimit"].startswith('"caller";r=0;t=')
    assert r.headers["ratelimit-policy"] == '"caller";q=3;w=60'


async def _client_secret(world, party) -> tuple[str, str]:
    client, secret = await create_api_client(
        world.session, party_id=party.id, name="ci", scopes=None, now=world.clock()
    )
    await world.session.commit()
    return client.client_id, secret


def _token(client_id: str, secret: str) -> dict:
    return {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}


async def test_failed_authentications_for_one_client_id_answer_429(client, world):
    acme = await world.party("Acme")
    client_id, secret = await _client_secret(world, acme)
    for _ in range(2):
        assert (await client.post("/oauth/token", data=_token(client_id, "wrong"))).status_code == 401
    r = await client.post("/oauth/token", data=_token(client_id, secret))  # even the right secret, for now
    assert_problem(r, 429, "rate_limited")
    assert int(r.headers["retry-after"]) >= 1


async def test_the_token_endpoint_is_limited_per_ip(client, world):
    acme = await world.party("Acme")
    client_id, secret = await _client_secret(world, acme)
    for _ in range(4):
        r = await client.post("/oauth/token", data=_token(client_id, secret))
        assert r.status_code == 200, r.text
        assert r.headers["ratelimit-policy"] == '"token-ip";q=4;w=60'
    r = await client.post("/oauth/token", data=_token(client_id, secret))
    assert_problem(r, 429, "rate_limited")
    assert "retry-after" in r.headers


def test_a_malformed_limit_is_refused(database_url):
    with pytest.raises(ValueError, match="not a rate limit"):
        Settings(environment="test", database_url=database_url, rate_limit="lots")
    assert Settings(environment="test", database_url=database_url, rate_limit="off").rate_limit == "off"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis answers on 127.0.0.1:6379")
async def test_two_instances_share_the_limit_through_redis(settings, engine, sessionmaker, clock, world):
    shared = settings.model_copy(update={"redis_url": "redis://127.0.0.1:6379/0"})
    acme = await world.party(f"Acme {uuid.uuid4().hex[:6]}")  # a fresh caller: Redis outlives test runs
    headers = await world.headers(acme)
    answers = []
    for _ in range(2):
        first, second = (create_app(shared, engine=engine, sessionmaker=sessionmaker, clock=clock) for _ in range(2))
        for app in (first, second):
            app.state.serialize_sessions = True
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
                answers.append((await http.get("/v1/me", headers=headers)).status_code)
    assert answers == [200, 200, 200, 429]  # 3/minute across both instances


async def test_the_in_process_window_slides_and_weighs_costs():
    now = [1000.0]
    window = InProcessMovingWindow(clock=lambda: now[0])
    limit = parse("5/minute")
    for _ in range(4):
        assert await window.hit(limit, "caller", "a")
    assert not await window.hit(limit, "caller", "a", cost=2)  # 4 + 2 > 5: refused, nothing counted
    assert await window.test(limit, "caller", "a") and not await window.test(limit, "caller", "a", cost=2)
    assert await window.hit(limit, "caller", "a")
    assert not await window.hit(limit, "caller", "a")
    assert await window.get_window_stats(limit, "caller", "a") == (1060.0, 0)
    assert await window.get_window_stats(limit, "caller", "b") == (1060.0, 5)  # another key is its own window
    now[0] = 1059.9
    assert not await window.hit(limit, "caller", "a")
    now[0] = 1060.0  # the first five hits leave the window together
    assert await window.hit(limit, "caller", "a", cost=5)
    assert await window.get_window_stats(limit, "caller", "a") == (1120.0, 0)


async def test_the_in_process_window_forgets_idle_callers():
    now = [0.0]
    window = InProcessMovingWindow(clock=lambda: now[0])
    limit = parse("2/second")
    for n in range(100):
        assert await window.hit(limit, "caller", str(n))
    now[0] = window.SWEEP_SECONDS + 1
    assert await window.hit(limit, "caller", "last")
    assert len(window._windows) == 1  # the hundred idle callers are gone, the last one is kept


async def test_the_in_process_window_answers_as_limits_does():
    # The same hits, with costs, against limits' own moving window (its in-memory storage): the same verdicts and the
    # same remaining counts, within one window.
    ours, theirs = InProcessMovingWindow(), MovingWindowRateLimiter(MemoryStorage())
    limit = parse("20/hour")
    for n, cost in enumerate([1, 3, 5, 2, 8, 1, 1, 4, 1, 1, 2]):
        key = ("caller", "one" if n % 3 else "two")
        assert await ours.hit(limit, *key, cost=cost) == await theirs.hit(limit, *key, cost=cost), n
        assert (await ours.get_window_stats(limit, *key)).remaining == (
            await theirs.get_window_stats(limit, *key)
        ).remaining
        assert await ours.test(limit, *key, cost=3) == await theirs.test(limit, *key, cost=3)
