"""Health, readiness, the JWKS and the OAuth 2.0 token endpoint."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, unquote

from litestar import Controller, Request, Response, get, post
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.representations import TokenResponse
from db.migrate import current_revision, head_revision
from services.auth.keys import published_jwks
from services.auth.tokens import OAuthError, issue_client_token


class SystemController(Controller):
    include_in_schema = True
    tags = ["system"]

    @get("/healthz", summary="The process is up", opt={"public": True})
    async def healthz(self) -> dict[str, str]:
        return {"status": "ok"}

    @get(
        "/readyz",
        summary="The database is reachable and migrated; the in-process worker's wake-ups (LISTEN or polling)",
        opt={"public": True},
    )
    async def readyz(self, request: Request) -> Response[dict[str, Any]]:
        answer = await self._database_readiness(request)
        worker = request.app.state.get("worker")
        if worker is not None:
            answer.content["worker"] = worker.status()
        return answer

    async def _database_readiness(self, request: Request) -> Response[dict[str, Any]]:
        engine = request.app.state.engine
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
                revision = await current_revision(connection)
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            return Response(
                {"status": "unavailable", "database": f"unreachable: {type(exc).__name__}"}, status_code=503
            )
        head = head_revision()
        if revision != head:
            return Response(
                {"status": "unavailable", "database": "reachable", "migration": revision, "expected_migration": head},
                status_code=503,
            )
        return Response({"status": "ready", "database": "reachable", "migration": revision})

    @get("/.well-known/jwks.json", summary="Public keys that verify this service's tokens")
    async def jwks(self, request: Request) -> Response[dict[str, Any]]:
        async with request.app.state.sessionmaker() as session:
            document = await published_jwks(session, now=request.app.state.clock())
        return Response(document, headers={"Cache-Control": "public, max-age=300"})


class TokenController(Controller):
    path = "/oauth"
    tags = ["auth"]

    @post("/token", summary="OAuth 2.0 client credentials grant (RFC 6749 §4.4); form or JSON body", status_code=200)
    async def token(self, request: Request, session: AsyncSession, now: datetime) -> Response[TokenResponse]:
        params = await _token_params(request)
        grant = params.get("grant_type")
        if grant is None:
            raise OAuthError("invalid_request", "grant_type is required")
        if grant != "client_credentials":
            raise OAuthError("unsupported_grant_type", "only grant_type=client_credentials is supported")
        client_id, client_secret = _client_credentials(request, params)
        limits = request.app.state.rate_limits
        await limits.check_client_failures(client_id)  # brute force on one client id answers 429
        try:
            issued = await issue_client_token(
                session,
                settings=request.app.state.settings,
                client_id=client_id,
                client_secret=client_secret,
                requested_scope=params.get("scope"),
                now=now,
            )
        except OAuthError as exc:
            if exc.code == "invalid_client":
                await limits.client_failed(client_id)
            raise
        return Response(TokenResponse(**issued), headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


async def _token_params(request: Request) -> dict[str, str]:
    body = await request.body()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            raise OAuthError("invalid_request", "body is not valid JSON") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise OAuthError("invalid_request", "token request parameters must be strings")
        return data
    if content_type in ("application/x-www-form-urlencoded", ""):
        parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        if any(len(v) > 1 for v in parsed.values()):
            raise OAuthError("invalid_request", "parameters must not repeat")
        return {k: v[0] for k, v in parsed.items()}
    raise OAuthError("invalid_request", "send application/x-www-form-urlencoded or application/json")


def _client_credentials(request: Request, params: dict[str, str]) -> tuple[str, str]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:]).decode()
        except ValueError:
            raise OAuthError("invalid_client", "malformed Basic credentials", 401) from None
        client_id, _, secret = decoded.partition(":")
        return unquote(client_id), unquote(secret)
    given_id, given_secret = params.get("client_id"), params.get("client_secret")
    if not given_id or not given_secret:
        raise OAuthError("invalid_client", "client_id and client_secret are required", 401)
    return given_id, given_secret
