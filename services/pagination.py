"""Opaque cursors for keyset pagination."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime
from typing import Any

from services.errors import InvalidInput
from services.values import INT64_MAX, check_instant

MAX_LIMIT = 100


def encode_cursor(*values: Any) -> str:
    raw = json.dumps([v if isinstance(v, (int, str)) or v is None else str(v) for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("cursor is not one this API issued", field="cursor") from None
    if not isinstance(values, list) or len(values) != arity:
        raise InvalidInput("cursor is not one this API issued", field="cursor")
    return values


def position_after(cursor: str) -> int:
    """The position a cursor of `encode_cursor(position)` names: an integer within 64 bits (never `true`)."""
    (after,) = decode_cursor(cursor, 1)
    if isinstance(after, bool) or not isinstance(after, int) or not 0 <= after <= INT64_MAX:
        raise InvalidInput("cursor is not one this API issued", field="cursor")
    return after


def cursor_instant(text: Any) -> datetime:
    """A timestamp inside a cursor, within the supported years (PostgreSQL cannot compare year 1 or 10000)."""
    try:
        return check_instant(datetime.fromisoformat(text), what="cursor")
    except (TypeError, ValueError):  # InvalidValue is a ValueError
        raise InvalidInput("cursor is not one this API issued", field="cursor") from None


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", field="limit")
    return limit


def time_and_id_cursor(at: datetime, ident: uuid.UUID) -> str:
    """The cursor of a row in lists ordered by (timestamp, id)."""
    return encode_cursor(at.isoformat(), str(ident))


def after_time_and_id(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The (timestamp, id) position a `time_and_id_cursor` names; compare it as a SQL row, never a Python tuple."""
    at, ident = decode_cursor(cursor, 2)
    try:
        return cursor_instant(at), uuid.UUID(ident)
    except (AttributeError, TypeError, ValueError):
        raise InvalidInput("cursor is not one this API issued", field="cursor") from None
