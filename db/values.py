"""Every closed set of values, spelled once: the columns and CHECK constraints (`db.models`), the services, the REST
parameters and the GraphQL enums (`strawberry.enum(...)`) all read these.

They live under `db/` because the tables need them and `db` imports nothing above it; the services and the edges
import them from here. Member names are the GraphQL enum value names; values are what is stored and sent.
"""

from __future__ import annotations

from enum import StrEnum


def one_of(column: str, values: type[StrEnum]) -> str:
    """The CHECK text `column IN ('a', 'b')` for an enum, in its declaration order."""
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


# ---------------------------------------------------------------- parties and access


class PartyKind(StrEnum):
    ORGANIZATION = "organization"
    SYSTEM = "system"


class SigningAlgorithm(StrEnum):
    ES256 = "ES256"
    EDDSA = "EdDSA"


class Scope(StrEnum):
    """OAuth 2.0 scopes a token may carry; `parties:admin` is the operator's alone."""

    AGREEMENTS_READ = "agreements:read"
    AGREEMENTS_WRITE = "agreements:write"
    REVIEWS_WRITE = "reviews:write"
    DISPUTES_READ = "disputes:read"
    DISPUTES_WRITE = "disputes:write"
    TICKETS_WRITE = "tickets:write"
    BILLING_READ = "billing:read"
    WEBHOOKS_MANAGE = "webhooks:manage"
    PARTIES_ADMIN = "parties:admin"


# ---------------------------------------------------------------- agreements


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class Role(StrEnum):
    """A member's role on an agreement."""

    PROVIDER = "provider"
    CUSTOMER = "customer"
    THIRD_PARTY = "third_party"


class MembershipStatus(StrEnum):
    """An invitation's answer: a member has `accepted`."""

    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class VersionStatus(StrEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ApprovalDecision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"


class ProposalMode(StrEnum):
    MERGE = "merge"
    REPLACE = "replace"


class ClauseKind(StrEnum):
    SERVICE_LEVEL = "service_level"
    SCHEDULE = "schedule"
    COST = "cost"
    SERVICE_CREDIT = "service_credit"
    RESPONSIBILITY = "responsibility"
    ESCALATION = "escalation"
    DISPUTE_RESOLUTION = "dispute_resolution"
    VERIFICATION = "verification"
    REPORTING = "reporting"
    REVIEW = "review"
    GENERAL = "general"


class Metric(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    PERIODIC_UPDATE = "periodic_update"
    RESOLUTION = "resolution"
    AVAILABILITY = "availability"


# ---------------------------------------------------------------- reviews


class ReviewStatus(StrEnum):
    SCHEDULED = "scheduled"
    DUE = "due"
    OVERDUE = "overdue"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class ReviewOutcome(StrEnum):
    NO_CHANGE = "no_change"
    AMENDMENT_PROPOSED = "amendment_proposed"


class ReviewCycleSource(StrEnum):
    CLAUSE = "clause"
    EXPLICIT = "explicit"


# ---------------------------------------------------------------- disputes


class DisputeStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    IN_RESOLUTION = "in_resolution"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class DisputeSubject(StrEnum):
    AGREEMENT = "agreement"
    CLAUSE = "clause"
    TICKET = "ticket"
    CREDIT = "credit"


class DisputeRole(StrEnum):
    """The caller's side of a dispute."""

    RAISED = "raised"
    RECEIVED = "received"


class DisputeEntryKind(StrEnum):
    OPENED = "opened"
    COMMENT = "comment"
    STATUS = "status"
    ESCALATION = "escalation"
    EVIDENCE = "evidence"


class EvidenceKind(StrEnum):
    LINK = "link"
    ATTACHMENT = "attachment"


# ---------------------------------------------------------------- ticketing


class TicketEventType(StrEnum):
    CREATED = "created"
    PRIORITY_CHANGED = "priority_changed"
    ATTRIBUTES_CHANGED = "attributes_changed"
    AGENT_REPLIED = "agent_replied"
    CUSTOMER_REPLIED = "customer_replied"
    STATUS_CHANGED = "status_changed"
    SOLVED = "solved"
    REOPENED = "reopened"
    CLOSED = "closed"


class ClockStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"
    CANCELLED = "cancelled"


class IntegrationKind(StrEnum):
    """A ticketing tool whose own webhook payloads the service reads (`/v1/integrations/{kind}/events`)."""

    ZENDESK = "zendesk"
    JIRA = "jira"


class IntegrationStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"


class IntegrationDeliveryOutcome(StrEnum):
    """What became of one delivery from a tool: its ticket events fed the clocks, nothing in it concerned the
    clocks, or it was refused (bad or stale signature, malformed payload) and nothing was stored."""

    ACCEPTED = "accepted"
    IGNORED = "ignored"
    REFUSED = "refused"


# ---------------------------------------------------------------- billing


class IncidentKind(StrEnum):
    OUTAGE = "outage"
    DEGRADATION = "degradation"
    MAINTENANCE = "maintenance"


class CreditStatus(StrEnum):
    NOT_MEASURED = "not_measured"
    NONE = "none"
    OWED = "owed"
    DISPUTED = "disputed"
    ADJUSTED = "adjusted"
    EXPIRED = "expired"


# ---------------------------------------------------------------- webhooks, events and timers


class WebhookSubscriptionStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    DISABLED = "disabled"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class TimerStatus(StrEnum):
    PENDING = "pending"
    FIRED = "fired"
    CANCELLED = "cancelled"
    FAILED = "failed"


class TimerKind(StrEnum):
    """What a timer does when it falls due: the keys of the worker's handler table (`worker.timers.TIMER_HANDLERS`).
    Not a column enum: `timers.kind` stays free text so a new kind needs no migration."""

    AGREEMENT_EXPIRING = "agreement.expiring"
    REVIEW_DUE = "review.due"
    REVIEW_OVERDUE = "review.overdue"
    DISPUTE_STAGE_DEADLINE = "dispute.stage_deadline"
    SLA_DUE = "sla.due"  # a ticket clock's one timer, keyed by the clock: its next warning or its deadline
    SLA_WARNING = "sla.warning"  # no longer scheduled (migration 0100); one written by an older release still fires
    BILLING_CLOSE_PERIOD = "billing.close_period"
    REPORT_PUBLISH = "report.publish"


class EventType(StrEnum):
    """What the audit history records and webhooks deliver."""

    AGREEMENT_CREATED = "agreement.created"
    AGREEMENT_UPDATED = "agreement.updated"
    AGREEMENT_VERSION_PROPOSED = "agreement.version_proposed"
    AGREEMENT_VERSION_APPROVED = "agreement.version_approved"
    AGREEMENT_VERSION_REJECTED = "agreement.version_rejected"
    AGREEMENT_VERSION_WITHDRAWN = "agreement.version_withdrawn"
    AGREEMENT_ACTIVATED = "agreement.activated"
    AGREEMENT_AMENDED = "agreement.amended"
    AGREEMENT_SUSPENDED = "agreement.suspended"
    AGREEMENT_RESUMED = "agreement.resumed"
    AGREEMENT_TERMINATED = "agreement.terminated"
    AGREEMENT_EXPIRING = "agreement.expiring"
    PARTY_CREATED = "party.created"
    PARTY_UPDATED = "party.updated"
    PARTY_INVITED = "party.invited"
    INVITATION_ACCEPTED = "invitation.accepted"
    INVITATION_DECLINED = "invitation.declined"
    CLIENT_REVOKED = "client.revoked"
    REVIEW_SCHEDULED = "review.scheduled"
    REVIEW_DUE = "review.due"
    REVIEW_OVERDUE = "review.overdue"
    REVIEW_COMPLETED = "review.completed"
    REVIEW_CANCELLED = "review.cancelled"
    DISPUTE_OPENED = "dispute.opened"
    DISPUTE_COMMENTED = "dispute.commented"
    DISPUTE_ACKNOWLEDGED = "dispute.acknowledged"
    DISPUTE_ESCALATED = "dispute.escalated"
    DISPUTE_RESOLVED = "dispute.resolved"
    DISPUTE_REJECTED = "dispute.rejected"
    DISPUTE_WITHDRAWN = "dispute.withdrawn"
    SLA_WARNING = "sla.warning"
    SLA_BREACHED = "sla.breached"
    SLA_MET = "sla.met"
    SLA_BREACH_RETRACTED = "sla.breach_retracted"  # a late ticket event turned an announced breach into no breach
    SLA_MET_RETRACTED = "sla.met_retracted"  # a late ticket event took back an announced `sla.met`
    ATTAINMENT_PERIOD_CLOSED = "attainment.period_closed"
    CREDIT_COMPUTED = "credit.computed"
    REPORT_PUBLISHED = "report.published"  # a scheduled service report was frozen for a completed period
    SLO_BURN_RATE_HIGH = "slo.burn_rate_high"  # a multi-window burn-rate alert started firing
    SLO_BUDGET_EXHAUSTED = "slo.budget_exhausted"  # the compliance window's error budget is spent
    SLO_RECOVERED = "slo.recovered"  # an alert or an exhausted budget episode ended
