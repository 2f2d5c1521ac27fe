"""How a tool's ticket vocabulary becomes ours: one mapping per integration, defaults per tool.

Statuses and priorities the mapping does not name pass through lower-cased, so an agreement may also match the
tool's own names; a status mapped to `solved` or `closed` ends the ticket, any other value is the ticket's status
(the agreement's targets say which statuses pause them)."""

from __future__ import annotations

from typing import Literal

import msgspec

from db.values import IntegrationKind
from services.errors import InvalidInput

ENDING_STATUSES = ("solved", "closed")
MAX_ENTRIES = 100
MAX_NAME = 64

DEFAULT_PRIORITIES: dict[IntegrationKind, dict[str, str]] = {
    # Zendesk's four fixed priorities.
    IntegrationKind.ZENDESK: {"urgent": "P1", "high": "P2", "normal": "P3", "low": "P4"},
    # Jira's default priority scheme.
    IntegrationKind.JIRA: {"highest": "P1", "high": "P2", "medium": "P3", "low": "P4", "lowest": "P5"},
}
DEFAULT_STATUSES: dict[IntegrationKind, dict[str, str]] = {
    # Zendesk's ticket statuses ("hold" is On-hold).
    IntegrationKind.ZENDESK: {
        "new": "open",
        "open": "open",
        "pending": "pending",
        "hold": "on_hold",
        "solved": "solved",
        "closed": "closed",
    },
    # The statuses of Jira Service Management's default service-request workflows.
    IntegrationKind.JIRA: {
        "open": "open",
        "waiting for support": "open",
        "in progress": "open",
        "escalated": "open",
        "work in progress": "open",
        "waiting for customer": "pending",
        "pending": "on_hold",
        "resolved": "solved",
        "done": "solved",
        "closed": "closed",
        "canceled": "closed",
    },
}
# Where the customer's organisation is read when the integration names no fixed customer.
DEFAULT_REF_SYSTEM = {IntegrationKind.ZENDESK: "zendesk", IntegrationKind.JIRA: "jira"}
# Jira Service Management's "Organizations" field on Jira Cloud.
DEFAULT_JIRA_ORGANIZATION_FIELD = "customfield_10002"


class MappingIn(msgspec.Struct, forbid_unknown_fields=True):
    """What a party may set; anything left out keeps its current value (or the tool's default on creation)."""

    priorities: dict[str, str] | msgspec.UnsetType = msgspec.UNSET
    statuses: dict[str, str] | msgspec.UnsetType = msgspec.UNSET
    agent_replies: Literal["public", "all"] | msgspec.UnsetType = msgspec.UNSET
    count_customer_replies: bool | msgspec.UnsetType = msgspec.UNSET
    customer: str | None | msgspec.UnsetType = msgspec.UNSET
    customer_ref_system: str | msgspec.UnsetType = msgspec.UNSET
    organization_field: str | None | msgspec.UnsetType = msgspec.UNSET
    service: str | None | msgspec.UnsetType = msgspec.UNSET


class Mapping(msgspec.Struct, forbid_unknown_fields=True):
    """The mapping in force, as stored and shown back."""

    # The tool's priority name (lower-cased) → the agreement's priority.
    priorities: dict[str, str]
    # The tool's status name (lower-cased) → our status; `solved` and `closed` end the ticket.
    statuses: dict[str, str]
    # Which agent comments count as replies: only public ones (what the customer sees), or internal notes too.
    agent_replies: Literal["public", "all"] = "public"
    # Whether the requester's public comments are customer replies (they open next-response cycles).
    count_customer_replies: bool = True
    # A fixed customer for every ticket (party id or `system:value` external ref); else read from the payload.
    customer: str | None = None
    # The external-ref system of the organisation ids read from the payload (`zendesk:<organization_id>`).
    customer_ref_system: str = "zendesk"
    # Jira only: the field holding the JSM organisations (the first one is the customer).
    organization_field: str | None = None
    # The service every ticket of this integration is about, matched against the targets' `match.service`.
    service: str | None = None


def default_mapping(kind: IntegrationKind) -> Mapping:
    return Mapping(
        priorities=dict(DEFAULT_PRIORITIES[kind]),
        statuses=dict(DEFAULT_STATUSES[kind]),
        customer_ref_system=DEFAULT_REF_SYSTEM[kind],
        organization_field=DEFAULT_JIRA_ORGANIZATION_FIELD if kind is IntegrationKind.JIRA else None,
    )


def _names(table: dict[str, str], field: str) -> dict[str, str]:
    if len(table) > MAX_ENTRIES:
        raise InvalidInput(f"at most {MAX_ENTRIES} entries", field=f"mapping.{field}")
    cleaned = {}
    for name, value in table.items():
        if not name.strip() or not value.strip() or len(name) > MAX_NAME or len(value) > MAX_NAME:
            raise InvalidInput(f"names and values must be 1–{MAX_NAME} characters", field=f"mapping.{field}")
        cleaned[name.strip().lower()] = value.strip()
    return cleaned


def _short(value: str | None, field: str) -> str | None:
    if value is not None and not 1 <= len(value.strip()) <= 200:
        raise InvalidInput("must be 1–200 characters", field=f"mapping.{field}")
    return value.strip() if value is not None else None


def merged_mapping(current: Mapping, change: MappingIn) -> Mapping:
    """The current mapping with the given fields replaced, checked."""
    fields = {f: getattr(change, f) for f in change.__struct_fields__ if getattr(change, f) is not msgspec.UNSET}
    if "priorities" in fields:
        fields["priorities"] = _names(fields["priorities"], "priorities")
    if "statuses" in fields:
        fields["statuses"] = _names(fields["statuses"], "statuses")
    for name in ("customer", "customer_ref_system", "organization_field", "service"):
        if name in fields:
            fields[name] = _short(fields[name], name)
    if fields.get("customer_ref_system", "x") is None:
        raise InvalidInput("must be 1–200 characters", field="mapping.customer_ref_system")
    return msgspec.structs.replace(current, **fields)


def mapped_status(mapping: Mapping, tool_status: str) -> str:
    name = tool_status.strip().lower()
    return mapping.statuses.get(name, name)


def mapped_priority(mapping: Mapping, tool_priority: str) -> str:
    name = tool_priority.strip().lower()
    return mapping.priorities.get(name, name)
