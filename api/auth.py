"""Bearer-token authentication and the routes' scopes, at the edge."""

from __future__ import annotations

from urllib.parse import parse_qs

from litestar.enums import ScopeType
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from api.persisted_operations import is_operation_get
from services.actors import Actor
from services.auth.feed_tokens import feed_actor
from services.auth.tokens import TokenVerifier
from services.errors import Forbidden, Unauthorized

# Ticketing tools cannot hold our tokens: their deliveries prove themselves with the integration's signing secret.
SIGNED_PATHS = ("/v1/integrations/zendesk/events", "/v1/integrations/jira/events")
# /metrics checks its own access (SLA_METRICS: off, open, or an operator token).
PUBLIC_PATHS = ("/healthz", "/readyz", "/oauth/token", "/.well-known/jwks.json", "/schema", "/metrics", *SIGNED_PATHS)


class BearerAuthMiddleware(ASGIMiddleware):
    """Puts the verified Actor in `scope["user"]`; no token or a bad one is a 401 problem, a token without the
    route's scope a 403."""

    def __init__(self, verifier_key: str = "token_verifier") -> None:
        self.verifier_key = verifier_key

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        path = scope["path"]
        if path.startswith(PUBLIC_PATHS) or scope["type"] != ScopeType.HTTP or scope["method"] == "OPTIONS":
            await next_app(scope, receive, send)
            return
        if path.startswith("/graphql") and scope["method"] == "GET" and not is_operation_get(scope):
            # The GraphiQL page itself; queries (by POST, or by GET with an operation) need a token.
            await next_app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw = headers.get(b"authorization", b"").decode("latin-1")
        scheme, _, token = raw.partition(" ")
        if not raw and path.endswith(".ics"):
            feed_secret = _query_token(scope, "feed_token")
            if feed_secret:
                # A calendar subscription: a long-lived, revocable feed token, looked up on every request.
                async with scope["litestar_app"].state["sessionmaker"]() as session:
                    scope["user"] = actor = await feed_actor(session, feed_secret)
                require_scope(actor, scope["route_handler"])
                await next_app(scope, receive, send)
                return
            # Calendar apps cannot send headers: feeds also take the token as `access_token` (RFC 6750 §2.3).
            scheme, token = "bearer", _query_token(scope, "access_token")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("missing bearer token (Authorization: Bearer <JWT>)")
        verifier: TokenVerifier = scope["litestar_app"].state[self.verifier_key]
        scope["user"] = actor = await verifier.verify(token.strip())
        require_scope(actor, scope["route_handler"])
        await next_app(scope, receive, send)


def _query_token(scope: Scope, name: str) -> str:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(name, [])
    return values[0].strip() if len(values) == 1 else ""


def require_scope(actor: Actor, handler: BaseRouteHandler) -> None:
    """Each route names its scope in `opt={"scope": ...}`; the operator's token carries all of them.

    Checked here, right after the caller is known, rather than as a Litestar guard: a guard is handed a copy of the
    route handler on every call (`copy.copy`, about a tenth of a bare read's CPU), and it ran after the rate limit
    and the body checks, which a caller without the scope need not reach."""
    needed = handler.opt.get("scope")
    if needed is not None and not actor.has_scope(needed):
        raise Forbidden(f"this call needs the {needed!r} scope", "insufficient_scope")
