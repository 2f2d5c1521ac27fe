"""One trace links the write (an incoming `traceparent`), the event row it recorded and each delivery attempt,
exported to an in-memory exporter (no network)."""

from __future__ import annotations

import asyncio

from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import select

from api.tracing import configure_tracing
from db.models import Event
from tests.flows import sla_clauses
from tests.support.committed import committed_app
from tests.support.receiver import Receiver
from worker.loop import Worker, listen_dsn

EXPORTER = InMemorySpanExporter()
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
INCOMING = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


async def test_a_trace_links_request_event_and_delivery_attempt(engine, database_url):
    assert configure_tracing(SimpleSpanProcessor(EXPORTER))
    async with committed_app(engine, database_url) as env:
        acme, globex = await env.party("Acme"), await env.party("Globex")
        rx = await Receiver().start()
        headers = await env.headers(acme)
        r = await env.client.post(
            "/v1/webhooks", json={"url": rx.url, "event_types": ["agreement.created"]}, headers=headers
        )
        assert r.status_code == 201, r.text
        body = {
            "title": "Support",
            "memberships": [
                {"party_id": str(acme.id), "role": "provider"},
                {"party_id": str(globex.id), "role": "customer"},
            ],
            "clauses": sla_clauses(),
        }
        r = await env.client.post("/v1/agreements", json=body, headers={**headers, "traceparent": INCOMING})
        assert r.status_code == 201, r.text
        async with env.sessionmaker() as session:
            event = await session.scalar(
                select(Event).where(Event.type == "agreement.created", Event.agreement_id == r.json()["id"])
            )
        assert event is not None and event.traceparent is not None
        assert event.traceparent.split("-")[1] == TRACE_ID  # the write's trace, kept on the outbox row
        worker = Worker(
            env.sessionmaker, listen_dsn(env.settings.database_url), env.settings.delivery_policy(), poll_interval=0.1
        )
        task = asyncio.create_task(worker.run())
        try:
            await rx.wait_for(1)
        finally:
            worker.stop()
            await task
    spans = EXPORTER.get_finished_spans()
    server = [s for s in spans if s.kind.name == "SERVER" and format(s.context.trace_id, "032x") == TRACE_ID]
    assert server, [s.name for s in spans]
    attempts = [s for s in spans if s.name == "webhook.attempt"]
    assert attempts and all(format(s.context.trace_id, "032x") == TRACE_ID for s in attempts)
    assert attempts[0].attributes["sla.event_id"] == str(event.id)
    # The receiver got the trace too (httpx instrumentation), as a child of the attempt.
    received = rx.requests[0].headers.get("traceparent")
    assert received is not None and received.split("-")[1] == TRACE_ID


async def test_without_a_tracer_the_callers_traceparent_still_reaches_the_event_row(engine, database_url, monkeypatch):
    """With tracing off the ASGI instrumentation is skipped, yet an incoming `traceparent` is still the context of the
    request, so the outbox row (and hence each delivery) continues the caller's trace."""
    import api.tracing  # noqa: PLC0415 - the module's switch, flipped for this test only

    monkeypatch.setattr(api.tracing, "_configured", False)
    trace_id = "0af7651916cd43dd8448eb211c80319c"
    async with committed_app(engine, database_url) as env:
        acme, globex = await env.party("Acme"), await env.party("Globex")
        body = {
            "title": "Support",
            "memberships": [
                {"party_id": str(acme.id), "role": "provider"},
                {"party_id": str(globex.id), "role": "customer"},
            ],
            "clauses": sla_clauses(),
        }
        headers = {**await env.headers(acme), "traceparent": f"00-{trace_id}-b7ad6b7169203331-01"}
        r = await env.client.post("/v1/agreements", json=body, headers=headers)
        assert r.status_code == 201, r.text
        async with env.sessionmaker() as session:
            event = await session.scalar(
                select(Event).where(Event.type == "agreement.created", Event.agreement_id == r.json()["id"])
            )
    assert event is not None and event.traceparent is not None
    assert event.traceparent.split("-")[1] == trace_id
