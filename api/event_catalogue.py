"""The event catalogue: every event type a subscription can ask for, what it means and the JSON Schema of the
webhook body it is delivered in (`{"type", "timestamp", "data"}`). One table feeds both `GET /v1/event-types`
and the OpenAPI document's `webhooks` section, so the two cannot disagree.

The schema of each type's `data` is derived (msgspec's JSON Schema) from the typed struct the services build that
payload from, so it cannot drift from what is delivered; only the members' descriptions are written here."""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any

import msgspec

from services.agreements.views import AgreementEventData, InvitationEventData, ReviewEventData
from services.auth.clients import ClientRevokedData
from services.billing.views import AttainmentClosed, CreditsComputed
from services.disputes.views import DisputeEventData
from services.parties import PartyEventData
from services.reports.views import ReportPublished
from services.ticketing.views import SlaNotice
from services.verification.alerts import SloAlertData
from services.webhooks.subscriptions import (
    WEBHOOK_EVENT_TYPES,
    WebhookDeliveryExhaustedData,
    WebhookDisabledData,
    WebhookFailingData,
    WebhookTestData,
)

COMPONENTS = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": COMPONENTS + name}


# event type → (what it means, the struct its `data` is built from, members that struct leaves optional but this
# type always carries). The services record each event from that struct (`record_event(payload=…)`), so the schema
# derived from it below is the shape of what is delivered.
EVENTS: dict[str, tuple[str, type[msgspec.Struct], tuple[str, ...]]] = {
    "agreement.created": ("A draft agreement was created", AgreementEventData, ()),
    "agreement.updated": ("A draft agreement was changed", AgreementEventData, ()),
    "agreement.version_proposed": ("A version was proposed", AgreementEventData, ("version",)),
    "agreement.version_approved": (
        "A party approved a version; once provider and customer have, it is accepted",
        AgreementEventData,
        ("version",),
    ),
    "agreement.version_rejected": ("A party rejected a version", AgreementEventData, ("version",)),
    "agreement.version_withdrawn": ("The proposer withdrew a version", AgreementEventData, ()),
    "agreement.activated": ("The agreement took effect", AgreementEventData, ()),
    "agreement.amended": (
        "A new version of an active agreement was accepted by both sides",
        AgreementEventData,
        ("version",),
    ),
    "agreement.suspended": ("The agreement was suspended", AgreementEventData, ()),
    "agreement.resumed": ("A suspended agreement was resumed", AgreementEventData, ()),
    "agreement.terminated": ("The agreement was terminated", AgreementEventData, ()),
    "agreement.expiring": ("The agreement ends within 30 days", AgreementEventData, ("expires_at",)),
    "party.created": ("The operator created a party", PartyEventData, ()),
    "party.updated": ("A party's profile changed", PartyEventData, ()),
    "party.invited": ("The party was invited to an agreement (to the invited party only)", InvitationEventData, ()),
    "invitation.accepted": ("An invited party accepted and became a member", AgreementEventData, ("invitation",)),
    "invitation.declined": ("An invited party declined", AgreementEventData, ("invitation",)),
    "client.revoked": ("One of the party's API clients was revoked", ClientRevokedData, ()),
    "review.scheduled": ("A review was scheduled", ReviewEventData, ()),
    "review.due": ("A review reached its notice time", ReviewEventData, ()),
    "review.overdue": ("A review passed its due time", ReviewEventData, ()),
    "review.completed": ("A review was completed", ReviewEventData, ()),
    "review.cancelled": ("A review was cancelled", ReviewEventData, ()),
    "dispute.opened": ("A dispute was opened", DisputeEventData, ()),
    "dispute.commented": ("A party commented on a dispute", DisputeEventData, ("comment",)),
    "dispute.acknowledged": ("The respondent acknowledged a dispute", DisputeEventData, ()),
    "dispute.escalated": ("A dispute moved to its next escalation level", DisputeEventData, ()),
    "dispute.resolved": ("A dispute was resolved", DisputeEventData, ()),
    "dispute.rejected": ("The respondent rejected a dispute", DisputeEventData, ()),
    "dispute.withdrawn": ("The raiser withdrew a dispute", DisputeEventData, ()),
    "sla.warning": ("A clock reached one of its warning percentages", SlaNotice, ()),
    "sla.breached": ("A clock passed its due time", SlaNotice, ()),
    "sla.met": ("A clock stopped in time", SlaNotice, ()),
    "sla.breach_retracted": ("A late ticket event took back an announced breach", SlaNotice, ("retracted",)),
    "sla.met_retracted": ("A late ticket event took back an announced `sla.met`", SlaNotice, ("retracted",)),
    "attainment.period_closed": ("A billing period was closed and its attainment frozen", AttainmentClosed, ()),
    "credit.computed": ("The service credits of a closed period (provider and customer only)", CreditsComputed, ()),
    "report.published": (
        "A service report for a completed period was published (the `reporting` clause's recipients)",
        ReportPublished,
        (),
    ),
    "slo.burn_rate_high": (
        "A measured indicator burns its error budget faster than an alert rule allows, over both of the rule's "
        "windows (once per episode)",
        SloAlertData,
        ("threshold",),
    ),
    "slo.budget_exhausted": (
        "A measured indicator's error budget for its compliance window is used up (once per episode)",
        SloAlertData,
        ("consumed_bad",),
    ),
    "slo.recovered": (
        "An alert announced by `slo.burn_rate_high` or `slo.budget_exhausted` no longer holds",
        SloAlertData,
        (),
    ),
    "webhook.test": (
        "A test delivery asked for with `POST /v1/webhooks/{id}/test` (to that subscription only)",
        WebhookTestData,
        (),
    ),
    "webhook.disabled": (
        "One of the party's subscriptions was disabled (410 Gone, or failing for days)",
        WebhookDisabledData,
        (),
    ),
    "webhook.failing": (
        "One of the party's subscriptions failed repeatedly; its circuit opened",
        WebhookFailingData,
        (),
    ),
    "webhook.delivery_exhausted": (
        "A delivery used up its retries and was marked failed",
        WebhookDeliveryExhaustedData,
        (),
    ),
}
if set(EVENTS) != set(WEBHOOK_EVENT_TYPES):
    raise LookupError("every event type subscribers can ask for needs an entry in api.event_catalogue.EVENTS")

# What the payload members mean, for readers of the catalogue (the structs give their shape, this their words).
MEMBERS: dict[str, str] = {
    "agreement": "The agreement as it is now",
    "version": "The version concerned, with its clauses (filtered per role)",
    "decision": "The approval or rejection that caused it",
    "reason": "The reason given, when one was",
    "expires_at": "When it ends",
    "simulation": "Where a signatory can see what the proposed version would have meant (POST, read-only)",
    "invitation": "The invitation",
    "party": "The party as it is now",
    "client": "The API client, revoked",
    "review": "The review",
    "dispute": "The dispute as it is now",
    "comment": "The comment",
    "escalation": "The level and the contact escalated to, the channel, the stage and its deadline",
    "ticket": "The ticket",
    "clock": "Its SLA clock as it is now",
    "percent": "The warning threshold reached, percent (sla.warning)",
    "retracted": "The event type taken back",
    "period": "The period, YYYY-MM",
    "sha256": "Digest of the frozen statement or of the report's canonical JSON as the recipient reads it",
    "attainment": "Each target's attainment",
    "credits": "Each credit line",
    "totals": "Totals per currency",
    "href": "Where to read the report (JSON, HTML or PDF by `Accept`)",
    "recipients": "The reporting clause's recipients",
    "indicator": "The indicator's key in the verification clause",
    "clause_key": "The verification clause",
    "objective": "The objective, percent (exact decimal)",
    "at": "The end of the measurement window the alert was judged at",
    "compliance_window": "The compliance window judged: start, end and kind (`calendar_month` or `rolling_28d`)",
    "error_budget_remaining_percent": "The error budget left in the window, percent (exact decimal)",
    "alert": "The alert rule's name (`budget_exhausted` for the budget itself)",
    "budget_percent": "The share of the budget the rule allows to burn in its long window, percent",
    "long_window": "The rule's long window (ISO 8601 duration)",
    "short_window": "The rule's short window (ISO 8601 duration)",
    "threshold": "The burn rate above which the rule fires",
    "long_burn_rate": "The burn rate over the long window",
    "short_burn_rate": "The burn rate over the short window",
    "consumed_bad": "Bad events counted against the budget",
    "subscription_id": "The subscription",
    "message": "A fixed message",
    "subscription": "The subscription as it is now",
    "consecutive_failures": "Failures in a row",
    "failing_since": "The first failure of the run",
    "next_attempt_at": "The next probe",
    "last_status_code": "The receiver's last status code",
    "last_error": "The last connection error",
    "delivery_id": "The failed delivery",
    "failed_event_id": "The event whose delivery failed",
    "attempts": "Attempts made",
}

# Every delivery's `data` carries these besides the event's own members (services.webhooks.subscriptions).
_COMMON = {
    "event_id": {"type": "string", "format": "uuid", "description": "The event's id (as in `/v1/events`)"},
    "agreement_id": {"type": ["string", "null"], "format": "uuid", "description": "The agreement it concerns"},
    "sequence": {"type": ["integer", "null"], "description": "The event's position in its agreement's history"},
    "actor": _ref("EventActor"),
}


@cache
def _derived() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The payload structs' JSON Schemas (msgspec's), by struct name, and the components they reference."""
    payloads = list(dict.fromkeys(struct for _, struct, _ in EVENTS.values()))
    _, components = msgspec.json.schema_components(payloads, ref_template=COMPONENTS + "{name}")
    data = {struct.__name__: components.pop(struct.__name__) for struct in payloads}
    return data, components


def payload_components() -> dict[str, dict[str, Any]]:
    """The components the event payloads reference (`AgreementOut`, `ClockView`, …), as msgspec derives them from
    the same structs the REST answers are; the OpenAPI document adds those it does not have already."""
    return copy.deepcopy(_derived()[1])


def payload_fields(event_type: str) -> tuple[dict[str, Any], list[str]]:
    """The `data` members an event type's struct declares (described) and those it always carries."""
    _, struct, always = EVENTS[event_type]
    schema = copy.deepcopy(_derived()[0][struct.__name__])
    members = {
        name: ({"description": MEMBERS[name], **value} if "$ref" not in value and name in MEMBERS else value)
        for name, value in schema["properties"].items()
    }
    required = list(dict.fromkeys([*schema.get("required", []), *always]))
    return members, required


def schema_name(event_type: str) -> str:
    """`agreement.version_approved` → `EventAgreementVersionApproved`."""
    return "Event" + "".join(part[:1].upper() + part[1:] for part in re.split(r"[._]", event_type))


def body_schema(event_type: str) -> dict[str, Any]:
    """The webhook body of one event type, with references into the OpenAPI document's components."""
    description, _, _ = EVENTS[event_type]
    members, required = payload_fields(event_type)
    return {
        "type": "object",
        "description": f"The `{event_type}` webhook body: {description[:1].lower()}{description[1:]}",
        "required": ["type", "timestamp", "data"],
        "properties": {
            "type": {"type": "string", "const": event_type, "description": "The event type"},
            "timestamp": {"type": "string", "format": "date-time", "description": "When it happened"},
            "data": {
                "type": "object",
                "description": "The event as the receiving party may see it (clauses it may not read are left out)",
                "required": ["event_id", "actor", *required],
                "properties": {**_COMMON, **members},
            },
        },
    }


def standalone_schema(event_type: str, components: dict[str, Any]) -> dict[str, Any]:
    """`body_schema` as a self-contained JSON Schema (2020-12): every component it references, directly or not,
    copied into `$defs`, so a consumer can validate a delivery without the OpenAPI document."""
    schema = _retarget(copy.deepcopy(body_schema(event_type)))
    definitions: dict[str, Any] = {}
    pending = _references(schema)
    while pending:
        name = pending.pop()
        if name in definitions:
            continue
        definitions[name] = _retarget(copy.deepcopy(components[name]))
        pending.extend(_references(definitions[name]))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"urn:sla-api:event:{event_type}"} | {
        **schema,
        "$defs": dict(sorted(definitions.items())),
    }


def _retarget(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: ("#/$defs/" + v.removeprefix(COMPONENTS) if k == "$ref" and isinstance(v, str) else _retarget(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_retarget(v) for v in node]
    return node


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"].removeprefix("#/$defs/")] if isinstance(node.get("$ref"), str) else []
        return found + [name for v in node.values() for name in _references(v)]
    if isinstance(node, list):
        return [name for v in node for name in _references(v)]
    return []
