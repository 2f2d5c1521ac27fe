"""GET /metrics: the Prometheus text format, access by SLA_METRICS, HTTP and GraphQL observations, and the sum
over several processes (multiprocess mode, as `sla serve --workers N` runs it)."""

from __future__ import annotations

import os
import subprocess
import sys

from prometheus_client.parser import text_string_to_metric_families

from api.metrics import exposition
from tests.api.conftest import assert_problem


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Parsed with Prometheus's own text parser: a malformed exposition fails here."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def scrape(client, headers) -> dict:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


def http_count(metrics: dict, route: str, method: str, status: str) -> float:
    key = ("sla_http_requests_total", (("method", method), ("route", route), ("status", status)))
    return metrics.get(key, 0.0)


async def test_requests_move_the_http_counters_and_latency_histogram(client, world):
    operator = await world.headers(None)
    acme = await world.party("Acme")
    before = await scrape(client, operator)
    for _ in range(3):
        assert (await client.get("/v1/me", headers=await world.headers(acme))).status_code == 200
    await client.get("/v1/me")  # 401
    after = await scrape(client, operator)
    assert http_count(after, "/v1/me", "GET", "200") - http_count(before, "/v1/me", "GET", "200") == 3
    assert http_count(after, "/v1/me", "GET", "401") - http_count(before, "/v1/me", "GET", "401") == 1
    count = ("sla_http_request_duration_seconds_count", (("method", "GET"), ("route", "/v1/me")))
    assert after[count] - before.get(count, 0) == 4
    # The pool and the delivery queue are read at each scrape.
    assert ("sla_db_pool_connections", (("state", "checked_out"),)) in after
    assert ("sla_webhook_queue_depth", ()) in after


async def test_unrouted_paths_share_one_series(client, world):
    operator = await world.headers(None)
    for n in range(3):
        await client.get(f"/no/such/path/{n}", headers=operator)
    after = await scrape(client, operator)
    assert http_count(after, "unmatched", "GET", "404") >= 3
    assert not [key for key in after if any(v.startswith("/no/such") for _, v in key[1])]


async def test_graphql_operations_by_name_and_errors_by_code(client, world):
    operator = await world.headers(None)
    acme = await world.party("Acme")
    headers = await world.headers(acme)
    before = await scrape(client, operator)
    r = await client.post("/graphql", json={"query": "query WhoAmI { me { scopes } }"}, headers=headers)
    assert r.status_code == 200 and "errors" not in r.json(), r.text
    r = await client.post("/graphql", json={"query": "query Broken { nothingHere }"}, headers=headers)
    assert r.json()["errors"]
    after = await scrape(client, operator)
    operation = ("sla_graphql_operations_total", (("operation", "WhoAmI"), ("type", "query")))
    assert after[operation] - before.get(operation, 0) == 1
    errors = ("sla_graphql_errors_total", (("code", "graphql"),))
    assert after[errors] - before.get(errors, 0) >= 1


async def test_access_follows_the_setting(client, world, app):
    acme = await world.party("Acme")
    assert_problem(await client.get("/metrics"), 401, "unauthorized")
    assert_problem(await client.get("/metrics", headers=await world.headers(acme)), 403, "insufficient_scope")
    settings = app.state.settings
    app.state.settings = settings.model_copy(update={"metrics": "open"})
    assert (await client.get("/metrics")).status_code == 200
    app.state.settings = settings.model_copy(update={"metrics": "off"})
    assert_problem(await client.get("/metrics", headers=await world.headers(None)), 404)


_RECORD = """
from api.metrics import observe_request
from services.metrics import WEBHOOK_ATTEMPTS
observe_request("/v1/me", "GET", 200, 0.01)
WEBHOOK_ATTEMPTS.labels("succeeded").inc()
"""


def test_two_processes_are_summed_in_multiprocess_mode(tmp_path):
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", _RECORD], env=env, check=True, timeout=120)
    metrics = samples(exposition(str(tmp_path)).decode())
    assert http_count(metrics, "/v1/me", "GET", "200") == 2
    assert metrics[("sla_webhook_attempts_total", (("outcome", "succeeded"),))] == 2
