"""One error vocabulary: each domain error has a stable code and an HTTP status.

REST maps them to problem+json once (api/errors.py); GraphQL maps them to error types once (schema/errors.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldProblem:
    field: str
    message: str


@dataclass
class DomainError(Exception):
    message: str
    code: str = "bad_request"
    status: int = 400
    problems: list[FieldProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """Also what a party gets for anything that is not theirs."""

    def __init__(self, what: str = "resource") -> None:
        super().__init__(f"{what} not found", "not_found", 404)


class InvalidInput(DomainError):
    def __init__(self, message: str, *, field: str | None = None, problems: list[FieldProblem] | None = None) -> None:
        problems = problems or ([FieldProblem(field, message)] if field else [])
        super().__init__(message, "invalid_input", 422, problems)


# Input that passed the checks but that PostgreSQL cannot store or compare: still the client's input, not a bug.
_UNSTORABLE_SQLSTATES = {
    "22021": "text must not contain NUL characters (\\u0000) or invalid UTF-8",
    "22P05": "text must not contain NUL characters (\\u0000)",
    "22001": "a text value is longer than this field allows",
    "22003": "a number is out of range",
    "22008": "a date or time is out of range",
}


def input_error_from_database(exc: BaseException) -> InvalidInput | None:
    """The 422 for a database error caused by the caller's input (a DBAPIError's `orig.sqlstate`), else None."""
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    message = _UNSTORABLE_SQLSTATES.get(sqlstate or "")
    return InvalidInput(message) if message else None


class Conflict(DomainError):
    def __init__(self, message: str, code: str = "conflict") -> None:
        super().__init__(message, code, 409)


class Forbidden(DomainError):
    def __init__(self, message: str, code: str = "forbidden") -> None:
        super().__init__(message, code, 403)


class PreconditionFailed(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "precondition_failed", 412)


class PreconditionRequired(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "precondition_required", 428)


class Unauthorized(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "unauthorized", 401)


def check_expected_version(current: int, expected: int | None, what: str) -> None:
    """Optimistic concurrency: `If-Match` (REST) or `expectedVersion` (GraphQL), when the caller sends one."""
    if expected is not None and expected != current:
        raise PreconditionFailed(
            f"the {what} changed since you read it (version {current}, not {expected}); read it again"
        )
