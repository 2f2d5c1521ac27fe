"""SQL statements are client spans inside the trace of the request (or delivery attempt) that ran them."""

from __future__ import annotations

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from sqlalchemy import text

from api.tracing import configure_tracing
from tests.support.committed import committed_app
from tests.worker.test_tracing import EXPORTER  # one tracer provider per process: share its exporter

TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
INCOMING = f"00-{TRACE_ID}-b7ad6b7169203331-01"


def _trace_id(span) -> str:
    return format(span.context.trace_id, "032x")


async def test_a_requests_statements_are_spans_of_its_trace(engine, database_url):
    assert configure_tracing(SimpleSpanProcessor(EXPORTER))
    async with committed_app(engine, database_url) as env:
        acme = await env.party("Acme")
        headers = await env.headers(acme)
        EXPORTER.clear()
        r = await env.client.get("/v1/me", headers={**headers, "traceparent": INCOMING})
        assert r.status_code == 200, r.text
    spans = [s for s in EXPORTER.get_finished_spans() if _trace_id(s) == TRACE_ID]
    server = [s for s in spans if s.kind.name == "SERVER"]
    statements = [s for s in spans if s.instrumentation_scope.name == "sla.sql"]
    assert server and statements, [s.name for s in spans]
    assert all(s.kind.name == "CLIENT" for s in statements)
    select = next(s for s in statements if s.name == "SELECT")
    assert select.attributes["db.system.name"] == "postgresql"
    assert select.attributes["db.query.text"].lstrip().upper().startswith("SELECT")
    assert acme.name not in " ".join(s.attributes["db.query.text"] for s in statements)  # never the values
    # Nested under the request: each statement's parent is a span of this trace.
    ids = {s.context.span_id for s in spans}
    assert all(s.parent is not None and s.parent.span_id in ids | {0xB7AD6B7169203331} for s in statements)


async def test_a_failed_statement_is_an_error_span(engine):
    assert configure_tracing(SimpleSpanProcessor(EXPORTER))
    EXPORTER.clear()
    with trace.get_tracer("test").start_as_current_span("outer") as outer:
        async with engine.connect() as connection:
            with pytest.raises(Exception, match="no_such_table"):
                await connection.execute(text("SELECT * FROM no_such_table"))
    failed = [s for s in EXPORTER.get_finished_spans() if s.instrumentation_scope.name == "sla.sql"]
    assert failed and failed[-1].status.status_code.name == "ERROR"
    assert failed[-1].parent.span_id == outer.get_span_context().span_id
