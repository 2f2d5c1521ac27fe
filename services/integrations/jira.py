"""Jira Service Management: its webhook signature, and its issue and comment webhooks (with the changelog) read
into our ticket events.

A Jira Cloud admin webhook registered with a secret signs the raw body with HMAC-SHA256 and sends
`X-Hub-Signature: sha256=<hex>` (the WebSub form); `X-Atlassian-Webhook-Identifier` names the delivery and stays
the same across Jira's retries. The body carries no signed timestamp, so replays are made harmless by the
ingestion's idempotency (each ticket event's id comes from Jira's ids) rather than refused by age."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping as Headers
from typing import Any

from db.values import TicketEventType
from services.errors import InvalidInput
from services.integrations.mapping import Mapping, mapped_priority, mapped_status
from services.integrations.reading import Reading, instant, obj, status_events, text
from services.integrations.zendesk import SignatureRefused
from services.ticketing.tickets import TicketEventIn

SIGNATURE_HEADER = "x-hub-signature"
DELIVERY_HEADER = "x-atlassian-webhook-identifier"


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secrets: list[str], headers: Headers[str, str], body: bytes) -> None:
    signature = headers.get(SIGNATURE_HEADER)
    if not signature:
        raise SignatureRefused(f"the {SIGNATURE_HEADER} header is required (set a secret on the Jira webhook)")
    if not any(hmac.compare_digest(sign(secret, body), signature) for secret in secrets):
        raise SignatureRefused("the signature does not match the integration's signing secret")


def _customer(mapping: Mapping, fields: dict[str, Any], project: dict[str, Any]) -> str:
    if mapping.customer:
        return mapping.customer
    if mapping.organization_field:
        organizations = fields.get(mapping.organization_field)
        if isinstance(organizations, list) and organizations and isinstance(organizations[0], dict):
            organization = text(organizations[0].get("id"), f"issue.fields.{mapping.organization_field}[0].id")
            return f"{mapping.customer_ref_system}:{organization}"
    key = text(project.get("key"), "issue.fields.project.key", required=False)
    if key is None:
        raise InvalidInput(
            "the issue names no organization or project and the integration names no customer (mapping.customer)",
            field="issue.fields",
        )
    return f"{mapping.customer_ref_system}:{key}"


def _name(value: Any, what: str) -> str | None:
    """Jira's named values (priority, status) are objects with a `name`."""
    return text(obj(value, what).get("name"), f"{what}.name", required=False)


def read(payload: dict[str, Any], mapping: Mapping, source: str, delivery_ref: str | None) -> Reading:
    """One Jira webhook as our ticket events."""
    kind = text(payload.get("webhookEvent"), "webhookEvent")
    assert kind is not None
    issue = obj(payload.get("issue"), "issue")
    fields = obj(issue.get("fields"), "issue.fields")
    ticket_id = text(issue.get("key"), "issue.key")
    issue_id = text(issue.get("id"), "issue.id")
    assert ticket_id is not None and issue_id is not None
    reading = Reading(delivery_ref=delivery_ref, ticket_ref=ticket_id)

    def add(event_id: str, event_type: TicketEventType, at: Any, what: str, **extra: Any) -> None:
        reading.events.append(
            TicketEventIn(
                source=source,
                event_id=event_id,
                ticket_id=ticket_id,
                type=event_type,
                occurred_at=instant(at, what),
                **extra,
            )
        )

    if kind == "jira:issue_created":
        priority = _name(fields.get("priority"), "issue.fields.priority")
        status = _name(fields.get("status"), "issue.fields.status")
        add(
            f"{issue_id}:created",
            TicketEventType.CREATED,
            fields.get("created") or payload.get("timestamp"),
            "issue.fields.created",
            customer=_customer(mapping, fields, obj(fields.get("project"), "issue.fields.project")),
            priority=mapped_priority(mapping, priority) if priority else None,
            status=mapped_status(mapping, status) if status else None,
            service=mapping.service,
        )
    elif kind == "jira:issue_updated":
        changelog = obj(payload.get("changelog"), "changelog")
        change_id = text(changelog.get("id"), "changelog.id")
        items = changelog.get("items") or []
        if not isinstance(items, list):
            raise InvalidInput("changelog.items must be a list", field="changelog.items")
        for index, raw in enumerate(items):
            item = obj(raw, f"changelog.items[{index}]")
            field = text(item.get("field"), f"changelog.items[{index}].field", required=False) or ""
            to_name = text(item.get("toString"), f"changelog.items[{index}].toString", required=False)
            if field == "priority" and to_name:
                add(
                    f"{change_id}:priority",
                    TicketEventType.PRIORITY_CHANGED,
                    payload.get("timestamp"),
                    "timestamp",
                    priority=mapped_priority(mapping, to_name),
                )
            elif field == "status" and to_name:
                from_name = text(item.get("fromString"), f"changelog.items[{index}].fromString", required=False)
                for suffix, event_type, status in status_events(mapping, from_name, to_name):
                    add(
                        f"{change_id}:status{suffix}",
                        event_type,
                        payload.get("timestamp"),
                        "timestamp",
                        status=status,
                    )
            else:
                reading.ignore(f"changelog {field or '?'}", "this field does not change SLA clocks")
        if not items:
            reading.ignore(kind, "the update has no changelog items")
    elif kind == "comment_created":
        comment = obj(payload.get("comment"), "comment")
        comment_id = text(comment.get("id"), "comment.id")
        author = obj(comment.get("author"), "comment.author")
        reporter = obj(fields.get("reporter"), "issue.fields.reporter")
        # JSM portal customers are accounts of type `customer`; the reporter is the requester.
        by_customer = author.get("accountType") == "customer" or (
            author.get("accountId") is not None and author.get("accountId") == reporter.get("accountId")
        )
        # `jsdPublic` is false for JSM internal comments; plain Jira comments have no such flag and are public.
        public = comment.get("jsdPublic", True) is not False
        when = comment.get("created") or payload.get("timestamp")
        if not by_customer and (public or mapping.agent_replies == "all"):
            add(f"comment:{comment_id}", TicketEventType.AGENT_REPLIED, when, "comment.created")
        elif not by_customer:
            reading.ignore(kind, "an internal comment, and the mapping counts only public agent comments")
        elif public and mapping.count_customer_replies:
            add(f"comment:{comment_id}", TicketEventType.CUSTOMER_REPLIED, when, "comment.created")
        else:
            reading.ignore(kind, "a customer comment that the mapping does not count as a customer reply")
    else:
        reading.ignore(kind, "this webhook event does not change SLA clocks")
    return reading
