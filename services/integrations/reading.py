"""What one delivery from a tool says, read into our ticket events: shared by the Zendesk and Jira readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from db.values import TicketEventType
from services.errors import InvalidInput
from services.integrations.mapping import ENDING_STATUSES, Mapping, mapped_status
from services.ticketing.tickets import TicketEventIn


@dataclass
class Reading:
    """The ticket events a payload gives, and what in it was left out, with the reason."""

    events: list[TicketEventIn] = field(default_factory=list)
    ignored: list[dict[str, str]] = field(default_factory=list)
    delivery_ref: str | None = None
    ticket_ref: str | None = None

    def ignore(self, what: str, reason: str) -> None:
        self.ignored.append({"what": what, "reason": reason})


def status_events(
    mapping: Mapping, previous: str | None, current: str
) -> list[tuple[str, TicketEventType, str | None]]:
    """A status change as ticket events, each with the suffix of its event id: ending statuses end the ticket, a
    change away from a solved status reopens it (and then sets its status)."""
    now_status = mapped_status(mapping, current)
    was = mapped_status(mapping, previous) if previous else None
    if now_status in ENDING_STATUSES:
        return [("", TicketEventType(now_status), None)]
    if was == "solved":
        return [("", TicketEventType.REOPENED, None), (":status", TicketEventType.STATUS_CHANGED, now_status)]
    return [("", TicketEventType.STATUS_CHANGED, now_status)]


def instant(value: Any, what: str) -> datetime:
    """A tool's timestamp: RFC 3339 / ISO 8601 text (Jira writes `+0000`), or Unix milliseconds (Jira's
    `timestamp`)."""
    try:
        if isinstance(value, bool):
            raise TypeError
        if isinstance(value, int):
            return datetime.fromtimestamp(value / 1000, tz=UTC)
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (TypeError, ValueError, OverflowError, OSError):
        raise InvalidInput(f"{what} is not a timestamp", field=what) from None
    if parsed.tzinfo is None:
        raise InvalidInput(f"{what} has no UTC offset", field=what)
    return parsed.astimezone(UTC)


def text(value: Any, what: str, *, required: bool = True) -> str | None:
    """A scalar field as text (tools send ids as numbers or strings)."""
    if value is None or value == "":
        if required:
            raise InvalidInput(f"{what} is missing", field=what)
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidInput(f"{what} must be a string or a number", field=what)
    result = str(value)
    if len(result) > 200:
        raise InvalidInput(f"{what} is longer than 200 characters", field=what)
    return result


def obj(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput(f"{what} must be an object", field=what)
    return value
