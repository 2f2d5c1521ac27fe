"""The event catalogue: every event type a subscription can ask for, what it means and the JSON Schema of the
webhook body it is delivered in (`{"type", "timestamp", "data"}`). One table feeds both `GET /v1/event-types`
and the OpenAPI document's `webhooks` section, so the two cannot disagree."""

from __future__ import annotations

import copy
import re
from typing import Any

from services.webhooks.subscriptions import WEBHOOK_EVENT_TYPES

COMPONENTS = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": COMPONENTS + name}


def _text(description: str, **schema: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **schema}


_AGREEMENT = {"agreement": _ref("AgreementOut")}
_VERSION = {"version": _ref("VersionOut")}
_DECISION = {
    "decision": {
        "type": "object",
        "description": "The approval or rejection that caused it",
        "properties": {
            "party_id": _text("The deciding party", format="uuid"),
            "decision": _text("approve or reject"),
            "comment": {"type": ["string", "null"], "description": "The party's comment"},
        },
    }
}
_REASON = {"reason": _text("The reason given, when one was")}
_REVIEW = {"review": _ref("ReviewOut")}
_DISPUTE = {"dispute": _ref("DisputeOut")}
_CLOCK = {"ticket": _ref("TicketView"), "clock": _ref("ClockView")}  # services.ticketing.views.SlaNotice
_SLO = {
    "indicator": _text("The indicator's key in the verification clause"),
    "clause_key": _text("The verification clause"),
    "objective": _text("The objective, percent (exact decimal)"),
    "at": _text("The end of the measurement window the alert was judged at", format="date-time"),
    "alert": _text("The alert rule's name (`budget_exhausted` for the budget itself)"),
    "compliance_window": {
        "type": "object",
        "description": "The compliance window judged: start, end and kind (`calendar_month` or `rolling_28d`)",
    },
    "error_budget_remaining_percent": _text("The error budget left in the window, percent (exact decimal)"),
}
_SLO_BURN = {
    "budget_percent": _text("The share of the budget the rule allows to burn in its long window, percent"),
    "long_window": _text("The rule's long window (ISO 8601 duration)"),
    "short_window": _text("The rule's short window (ISO 8601 duration)"),
    "threshold": _text("The burn rate above which the rule fires"),
    "long_burn_rate": {"type": ["string", "null"], "description": "The burn rate over the long window"},
    "short_burn_rate": {"type": ["string", "null"], "description": "The burn rate over the short window"},
}
_PERIOD = {"period": _text("The billing period, YYYY-MM"), "sha256": _text("Digest of the frozen statement")}
_SUBSCRIPTION = {"subscription": _ref("SubscriptionOut")}
_LAST_FAILURE = {
    "last_status_code": {"type": ["integer", "null"], "description": "The receiver's last status code"},
    "last_error": {"type": ["string", "null"], "description": "The last connection error"},
}

# event type → (what it means, the members its `data` carries besides the common ones, the required ones)
EVENTS: dict[str, tuple[str, dict[str, Any], tuple[str, ...]]] = {
    "agreement.created": ("A draft agreement was created", {**_AGREEMENT, **_VERSION}, ("agreement",)),
    "agreement.updated": ("A draft agreement was changed", {**_AGREEMENT, **_VERSION}, ("agreement",)),
    "agreement.version_proposed": ("A version was proposed", {**_AGREEMENT, **_VERSION}, ("agreement", "version")),
    "agreement.version_approved": (
        "A party approved a version; once provider and customer have, it is accepted",
        {**_AGREEMENT, **_VERSION, **_DECISION},
        ("agreement", "version"),
    ),
    "agreement.version_rejected": (
        "A party rejected a version",
        {**_AGREEMENT, **_VERSION, **_DECISION},
        ("agreement", "version"),
    ),
    "agreement.version_withdrawn": ("The proposer withdrew a version", {**_AGREEMENT, **_VERSION}, ("agreement",)),
    "agreement.activated": ("The agreement took effect", {**_AGREEMENT, **_VERSION, **_REASON}, ("agreement",)),
    "agreement.amended": (
        "A new version of an active agreement was accepted by both sides",
        {**_AGREEMENT, **_VERSION, **_DECISION},
        ("agreement", "version"),
    ),
    "agreement.suspended": ("The agreement was suspended", {**_AGREEMENT, **_VERSION, **_REASON}, ("agreement",)),
    "agreement.resumed": ("A suspended agreement was resumed", {**_AGREEMENT, **_VERSION, **_REASON}, ("agreement",)),
    "agreement.terminated": ("The agreement was terminated", {**_AGREEMENT, **_VERSION, **_REASON}, ("agreement",)),
    "agreement.expiring": (
        "The agreement ends within 30 days",
        {**_AGREEMENT, "expires_at": _text("When it ends", format="date-time")},
        ("agreement", "expires_at"),
    ),
    "party.created": ("The operator created a party", {"party": _ref("PartyOut")}, ("party",)),
    "party.updated": ("A party's profile changed", {"party": _ref("PartyOut")}, ("party",)),
    "party.invited": (
        "The party was invited to an agreement (to the invited party only)",
        {"invitation": _ref("InvitationOut")},
        ("invitation",),
    ),
    "invitation.accepted": (
        "An invited party accepted and became a member",
        {**_AGREEMENT, "invitation": _ref("InvitationOut")},
        ("agreement", "invitation"),
    ),
    "invitation.declined": (
        "An invited party declined",
        {**_AGREEMENT, "invitation": _ref("InvitationOut")},
        ("agreement", "invitation"),
    ),
    "client.revoked": ("One of the party's API clients was revoked", {"client": _ref("ApiClientOut")}, ("client",)),
    "review.scheduled": ("A review was scheduled", _REVIEW, ("review",)),
    "review.due": ("A review reached its notice time", _REVIEW, ("review",)),
    "review.overdue": ("A review passed its due time", _REVIEW, ("review",)),
    "review.completed": ("A review was completed", _REVIEW, ("review",)),
    "review.cancelled": ("A review was cancelled", _REVIEW, ("review",)),
    "dispute.opened": ("A dispute was opened", _DISPUTE, ("dispute",)),
    "dispute.commented": (
        "A party commented on a dispute",
        {**_DISPUTE, "comment": _text("The comment")},
        ("dispute", "comment"),
    ),
    "dispute.acknowledged": ("The respondent acknowledged a dispute", _DISPUTE, ("dispute",)),
    "dispute.escalated": (
        "A dispute moved to its next escalation level",
        {**_DISPUTE, "escalation": {"type": "object", "description": "The level and the contact escalated to"}},
        ("dispute",),
    ),
    "dispute.resolved": ("A dispute was resolved", _DISPUTE, ("dispute",)),
    "dispute.rejected": ("The respondent rejected a dispute", _DISPUTE, ("dispute",)),
    "dispute.withdrawn": ("The raiser withdrew a dispute", _DISPUTE, ("dispute",)),
    "sla.warning": ("A clock reached one of its warning percentages", _CLOCK, ("ticket", "clock")),
    "sla.breached": ("A clock passed its due time", _CLOCK, ("ticket", "clock")),
    "sla.met": ("A clock stopped in time", _CLOCK, ("ticket", "clock")),
    "sla.breach_retracted": (
        "A late ticket event took back an announced breach",
        {**_CLOCK, "retracted": _text("The event type taken back", const="sla.breached")},
        ("ticket", "clock", "retracted"),
    ),
    "sla.met_retracted": (
        "A late ticket event took back an announced `sla.met`",
        {**_CLOCK, "retracted": _text("The event type taken back", const="sla.met")},
        ("ticket", "clock", "retracted"),
    ),
    "attainment.period_closed": (
        "A billing period was closed and its attainment frozen",
        {**_PERIOD, "attainment": {"type": "array", "items": {"type": "object"}, "description": "Each target's"}},
        ("period", "attainment", "sha256"),
    ),
    "credit.computed": (
        "The service credits of a closed period (provider and customer only)",
        {
            **_PERIOD,
            "credits": {"type": "array", "items": {"type": "object"}, "description": "Each credit line"},
            "totals": {"type": "object", "description": "Totals per currency"},
        },
        ("period", "credits", "totals", "sha256"),
    ),
    "report.published": (
        "A service report for a completed period was published (the `reporting` clause's recipients)",
        {
            "period": _text("The reported period, YYYY-MM"),
            "sha256": _text("Digest of the report's canonical JSON as the recipient reads it"),
            "href": _text("Where to read the report (JSON, HTML or PDF by `Accept`)"),
            "recipients": {"type": "array", "items": {"type": "string"}, "description": "The clause's recipients"},
        },
        ("period", "sha256", "href", "recipients"),
    ),
    "slo.burn_rate_high": (
        "A measured indicator burns its error budget faster than an alert rule allows, over both of the rule's "
        "windows (once per episode)",
        {**_SLO, **_SLO_BURN},
        ("indicator", "alert", "at", "threshold"),
    ),
    "slo.budget_exhausted": (
        "A measured indicator's error budget for its compliance window is used up (once per episode)",
        {**_SLO, "consumed_bad": _text("Bad events counted against the budget (exact decimal)")},
        ("indicator", "alert", "at"),
    ),
    "slo.recovered": (
        "An alert announced by `slo.burn_rate_high` or `slo.budget_exhausted` no longer holds",
        {**_SLO, **_SLO_BURN},
        ("indicator", "alert", "at"),
    ),
    "webhook.test": (
        "A test delivery asked for with `POST /v1/webhooks/{id}/test` (to that subscription only)",
        {"subscription_id": _text("The subscription", format="uuid"), "message": _text("A fixed message")},
        ("subscription_id", "message"),
    ),
    "webhook.disabled": (
        "One of the party's subscriptions was disabled (410 Gone, or failing for days)",
        {**_SUBSCRIPTION, **_REASON},
        ("subscription", "reason"),
    ),
    "webhook.failing": (
        "One of the party's subscriptions failed repeatedly; its circuit opened",
        {
            **_SUBSCRIPTION,
            "consecutive_failures": {"type": "integer", "description": "Failures in a row"},
            "failing_since": _text("The first failure of the run", format="date-time"),
            "next_attempt_at": {"type": ["string", "null"], "format": "date-time", "description": "The next probe"},
            **_LAST_FAILURE,
        },
        ("subscription",),
    ),
    "webhook.delivery_exhausted": (
        "A delivery used up its retries and was marked failed",
        {
            **_SUBSCRIPTION,
            "delivery_id": _text("The failed delivery", format="uuid"),
            # Not `event_id`: that common member names the notice itself, so the failed event has its own name.
            "failed_event_id": _text("The event whose delivery failed", format="uuid"),
            "attempts": {"type": "integer", "description": "Attempts made"},
            **_LAST_FAILURE,
        },
        ("subscription", "delivery_id", "failed_event_id"),
    ),
}
if set(EVENTS) != set(WEBHOOK_EVENT_TYPES):
    raise LookupError("every event type subscribers can ask for needs an entry in api.event_catalogue.EVENTS")

# Every delivery's `data` carries these besides the event's own members (services.webhooks.subscriptions).
_COMMON = {
    "event_id": _text("The event's id (as in `/v1/events`)", format="uuid"),
    "agreement_id": {"type": ["string", "null"], "format": "uuid", "description": "The agreement it concerns"},
    "sequence": {"type": ["integer", "null"], "description": "The event's position in its agreement's history"},
    "actor": _ref("EventActor"),
}


def schema_name(event_type: str) -> str:
    """`agreement.version_approved` → `EventAgreementVersionApproved`."""
    return "Event" + "".join(part[:1].upper() + part[1:] for part in re.split(r"[._]", event_type))


def body_schema(event_type: str) -> dict[str, Any]:
    """The webhook body of one event type, with references into the OpenAPI document's components."""
    description, members, required = EVENTS[event_type]
    return {
        "type": "object",
        "description": f"The `{event_type}` webhook body: {description.lower()}",
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
