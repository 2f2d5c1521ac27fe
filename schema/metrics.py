"""GraphQL's part of the Prometheus metrics (services/metrics.py): operations by name and type, errors by code."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from services.metrics import GRAPHQL_ERRORS, GRAPHQL_OPERATIONS


class GraphQLMetrics(SchemaExtension):
    """Operations by name and type, errors by their `code` extension (`graphql` for parse/validation errors)."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except RuntimeError:  # the document did not parse: no operation
            kind = "invalid"
        GRAPHQL_OPERATIONS.labels(context.operation_name or "anonymous", kind).inc()
        for error in (context.result.errors if context.result else None) or []:
            code = (error.extensions or {}).get("code") or "graphql"
            GRAPHQL_ERRORS.labels(str(code)).inc()
