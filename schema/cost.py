"""GraphQL cost: a computed price per operation, a maximum per operation and a budget per caller and minute.

The cost of a selection is one point per field plus its children's cost, and a connection's children count once
per node it may return: `agreements(first: 20) { edges { node { clauses { key } } } }` costs
1 + 20 × (1 + 1 + (1 + 1)) = 81. A connection without `first` counts its default page size. Fragments count where
they are spread; the members of a union count as if all were returned (an upper bound). So a client knows the
price before it sends a document, and a deep fan-out (`agreements(first: 100)` of `history(first: 100)`) is refused
before a statement runs.

The budget is counted like the REST rate limits (`api.rate_limits`: in Redis when `SLA_REDIS_URL` is set), so
several instances share it. `rateLimit { cost limit remaining resetAt }` tells a portal where it stands, as
GitHub's GraphQL API does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import datetime, timedelta
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
    Undefined,
    get_named_type,
    get_operation_ast,
    value_from_ast,
)
from strawberry.extensions import SchemaExtension

from schema.pagination import DEFAULT_PAGE_SIZE
from services.actors import Actor

PAGE_ARGUMENTS = ("first", "last")


def operation_cost(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any] | None
) -> int:
    """The points the named (or only) operation of a validated document costs; 0 when there is none."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return _selection_cost(schema, root, operation.selection_set, fragments, dict(variables or {}), frozenset())


def _selection_cost(
    schema: GraphQLSchema,
    parent: GraphQLNamedType | None,
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
    spread: frozenset[str],
) -> int:
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            field = _field(parent, selection.name.value)
            if field is None:  # __typename and introspection: free
                continue
            children = (
                _selection_cost(
                    schema, get_named_type(field.type), selection.selection_set, fragments, variables, spread
                )
                if selection.selection_set
                else 0
            )
            total += 1 + _page_size(selection, field, variables) * children
        elif isinstance(selection, InlineFragmentNode):
            condition = schema.get_type(selection.type_condition.name.value) if selection.type_condition else parent
            total += _selection_cost(schema, condition, selection.selection_set, fragments, variables, spread)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in spread:  # validation refuses cycles; this guards anyway
                condition = schema.get_type(fragment.type_condition.name.value)
                total += _selection_cost(
                    schema, condition, fragment.selection_set, fragments, variables, spread | {name}
                )
    return total


def _field(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if name.startswith("__") or not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return None
    return parent.fields.get(name)


def _page_size(node: FieldNode, field: GraphQLField, variables: dict[str, Any]) -> int:
    """How many nodes a connection may return: its `first`/`last` argument, else that argument's default."""
    for name in PAGE_ARGUMENTS:
        argument = field.args.get(name)
        if argument is None:
            continue
        given = next((a for a in node.arguments or () if a.name.value == name), None)
        value = value_from_ast(given.value, argument.type, variables) if given is not None else Undefined
        if value is Undefined or value is None:
            value = argument.default_value
        return value if isinstance(value, int) and value > 0 else DEFAULT_PAGE_SIZE
    return 1


@strawberry.type(description="The caller's GraphQL cost budget (as GitHub's `rateLimit`), to pace a portal.")
class RateLimit:
    cost: int = strawberry.field(description="Points this operation cost: one per field, connections × `first`.")
    limit: int | None = strawberry.field(description="Points per window; null when no budget is configured.")
    remaining: int | None = strawberry.field(description="Points left in the window after this operation.")
    reset_at: datetime | None = strawberry.field(description="When the window has room again (the oldest hit ends).")


@strawberry.type
class RateLimitQueries:
    @strawberry.field(
        description="What this operation cost and what remains of the caller's budget (priced like any field)."
    )
    def rate_limit(self, info: strawberry.Info) -> RateLimit:
        return getattr(info.context, "rate_limit", None) or RateLimit(cost=0, limit=None, remaining=None, reset_at=None)


def _refused(message: str, **extensions: Any) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions=extensions)])


class CostLimits(SchemaExtension):
    """Prices each operation before it runs: over `max_cost` it is refused (`query_too_costly`); otherwise the cost
    is charged to the caller's budget (`rate_limits.graphql_cost` on the app's state), refused with `rate_limited`
    and `retry_after` once the budget is spent. The verdict is `context.rate_limit` for the `rateLimit` field."""

    def __init__(self, *, max_cost: int) -> None:
        self.max_cost = max_cost

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        document = execution.graphql_document
        context = execution.context
        if document is None:
            yield
            return
        cost = operation_cost(execution.schema._schema, document, execution.operation_name, execution.variables)
        if cost > self.max_cost:
            execution.result = _refused(
                f"this operation costs {cost} points, more than the maximum of {self.max_cost}: ask for fewer "
                "nodes per connection (first) or fewer nested connections",
                code="query_too_costly",
                cost=cost,
                max_cost=self.max_cost,
            )
            yield
            return
        status = RateLimit(cost=cost, limit=None, remaining=None, reset_at=None)
        budget = _budget(context)
        caller = _caller(context)
        if budget is not None and caller is not None:
            verdict = await budget.graphql_cost(caller, cost)
            if verdict is not None:
                reset_at = context.now + timedelta(seconds=verdict.reset_seconds)
                status = RateLimit(
                    cost=cost, limit=verdict.limit.amount, remaining=verdict.remaining, reset_at=reset_at
                )
                if not verdict.allowed:
                    execution.result = _refused(
                        f"GraphQL budget spent: this operation costs {cost} of {verdict.limit.amount} points per "
                        f"window; {verdict.remaining} remain; retry after {max(verdict.reset_seconds, 1)} s",
                        code="rate_limited",
                        cost=cost,
                        retry_after=max(verdict.reset_seconds, 1),
                    )
        if context is not None:
            context.rate_limit = status
        yield


def _budget(context: Any) -> Any | None:
    request = getattr(context, "request", None)
    return request.app.state.get("rate_limits") if request is not None else None


def _caller(context: Any) -> str | None:
    actor = getattr(context, "actor", None)
    return budget_key(actor) if actor is not None else None


def budget_key(actor: Actor) -> str | None:
    """The same key as the REST rate limit: the API client, else the token's subject, else the party."""
    return actor.client_id or actor.subject or (str(actor.party_id) if actor.party_id else None)
