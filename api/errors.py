"""RFC 9457 problem+json for every error the REST edge answers, mapped once."""

from __future__ import annotations

import logging
import re
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Reference,
    Schema,
)
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from sqlalchemy.exc import DBAPIError

from api.graphql_http import transport_error
from api.logging import current_request_id
from db.engine import DATABASE_RETRY_AFTER_SECONDS, database_error_report, is_connection_failure
from services.errors import DomainError, input_error_from_database

log = logging.getLogger("sla.api")

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://sla-api.dev/problems/"

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


def problem(
    status: int,
    code: str,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + code.replace("_", "-"),
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    request_id = current_request_id()
    if request_id is not None:
        # The request id the response's X-Request-Id and every log line of the request carry: a user's 500 is found.
        body["instance"] = f"urn:sla-api:request:{request_id}"
    body.update(extra or {})
    all_headers = {"WWW-Authenticate": 'Bearer realm="sla-api"'} if status == 401 else {}
    all_headers.update(headers or {})
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=all_headers)


def _graphql_transport_error(request: Request, status: int, code: str, detail: str, headers: Any = None) -> Response:
    """A failure before `/graphql` ran (token, rate limit, body size) answers as GraphQL, not as a problem document."""
    all_headers = {"WWW-Authenticate": 'Bearer realm="sla-api"'} if status == 401 else {}
    all_headers.update(headers or {})
    return transport_error(request.headers.get("accept", ""), status, code, detail, all_headers)


def _is_graphql(request: Request) -> bool:
    return request.scope["path"].rstrip("/") == "/graphql"


def domain_error_handler(request: Request, exc: DomainError) -> Response:
    if _is_graphql(request):
        return _graphql_transport_error(request, exc.status, exc.code, exc.message)
    errors = [{"field": p.field, "message": p.message} for p in exc.problems]
    if exc.status == 401 and exc.code not in ("unauthorized",):
        # OAuth token endpoint errors (RFC 6749 §5.2) keep their `error` member.
        return problem(exc.status, exc.code, exc.message, extra={"error": exc.code, "error_description": exc.message})
    if exc.code in ("invalid_request", "invalid_scope", "unsupported_grant_type", "invalid_client"):
        return problem(exc.status, exc.code, exc.message, extra={"error": exc.code, "error_description": exc.message})
    return problem(exc.status, exc.code, exc.message, errors=errors)


def validation_error_handler(_: Request, exc: ValidationException) -> Response:
    errors = []
    values_only = bool(exc.extra)
    for item in exc.extra or []:
        if isinstance(item, dict):
            message = str(item.get("message", ""))
            errors.append({"field": _field_name(item, message), "message": message})
            # A query parameter is a value whatever is wrong with it (`limit=many`, `limit=0`, a cursor this API did
            # not issue, an unknown `status`): one status and code for every bad query parameter.
            values_only = values_only and (item.get("source") == "query" or bool(_VALUE_CHECK.match(message)))
    detail = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors) or exc.detail
    if values_only:
        # Well-formed JSON whose values failed their checks (services.values): unprocessable, like the services say.
        return problem(422, "invalid_input", detail, errors=errors)
    return problem(400, "invalid_request", detail or "the request is not valid", errors=errors)


_NAMED_FIELD = re.compile(r"^Object (?:missing required|contains unknown) field `([^`]+)`$")
# A value check of services.values raised in a struct's __post_init__ starts with the member it names
# ("amount must not be negative"); msgspec reports it at the enclosing object, so the member is added to the path.
_VALUE_CHECK = re.compile(r"^([a-z][a-z_]*) (?:must|has) ")


def _field_name(item: dict[str, Any], message: str) -> str:
    """The field as the client wrote it: `clauses[0].kind`, `title`, `limit` (not Litestar's `data` or
    `ParamType.QUERY.limit`); a missing or unknown field is named itself, not its enclosing object."""
    key = str(item.get("key") or "")
    if item.get("source") == "body" and key == "data":
        key = ""  # the body as a whole
    key = _field_path(key)
    named = _NAMED_FIELD.match(message) or _VALUE_CHECK.match(message)
    if named:
        key = f"{key}.{named.group(1)}" if key else named.group(1)
    return key


def _field_path(key: str) -> str:
    # msgspec reports "$.clauses[0].kind"; keep it readable.
    return key[2:] if key.startswith("$.") else key.lstrip("$")


def http_exception_handler(request: Request, exc: HTTPException) -> Response:
    status = exc.status_code
    detail = exc.detail
    if _is_graphql(request):
        return _graphql_transport_error(request, status, _CODES.get(status, "error"), detail, exc.headers)
    if isinstance(exc, NotFoundException) and detail == "Not Found":
        # The router's own 404: no route, or a path id that does not parse.
        detail = "no resource at this path (ids in paths are UUIDs, version numbers are integers)"
    return problem(status, _CODES.get(status, "error"), detail or _TITLES.get(status, "Error"), headers=exc.headers)


def database_unavailable() -> Response:
    return problem(
        503,
        "database_unavailable",
        "the database is unavailable; retry shortly",
        headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
    )


def database_error_handler(request: Request, exc: DBAPIError) -> Response:
    if is_connection_failure(exc):
        return database_unavailable()
    # Lock conflicts and serialisation failures are the other writer winning: a retryable conflict.
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if sqlstate in ("40001", "40P01", "23505"):
        return problem(409, "concurrent_update", "another request changed this at the same time; retry")
    invalid = input_error_from_database(exc)
    if invalid is not None:
        # Input that passed the API's checks but that PostgreSQL cannot store: still the client's input.
        return problem(invalid.status, invalid.code, invalid.message)
    log.error("database error: %s", database_error_report(exc))
    return problem(HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", "internal error")


def internal_error_handler(request: Request, exc: Exception) -> Response:
    if is_connection_failure(exc):
        return database_unavailable()
    log.exception("unhandled error")
    return problem(500, "internal_error", "internal error")


EXCEPTION_HANDLERS = {
    DomainError: domain_error_handler,
    ValidationException: validation_error_handler,
    HTTPException: http_exception_handler,
    DBAPIError: database_error_handler,
    Exception: internal_error_handler,
}


def document_problems(openapi: OpenAPI) -> OpenAPI:
    """Describe the error answers as they are: every 4xx and 5xx is a problem+json (Litestar documents its
    validation errors as a different `application/json` shape, which no response of this API has)."""
    openapi.components.schemas["Problem"] = Schema(
        type=OpenAPIType.OBJECT,
        description="RFC 9457 problem details; `code` is stable, `errors` names each bad field",
        required=["type", "title", "status", "detail", "code"],
        properties={
            "type": Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.URI),
            "title": Schema(type=OpenAPIType.STRING),
            "status": Schema(type=OpenAPIType.INTEGER),
            "detail": Schema(type=OpenAPIType.STRING),
            "code": Schema(type=OpenAPIType.STRING),
            "instance": Schema(type=OpenAPIType.STRING, description="urn:sla-api:request:<X-Request-Id>"),
            "errors": Schema(
                type=OpenAPIType.ARRAY,
                items=Schema(
                    type=OpenAPIType.OBJECT,
                    required=["field", "message"],
                    properties={"field": Schema(type=OpenAPIType.STRING), "message": Schema(type=OpenAPIType.STRING)},
                ),
            ),
            # The OAuth token endpoint's errors (RFC 6749 §5.2) also carry these.
            "error": Schema(type=OpenAPIType.STRING),
            "error_description": Schema(type=OpenAPIType.STRING),
        },
    )
    content = {PROBLEM_JSON: OpenAPIMediaType(schema=Reference(ref="#/components/schemas/Problem"))}
    for path_item in (openapi.paths or {}).values():
        for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            operation = getattr(path_item, method, None)
            if operation is None or operation.responses is None:
                continue
            for status in [s for s in operation.responses if s[:1] in ("4", "5")]:
                del operation.responses[status]
            operation.responses["4XX"] = OpenAPIResponse(description="A problem with the request", content=content)
            operation.responses["5XX"] = OpenAPIResponse(description="A problem on the server", content=content)
    return openapi


__all__ = ["EXCEPTION_HANDLERS", "MediaType", "PROBLEM_JSON", "document_problems", "problem"]
