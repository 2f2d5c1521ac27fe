"""Compiled GraphQL reads at `/graphql`: a query of the compiled subset (`schema.compiled`) is answered by one SQL
statement whose result is the answer, without running graphql-core or Strawberry's controller.

The innermost middleware of the `/graphql` route: authentication and the request rate limit ran before it, the
persisted operations resolved the document, the GraphQL-over-HTTP rules shape its answer (media type), and the
response cache keeps it like any other. What Strawberry would check here is checked the same way: the caller's
`agreements:read` scope (else the field's own error answers), the document's validity and limits (depth, aliases,
tokens: the same rules), its cost against the maximum and the caller's budget (charged the same points). Anything
unusual — a document outside the subset, variables or arguments the resolvers would refuse, a spent budget — goes
on to Strawberry, which answers it exactly as before.
"""

from __future__ import annotations

import logging

import asyncpg
from graphql import GraphQLSchema
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy.exc import DBAPIError

from api.buffering import read_body, replayed, send_stored
from api.response_cache import graphql_request
from db.engine import database_error_report, is_connection_failure
from db.reading import read_text
from db.values import Scope as TokenScope
from schema.app import Limits
from schema.compiled.documents import CompiledDocuments
from schema.cost import budget_key
from services.actors import Actor
from services.idempotency import StoredResponse
from services.metrics import GRAPHQL_OPERATIONS

_log = logging.getLogger("sla.graphql.compiled")


class CompiledReads(ASGIMiddleware):
    def __init__(self, schema: GraphQLSchema, limits: Limits) -> None:
        self.documents = CompiledDocuments(schema, limits)
        self.max_cost = limits.max_cost

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        actor = scope.get("user")
        if (
            scope["type"] != ScopeType.HTTP
            or scope["method"] not in ("GET", "POST")
            or not isinstance(actor, Actor)
            or not actor.has_scope(TokenScope.AGREEMENTS_READ)
            or (actor.party_id is None and not actor.is_operator)
            or (scope["method"] == "POST" and not _json_body(scope))
        ):
            await next_app(scope, receive, send)
            return
        body = b""
        if scope["method"] == "POST":
            body = await read_body(receive, scope["litestar_app"].state.settings.max_body_bytes)
            receive = replayed(body)
        request = graphql_request(scope, body)
        if request is None:
            await next_app(scope, receive, send)
            return
        document, operation_name, variables = request
        state = scope["litestar_app"].state
        bound = self.documents.bind(document, operation_name, variables, actor, state.clock())
        if bound is None or bound.cost > self.max_cost:
            await next_app(scope, receive, send)
            return
        budget, caller = state.get("rate_limits"), budget_key(actor)
        if budget is not None and caller is not None:
            verdict = await budget.graphql_cost(caller, bound.cost)
            if verdict is not None and not verdict.allowed:
                await next_app(scope, receive, send)  # Strawberry refuses it, with the budget's figures
                return
        try:
            data = await read_text(state.sessionmaker, bound.sql, bound.parameters)
        except (DBAPIError, asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
            # Strawberry answers a database failure as a GraphQL error of its own kind (`database_unavailable`, or
            # masked); a statement the compiler got wrong is a bug to log, and Strawberry still answers right.
            if not is_connection_failure(exc):
                _log.error("compiled read failed: %s", _report(exc, bound.sql))
            await next_app(scope, receive, send)
            return
        GRAPHQL_OPERATIONS.labels(operation_name or "anonymous", "query").inc()
        answer = b'{"data":' + data.encode() + b"}"
        headers = [("content-type", "application/json"), ("content-length", str(len(answer)))]
        await send_stored(send, StoredResponse(200, headers, answer))


def _report(exc: BaseException, sql: str) -> str:
    """What the log says: the error's kind, SQLSTATE and the statement, never the driver's message (asyncpg quotes
    argument values in it) nor the parameters."""
    if isinstance(exc, DBAPIError):
        return database_error_report(exc)
    return f"{type(exc).__name__} (SQLSTATE {getattr(exc, 'sqlstate', None) or '?'}) in statement:\n{sql}"


def _json_body(scope: Scope) -> bool:
    """Strawberry reads a POST body as JSON only under `application/json` (anything else is its own answer)."""
    content_type = next((v for k, v in scope["headers"] if k == b"content-type"), b"")
    return content_type.split(b";")[0].strip().lower() == b"application/json"
