"""OpenTelemetry traces, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_TRACES_EXPORTER`) is set.

The exporter reads the standard `OTEL_*` variables itself (endpoint, headers, protocol, service name through
`OTEL_SERVICE_NAME`/`OTEL_RESOURCE_ATTRIBUTES`). The ASGI instrumentation honours an incoming `traceparent`;
httpx's adds the outgoing webhook requests (and their `traceparent` header) to the same trace. Each SQL
statement is a client span too, from SQLAlchemy's cursor events: opentelemetry-instrumentation-sqlalchemy
(0.66b2) declares `sqlalchemy < 2.1`, so the few lines below do its job on 2.1 (statements carry placeholders,
never their values).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind, Status, StatusCode
from sqlalchemy import URL, event
from sqlalchemy.engine import Connection, Engine, ExceptionContext
from sqlalchemy.engine.interfaces import ExecutionContext

from db.reading import observe_raw_statements

_configured = False


def configure_tracing(processor: SpanProcessor | None = None) -> bool:
    """Install a tracer provider: with `processor` (tests: an in-memory exporter), or an OTLP exporter when the
    environment names an endpoint. Returns whether traces are recorded. Once per process."""
    global _configured
    if _configured:
        return True
    if processor is None:
        if not (os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")):
            return False
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415 - only when exporting
            OTLPSpanExporter,
        )

        processor = BatchSpanProcessor(OTLPSpanExporter())
    provider = TracerProvider(
        resource=Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", "sla-api")})
    )
    provider.add_span_processor(processor)
    trace.set_tracer_provider(provider)
    HTTPXClientInstrumentor().instrument()
    trace_sql_statements()
    _configured = True
    return True


def traced(app):
    """The ASGI app inside a server span while traces are recorded; otherwise only an incoming `traceparent` is
    carried into the request's context (so the events it writes, and their deliveries, still continue the caller's
    trace). The OpenTelemetry ASGI middleware costs about a tenth of a short request even with no tracer provider,
    so it runs only when `configure_tracing` installed one (checked per request: tests install one late)."""
    instrumented = OpenTelemetryMiddleware(app, exclude_spans=["receive", "send"])

    async def traced_app(scope, receive, send):
        if _configured:
            await instrumented(scope, receive, send)
            return
        traceparent = None
        if scope["type"] in ("http", "websocket"):
            for name, value in scope["headers"]:
                if name == b"traceparent":
                    traceparent = value.decode("latin-1")
                    break
        if traceparent is None:
            await app(scope, receive, send)
            return
        token = otel_context.attach(propagate.extract({"traceparent": traceparent}))
        try:
            await app(scope, receive, send)
        finally:
            otel_context.detach(token)

    return traced_app


_SQL_TRACER = "sla.sql"
_STATEMENT_TEXT_LIMIT = 2000


def trace_sql_statements() -> None:
    """A client span around every statement of every engine (registered on the `Engine` class, so engines made
    before or after this call, the API's and the worker's, are all covered). A span's parent is the current span:
    the request's, or the worker's delivery attempt; SQLAlchemy runs its sync layer in a greenlet that shares the
    task's context."""
    if not event.contains(Engine, "before_cursor_execute", _statement_started):
        event.listen(Engine, "before_cursor_execute", _statement_started)
        event.listen(Engine, "after_cursor_execute", _statement_finished)
        event.listen(Engine, "handle_error", _statement_failed)
    observe_raw_statements(_raw_statement)  # the few hot reads asyncpg runs directly (db.reading.fetchrow)


def _span_attributes(statement: str, url: URL) -> tuple[str, dict[str, str | int]]:
    operation = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "SQL"
    attributes: dict[str, str | int] = {
        "db.system.name": "postgresql",
        "db.operation.name": operation,
        "db.query.text": statement[:_STATEMENT_TEXT_LIMIT],
    }
    if url.database:
        attributes["db.namespace"] = url.database
    if url.host:
        attributes["server.address"] = url.host
    if url.port:
        attributes["server.port"] = url.port
    return operation, attributes


@contextmanager
def _raw_statement(statement: str, url: URL) -> Iterator[None]:
    operation, attributes = _span_attributes(statement, url)
    span = trace.get_tracer(_SQL_TRACER).start_span(operation, kind=SpanKind.CLIENT, attributes=attributes)
    try:
        yield
    except Exception as error:
        span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        span.set_attribute("error.type", type(error).__name__)
        raise
    finally:
        span.end()


def _statement_started(
    connection: Connection, cursor: Any, statement: str, parameters: Any, context: ExecutionContext, many: bool
) -> None:
    operation, attributes = _span_attributes(statement, connection.engine.url)
    span = trace.get_tracer(_SQL_TRACER).start_span(operation, kind=SpanKind.CLIENT, attributes=attributes)
    context._sla_span = span  # type: ignore[attr-defined]  # the execution context carries it to the end event


def _statement_finished(
    connection: Connection, cursor: Any, statement: str, parameters: Any, context: ExecutionContext, many: bool
) -> None:
    span = getattr(context, "_sla_span", None)
    if span is not None:
        span.end()
        context._sla_span = None  # type: ignore[attr-defined]  # our own mark on SQLAlchemy's context object


def _statement_failed(exception_context: ExceptionContext) -> None:
    context = exception_context.execution_context
    span = getattr(context, "_sla_span", None) if context is not None else None
    if span is not None and context is not None:
        error = exception_context.original_exception
        span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        span.set_attribute("error.type", type(error).__name__)
        span.end()
        context._sla_span = None  # type: ignore[attr-defined]  # our own mark on SQLAlchemy's context object
