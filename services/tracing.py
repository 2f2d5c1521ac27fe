"""W3C trace context across the outbox: the write's `traceparent` is stored on its event row, and each delivery
attempt continues that trace (api/tracing.py sets the tracer provider up; without one every call here is a no-op)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind

tracer = trace.get_tracer("sla-api")


def current_traceparent() -> str | None:
    """The `traceparent` of the span in progress (None when nothing is traced)."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier.get("traceparent")


@contextmanager
def continued_span(name: str, traceparent: str | None, **attributes: str) -> Iterator[trace.Span]:
    """A span in the trace an event row remembers (a new trace when it remembers none)."""
    context = propagate.extract({"traceparent": traceparent}) if traceparent else None
    with tracer.start_as_current_span(name, context=context, kind=SpanKind.CONSUMER, attributes=attributes) as span:
        yield span
