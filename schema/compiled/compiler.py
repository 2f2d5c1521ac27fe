"""A validated GraphQL document of the compiled subset → one SQL statement that returns the answer's `data` as JSON.

The subset, explicit and small (each field's SQL is next to its GraphQL name in the tables below):

- `Query.agreements(first, after)` (no `filter`): `edges { cursor node }`, `pageInfo { hasNextPage endCursor }`;
  `Query.agreement(id)`; `Query.me` (`operator scopes clientId tokenId party`), beside them.
- `Agreement`: its columns, `status` (expired past its end, as `effective_status`), `version`, `myRole`,
  `memberships { partyId role status party }`, `currentVersion`.
- `AgreementVersion`: its columns, `proposedBy`, `clauses` (the clauses the caller's role may see).
- `Clause`: `id key kind title body terms sharedWithThirdParties`. `Party`: its columns and `version`.
- `__typename` anywhere, aliases, fragments and inline fragments, `@skip`/`@include`, variables as arguments.

Scoping is the resolvers': the agreements a party may read (`services.scoping.readable_agreement_sql`), the parties
it may see (`readable_party_sql`), the clauses its role may see (`visible_clause_sql`); the operator reads all.
Orders, cursors and scalar formats are those of the Strawberry path: the equivalence test
(`tests/schema/test_compiled_reads.py`) compares the two answers for each role.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLIncludeDirective,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    is_abstract_type,
    is_object_type,
)
from graphql.execution.values import VariableValues, get_directive_values

from db.values import Role
from services.actors import Actor
from services.scoping import readable_agreement_sql, readable_party_sql, visible_clause_sql


class NotCompilable(Exception):
    """The document asks for something outside the compiled subset: the Strawberry path answers it."""


@dataclass(frozen=True, slots=True)
class Binding:
    """What one request brings to a compiled statement: the caller (its party, None for the operator, and what `me`
    shows of its token), the request's clock reading, and each compiled root field's checked arguments
    (`documents.checked_arguments`)."""

    actor: Actor
    now: datetime
    arguments: tuple[dict[str, Any], ...]


Parameter = Callable[[Binding], Any]


@dataclass(frozen=True, slots=True)
class RootField:
    name: str
    definition: GraphQLField
    node: FieldNode


@dataclass(frozen=True, slots=True)
class Compiled:
    """One statement (`$n` parameters) whose single text value is the `data` object, and how to bind it."""

    sql: str
    parameters: tuple[Parameter, ...]
    roots: tuple[RootField, ...]

    def bind(self, binding: Binding) -> tuple[Any, ...]:
        return tuple(parameter(binding) for parameter in self.parameters)


# Where no `after` was given, the page starts above every row (keeps one statement, and one plan, for both cases).
AFTER_EVERYTHING = (datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), uuid.UUID(int=(1 << 128) - 1))
# json_build_object takes at most 100 arguments.
MAX_KEYS = 50


def timestamp(column: str) -> str:
    """A DateTime as `schema.scalars` writes it: UTC, microseconds only when not zero, then `Z`."""
    return _iso(column, "Z")


def _iso(column: str, suffix: str) -> str:
    """Python's `isoformat()` of the column's instant in UTC, with `suffix` as its offset."""
    return (
        f"(to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN date_trunc('second', "
        f"{column}) = {column} THEN '' ELSE to_char({column} AT TIME ZONE 'UTC', '.US') END || '{suffix}')"
    )


def enum(column: str) -> str:
    """A GraphQL enum value: the stored word upper-cased (`third_party` → `THIRD_PARTY`, see the README)."""
    return f"upper({column}::text)"


def agreement_cursor(row: str) -> str:
    """`schema.pagination.agreement_cursor`: base64url, unpadded, of `["<created_at.isoformat()>", "<id>"]`."""
    return cursor_of(f"{row}.created_at", f"{row}.id")


def cursor_of(created_at: str, id_: str) -> str:
    """`agreement_cursor` of an instant and an id given as SQL expressions."""
    text = f"'[\"' || {_iso(created_at, '+00:00')} || '\", \"' || {id_}::text || '\"]'"
    return f"rtrim(translate(encode(convert_to({text}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')"


# The scalar fields of each type: GraphQL name → SQL over the row `{t}` (`{now}`: the request's clock reading).
SCALARS: dict[str, dict[str, str]] = {
    "Agreement": {
        "id": "{t}.id",
        "reference": "{t}.reference",
        "title": "{t}.title",
        "description": "{t}.description",
        "timezone": "{t}.timezone",
        "effectiveFrom": timestamp("{t}.effective_from"),
        "effectiveTo": timestamp("{t}.effective_to"),
        "createdAt": timestamp("{t}.created_at"),
        "updatedAt": timestamp("{t}.updated_at"),
        # services.agreements.states.effective_status
        "status": enum(
            "CASE WHEN {t}.status IN ('active', 'suspended') AND {t}.effective_to <= {now} THEN 'expired' "
            "ELSE {t}.status END"
        ),
        "version": "{t}.row_version",
        "myRole": enum("{t}.caller_role"),
    },
    "Membership": {"partyId": "{t}.party_id", "role": enum("{t}.role"), "status": enum("{t}.status")},
    "Party": {
        "id": "{t}.id",
        "name": "{t}.name",
        "kind": enum("{t}.kind"),
        "contactEmail": "{t}.contact_email",
        "createdAt": timestamp("{t}.created_at"),
        "updatedAt": timestamp("{t}.updated_at"),
        "version": "{t}.row_version",
    },
    "AgreementVersion": {
        "id": "{t}.id",
        "number": "{t}.number",
        "status": enum("{t}.status"),
        "summary": "{t}.summary",
        "effectiveFrom": timestamp("{t}.effective_from"),
        "proposedAt": timestamp("{t}.proposed_at"),
        "decidedAt": timestamp("{t}.decided_at"),
    },
    "Clause": {
        "id": "{t}.id",
        "key": "{t}.key",
        "kind": "{t}.kind",
        "title": "{t}.title",
        "body": "{t}.body",
        "terms": "{t}.terms",
        "sharedWithThirdParties": "{t}.shared_with_third_parties",
    },
}

# The other fields of the subset, compiled by the methods of `Compiler` (connections, nested objects and lists).
STRUCTURE: dict[str, frozenset[str]] = {
    "Query": frozenset({"agreements", "agreement", "me"}),
    "Me": frozenset({"operator", "scopes", "clientId", "tokenId", "party"}),
    "AgreementConnection": frozenset({"edges", "pageInfo"}),
    "AgreementEdge": frozenset({"cursor", "node"}),
    "PageInfo": frozenset({"hasNextPage", "endCursor"}),
    "Agreement": frozenset({"memberships", "currentVersion"}),
    "Membership": frozenset({"party"}),
    "AgreementVersion": frozenset({"proposedBy", "clauses"}),
}
# Every field a compiled document may ask for (and `__typename` anywhere), by type.
SUBSET: dict[str, frozenset[str]] = {
    name: frozenset(SCALARS.get(name, {})) | STRUCTURE.get(name, frozenset()) for name in {*SCALARS, *STRUCTURE}
}

# services.agreements.reads._in_naming_order: by when they were named, then provider, customer, third party.
_ROLE_RANK = " ".join(
    f"WHEN '{role}' THEN {rank}" for rank, role in enumerate((Role.PROVIDER, Role.CUSTOMER, Role.THIRD_PARTY))
)


class _Statement:
    """The parameters and aliases of the statement being compiled."""

    def __init__(self, operator: bool) -> None:
        self.operator = operator
        self.parameters: list[Parameter] = []
        self._aliases = 0
        self._party: str | None = None
        self._now: str | None = None

    def parameter(self, value: Parameter, cast: str) -> str:
        self.parameters.append(value)
        return f"${len(self.parameters)}::{cast}"

    @property
    def party(self) -> str:
        if self._party is None:
            self._party = self.parameter(lambda binding: binding.actor.party_id, "uuid")
        return self._party

    @property
    def now(self) -> str:
        if self._now is None:
            self._now = self.parameter(lambda binding: binding.now, "timestamptz")
        return self._now

    def alias(self, prefix: str) -> str:
        self._aliases += 1
        return f"{prefix}{self._aliases}"


Fields = dict[str, list[FieldNode]]


class Compiler:
    """Compiles the operation of one document for one kind of caller and one set of `@skip`/`@include` values."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document_fragments: dict[str, FragmentDefinitionNode],
        variables: VariableValues,
        *,
        operator: bool,
    ) -> None:
        self.schema = schema
        self.fragments = document_fragments
        self.variables = variables
        self.statement = _Statement(operator)
        self.roots: list[RootField] = []

    def compile(self, operation: OperationDefinitionNode) -> Compiled:
        pairs = []
        for key, nodes in self._fields("Query", [operation.selection_set]).items():
            name = nodes[0].name.value
            if name == "__typename":
                pairs.append((key, "'Query'"))
            elif name == "agreements":
                pairs.append((key, self._agreements(self._root(name, nodes), nodes)))
            elif name == "agreement":
                pairs.append((key, self._agreement(self._root(name, nodes), nodes)))
            elif name == "me":
                pairs.append((key, self._me(nodes)))
            else:
                raise NotCompilable(f"Query.{name}")
        sql = f"SELECT {_object(pairs)}::text"
        return Compiled(sql, tuple(self.statement.parameters), tuple(self.roots))

    # Root fields.

    def _root(self, name: str, nodes: list[FieldNode]) -> int:
        if len(nodes) > 1 and any(n.arguments for n in nodes[1:]):
            raise NotCompilable("a root field merged with arguments")  # identical by validation; keep it simple
        if any(argument.name.value == "filter" for argument in nodes[0].arguments or ()):
            raise NotCompilable("agreements(filter)")
        query_type = self.schema.query_type
        assert query_type is not None
        self.roots.append(RootField(name, query_type.fields[name], nodes[0]))
        return len(self.roots) - 1

    def _agreements(self, index: int, nodes: list[FieldNode]) -> str:
        s = self.statement
        first = s.parameter(lambda binding: binding.arguments[index]["first"], "int")
        after_at = s.parameter(
            lambda binding: (binding.arguments[index]["after"] or AFTER_EVERYTHING)[0], "timestamptz"
        )
        after_id = s.parameter(lambda binding: (binding.arguments[index]["after"] or AFTER_EVERYTHING)[1], "uuid")
        a = s.alias("a")
        if s.operator:
            page = (
                f"SELECT {a}.*, NULL::text AS caller_role FROM agreements {a} "
                f"WHERE ({a}.created_at, {a}.id) < ({after_at}, {after_id}) "
                f"ORDER BY {a}.created_at DESC, {a}.id DESC LIMIT {first} + 1"
            )
        else:
            # A party reads the agreements it is a member of (`readable_agreement_sql`): its memberships, in the order
            # of their agreements, are the first entries of one index (migration 0110), whoever the party is.
            m = s.alias("m")
            page = (
                f"SELECT {a}.*, {m}.role AS caller_role FROM agreement_memberships {m} "
                f"JOIN agreements {a} ON {a}.id = {m}.agreement_id "
                f"WHERE {m}.party_id = {s.party} "
                f"AND ({m}.agreement_created_at, {m}.agreement_id) < ({after_at}, {after_id}) "
                f"ORDER BY {m}.agreement_created_at DESC, {m}.agreement_id DESC LIMIT {first} + 1"
            )
        numbered = (
            f"SELECT {a}.*, row_number() OVER (ORDER BY {a}.created_at DESC, {a}.id DESC) AS page_n FROM ({page}) {a}"
        )
        pairs = []
        for key, field_nodes in self._fields("AgreementConnection", _selections(nodes)).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, "'AgreementConnection'"))
            elif name == "edges":
                edge = self._edge(a, field_nodes)
                pairs.append(
                    (key, f"coalesce(json_agg({edge} ORDER BY {a}.page_n) FILTER (WHERE {a}.page_n <= {first}), '[]')")
                )
            elif name == "pageInfo":
                pairs.append((key, self._page_info(a, first, field_nodes)))
            else:
                raise NotCompilable(f"AgreementConnection.{name}")
        return f"(SELECT {_object(pairs)} FROM ({numbered}) {a})"

    def _edge(self, a: str, nodes: list[FieldNode]) -> str:
        pairs = []
        for key, field_nodes in self._fields("AgreementEdge", _selections(nodes)).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, "'AgreementEdge'"))
            elif name == "cursor":
                pairs.append((key, agreement_cursor(a)))
            elif name == "node":
                pairs.append((key, self._object("Agreement", a, field_nodes)))
            else:
                raise NotCompilable(f"AgreementEdge.{name}")
        return _object(pairs)

    def _page_info(self, a: str, first: str, nodes: list[FieldNode]) -> str:
        pairs = []
        for key, field_nodes in self._fields("PageInfo", _selections(nodes)).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, "'PageInfo'"))
            elif name == "hasNextPage":
                pairs.append((key, f"count(*) > {first}"))
            elif name == "endCursor":
                # The last row's instant and id, then its cursor: one cursor built, not one per row of the page.
                def last(column: str) -> str:
                    return f"(array_agg({a}.{column} ORDER BY {a}.page_n DESC) FILTER (WHERE {a}.page_n <= {first}))[1]"

                pairs.append((key, cursor_of(last("created_at"), last("id"))))
            else:
                raise NotCompilable(f"PageInfo.{name}")
        return _object(pairs)

    def _agreement(self, index: int, nodes: list[FieldNode]) -> str:
        s = self.statement
        wanted = s.parameter(lambda binding: binding.arguments[index]["id"], "uuid")
        a = s.alias("a")
        row = (
            f"SELECT {a}.*, {self._caller_role(a)} AS caller_role FROM agreements {a} "
            f"WHERE {a}.id = {wanted} AND {self._readable_agreement(a)}"
        )
        return f"(SELECT {self._object('Agreement', a, nodes)} FROM ({row}) {a})"

    def _me(self, nodes: list[FieldNode]) -> str:
        """`schema.parties.types.Me`: the caller's token as bound (`tokenId` too: it is the request's own), and its
        party, which it may always read (none for the operator)."""
        s = self.statement
        pairs = []
        for key, field_nodes in self._fields("Me", _selections(nodes)).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, "'Me'"))
            elif name == "operator":
                pairs.append((key, s.parameter(lambda binding: binding.actor.is_operator, "boolean")))
            elif name == "scopes":
                pairs.append((key, s.parameter(lambda binding: json.dumps(sorted(binding.actor.scopes)), "json")))
            elif name == "clientId":
                pairs.append((key, s.parameter(lambda binding: binding.actor.client_id, "text")))
            elif name == "tokenId":
                pairs.append((key, s.parameter(lambda binding: binding.actor.token_id, "text")))
            elif name == "party":
                pairs.append((key, self._party(s.party, field_nodes)))
            else:
                raise NotCompilable(f"Me.{name}")
        return _object(pairs)

    # Scoping (services.scoping).

    def _readable_agreement(self, a: str) -> str:
        return "true" if self.statement.operator else readable_agreement_sql(a, self.statement.party)

    def _caller_role(self, a: str) -> str:
        if self.statement.operator:
            return "NULL::text"
        m = self.statement.alias("m")
        return (
            f"(SELECT {m}.role FROM agreement_memberships {m} "
            f"WHERE {m}.agreement_id = {a}.id AND {m}.party_id = {self.statement.party})"
        )

    def _party(self, party_id: str, nodes: list[FieldNode], *, shared: str | None = None) -> str:
        """The party `party_id` if the caller may read it. `shared`: a condition on the row that, when true, already
        proves it may (checked first: PostgreSQL evaluates an OR from the left and stops at the first true)."""
        p = self.statement.alias("p")
        readable = ""
        if not self.statement.operator:
            rule = readable_party_sql(p, self.statement.party)
            readable = f" AND ({shared} OR {rule})" if shared else f" AND {rule}"
        return f"(SELECT {self._object('Party', p, nodes)} FROM parties {p} WHERE {p}.id = {party_id}{readable})"

    # Objects.

    def _object(self, type_name: str, row: str, nodes: list[FieldNode], *, agreement: str | None = None) -> str:
        """The selection of `nodes` on `type_name` over the SQL row `row` (`agreement`: the row of the agreement a
        version belongs to, whose `caller_role` decides which clauses show)."""
        scalars = SCALARS[type_name]
        pairs = []
        for key, field_nodes in self._fields(type_name, _selections(nodes)).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                pairs.append((key, f"'{type_name}'"))
                continue
            if any(n.arguments for n in field_nodes):
                raise NotCompilable(f"{type_name}.{name} with arguments")
            if name in scalars:
                sql = scalars[name]
                pairs.append((key, sql.format(t=row, now=self.statement.now if "{now}" in sql else "")))
            elif (type_name, name) == ("Agreement", "memberships"):
                pairs.append((key, self._memberships(row, field_nodes)))
            elif (type_name, name) == ("Agreement", "currentVersion"):
                pairs.append((key, self._current_version(row, field_nodes)))
            elif (type_name, name) == ("Membership", "party"):
                # A member of an agreement the caller reads shares that agreement with the caller (a party reads the
                # agreements it is a member of: `readable_agreement_sql`), so it is readable; an invitee may not be.
                pairs.append((key, self._party(f"{row}.party_id", field_nodes, shared=f"{row}.status = 'accepted'")))
            elif (type_name, name) == ("AgreementVersion", "proposedBy"):
                pairs.append((key, self._party(f"{row}.proposed_by_party_id", field_nodes)))
            elif (type_name, name) == ("AgreementVersion", "clauses") and agreement is not None:
                pairs.append((key, self._clauses(row, agreement, field_nodes)))
            else:
                raise NotCompilable(f"{type_name}.{name}")
        return _object(pairs)

    def _memberships(self, a: str, nodes: list[FieldNode]) -> str:
        """`services.agreements.reads.memberships_for`: members, then invitations not accepted, in naming order."""
        s = self.statement.alias("s")
        named = (
            f"SELECT party_id, role, 'accepted' AS status, created_at FROM agreement_memberships "
            f"WHERE agreement_id = {a}.id UNION ALL SELECT party_id, role, status, created_at "
            f"FROM agreement_invitations WHERE agreement_id = {a}.id AND status <> 'accepted'"
        )
        order = f"{s}.created_at, CASE {s}.role {_ROLE_RANK} ELSE 3 END, {s}.party_id"
        membership = self._object("Membership", s, nodes)
        return f"(SELECT coalesce(json_agg({membership} ORDER BY {order}), '[]') FROM ({named}) {s})"

    def _current_version(self, a: str, nodes: list[FieldNode]) -> str:
        """`services.agreements.reads.current_version_rows_for`: the newest accepted version already effective."""
        v = self.statement.alias("v")
        version = self._object("AgreementVersion", v, nodes, agreement=a)
        return (
            f"(SELECT {version} FROM agreement_versions {v} WHERE {v}.agreement_id = {a}.id "
            f"AND {v}.status = 'accepted' AND coalesce({v}.effective_from, {v}.decided_at) <= {self.statement.now} "
            f"ORDER BY {v}.number DESC LIMIT 1)"
        )

    def _clauses(self, v: str, a: str, nodes: list[FieldNode]) -> str:
        c = self.statement.alias("c")
        visible = "" if self.statement.operator else f" AND {visible_clause_sql(c, f'{a}.caller_role')}"
        clause = self._object("Clause", c, nodes)
        return (
            f"(SELECT coalesce(json_agg({clause} ORDER BY {c}.position), '[]') FROM clauses {c} "
            f"WHERE {c}.version_id = {v}.id{visible})"
        )

    # Field collection (as graphql-core's executor does it, for object types).

    def _fields(self, type_name: str, selection_sets: Sequence[SelectionSetNode]) -> Fields:
        found: Fields = {}
        for selection_set in selection_sets:
            self._collect(type_name, selection_set, found, frozenset())
        return found

    def _collect(self, type_name: str, selection_set: SelectionSetNode, found: Fields, spread: frozenset[str]) -> None:
        for selection in selection_set.selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                found.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is None or self._applies(condition.name.value, type_name):
                    self._collect(type_name, selection.selection_set, found, spread)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None:
                    raise NotCompilable(f"fragment {name}")
                if name not in spread and self._applies(fragment.type_condition.name.value, type_name):
                    self._collect(type_name, fragment.selection_set, found, spread | {name})

    def _included(self, node: SelectionNode) -> bool:
        for directive in node.directives or ():
            if directive.name.value not in ("skip", "include"):
                raise NotCompilable(f"@{directive.name.value}")
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip and skip["if"]:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include and not include["if"])

    def _applies(self, condition: str, type_name: str) -> bool:
        if condition == type_name:
            return True
        named, runtime = self.schema.get_type(condition), self.schema.get_type(type_name)
        return is_abstract_type(named) and is_object_type(runtime) and self.schema.is_sub_type(named, runtime)


def _selections(nodes: list[FieldNode]) -> list[SelectionSetNode]:
    return [node.selection_set for node in nodes if node.selection_set is not None]


def _object(pairs: list[tuple[str, str]]) -> str:
    """A JSON object of the response keys (GraphQL names: safe in a SQL string literal) and their SQL values."""
    if len(pairs) > MAX_KEYS:
        raise NotCompilable("more response keys in one object than json_build_object takes")
    return "json_build_object(" + ", ".join(f"'{key}', {value}" for key, value in pairs) + ")"
