"""`Allow` headers that list every method of a path, and CORS for browser portals (`SLA_CORS_ORIGINS`).

Litestar builds one route per path, but when a second controller method adds a verb to a path that already has a
route, the route's automatic OPTIONS handler keeps the method set of the first registration (`GET /v1/agreements`
answered `allow: OPTIONS, POST`). `AllowHeaderMiddleware` rewrites the header of every OPTIONS answer from the
finished route table, keyed by the matched path template."""

from __future__ import annotations

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Message, Receive, Scope, Send

# What a browser portal may send and read beyond the CORS-safelisted headers.
CORS_REQUEST_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match", "X-Request-Id"]
CORS_EXPOSED_HEADERS = [
    "ETag",
    "Link",
    "Location",
    "Retry-After",
    "RateLimit",
    "RateLimit-Policy",
    "X-Request-Id",
    "idempotent-replayed",
]


def cors_config(origins: list[str]) -> CORSConfig | None:
    """CORS for the listed origins (`*` for any; no origins: no CORS headers at all). Tokens travel in the
    `Authorization` header, never in cookies, so credentials stay off."""
    if not origins:
        return None
    return CORSConfig(
        allow_origins=origins,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=CORS_REQUEST_HEADERS,
        expose_headers=CORS_EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=600,
    )


def allowed_methods(app: Litestar) -> dict[str, str]:
    """Path template → the `Allow` value: every method any handler of that path answers."""
    table: dict[str, set[str]] = {}
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            table.setdefault(route.path_format, set()).update(route.methods)
    return {path: ", ".join(sorted(methods)) for path, methods in table.items()}


class AllowHeaderMiddleware(ASGIMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] != "OPTIONS":
            await next_app(scope, receive, send)
            return
        allow = scope["litestar_app"].state.allowed_methods.get(scope.get("path_template", ""))

        async def send_with_allow(message: Message) -> None:
            if allow is not None and message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                if "allow" in headers:
                    headers["allow"] = allow
            await send(message)

        await next_app(scope, receive, send_with_allow)
