"""Structured logs: one JSON object per line in production, readable console lines in development.

Every record goes through the standard library's `logging` (the worker's, SQLAlchemy's, uvicorn's and our own),
rendered by structlog's `ProcessorFormatter`, so they all share one format. A request's lines carry its
`request_id`, method, route template, party and client, read from the ASGI scope the request runs in; nothing that
looks like a credential reaches a line (`redact`).
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, MutableMapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

import msgspec
import structlog
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from opentelemetry import trace

REDACTED = "[redacted]"
# Keys whose values are credentials wherever they appear in a record.
_SECRET_KEYS = frozenset(
    {
        "authorization",
        "access_token",
        "feed_token",
        "refresh_token",
        "id_token",
        "token",
        "client_secret",
        "secret",
        "password",
        "cookie",
        "set-cookie",
        "x-api-key",
    }
)
# Credentials inside free text: `?access_token=…`, `?feed_token=…`, `Bearer …`, a JWT, our client secrets, webhook
# secrets and calendar feed tokens (`sft_…`).
_SECRET_PATTERNS = (
    (
        re.compile(r"(?i)\b(access_token|feed_token|client_secret|refresh_token|id_token|password|token)=[^&\s\"']+"),
        r"\1=" + REDACTED,
    ),
    (re.compile(r"(?i)\bbearer\s+[\w\-.~+/]+=*"), "Bearer " + REDACTED),
    (re.compile(r"\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*"), REDACTED),
    (re.compile(r"\b(sk|whsec|sft)_[\w+/=-]{8,}"), REDACTED),
)
_QUIET_PATHS = ("/healthz", "/readyz")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

_request_scope: ContextVar[Scope | None] = ContextVar("sla_request_scope", default=None)
_request_id: ContextVar[str | None] = ContextVar("sla_request_id", default=None)

access_log = logging.getLogger("sla.access")


def current_request_id() -> str | None:
    """The id of the request being answered (None outside a request)."""
    return _request_id.get()


# What any of the patterns above needs to find, as plain lower-case substrings: one lower-casing and a few substring
# checks of a line that holds none of it (nearly every line), instead of four substitutions. (A case-insensitive
# regular expression of these alternatives costs several times more: it cannot search for a literal.)
_SECRET_MARKERS = ("token=", "secret=", "password=", "bearer", "eyj", "sk_", "whsec_", "sft_")


def may_hold_a_secret(text: str) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in _SECRET_MARKERS)


def redact_text(text: str) -> str:
    if not may_hold_a_secret(text):
        return text
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _redact_value(key: str, value: Any) -> Any:
    if key.lower() in _SECRET_KEYS and value is not None:
        return REDACTED
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: _redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_value("", v) for v in value]
    return value


def redact(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """The last processor before rendering: no token, secret or `access_token=` query reaches a line."""
    for key in list(event_dict):
        event_dict[key] = _redact_value(key, event_dict[key])
    return event_dict


def add_request_context(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    span = trace.get_current_span().get_span_context()
    if span.is_valid:
        event_dict.setdefault("trace_id", format(span.trace_id, "032x"))
    scope = _request_scope.get()
    if scope is None:
        return event_dict
    event_dict.setdefault("request_id", _request_id.get())
    event_dict.setdefault("method", scope.get("method"))
    event_dict.setdefault("route", scope.get("path_template") or None)
    user = scope.get("user")
    if user is not None:
        party_id = getattr(user, "party_id", None)
        event_dict.setdefault("party_id", str(party_id) if party_id else None)
        event_dict.setdefault("client_id", getattr(user, "client_id", None))
    return event_dict


def _processors() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        add_request_context,
    ]


def _json_line(event_dict: Any, **_: Any) -> str:
    """One log line by msgspec (several times the stdlib `json`); values it cannot encode are written as `str()`."""
    return msgspec.json.encode(event_dict, enc_hook=str).decode()


class _SlaHandler(logging.StreamHandler):
    """The handler this module installed (configuring again replaces it instead of adding another).

    Access lines reach it through `write_soon`: kept, and written with every other line kept in the same turn of the
    event loop in one write at the end of that turn (`loop.call_soon`), instead of a write system call per request.
    Nothing waits longer than the requests that turn completes, and the order of lines holds: any other record, a
    `flush()` (logging's shutdown calls it) and a write outside a running loop write what is kept first."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._kept: list[str] = []

    def write_soon(self, text: str) -> None:
        self.acquire()
        try:
            self._kept.append(text)
            if len(self._kept) > 1:
                return  # the write of this turn is already scheduled
        finally:
            self.release()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        loop.call_soon(self.flush)

    def _write_kept(self) -> None:
        # Called holding the handler's lock.
        if self._kept:
            text = "".join(self._kept)
            self._kept.clear()
            self.stream.write(text)

    def flush(self) -> None:
        self.acquire()
        try:
            self._write_kept()
            super().flush()
        finally:
            self.release()

    def emit(self, record: logging.LogRecord) -> None:
        self.acquire()
        try:
            self._write_kept()
        finally:
            self.release()
        super().emit(record)


class _AccessLines:
    """The access line in JSON, written to the handler `configure_logging` installed without going through
    `logging` and structlog's formatter: the same keys in the same order, redacted the same way, at a fifth of the
    cost (one line per request is the most frequent record there is). Used only while that handler is the only one
    the line would reach; otherwise (pytest's capture, a handler added by an operator) the line takes the normal way.
    """

    def __init__(self, handler: _SlaHandler) -> None:
        self._handler = handler
        self._root = logging.getLogger()

    def usable(self) -> bool:
        return (
            self._root.handlers == [self._handler]
            and not access_log.handlers
            and access_log.propagate
            and not access_log.disabled
            and not access_log.filters
            and not self._handler.filters
            and not self._root.filters
        )

    def write(self, level: int, fields: dict[str, Any]) -> None:
        line: dict[str, Any] = {"event": "request"}
        structlog.contextvars.merge_contextvars(None, "", line)
        bound = len(line) > 1
        line["level"] = logging.getLevelName(level).lower()
        line["logger"] = access_log.name
        line["timestamp"] = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        add_request_context(None, "", line)
        line.update(fields)
        if bound:  # values bound by someone else may sit under any key: the whole redaction
            redact(None, "", line)
        else:  # none of the access line's own keys names a credential: only its text can hold one
            texts = [value for value in line.values() if type(value) is str]
            # One look at all of it (nearly every line holds nothing): each value is looked at only if it does.
            if may_hold_a_secret("\0".join(texts)):
                for key, value in line.items():
                    if type(value) is str and may_hold_a_secret(value):
                        line[key] = redact_text(value)
        self._handler.write_soon(_json_line(line) + "\n")


_access_lines: _AccessLines | None = None


def configure_logging(log_format: str = "console", level: str | int = "INFO", *, stream: TextIO | None = None) -> None:
    """Route every standard-library record through structlog's renderer (JSON or console). Idempotent."""
    renderer: Any = (
        structlog.processors.JSONRenderer(serializer=_json_line)
        if log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=False, exception_formatter=structlog.dev.plain_traceback)
    )
    shared = _processors()
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*shared, structlog.stdlib.ExtraAdder()],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            redact,
            renderer,
        ],
    )
    handler = _SlaHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    global _access_lines
    _access_lines = _AccessLines(handler) if log_format == "json" else None
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _SlaHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level if isinstance(level, int) else level.upper())
    # uvicorn's own handlers would write plain text beside ours; its records reach the root instead. Its access line
    # is not wanted at all: `RequestLog` writes the access line (with the request id, route and party), and uvicorn
    # checks `hasHandlers()` once per connection, so a logger with no handler that does not propagate costs nothing.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = name != "uvicorn.access"
    # Alembic announces its context on every /readyz revision check.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )


def _incoming_request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = value.decode("latin-1").strip()
            if _REQUEST_ID.match(candidate):
                return candidate
            break
    return uuid.uuid4().hex


class RequestLog:
    """The outermost ASGI layer: assigns the request id (echoed as `X-Request-Id`), makes the request's scope the
    context of every line logged while it runs, writes the access line (health checks at debug level) and counts
    the request in the HTTP metrics."""

    def __init__(
        self, app: ASGIApp, *, observe: Callable[[str | None, str, int, float], None], monotonic=time.perf_counter
    ) -> None:
        self.app = app
        self._observe = observe  # (route template, method, status, seconds): the HTTP metrics
        self._monotonic = monotonic

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope)
        scope_token = _request_scope.set(scope)
        id_token = _request_id.set(request_id)
        started = self._monotonic()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = self._monotonic() - started
            elapsed_ms = round(elapsed * 1000, 3)
            self._observe(scope.get("path_template"), str(scope.get("method", "")), status, elapsed)
            level = logging.DEBUG if scope.get("path", "").startswith(_QUIET_PATHS) else logging.INFO
            if access_log.isEnabledFor(level):
                fields = {
                    "path": scope.get("path"),
                    "query": scope.get("query_string", b"").decode("latin-1") or None,
                    "status": status,
                    "duration_ms": elapsed_ms,
                }
                lines = _access_lines
                if lines is not None and lines.usable():
                    lines.write(level, fields)
                else:
                    access_log.log(level, "request", extra=fields)
            _request_id.reset(id_token)
            _request_scope.reset(scope_token)
