"""A response cache for GraphQL reads, validated by the caller's watermark: a portal's repeated poll costs one query.

An answer is kept under (party, API client, scopes, SHA-256 of the document, operation name, variables) with the
party's watermark (`services.watermarks`) read *before* it was computed. The same request is answered from the
cache only while the party's watermark still has that value and the answer's `valid_until` (the next instant at
which "now" changes it) has not come: the one statement the watermark costs replaces the whole query. Nothing is
shared between callers: the key starts with the party and the client, and the scopes it was computed with.

Only documents whose every field is in `CACHEABLE_FIELDS` are cached: the fields reachable from the agreement and
party reads whose changes all move the watermark. Anything else (tickets, billing, reviews, disputes, incidents,
webhooks, the token's own id, introspection, mutations) runs as usual. The operator is never cached (it sees
everything, so no one party's watermark covers its answers). Only answers without `errors` are kept.

Memory is bounded: at most `graphql_response_cache_entries` answers and `graphql_response_cache_bytes` bytes of
them per process, least recently used dropped first; 0 entries turns the cache off.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

import msgspec
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    is_interface_type,
    is_object_type,
    is_union_type,
    parse,
    visit,
)
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from api.buffering import capture, read_body, replayed, send_stored
from services.actors import Actor
from services.idempotency import StoredResponse
from services.watermarks import Watermark, read_party_watermark

# The reads a portal polls; every change to what they return is an event of an agreement the caller is a member
# of, an event addressed to the caller, or a profile change of a co-member, so the watermark covers them.
CACHED_ROOT_FIELDS = ("agreement", "agreements", "me", "party", "parties")
# Fields reachable from those roots whose answers change without moving the watermark, or differ between two
# tokens of one client.
UNCACHED_FIELDS = {
    "Agreement.reviewCycle": "review states turn due and overdue with time",
    "Agreement.reviews": "review states turn due and overdue with time",
    "Agreement.disputes": "dispute stages have deadlines that pass with time",
    "Agreement.incidents": "incidents are recorded without an agreement event",
    "Me.tokenId": "each token has its own id; the key names the client, not the token",
}


def cacheable_fields(schema: GraphQLSchema) -> frozenset[str]:
    """`Type.field` names reachable from `CACHED_ROOT_FIELDS` without passing through `UNCACHED_FIELDS`."""
    query = schema.query_type
    assert query is not None
    found = {f"Query.{name}" for name in CACHED_ROOT_FIELDS}
    pending = [get_named_type(query.fields[name].type) for name in CACHED_ROOT_FIELDS]
    seen: set[str] = set()
    while pending:
        named: GraphQLNamedType = pending.pop()
        if named.name in seen:
            continue
        seen.add(named.name)
        if is_union_type(named) or is_interface_type(named):
            pending.extend(schema.get_possible_types(named))
        if is_object_type(named) or is_interface_type(named):
            for name, field in named.fields.items():
                qualified = f"{named.name}.{name}"
                if qualified in UNCACHED_FIELDS:
                    continue
                found.add(qualified)
                pending.append(get_named_type(field.type))
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Plan:
    """What a document allows: cache its named operation's answers or not."""

    cacheable_operations: frozenset[str | None]


class _FieldCheck(Visitor):
    def __init__(self, type_info: TypeInfo, allowed: frozenset[str]) -> None:
        super().__init__()
        self.type_info = type_info
        self.allowed = allowed
        self.ok = True

    def enter_field(self, node: Any, *_: Any) -> None:
        parent = self.type_info.get_parent_type()
        name = node.name.value
        if name == "__typename":
            return
        if not isinstance(parent, GraphQLObjectType) or f"{parent.name}.{name}" not in self.allowed:
            self.ok = False


def plan_document(schema: GraphQLSchema, allowed: frozenset[str], document: str) -> Plan:
    """The operations of `document` that may be answered from the cache (None: the only, unnamed one)."""
    try:
        parsed: DocumentNode = parse(document)
    except GraphQLError:
        return Plan(frozenset())
    # Fragments belong to the whole document, so the whole document is checked: a document that also holds a
    # mutation, or a field outside the list anywhere, is never cached.
    type_info = TypeInfo(schema)
    check = _FieldCheck(type_info, allowed)
    visit(parsed, TypeInfoVisitor(type_info, check))
    operations = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    if not check.ok or any(o.operation is not OperationType.QUERY for o in operations):
        return Plan(frozenset())
    ok: set[str | None] = {o.name.value if o.name else None for o in operations}
    if len(operations) == 1:
        ok.add(None)  # the only operation may be run without naming it
    return Plan(frozenset(ok))


@dataclass(frozen=True, slots=True)
class Entry:
    watermark: str
    valid_until: datetime | None
    body: bytes


class Answers:
    """The kept answers, least recently used dropped first, bounded in count and in bytes."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: tuple[Any, ...]) -> Entry | None:
        entry = self._items.get(key)
        if entry is not None:
            self._items.move_to_end(key)
        return entry

    def put(self, key: tuple[Any, ...], entry: Entry) -> None:
        if len(entry.body) > self.max_bytes:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= len(old.body)
        self._items[key] = entry
        self.bytes += len(entry.body)
        while len(self._items) > self.max_entries or self.bytes > self.max_bytes:
            _, dropped = self._items.popitem(last=False)
            self.bytes -= len(dropped.body)


class ResponseCache(ASGIMiddleware):
    """Answers a repeated GraphQL read from the cache while the caller's watermark is unchanged."""

    def __init__(self, schema: GraphQLSchema, *, max_entries: int, max_bytes: int) -> None:
        self.schema = schema
        self.allowed = cacheable_fields(schema)
        self.answers = Answers(max_entries, max_bytes)
        self.plans: OrderedDict[str, Plan] = OrderedDict()
        self.enabled = max_entries > 0 and max_bytes > 0

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        actor = scope.get("user")
        if (
            not self.enabled
            or scope["type"] != ScopeType.HTTP
            or scope["method"] not in ("GET", "POST")
            or not isinstance(actor, Actor)
            or actor.party_id is None
        ):
            await next_app(scope, receive, send)
            return
        body = b""
        if scope["method"] == "POST":
            body = await read_body(receive, scope["litestar_app"].state.settings.max_body_bytes)
            receive = replayed(body)
        key = self._key(scope, body, actor)
        if key is None:
            await next_app(scope, receive, send)
            return
        state = scope["litestar_app"].state
        now: datetime = state.clock()
        watermark = await read_party_watermark(state.sessionmaker, actor.party_id, now)
        entry = self.answers.get(key)
        if entry is not None and _still_valid(entry, watermark, now):
            headers = [("content-type", "application/json"), ("content-length", str(len(entry.body)))]
            await send_stored(send, StoredResponse(200, headers, entry.body))
            return
        captured = await capture(next_app, scope, receive)
        if captured.status_code == 200 and _without_errors(captured.body):
            self.answers.put(key, Entry(watermark.value, watermark.valid_until, captured.body))
        await send_stored(send, captured)

    def _key(self, scope: Scope, body: bytes, actor: Actor) -> tuple[Any, ...] | None:
        """The cache key of a cacheable read, or None when this request is not one."""
        request = graphql_request(scope, body)
        if request is None:
            return None
        document, operation, variables = request
        digest = hashlib.sha256(document.encode()).hexdigest()
        plan = self._plan(digest, document)
        if operation not in plan.cacheable_operations:
            return None
        encoded_variables = msgspec.json.encode(variables or {}, order="sorted")
        return (actor.party_id, actor.client_id, tuple(sorted(actor.scopes)), digest, operation, encoded_variables)

    def _plan(self, digest: str, document: str) -> Plan:
        plan = self.plans.get(digest)
        if plan is None:
            plan = self.plans[digest] = plan_document(self.schema, self.allowed, document)
            while len(self.plans) > 4096:
                self.plans.popitem(last=False)
        return plan


def _still_valid(entry: Entry, watermark: Watermark, now: datetime) -> bool:
    return entry.watermark == watermark.value and (entry.valid_until is None or now < entry.valid_until)


def graphql_request(scope: Scope, body: bytes) -> tuple[str, str | None, Any] | None:
    """(document, operation name, variables) of a GraphQL request, or None when it is not a plain one."""
    if scope["type"] != ScopeType.HTTP:
        return None
    if scope["method"] == "POST":
        try:
            request = msgspec.json.decode(body)
        except msgspec.DecodeError:
            return None
    else:
        asked = {k: v[0] for k, v in parse_qs(scope.get("query_string", b"").decode("latin-1")).items()}
        request = dict(asked)
        if "variables" in asked:
            try:
                request["variables"] = msgspec.json.decode(asked["variables"])
            except msgspec.DecodeError:
                return None
    if not isinstance(request, dict):
        return None
    document, operation, variables = request.get("query"), request.get("operationName"), request.get("variables")
    if not isinstance(document, str) or not (operation is None or isinstance(operation, str)):
        return None
    if variables is not None and not isinstance(variables, dict):
        return None
    return document, operation, variables


def _without_errors(body: bytes) -> bool:
    try:
        answer = msgspec.json.decode(body)
    except msgspec.DecodeError:
        return False
    return isinstance(answer, dict) and not answer.get("errors")
