"""RFC 9457 problem+json for every error the REST edge answers, mapped once."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from sqlalchemy.exc import DBAPIError

from services.errors import DomainError

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://sla-api.dev/problems/"

_TITLES = {
    400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
    409: "Conflict", 412: "Precondition failed", 413: "Request body too large", 415: "Unsupported media type",
    422: "Unprocessable content", 428: "Precondition required", 429: "Too many requests",
    500: "Internal server error",
}
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type", 429: "rate_limited"}


def problem(status: int, code: str, detail: str, *, errors: list[dict[str, str]] | None = None,
            headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + code.replace("_", "-"),
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    body.update(extra or {})
    all_headers = {"WWW-Authenticate": 'Bearer realm="sla-api"'} if status == 401 else {}
    all_headers.update(headers or {})
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=all_headers)


def domain_error_handler(_: Request, exc: DomainError) -> Response:
    errors = [{"field": p.field, "message": p.message} for p in exc.problems]
    if exc.status == 401 and exc.code not in ("unauthorized",):
        # OAuth token endpoint errors (RFC 6749 §5.2) keep their `error` member.
        return problem(exc.status, exc.code, exc.message, extra={"error": exc.code, "error_description": exc.message})
    if exc.code in ("invalid_request", "invalid_scope", "unsupported_grant_type", "invalid_client"):
        return problem(exc.status, exc.code, exc.message, extra={"error": exc.code, "error_description": exc.message})
    return problem(exc.status, exc.code, exc.message, errors=errors)


def validation_error_handler(_: Request, exc: ValidationException) -> Response:
    errors = []
    for item in exc.extra or []:
        if isinstance(item, dict):
            key = item.get("key") or ""
            source = item.get("source")
            field = key if source in (None, "body") else f"{source}.{key}" if key else str(source)
            errors.append({"field": _field_path(field), "message": str(item.get("message", ""))})
    detail = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors) or exc.detail
    return problem(400, "invalid_request", detail or "the request is not valid", errors=errors)


def _field_path(key: str) -> str:
    # msgspec reports "$.clauses[0].kind"; keep it readable.
    return key[2:] if key.startswith("$.") else key.lstrip("$")


def http_exception_handler(_: Request, exc: HTTPException) -> Response:
    status = exc.status_code
    return problem(status, _CODES.get(status, "error"), exc.detail or _TITLES.get(status, "Error"),
                   headers=exc.headers)


def database_error_handler(request: Request, exc: DBAPIError) -> Response:
    # Lock conflicts and serialisation failures are the other writer winning: a retryable conflict.
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if sqlstate in ("40001", "40P01", "23505"):
        return problem(409, "concurrent_update", "another request changed this at the same time; retry")
    request.logger.exception("database error")
    return problem(HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", "internal error")


def internal_error_handler(request: Request, exc: Exception) -> Response:
    request.logger.exception("unhandled error")
    return problem(500, "internal_error", "internal error")


EXCEPTION_HANDLERS = {
    DomainError: domain_error_handler,
    ValidationException: validation_error_handler,
    HTTPException: http_exception_handler,
    DBAPIError: database_error_handler,
    Exception: internal_error_handler,
}

__all__ = ["EXCEPTION_HANDLERS", "MediaType", "PROBLEM_JSON", "problem"]
