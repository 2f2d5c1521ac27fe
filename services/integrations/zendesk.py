"""Zendesk: its webhook signature, and its ticket event webhooks (`zen:event-type:ticket.*`, event version
2022-11-06) read into our ticket events.

Zendesk signs each request with the webhook's signing secret: `X-Zendesk-Webhook-Signature` is the base64 of
HMAC-SHA256 over the `X-Zendesk-Webhook-Signature-Timestamp` header's value followed by the raw body
(developer.zendesk.com, "Verifying webhook authenticity")."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping as Headers
from datetime import datetime, timedelta
from typing import Any

from db.values import TicketEventType
from services.errors import InvalidInput
from services.integrations.mapping import Mapping, mapped_priority, mapped_status
from services.integrations.reading import Reading, instant, obj, status_events, text
from services.ticketing.tickets import TicketEventIn

SIGNATURE_HEADER = "x-zendesk-webhook-signature"
TIMESTAMP_HEADER = "x-zendesk-webhook-signature-timestamp"
# A signed request older (or newer) than this is refused: a captured request cannot be replayed later.
MAX_SKEW = timedelta(minutes=5)
EVENT_PREFIX = "zen:event-type:ticket."


class SignatureRefused(Exception):
    """Why a request's signature does not prove it came from the tool (answered as 401, nothing stored)."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def verify(secrets: list[str], headers: Headers[str, str], body: bytes, now: datetime) -> None:
    signature, timestamp = headers.get(SIGNATURE_HEADER), headers.get(TIMESTAMP_HEADER)
    if not signature or not timestamp:
        raise SignatureRefused(f"the {SIGNATURE_HEADER} and {TIMESTAMP_HEADER} headers are required")
    try:
        signed_at = instant(timestamp, "timestamp")
    except InvalidInput:
        raise SignatureRefused(f"{TIMESTAMP_HEADER} is not a timestamp") from None
    if not any(hmac.compare_digest(sign(secret, timestamp, body), signature) for secret in secrets):
        raise SignatureRefused("the signature does not match the integration's signing secret")
    if abs(now - signed_at) > MAX_SKEW:
        raise SignatureRefused(f"the signature timestamp is stale ({timestamp}; at most {MAX_SKEW} from now)")


def _customer(mapping: Mapping, detail: dict[str, Any]) -> str:
    if mapping.customer:
        return mapping.customer
    organization = text(detail.get("organization_id"), "detail.organization_id", required=False)
    if organization is None or organization == "0":
        raise InvalidInput(
            "the ticket has no organization and the integration names no customer (mapping.customer)",
            field="detail.organization_id",
        )
    return f"{mapping.customer_ref_system}:{organization}"


def read(payload: dict[str, Any], mapping: Mapping, source: str) -> Reading:
    """One Zendesk ticket event as our ticket events."""
    kind = text(payload.get("type"), "type")
    assert kind is not None
    reading = Reading(delivery_ref=text(payload.get("id"), "id"))
    if not kind.startswith(EVENT_PREFIX):
        reading.ignore(kind, "not a ticket event")
        return reading
    detail, change = obj(payload.get("detail"), "detail"), obj(payload.get("event"), "event")
    ticket_id = text(detail.get("id"), "detail.id")
    assert ticket_id is not None and reading.delivery_ref is not None
    reading.ticket_ref = ticket_id
    event_id, at = reading.delivery_ref, instant(payload.get("time"), "time")

    def add(suffix: str, event_type: TicketEventType, **fields: Any) -> None:
        reading.events.append(
            TicketEventIn(
                source=source,
                event_id=event_id + suffix,
                ticket_id=ticket_id,
                type=event_type,
                occurred_at=at,
                **fields,
            )
        )

    match kind.removeprefix(EVENT_PREFIX):
        case "created":
            priority = text(detail.get("priority"), "detail.priority", required=False)
            status = text(detail.get("status"), "detail.status", required=False)
            add(
                "",
                TicketEventType.CREATED,
                customer=_customer(mapping, detail),
                priority=mapped_priority(mapping, priority) if priority else None,
                status=mapped_status(mapping, status) if status else None,
                service=mapping.service,
            )
        case "priority_changed":
            current = text(change.get("current"), "event.current", required=False)
            if current is None:
                reading.ignore(kind, "the priority was cleared; the ticket keeps matching its last priority")
            else:
                add("", TicketEventType.PRIORITY_CHANGED, priority=mapped_priority(mapping, current))
        case "status_changed":
            current = text(change.get("current"), "event.current")
            assert current is not None
            previous = text(change.get("previous"), "event.previous", required=False)
            for suffix, event_type, status in status_events(mapping, previous, current):
                add(suffix, event_type, status=status)
        case "comment_added":
            comment = obj(change.get("comment"), "event.comment")
            author = obj(comment.get("author"), "event.comment.author")
            public, staff = comment.get("is_public") is True, author.get("is_staff") is True
            if staff and (public or mapping.agent_replies == "all"):
                add("", TicketEventType.AGENT_REPLIED)
            elif staff:
                reading.ignore(kind, "an internal note, and the mapping counts only public agent comments")
            elif public and mapping.count_customer_replies:
                add("", TicketEventType.CUSTOMER_REPLIED)
            else:
                reading.ignore(kind, "a requester comment that the mapping does not count as a customer reply")
        case other:
            reading.ignore(kind, f"ticket.{other} does not change SLA clocks")
    return reading
