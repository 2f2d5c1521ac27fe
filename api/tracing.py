"""OpenTelemetry traces, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_TRACES_EXPORTER`) is set.

The exporter reads the standard `OTEL_*` variables itself (endpoint, headers, protocol, service name through
`OTEL_SERVICE_NAME`/`OTEL_RESOURCE_ATTRIBUTES`). The ASGI instrumentation honours an incoming `traceparent`;
httpx's adds the outgoing webhook requests (and their `traceparent` header) to the same trace. (The SQLAlchemy
instrumentation does not support SQLAlchemy 2.1 yet, so statements are not spans.)
"""

from __future__ import annotations

import os

from opentelemetry import trace
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

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
    _configured = True
    return True


def traced(app):
    """The ASGI app inside a server span (a no-op tracer when tracing is off)."""
    return OpenTelemetryMiddleware(app, exclude_spans=["receive", "send"])
