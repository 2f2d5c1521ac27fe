"""Scopes are declared on every operation, and REST and GraphQL ask the same scope for the same use case.

Read from the route table and the built schema, so a new route or field fails here until it declares a scope or is
listed as scope-free with the reason.
"""

from __future__ import annotations

from graphql import GraphQLField, GraphQLNamedType, GraphQLObjectType, GraphQLOutputType, get_named_type

from api.app import create_app
from api.auth import PUBLIC_PATHS
from api.settings import Settings
from db.values import Scope
from schema.app import FIELD_SCOPES, build_schema
from schema.permissions import HasScope

IGNORED_METHODS = {"OPTIONS", "HEAD"}
# Routes a token without any scope may call (beyond the unauthenticated PUBLIC_PATHS), with the reason.
SCOPE_FREE_ROUTES = {
    ("GET", "/v1/me"): "the caller's own identity and scopes",
    ("GET", "/v1/event-types"): "the fixed event catalogue, the same as the public OpenAPI document's webhooks",
    (
        "GET",
        "/v1/parties/{party_id:uuid}/clients",
    ): "a party's own API clients (the service allows itself or the operator)",
    ("GET", "/v1/clients/{api_client_id:uuid}"): "one of the party's own API clients (itself or the operator), "
    "like the list",
    ("POST", "/graphql"): "each GraphQL field declares its own scope (checked below)",
    ("GET", "/graphql"): "the GraphiQL page",
}
SCOPE_FREE_FIELDS = {
    "me": "the caller's own identity and scopes",
    "rateLimit": "the caller's own GraphQL cost budget (any token, like its REST RateLimit headers)",
    "apiClient": "one of the party's own API clients (itself or the operator), like GET /v1/clients/{id}",
    "apiClients": "the party's own API clients (itself or the operator), like GET /v1/parties/{id}/clients",
}
# GraphQL fields that are not a use case REST has a route for, and why.
NO_REST_TWIN = {
    "rateLimit": "GraphQL's own cost budget; REST answers carry their limit in the RateLimit headers instead",
}
# Nested fields that lead to another use case's type without asking that use case's scope, with the reason.
# (`Agreement.disputes` asks disputes:read: a token with agreements:read alone reads `[]` there.)
CROSSING_WITHOUT_SCOPE = {
    ("Me", "party"): "the caller's own party",
    ("Dispute", "raisedBy"): "the two sides of a dispute are part of the dispute, as in REST's dispute body",
    ("Dispute", "respondent"): "the two sides of a dispute are part of the dispute, as in REST's dispute body",
}
# One use case, both edges: GraphQL root field -> REST route.
SAME_USE_CASE = {
    "agreement": ("GET", "/v1/agreements/{agreement_id:uuid}"),
    "agreements": ("GET", "/v1/agreements"),
    "createAgreement": ("POST", "/v1/agreements"),
    "updateAgreement": ("PATCH", "/v1/agreements/{agreement_id:uuid}"),
    "activateAgreement": ("POST", "/v1/agreements/{agreement_id:uuid}/activate"),
    "suspendAgreement": ("POST", "/v1/agreements/{agreement_id:uuid}/suspend"),
    "resumeAgreement": ("POST", "/v1/agreements/{agreement_id:uuid}/resume"),
    "terminateAgreement": ("POST", "/v1/agreements/{agreement_id:uuid}/terminate"),
    "proposeVersion": ("POST", "/v1/agreements/{agreement_id:uuid}/versions"),
    "approveVersion": ("POST", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/approve"),
    "rejectVersion": ("POST", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/reject"),
    "withdrawVersion": ("POST", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/withdraw"),
    "party": ("GET", "/v1/parties/{party_id:uuid}"),
    "parties": ("GET", "/v1/parties"),
    "createParty": ("POST", "/v1/parties"),
    "updateParty": ("PATCH", "/v1/parties/{party_id:uuid}"),
    "createApiClient": ("POST", "/v1/parties/{party_id:uuid}/clients"),
    "revokeApiClient": ("POST", "/v1/clients/{api_client_id:uuid}/revoke"),
    "apiClient": ("GET", "/v1/clients/{api_client_id:uuid}"),
    "apiClients": ("GET", "/v1/parties/{party_id:uuid}/clients"),
    "feedTokens": ("GET", "/v1/feed-tokens"),
    "createFeedToken": ("POST", "/v1/feed-tokens"),
    "revokeFeedToken": ("POST", "/v1/feed-tokens/{feed_token_id:uuid}/revoke"),
    "me": ("GET", "/v1/me"),
    "invitations": ("GET", "/v1/invitations"),
    "acceptInvitation": ("POST", "/v1/invitations/{invitation_id:uuid}/accept"),
    "declineInvitation": ("POST", "/v1/invitations/{invitation_id:uuid}/decline"),
    "events": ("GET", "/v1/events"),
    "redeliverEvent": ("POST", "/v1/events/{event_id:uuid}/redeliver"),
    "review": ("GET", "/v1/reviews/{review_id:uuid}"),
    "scheduleReview": ("POST", "/v1/agreements/{agreement_id:uuid}/reviews"),
    "setReviewCycle": ("PUT", "/v1/agreements/{agreement_id:uuid}/review-cycle"),
    "completeReview": ("POST", "/v1/reviews/{review_id:uuid}/complete"),
    "cancelReview": ("POST", "/v1/reviews/{review_id:uuid}/cancel"),
    "dispute": ("GET", "/v1/disputes/{dispute_id:uuid}"),
    "disputes": ("GET", "/v1/disputes"),
    "openDispute": ("POST", "/v1/disputes"),
    "commentOnDispute": ("POST", "/v1/disputes/{dispute_id:uuid}/comments"),
    "acknowledgeDispute": ("POST", "/v1/disputes/{dispute_id:uuid}/acknowledge"),
    "escalateDispute": ("POST", "/v1/disputes/{dispute_id:uuid}/escalate"),
    "resolveDispute": ("POST", "/v1/disputes/{dispute_id:uuid}/resolve"),
    "rejectDispute": ("POST", "/v1/disputes/{dispute_id:uuid}/reject"),
    "withdrawDispute": ("POST", "/v1/disputes/{dispute_id:uuid}/withdraw"),
    "applicableSla": ("GET", "/v1/sla/applicable"),
    "ticketSla": ("GET", "/v1/tickets/{source:str}/{external_id:str}/sla"),
    "recordTicketEvents": ("POST", "/v1/tickets/events"),
    "attainment": ("GET", "/v1/agreements/{agreement_id:uuid}/attainment"),
    "reportIncident": ("POST", "/v1/agreements/{agreement_id:uuid}/incidents"),
    "acceptMaintenance": ("POST", "/v1/agreements/{agreement_id:uuid}/incidents/{incident_id:uuid}/accept"),
    "recordUsage": ("POST", "/v1/agreements/{agreement_id:uuid}/usage"),
    "billingStatements": ("GET", "/v1/billing/statements"),
    "closeBillingPeriod": ("POST", "/v1/billing/periods/{period:str}/close"),
    "calendar": ("GET", "/v1/calendars/{calendar_id:uuid}"),
    "calendars": ("GET", "/v1/calendars"),
    "createCalendar": ("POST", "/v1/calendars"),
    "updateCalendar": ("PATCH", "/v1/calendars/{calendar_id:uuid}"),
    "deleteCalendar": ("DELETE", "/v1/calendars/{calendar_id:uuid}"),
    "webhookSubscription": ("GET", "/v1/webhooks/{subscription_id:uuid}"),
    "webhookSubscriptions": ("GET", "/v1/webhooks"),
    "createWebhookSubscription": ("POST", "/v1/webhooks"),
    "updateWebhookSubscription": ("PATCH", "/v1/webhooks/{subscription_id:uuid}"),
    "deleteWebhookSubscription": ("DELETE", "/v1/webhooks/{subscription_id:uuid}"),
    "pauseWebhookSubscription": ("POST", "/v1/webhooks/{subscription_id:uuid}/pause"),
    "resumeWebhookSubscription": ("POST", "/v1/webhooks/{subscription_id:uuid}/resume"),
    "rotateWebhookSecret": ("POST", "/v1/webhooks/{subscription_id:uuid}/rotate-secret"),
    "testWebhookSubscription": ("POST", "/v1/webhooks/{subscription_id:uuid}/test"),
    "recoverWebhookDeliveries": ("POST", "/v1/webhooks/{subscription_id:uuid}/recover"),
    "recordMeasurements": ("POST", "/v1/agreements/{agreement_id:uuid}/measurements"),
    "indicators": ("GET", "/v1/agreements/{agreement_id:uuid}/indicators"),
    "simulateVersion": ("POST", "/v1/agreements/{agreement_id:uuid}/versions/{number:int}/simulate"),
}


def _route_scopes() -> dict[tuple[str, str], str | None]:
    app = create_app(Settings(environment="development", database_url="postgresql://scopes@127.0.0.1:1/unused"))
    return {
        (method, route.path): handler.opt.get("scope")
        for route in app.routes
        for handler in getattr(route, "route_handlers", [])
        for method in handler.http_methods
        if method not in IGNORED_METHODS
    }


def test_every_rest_route_declares_a_scope_or_is_listed_as_scope_free():
    routes = _route_scopes()
    undeclared = {
        key
        for key, scope in routes.items()
        if scope is None and not key[1].startswith(PUBLIC_PATHS) and key not in SCOPE_FREE_ROUTES
    }
    assert not undeclared, f"routes without a scope: {sorted(undeclared)}"
    assert all(scope is None or scope in tuple(Scope) for scope in routes.values())
    assert not [key for key in SCOPE_FREE_ROUTES if key not in routes], "a listed scope-free route no longer exists"
    # A scope-free route must really be scope-free: listing a scoped one hides nothing.
    assert all(routes[key] is None for key in SCOPE_FREE_ROUTES)


def test_every_graphql_field_declares_a_scope_or_is_listed_as_scope_free():
    undeclared = [f for f, scope in FIELD_SCOPES.items() if scope is None and f not in SCOPE_FREE_FIELDS]
    assert not undeclared, f"GraphQL fields without a scope: {undeclared}"
    assert all(FIELD_SCOPES[f] is None for f in SCOPE_FREE_FIELDS)


def test_rest_and_graphql_require_the_same_scope_for_the_same_use_case():
    routes = _route_scopes()
    assert set(SAME_USE_CASE) <= set(FIELD_SCOPES), "a listed GraphQL field no longer exists"
    differ = {
        field: (FIELD_SCOPES[field], routes[route])
        for field, route in SAME_USE_CASE.items()
        if FIELD_SCOPES[field] != routes[route]
    }
    assert not differ, f"REST and GraphQL differ (GraphQL, REST): {differ}"
    # `GET /v1/parties/{id}` once needed no scope while `party(id)` needed agreements:read.
    assert routes[("GET", "/v1/parties/{party_id:uuid}")] == Scope.AGREEMENTS_READ


def test_every_graphql_field_with_a_rest_twin_is_paired():
    """A field whose REST route exists must be in SAME_USE_CASE, so the parity check above covers it."""
    unpaired = set(FIELD_SCOPES) - set(SAME_USE_CASE) - set(NO_REST_TWIN)
    assert not unpaired, f"add these fields to SAME_USE_CASE (or explain why they have no REST twin): {unpaired}"


def _node_type(output: GraphQLOutputType) -> GraphQLNamedType:
    """The named type a field leads to, through lists, non-null and Relay connections (`edges { node }`)."""
    named = get_named_type(output)
    if isinstance(named, GraphQLObjectType) and named.name.endswith("Connection") and "edges" in named.fields:
        edge = get_named_type(named.fields["edges"].type)
        assert isinstance(edge, GraphQLObjectType)
        return get_named_type(edge.fields["node"].type)
    return named


def _declared_scope(field: GraphQLField) -> str | None:
    definition = field.extensions["strawberry-definition"]
    scopes = [
        permission.scope
        for extension in definition.extensions
        for permission in getattr(extension, "permissions", [])
        if isinstance(permission, HasScope)
    ]
    return scopes[0] if scopes else None


def _crossings() -> dict[tuple[str, str], tuple[set[str | None], set[str | None], str | None]]:
    """Nested fields whose type is read at the root under another scope than their parent's:
    `{(parent type, field): (the field type's root scopes, the parent's root scopes, the field's own scope)}`."""
    schema = build_schema()._schema
    assert schema.query_type is not None
    root_scopes: dict[str, set[str | None]] = {}
    for name, field in schema.query_type.fields.items():
        root_scopes.setdefault(_node_type(field.type).name, set()).add(FIELD_SCOPES[name])
    found = {}
    for type_name, graphql_type in schema.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType) or type_name not in root_scopes:
            continue
        for field_name, field in graphql_type.fields.items():
            needed = root_scopes.get(_node_type(field.type).name)
            if needed and needed != root_scopes[type_name]:
                found[(type_name, field_name)] = (needed, root_scopes[type_name], _declared_scope(field))
    return found


def test_a_nested_field_into_another_use_case_asks_its_scope_or_is_listed():
    """Nesting must not bypass a scope: a field that leads from one use case's type to another's (an agreement's
    disputes) asks the scope the other's root field asks, or is listed above with the reason."""
    crossings = _crossings()
    unguarded = {
        key: (sorted(map(str, needed)), declared)
        for key, (needed, _, declared) in crossings.items()
        if declared not in needed and key not in CROSSING_WITHOUT_SCOPE
    }
    assert not unguarded, f"ask the scope (requires_scope) or list with a reason: {unguarded}"
    assert set(CROSSING_WITHOUT_SCOPE) <= set(crossings), "a listed crossing no longer exists"
    # The one the schema guards today, so the scan is known to see field scopes.
    assert crossings[("Agreement", "disputes")][2] == Scope.DISPUTES_READ
