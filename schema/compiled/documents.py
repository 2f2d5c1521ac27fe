"""The documents this process compiled: parsed (with the token limit), validated (the schema's rules and the depth
and alias limits), priced and compiled once per document text and operation name; per request only the caller,
the clock and the variables are bound.

A document that does not parse or validate, is not a query, or asks for anything outside `compiler`'s subset is
remembered as not compilable, and so is a request whose variables or arguments are anything but plainly valid:
the Strawberry path answers those, with its own errors.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    VariableNode,
    Visitor,
    get_operation_ast,
    parse,
    specified_rules,
    visit,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.schema.schema import validate_document

from schema.app import Limits, validation_rules
from schema.compiled.compiler import Binding, Compiled, Compiler, NotCompilable, RootField
from schema.cost import operation_cost
from services.actors import Actor
from services.errors import InvalidInput
from services.pagination import MAX_LIMIT, after_time_and_id

MAX_DOCUMENTS = 1024
_NO_VARIABLES = VariableValues({}, {})


@dataclass(slots=True)
class Prepared:
    """A compilable query: its operation, the variables its `@skip`/`@include` read, its cost when no variable can
    change it, and its statements by (operator or not, those variables' values)."""

    document: DocumentNode
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    directive_variables: tuple[str, ...]
    cost: int | None
    shapes: dict[tuple[Any, ...], Compiled | None] = field(default_factory=dict)
    # A document without variables has the same root arguments on every request: checked once per shape.
    arguments: dict[tuple[Any, ...], tuple[dict[str, Any] | None, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Bound:
    """One request's statement and parameters, and the points it costs (`schema.cost`)."""

    sql: str
    parameters: tuple[Any, ...]
    cost: int


class CompiledDocuments:
    """Per process, least recently used dropped first."""

    def __init__(self, schema: GraphQLSchema, limits: Limits, size: int = MAX_DOCUMENTS) -> None:
        self.schema = schema
        self.limits = limits
        self.rules = (*specified_rules, *validation_rules(limits))
        self.size = size
        self._prepared: OrderedDict[tuple[str, str | None], Prepared | None] = OrderedDict()

    def bind(
        self,
        document: str,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
        actor: Actor,
        now: datetime,
    ) -> Bound | None:
        """The statement answering this request, or None when the Strawberry path must answer it."""
        prepared = self._prepare(document, operation_name)
        if prepared is None:
            return None
        values = _NO_VARIABLES
        if prepared.operation.variable_definitions:
            coerced = get_variable_values(self.schema, prepared.operation.variable_definitions, dict(variables or {}))
            if isinstance(coerced, list):
                return None  # the Strawberry path names what is wrong with them
            values = coerced
        key = (actor.is_operator, *(values.coerced.get(name) for name in prepared.directive_variables))
        if key not in prepared.shapes:
            try:
                compiled: Compiled | None = Compiler(
                    self.schema, prepared.fragments, values, operator=actor.is_operator
                ).compile(prepared.operation)
            except (NotCompilable, GraphQLError):  # the latter: e.g. `@include(if: $b)` with `$b` given null
                compiled = None
            prepared.shapes[key] = compiled
        compiled = prepared.shapes[key]
        if compiled is None:
            return None
        arguments = prepared.arguments.get(key)
        if arguments is None:
            arguments = tuple(checked_arguments(root, values) for root in compiled.roots)
            if any(a is None for a in arguments):
                return None
            if not prepared.operation.variable_definitions:
                prepared.arguments[key] = arguments  # literals only: the same for every request
        cost = prepared.cost
        if cost is None:
            cost = operation_cost(self.schema, prepared.document, operation_name, values.coerced)
        binding = Binding(actor, now, arguments)  # type: ignore[arg-type]  # no None left, checked above
        return Bound(compiled.sql, compiled.bind(binding), cost)

    def _prepare(self, document: str, operation_name: str | None) -> Prepared | None:
        key = (document, operation_name)
        if key in self._prepared:
            self._prepared.move_to_end(key)
            return self._prepared[key]
        prepared = self._parse(document, operation_name)
        self._prepared[key] = prepared
        while len(self._prepared) > self.size:
            self._prepared.popitem(last=False)
        return prepared

    def _parse(self, document: str, operation_name: str | None) -> Prepared | None:
        if "agreement" not in document:
            return None  # no root field of the subset: not worth a parse and a validation
        try:
            parsed = parse(document, max_tokens=self.limits.max_tokens)
        except GraphQLError:
            return None
        if validate_document(self.schema, parsed, self.rules):
            return None
        operation = get_operation_ast(parsed, operation_name)
        if operation is None or operation.operation is not OperationType.QUERY:
            return None
        fragments = {d.name.value: d for d in parsed.definitions if isinstance(d, FragmentDefinitionNode)}
        cost = None if operation.variable_definitions else operation_cost(self.schema, parsed, operation_name, {})
        return Prepared(parsed, operation, fragments, _directive_variables(parsed), cost)


def checked_arguments(root: RootField, values: VariableValues) -> dict[str, Any] | None:
    """A root field's arguments when they are what the resolver takes without a word, else None (the resolver's
    errors answer: a page size out of range, a cursor this API did not issue)."""
    try:
        arguments = get_argument_values(root.definition, root.node, values)
    except GraphQLError:
        return None  # e.g. a nullable variable given null where the argument may not be
    if root.name == "agreement":
        return arguments if isinstance(arguments.get("id"), uuid.UUID) else None
    first, after = arguments.get("first"), arguments.get("after")
    if not isinstance(first, int) or not 1 <= first <= MAX_LIMIT:
        return None
    if not after:
        return {"first": first, "after": None}
    try:
        return {"first": first, "after": after_time_and_id(after)}
    except InvalidInput:
        return None


class _DirectiveVariables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        for argument in node.arguments or ():
            if isinstance(argument.value, VariableNode) and argument.value.name.value not in self.names:
                self.names.append(argument.value.name.value)


def _directive_variables(document: DocumentNode) -> tuple[str, ...]:
    found = _DirectiveVariables()
    visit(document, found)
    return tuple(found.names)
