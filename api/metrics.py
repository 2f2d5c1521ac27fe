"""`GET /metrics` in the Prometheus text format, the HTTP and GraphQL observations, and the exposition.

`SLA_METRICS` decides who may scrape: `off` (404), `open` (anyone who can reach the port), `bearer` (an operator
token, the default). The metric objects themselves are declared in services/metrics.py.
"""

from __future__ import annotations

import os
from typing import Any

from litestar import Controller, Request, Response, get
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from services.actors import Actor
from services.errors import Forbidden, NotFound, Unauthorized
from services.metrics import (
    HTTP_LATENCY,
    HTTP_REQUESTS,
    observe_delivery_queue,
    observe_pool,
    observe_timers,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


# The labelled series of each (route, method, status) seen, looked up once: `labels()` costs as much as the
# observation itself. As many as the metrics' own series: routes are templates (unrouted paths share one label).
_series: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def observe_request(route: str | None, method: str, status: int, seconds: float) -> None:
    # Unrouted paths share one label: a scanner's random URLs must not create a series each.
    key = (route or "unmatched", method, status)
    series = _series.get(key)
    if series is None:
        series = _series[key] = (HTTP_REQUESTS.labels(key[0], method, str(status)), HTTP_LATENCY.labels(key[0], method))
    series[0].inc()
    series[1].observe(seconds)


def exposition(multiproc_dir: str | None = None) -> bytes:
    """Every process's values when a multiprocess directory is in use, else this process's registry."""
    directory = multiproc_dir or os.environ.get(MULTIPROC_ENV)
    if not directory:
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)
    return generate_latest(registry)


def forget_this_process() -> None:
    """At shutdown: the live-only gauges stop counting this process."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(os.getpid())


class MetricsController(Controller):
    include_in_schema = False

    @get("/metrics", opt={"public": True}, media_type=CONTENT_TYPE_LATEST)
    async def metrics(self, request: Request) -> Response[bytes]:
        await _authorise_scrape(request)
        state = request.app.state
        observe_pool(state.engine.sync_engine.pool)
        async with state.sessionmaker() as session:
            await observe_delivery_queue(session, now=state.clock())
            await observe_timers(session, now=state.clock())
        return Response(exposition(), media_type=CONTENT_TYPE_LATEST)


async def _authorise_scrape(request: Request) -> None:
    mode = request.app.state.settings.metrics
    if mode == "off":
        raise NotFound("metrics")
    if mode == "open":
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("missing bearer token (SLA_METRICS=bearer: an operator token)")
    actor: Actor = await request.app.state.token_verifier.verify(token.strip())
    if not actor.has_scope("parties:admin"):
        raise Forbidden("/metrics needs an operator token", "insufficient_scope")
