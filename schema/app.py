"""The GraphQL schema and its Litestar route at `/graphql`.

Listing the operations (e.g. to generate a test per field):

    from schema.app import FIELD_NAMES, QUERY_FIELDS, MUTATION_FIELDS, FIELD_SCOPES
    QUERY_FIELDS      # ('agreement', 'agreements', 'dispute', 'disputes', 'events', 'me', 'parties', ...)
    MUTATION_FIELDS   # ('activateAgreement', 'approveVersion', ...)
    FIELD_NAMES       # QUERY_FIELDS + MUTATION_FIELDS
    FIELD_SCOPES      # {'agreement': 'agreements:read', 'createParty': 'parties:admin', 'me': None, ...}
    SUBSCRIPTION_FIELDS  # ('events', 'ticketSla'): over the WebSocket only (schema/subscriptions)

They are read from the built schema (GraphQL names), so they never drift from what `/graphql` serves.
`operation_fields(schema)` gives the same for any `strawberry.Schema`, with each field's arguments.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError, GraphQLSchema, NoSchemaIntrospectionCustomRule
from sqlalchemy.exc import DBAPIError
from strawberry.extensions import AddValidationRules, MaskErrors, MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.extensions.max_aliases import create_validator as max_aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as max_depth_rule
from strawberry.litestar import make_graphql_controller
from strawberry.schema.config import StrawberryConfig
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.tools import merge_types
from strawberry.types.base import get_object_definition

from db.engine import DATABASE_RETRY_AFTER_SECONDS, database_error_report, is_connection_failure
from schema.agreements.invitations import InvitationMutations, InvitationQueries
from schema.agreements.mutations import AgreementMutations
from schema.agreements.queries import AgreementQueries
from schema.agreements.review_mutations import ReviewMutations
from schema.billing.mutations import BillingMutations
from schema.billing.queries import BillingQueries
from schema.calendars.mutations import CalendarMutations
from schema.calendars.queries import CalendarQueries
from schema.clause_terms import CLAUSE_TERMS_TYPES
from schema.cost import CostLimits, RateLimitQueries
from schema.disputes.mutations import DisputeMutations
from schema.disputes.queries import DisputeQueries
from schema.errors import ConflictError, ForbiddenError, NotFoundError, PreconditionError, ValidationError
from schema.events.queries import EventQueries
from schema.metrics import GraphQLMetrics
from schema.parties.feed_tokens import FeedTokenMutations, FeedTokenQueries
from schema.parties.mutations import PartyMutations
from schema.parties.queries import PartyQueries
from schema.permissions import HasScope
from schema.reviews.queries import ReviewQueries
from schema.scalars import SCALAR_MAP
from schema.simulation.queries import SimulationQueries
from schema.subscriptions.connection import SubscriptionsOnlyOverWebSocket, authenticate_socket, connection_context
from schema.subscriptions.fields import Subscription
from schema.tickets.mutations import TicketMutations
from schema.tickets.queries import TicketQueries
from schema.verification.mutations import VerificationMutations
from schema.verification.queries import VerificationQueries
from schema.webhooks.mutations import WebhookMutations
from schema.webhooks.queries import WebhookQueries
from services.errors import DomainError, input_error_from_database

Query = merge_types(
    "Query",
    (
        PartyQueries,
        FeedTokenQueries,
        AgreementQueries,
        InvitationQueries,
        EventQueries,
        ReviewQueries,
        DisputeQueries,
        WebhookQueries,
        CalendarQueries,
        TicketQueries,
        BillingQueries,
        RateLimitQueries,
        VerificationQueries,
        SimulationQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        PartyMutations,
        FeedTokenMutations,
        AgreementMutations,
        InvitationMutations,
        ReviewMutations,
        DisputeMutations,
        WebhookMutations,
        CalendarMutations,
        TicketMutations,
        BillingMutations,
        VerificationMutations,
    ),
)

# Each subscription waits on the process's shared LISTEN connection (services.event_stream._ListenHub).
MAX_SUBSCRIPTIONS_PER_SOCKET = 10

ERROR_TYPES = (NotFoundError, ValidationError, ConflictError, ForbiddenError, PreconditionError)


@dataclass(frozen=True)
class Limits:
    """What a single document may ask for. Hashable: one schema (and one set of validation rules) per value."""

    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_cost: int = 25_000
    introspection: bool = True


def _is_unexpected(error: Any) -> bool:
    """Mask bugs (their messages may leak internals); keep validation, permission and domain errors readable."""
    original = getattr(error, "original_error", None)
    return (
        original is not None
        and not isinstance(original, DomainError)
        and not hasattr(original, "extensions")
        and input_error_from_database(original) is None
    )


class MaskBugs(MaskErrors):
    """Bugs answer "internal error"; a database error caused by the input (a NUL in a string, say) answers what
    REST answers for it, never the database's own message (which quotes the SQL)."""

    def __init__(self) -> None:
        super().__init__(
            should_mask_error=lambda error: (
                _is_unexpected(error) or _is_unstorable(error) or is_connection_failure(error.original_error)
            ),
            error_message="internal error",
        )

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if is_connection_failure(error.original_error):
            # A lost connection is retryable, not a bug (REST answers it 503 with `Retry-After`).
            return GraphQLError(
                "the database is unavailable; retry shortly",
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions={"code": "database_unavailable", "retry_after": DATABASE_RETRY_AFTER_SECONDS},
            )
        invalid = input_error_from_database(error.original_error) if error.original_error else None
        if invalid is None:
            return super().anonymise_error(error)
        return GraphQLError(
            invalid.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": invalid.code, "problems": []},
        )


def _is_unstorable(error: GraphQLError) -> bool:
    return error.original_error is not None and input_error_from_database(error.original_error) is not None


def validation_rules(limits: Limits) -> list[type[ASTValidationRule]]:
    # Built once per Limits and handed to AddValidationRules: QueryDepthLimiter and MaxAliasesLimiter build a new
    # rule class per instance, so as per-request extension factories they would give every request a different
    # rule tuple and never hit ValidationCache (strawberry issue #4635).
    rules: list[type[ASTValidationRule]] = [
        max_depth_rule(limits.max_depth, None),
        max_aliases_rule(limits.max_aliases),
    ]
    if not limits.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


_log = logging.getLogger("strawberry.execution")


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?", re.DOTALL)


class NoSuggestions(MaskErrors):
    """With introspection off, "Did you mean 'agreements'?" would let a client map the schema field by field:
    validation and coercion errors keep their message without the suggestion."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: bool(_SUGGESTION.search(error.message)))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return GraphQLError(
            _SUGGESTION.sub("", error.message),
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=error.original_error,
            extensions=error.extensions,
        )


class Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # Log bugs only: a missing scope or an invalid document is the client's business, not an incident.
        unexpected = [e for e in errors if _is_unexpected(e) and not is_connection_failure(e.original_error)]
        for error in unexpected:
            if isinstance(error.original_error, DBAPIError):  # never the statement's parameters
                _log.error("database error: %s", database_error_report(error.original_error))
        super().process_errors(
            [e for e in unexpected if not isinstance(e.original_error, DBAPIError)], execution_context
        )


@cache
def build_schema(limits: Limits = Limits()) -> strawberry.Schema:
    rules = validation_rules(limits)
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[*CLAUSE_TERMS_TYPES, *ERROR_TYPES],
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
            lambda: AddValidationRules(rules),
            ParserCache,
            ValidationCache,
            MaskBugs,
            GraphQLMetrics,
            lambda: CostLimits(max_cost=limits.max_cost),
            *([] if limits.introspection else [NoSuggestions]),
            SubscriptionsOnlyOverWebSocket,
        ],
    )


GRAPHIQL_PAGE = (Path(__file__).parent / "graphiql.html").read_text()


def graphql_controller(
    schema: strawberry.Schema,
    *,
    graphiql: bool,
    middleware: Sequence[Any] = (),
    websocket_origins: Sequence[str] = (),
) -> type:
    """The `/graphql` route handler for `api.app.create_app`, which builds the schema from plain values read from its
    settings and passes the HTTP middleware of the route (persisted operations and the response cache live at the
    HTTP edge, in `api/`) and the browser origins (besides the API's own) whose pages may open a subscription socket
    (the CORS origins: the token travels in `connection_init`, never in a cookie)."""
    controller = make_graphql_controller(
        schema,
        path="/graphql",
        context_getter=connection_context,
        graphql_ide="graphiql" if graphiql else None,
        # GET runs queries (persisted or not; never mutations) for callers with a token, and serves the GraphiQL page
        # without one: BearerAuthMiddleware lets GET /graphql without an operation through.
        allow_queries_via_get=True,
        # Subscriptions over WebSocket, `graphql-transport-ws` only (the legacy `graphql-ws` has no refusal code).
        # The bearer middleware does not see sockets: `connection_init` carries the token (schema/subscriptions).
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        connection_init_wait_timeout=timedelta(seconds=10),
        max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_SOCKET,
        allowed_origins=websocket_origins,
    )
    # `connection_init` is accepted only with a valid token (else 4403); the socket is closed once it stops verifying.
    controller.on_ws_connect = staticmethod(authenticate_socket)  # type: ignore[method-assign, assignment]
    # GraphQL documents itself (SDL, introspection); it is not a REST operation of the OpenAPI document.
    controller.include_in_schema = False
    controller.middleware = list(middleware)
    # Strawberry's page loads GraphiQL from a CDN and has no word about tokens: ours uses the vendored assets and
    # opens on a headers editor pre-filled with the Authorization header to complete.
    # (A property on strawberry's view, replaced here by a plain class attribute that reads the same.)
    controller.graphql_ide_html = GRAPHIQL_PAGE  # type: ignore[method-assign, assignment]  # see above
    return controller


def operation_fields(schema: strawberry.Schema) -> dict[str, dict[str, list[str]]]:
    """`{"query": {field: [argument, ...]}, "mutation": {...}}` in GraphQL names, sorted."""
    graphql_schema: GraphQLSchema = schema._schema
    found: dict[str, dict[str, list[str]]] = {}
    for operation, root in (("query", graphql_schema.query_type), ("mutation", graphql_schema.mutation_type)):
        found[operation] = {name: sorted(field.args) for name, field in sorted((root.fields if root else {}).items())}
    return found


def _field_scopes(schema: strawberry.Schema) -> dict[str, str | None]:
    scopes: dict[str, str | None] = {}
    for root in (schema.query, schema.mutation):
        if root is None:
            continue
        for field in get_object_definition(root, strict=True).fields:
            needed = [
                permission.scope
                for extension in field.extensions
                for permission in getattr(extension, "permissions", [])
                if isinstance(permission, HasScope)
            ]
            scopes[schema.config.name_converter.get_graphql_name(field)] = needed[0] if needed else None
    return dict(sorted(scopes.items()))


_DEFAULT_SCHEMA = build_schema()
QUERY_FIELDS: tuple[str, ...] = tuple(operation_fields(_DEFAULT_SCHEMA)["query"])
MUTATION_FIELDS: tuple[str, ...] = tuple(operation_fields(_DEFAULT_SCHEMA)["mutation"])
FIELD_NAMES: tuple[str, ...] = QUERY_FIELDS + MUTATION_FIELDS
# Over the WebSocket only; their isolation cases are in tests/schema/test_subscriptions.py.
SUBSCRIPTION_FIELDS: tuple[str, ...] = tuple(sorted(_DEFAULT_SCHEMA._schema.subscription_type.fields))  # type: ignore[union-attr]
FIELD_SCOPES: dict[str, str | None] = _field_scopes(_DEFAULT_SCHEMA)


def sdl() -> str:
    """The schema in SDL, as committed in `schema/schema.graphql` (`python -m schema.export` rewrites it)."""
    return _DEFAULT_SCHEMA.as_str() + "\n"
