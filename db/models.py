"""Tables. Relationships are not declared: every query states what it loads (no implicit I/O)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    FetchedValue,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.values import (
    AgreementStatus,
    ApprovalDecision,
    ClauseKind,
    ClockStatus,
    DisputeEntryKind,
    DisputeStatus,
    DisputeSubject,
    EvidenceKind,
    IncidentKind,
    IntegrationDeliveryOutcome,
    IntegrationKind,
    IntegrationStatus,
    MembershipStatus,
    PartyKind,
    ReviewCycleSource,
    ReviewOutcome,
    ReviewStatus,
    Role,
    SigningAlgorithm,
    TimerStatus,
    VersionStatus,
    WebhookDeliveryStatus,
    WebhookSubscriptionStatus,
    one_of,
)


def _uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)


def _created_at() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


def _one_of(values: type[StrEnum], length: int) -> SqlEnum:
    """A VARCHAR column read back as the enum's members; its CHECK is declared beside it with `_check`."""
    return SqlEnum(
        values,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [str(m) for m in members],
    )


def _check(column: str, values: type[StrEnum], *, nullable: bool = False) -> CheckConstraint:
    """The CHECK constraint named after the column, generated from the enum."""
    condition = one_of(column, values)
    return CheckConstraint(f"{column} IS NULL OR {condition}" if nullable else condition, name=column)


class Party(Base):
    __tablename__ = "parties"

    id: Mapped[uuid.UUID] = _uuid_pk()
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[PartyKind] = mapped_column(_one_of(PartyKind, 32), nullable=False, server_default="organization")
    contact_email: Mapped[str | None] = mapped_column(String(320))
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _created_at()

    __table_args__ = (_check("kind", PartyKind),)


class PartyExternalRef(Base):
    """An id of the party in another tool (`zendesk:12345`); one system/id names one party."""

    __tablename__ = "party_external_refs"

    system: Mapped[str] = mapped_column(String(64), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    party_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), nullable=False, index=True
    )


class ApiClient(Base):
    __tablename__ = "api_clients"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    secret_hash: Mapped[str] = mapped_column(String(128), nullable=False)
    party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(64)), nullable=False)
    created_at: Mapped[datetime] = _created_at()
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FeedToken(Base):
    """A party's long-lived, revocable credential for calendar feeds (`?feed_token=` on `…/reviews.ics`): calendar
    apps keep a URL for months, so it cannot be a short-lived JWT; only its SHA-256 is kept."""

    __tablename__ = "feed_tokens"

    id: Mapped[uuid.UUID] = _uuid_pk()
    party_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    created_at: Mapped[datetime] = _created_at()
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SigningKey(Base):
    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    algorithm: Mapped[SigningAlgorithm] = mapped_column(_one_of(SigningAlgorithm, 16), nullable=False)
    # The private key's PEM, envelope-encrypted (db/encryption.py) under the KEK named by `kek_id`.
    private_key_ciphertext: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    kek_id: Mapped[str] = mapped_column(String(16), nullable=False)
    public_jwk: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    # Set when a newer key takes over signing; the key still verifies until its last token expires.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set by `sla keys retire` (a compromised key): from then on it signs and verifies nothing, grace or not.
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (_check("algorithm", SigningAlgorithm),)


class Agreement(Base):
    __tablename__ = "agreements"

    id: Mapped[uuid.UUID] = _uuid_pk()
    reference: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[AgreementStatus] = mapped_column(_one_of(AgreementStatus, 16), nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, server_default="UTC")
    effective_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    effective_to: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("parties.id"))
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    last_event_sequence: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        _check("status", AgreementStatus),
        CheckConstraint(
            "effective_to IS NULL OR effective_from IS NULL OR effective_to > effective_from", name="period"
        ),
        Index("ix_agreements_created_at_id", "created_at", "id"),
    )


class Membership(Base):
    __tablename__ = "agreement_memberships"

    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True)
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("parties.id"), primary_key=True)
    role: Mapped[Role] = mapped_column(_one_of(Role, 16), nullable=False)
    created_at: Mapped[datetime] = _created_at()
    # The agreement's own `created_at`, set by a trigger on insert (migration 0110): a party's agreements newest first
    # are then the first entries of one index, whatever the party (see the migration).
    agreement_created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=FetchedValue()
    )

    __table_args__ = (
        _check("role", Role),
        Index(
            "ix_agreement_memberships_party_id_agreement_created_at", "party_id", "agreement_created_at", "agreement_id"
        ),
    )


class Invitation(Base):
    """A party named on an agreement by another party: it becomes a member (a `Membership`) only by accepting.

    `party_id` deliberately has no foreign key: an invitation to an id that names no party is stored and answered
    exactly like one to a real party (it simply never gets an answer), so naming a party is no existence oracle.
    """

    __tablename__ = "agreement_invitations"

    id: Mapped[uuid.UUID] = _uuid_pk()
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False)
    party_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    role: Mapped[Role] = mapped_column(_one_of(Role, 16), nullable=False)
    status: Mapped[MembershipStatus] = mapped_column(_one_of(MembershipStatus, 16), nullable=False)
    invited_by_party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("parties.id"))
    created_at: Mapped[datetime] = _created_at()
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        _check("role", Role),
        _check("status", MembershipStatus),
        UniqueConstraint("agreement_id", "party_id"),
    )


class AgreementVersion(Base):
    __tablename__ = "agreement_versions"

    id: Mapped[uuid.UUID] = _uuid_pk()
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[VersionStatus] = mapped_column(_one_of(VersionStatus, 16), nullable=False)
    summary: Mapped[str | None] = mapped_column(Text)
    effective_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    proposed_by_party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("parties.id"))
    proposed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        UniqueConstraint("agreement_id", "number"),
        _check("status", VersionStatus),
        # At most one open proposal per agreement: concurrent proposals cannot both win.
        Index(
            "uq_agreement_versions_one_open",
            "agreement_id",
            unique=True,
            postgresql_where=text("status IN ('draft', 'proposed')"),
        ),
    )


class Approval(Base):
    __tablename__ = "version_approvals"

    id: Mapped[uuid.UUID] = _uuid_pk()
    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement_versions.id", ondelete="CASCADE"), nullable=False
    )
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("parties.id"), nullable=False)
    decision: Mapped[ApprovalDecision] = mapped_column(_one_of(ApprovalDecision, 16), nullable=False)
    comment: Mapped[str | None] = mapped_column(Text)
    client_id: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        UniqueConstraint("version_id", "party_id"),
        _check("decision", ApprovalDecision),
    )


class Clause(Base):
    __tablename__ = "clauses"

    id: Mapped[uuid.UUID] = _uuid_pk()
    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement_versions.id", ondelete="CASCADE"), nullable=False
    )
    key: Mapped[str] = mapped_column(String(100), nullable=False)
    kind: Mapped[ClauseKind] = mapped_column(_one_of(ClauseKind, 32), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    terms: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    shared_with_third_parties: Mapped[bool] = mapped_column(nullable=False, server_default=text("false"))
    position: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (
        UniqueConstraint("version_id", "key"),
        _check("kind", ClauseKind),
    )


class Calendar(Base):
    """Service hours. Stored now; the business-time arithmetic reads it later."""

    __tablename__ = "calendars"

    id: Mapped[uuid.UUID] = _uuid_pk()
    owner_party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False)
    weekly_windows: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    holiday_country: Mapped[str | None] = mapped_column(String(2))
    holiday_subdivision: Mapped[str | None] = mapped_column(String(16))
    closures: Mapped[list[Any]] = mapped_column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))
    created_at: Mapped[datetime] = _created_at()


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"

    principal: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    headers: Mapped[list[Any]] = mapped_column(JSONB, nullable=False)
    # The response body, envelope-encrypted under `kek_id` (it may hold a one-time secret); empty while in progress.
    body: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    kek_id: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = _created_at()
    # Past this instant the key is ignored (a new request) and purged.
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)


class Event(Base):
    """The audit history and the webhook outbox: written in the same transaction as the change."""

    __tablename__ = "events"

    id: Mapped[uuid.UUID] = _uuid_pk()
    # Global order for cursors and the outbox; ids are random.
    position: Mapped[int] = mapped_column(BigInteger, Identity(always=True), nullable=False, unique=True)
    type: Mapped[str] = mapped_column(String(64), nullable=False)
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    sequence: Mapped[int | None] = mapped_column(BigInteger)
    # Events not about an agreement (party or webhook events) belong to one party.
    subject_party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    actor_party_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    actor_client_id: Mapped[str | None] = mapped_column(String(64))
    actor_token_id: Mapped[str | None] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    # When set, only these member parties may see the event (a dispute concerns its two parties only).
    audience_party_ids: Mapped[list[uuid.UUID] | None] = mapped_column(ARRAY(UUID(as_uuid=True)))
    # The W3C traceparent of the write that recorded it: deliveries continue that trace.
    traceparent: Mapped[str | None] = mapped_column(String(55))

    __table_args__ = (
        UniqueConstraint("agreement_id", "sequence"),
        Index("ix_events_subject_party_id_position", "subject_party_id", "position"),
        # Retention (when SLA_RETENTION_EVENTS_DAYS is set) deletes events by age in batches.
        Index("ix_events_occurred_at", "occurred_at"),
    )


class WebhookSubscription(Base):
    __tablename__ = "webhook_subscriptions"

    id: Mapped[uuid.UUID] = _uuid_pk()
    party_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), nullable=False, index=True
    )
    url: Mapped[str] = mapped_column(String(2048), nullable=False)
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(64)), nullable=False)
    description: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[WebhookSubscriptionStatus] = mapped_column(
        _one_of(WebhookSubscriptionStatus, 16), nullable=False, server_default="active"
    )
    disabled_reason: Mapped[str | None] = mapped_column(String(200))
    # HMAC needs the secrets themselves, so they are stored (as Svix and Stripe do), envelope-encrypted: a list of
    # {"kek_id", "ciphertext", "expires_at"}, newest first; the current one has no expiry, older ones sign until
    # their rotation grace ends. Shown to the party once, on creation or rotation.
    secrets: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The worker that holds the lease sends this subscription's deliveries, in event order.
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The fencing token: raised by every claim, and every write of a lane's results requires the one it claimed,
    # so a lane whose lease passed to another can record nothing.
    lease_token: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    # The endpoint's circuit breaker: after N consecutive failed attempts it opens until `circuit_open_until`,
    # then one probe decides whether it closes.
    consecutive_failures: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    circuit_open_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _created_at()

    __table_args__ = (_check("status", WebhookSubscriptionStatus),)


class WebhookDelivery(Base):
    """One event to send to one subscription; retried until it succeeds or the schedule runs out."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[uuid.UUID] = _uuid_pk()
    subscription_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), nullable=False
    )
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True)
    event_position: Mapped[int] = mapped_column(BigInteger, nullable=False)
    status: Mapped[WebhookDeliveryStatus] = mapped_column(
        _one_of(WebhookDeliveryStatus, 16), nullable=False, server_default="pending"
    )
    attempt_count: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = _created_at()
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        _check("status", WebhookDeliveryStatus),
        Index(
            "ix_webhook_deliveries_due",
            "subscription_id",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        # Retention deletes succeeded deliveries by age in batches: each batch an index range, however many remain.
        Index(
            "ix_webhook_deliveries_succeeded_completed_at",
            "completed_at",
            postgresql_where=text("status = 'succeeded'"),
        ),
    )


class WebhookAttempt(Base):
    __tablename__ = "webhook_attempts"

    id: Mapped[uuid.UUID] = _uuid_pk()
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), nullable=False, index=True
    )
    subscription_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), nullable=False
    )
    attempt_number: Mapped[int] = mapped_column(Integer, nullable=False)
    worker: Mapped[str | None] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(500))
    latency_ms: Mapped[int] = mapped_column(Integer, nullable=False)
    # What the receiver answered, for its owner's debugging: headers, and the body's first bytes (a setting).
    response_headers: Mapped[dict[str, str] | None] = mapped_column(JSONB)
    response_body: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_webhook_attempts_subscription_id_started_at", "subscription_id", "started_at"),
        # Retention deletes attempts by age in batches.
        Index("ix_webhook_attempts_started_at", "started_at"),
    )


class Integration(Base):
    """A party's connection from a ticketing tool: the tool posts its own webhook payloads, signed with the secret,
    and the mapping turns them into the party's ticket events."""

    __tablename__ = "integrations"

    id: Mapped[uuid.UUID] = _uuid_pk()
    party_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[IntegrationKind] = mapped_column(_one_of(IntegrationKind, 16), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    # The `source` of the ticket events it writes: tickets are known by (party, source, external id).
    source: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[IntegrationStatus] = mapped_column(
        _one_of(IntegrationStatus, 16), nullable=False, server_default="active"
    )
    # How the tool's payloads become ticket events (priorities, statuses, which comments are replies, customer).
    mapping: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    # The signing secrets, envelope-encrypted, newest first, as webhook subscriptions keep theirs: verifying needs
    # the secret itself; an older one verifies until its rotation grace ends.
    secrets: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        _check("kind", IntegrationKind),
        _check("status", IntegrationStatus),
        UniqueConstraint("party_id", "name"),
    )


class IntegrationDelivery(Base):
    """The audit of one delivery a tool made: accepted, ignored or refused, and why."""

    __tablename__ = "integration_deliveries"

    id: Mapped[uuid.UUID] = _uuid_pk()
    integration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"), nullable=False)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    outcome: Mapped[IntegrationDeliveryOutcome] = mapped_column(_one_of(IntegrationDeliveryOutcome, 16), nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str | None] = mapped_column(String(500))
    # The tool's own id of the delivery or event (Zendesk's event id, Jira's webhook identifier), when known.
    delivery_ref: Mapped[str | None] = mapped_column(String(200))
    ticket_ref: Mapped[str | None] = mapped_column(String(200))
    events_accepted: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    events_duplicate: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    # What the payload said that did not become a ticket event, with the reason (e.g. a private comment).
    ignored: Mapped[list[dict[str, str]]] = mapped_column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))
    # SHA-256 of the body as received: which payload it was, without keeping ticket contents.
    body_sha256: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (
        _check("outcome", IntegrationDeliveryOutcome),
        Index("ix_integration_deliveries_integration_id_received_at", "integration_id", "received_at"),
    )


class Timer(Base):
    """Something the worker must do at a given time, once (SLA breaches, reviews due, dispute deadlines)."""

    __tablename__ = "timers"

    id: Mapped[uuid.UUID] = _uuid_pk()
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    # A timer is unique per (kind, key): rescheduling replaces it instead of adding a second one.
    key: Mapped[str] = mapped_column(String(200), nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    status: Mapped[TimerStatus] = mapped_column(_one_of(TimerStatus, 16), nullable=False, server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(500))
    fired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("kind", "key"),
        _check("status", TimerStatus),
        Index("ix_timers_due", "due_at", postgresql_where=text("status = 'pending'")),
    )


class ReviewCycle(Base):
    """How often an agreement is reviewed: from its `review` clause, or set explicitly."""

    __tablename__ = "review_cycles"

    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True)
    cadence: Mapped[str] = mapped_column(String(32), nullable=False)
    notice: Mapped[str | None] = mapped_column(String(32))
    participants: Mapped[list[str]] = mapped_column(ARRAY(String(200)), nullable=False, server_default="{}")
    source: Mapped[ReviewCycleSource] = mapped_column(_one_of(ReviewCycleSource, 16), nullable=False)
    updated_at: Mapped[datetime] = _created_at()

    __table_args__ = (_check("source", ReviewCycleSource),)


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[uuid.UUID] = _uuid_pk()
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False, index=True
    )
    status: Mapped[ReviewStatus] = mapped_column(_one_of(ReviewStatus, 16), nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    notice_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    participants: Mapped[list[str]] = mapped_column(ARRAY(String(200)), nullable=False, server_default="{}")
    findings: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[ReviewOutcome | None] = mapped_column(_one_of(ReviewOutcome, 32))
    proposed_version_number: Mapped[int | None] = mapped_column(Integer)
    completed_by_party_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    created_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        _check("status", ReviewStatus),
        _check("outcome", ReviewOutcome, nullable=True),
        # One open review per agreement at a time.
        Index(
            "uq_reviews_one_open",
            "agreement_id",
            unique=True,
            postgresql_where=text("status IN ('scheduled', 'due', 'overdue')"),
        ),
    )


class Dispute(Base):
    __tablename__ = "disputes"

    id: Mapped[uuid.UUID] = _uuid_pk()
    reference: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False, index=True
    )
    raised_by_party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("parties.id"), nullable=False, index=True)
    respondent_party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("parties.id"), nullable=False, index=True)
    subject_type: Mapped[DisputeSubject] = mapped_column(_one_of(DisputeSubject, 16), nullable=False)
    clause_key: Mapped[str | None] = mapped_column(String(100))
    ticket_source: Mapped[str | None] = mapped_column(String(64))
    ticket_external_id: Mapped[str | None] = mapped_column(String(200))
    # A dispute about a credit names its period and the service_credit clause (in clause_key).
    credit_period: Mapped[str | None] = mapped_column(String(7))
    subject: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[DisputeStatus] = mapped_column(_one_of(DisputeStatus, 16), nullable=False)
    stages: Mapped[list[Any]] = mapped_column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))
    stage_index: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    stage_deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    escalation_level: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    raiser_must_accept: Mapped[bool] = mapped_column(nullable=False, server_default=text("false"))
    resolution: Mapped[str | None] = mapped_column(Text)
    adjustment_amount: Mapped[str | None] = mapped_column(String(40))
    adjustment_currency: Mapped[str | None] = mapped_column(String(3))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        _check("status", DisputeStatus),
        _check("subject_type", DisputeSubject),
        CheckConstraint("raised_by_party_id <> respondent_party_id", name="two_parties"),
    )


class DisputeEvidence(Base):
    """A link or a small attachment, kept with its SHA-256 so either party can show it was not altered."""

    __tablename__ = "dispute_evidence"

    id: Mapped[uuid.UUID] = _uuid_pk()
    dispute_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("disputes.id", ondelete="CASCADE"), nullable=False, index=True
    )
    added_by_party_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    kind: Mapped[EvidenceKind] = mapped_column(_one_of(EvidenceKind, 16), nullable=False)
    url: Mapped[str | None] = mapped_column(String(2048))
    filename: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _created_at()

    __table_args__ = (_check("kind", EvidenceKind),)


class DisputeEntry(Base):
    """The dispute's timeline: comments, status changes and escalations, in order, each with its actor."""

    __tablename__ = "dispute_timeline"

    id: Mapped[uuid.UUID] = _uuid_pk()
    dispute_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disputes.id", ondelete="CASCADE"), nullable=False)
    position: Mapped[int] = mapped_column(BigInteger, Identity(always=True), nullable=False, unique=True)
    kind: Mapped[DisputeEntryKind] = mapped_column(_one_of(DisputeEntryKind, 16), nullable=False)
    actor_party_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    body: Mapped[str | None] = mapped_column(Text)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)

    __table_args__ = (
        _check("kind", DisputeEntryKind),
        Index("ix_dispute_timeline_dispute_id_position", "dispute_id", "position"),
    )


class Ticket(Base):
    """An external ticket (from a ticketing tool) whose SLA this service tracks."""

    __tablename__ = "tickets"

    id: Mapped[uuid.UUID] = _uuid_pk()
    source: Mapped[str] = mapped_column(String(64), nullable=False)
    external_id: Mapped[str] = mapped_column(String(200), nullable=False)
    reporter_party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), nullable=False)
    customer_party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("parties.id"))
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreement_versions.id"))
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    state: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    match_explanation: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = _created_at()

    # Ticket ids are the reporting integration's own: two providers may both have a zendesk ticket 42.
    __table_args__ = (
        UniqueConstraint("reporter_party_id", "source", "external_id"),
        Index("ix_tickets_source_external_id", "source", "external_id"),
    )


class TicketEventRecord(Base):
    __tablename__ = "ticket_events"

    id: Mapped[uuid.UUID] = _uuid_pk()
    # Read by ticket (one or a list): the unique key below leads with it, so it has no index of its own (0100).
    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False)
    source: Mapped[str] = mapped_column(String(64), nullable=False)
    event_id: Mapped[str] = mapped_column(String(200), nullable=False)
    type: Mapped[str] = mapped_column(String(32), nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)

    __table_args__ = (UniqueConstraint("ticket_id", "source", "event_id"),)


class SlaClock(Base):
    """One ticket against one service-level target (and one cycle, for repeating metrics)."""

    __tablename__ = "sla_clocks"

    id: Mapped[uuid.UUID] = _uuid_pk()
    ticket_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False)
    metric: Mapped[str] = mapped_column(String(32), nullable=False)
    # The cycle's identity: the id of the ticket event that opened it. `cycle` is only its ordinal for display,
    # renumbered when a late event opens an earlier cycle.
    opened_by: Mapped[str] = mapped_column(String(200), nullable=False)
    cycle: Mapped[int] = mapped_column(Integer, nullable=False)
    target_key: Mapped[str] = mapped_column(String(200), nullable=False)
    clause_key: Mapped[str] = mapped_column(String(100), nullable=False)
    version_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreement_versions.id"))
    status: Mapped[ClockStatus] = mapped_column(_one_of(ClockStatus, 16), nullable=False)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    original_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    business_seconds_used: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    business_seconds_paused: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    history: Mapped[list[Any]] = mapped_column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))
    updated_at: Mapped[datetime] = _created_at()

    # No index on anything a replay rewrites (status, deadline, ...): rewriting a clock can then stay on its page
    # without new index entries (a HOT update), for which the table keeps 30 % of each page free (fillfactor 70,
    # migration 0100; `tickets` 85).
    __table_args__ = (
        UniqueConstraint("ticket_id", "metric", "opened_by"),
        _check("status", ClockStatus),
    )


class SlaNotification(Base):
    """What is announced for a clock cycle, so warnings, breaches and met fire once; an outcome a replay no longer
    gives is retracted and its row removed."""

    __tablename__ = "sla_notifications"

    clock_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sla_clocks.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class UsageRecord(Base):
    """Reported usage for a usage-priced line (`hour`, `incident`, a custom unit), idempotent by usage id."""

    __tablename__ = "usage_records"

    id: Mapped[uuid.UUID] = _uuid_pk()
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False)
    usage_id: Mapped[str] = mapped_column(String(200), nullable=False)
    price_code: Mapped[str] = mapped_column(String(100), nullable=False)
    quantity: Mapped[str] = mapped_column(String(40), nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    reported_by_party_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        UniqueConstraint("agreement_id", "usage_id"),
        Index("ix_usage_records_agreement_id_occurred_at", "agreement_id", "occurred_at"),
    )


class Incident(Base):
    """An availability incident or a maintenance window of the provider's service."""

    __tablename__ = "incidents"

    id: Mapped[uuid.UUID] = _uuid_pk()
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[IncidentKind] = mapped_column(_one_of(IncidentKind, 16), nullable=False)
    service: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ended_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    reported_by_party_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_by_party_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        _check("kind", IncidentKind),
        CheckConstraint("ended_at > started_at", name="period"),
        Index("ix_incidents_agreement_id_started_at", "agreement_id", "started_at"),
    )


class BillingPeriod(Base):
    __tablename__ = "billing_periods"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    closed_by: Mapped[str | None] = mapped_column(String(100))
    agreements: Mapped[int] = mapped_column(Integer, nullable=False)


class FrozenStatement(Base):
    """An agreement's statement for a closed period: immutable, with the SHA-256 of its canonical JSON."""

    __tablename__ = "frozen_statements"

    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True)
    period: Mapped[str] = mapped_column(ForeignKey("billing_periods.period"), primary_key=True)
    customer_party_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, index=True)
    content: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = _created_at()


class ServiceReport(Base):
    """An agreement's service report for a completed period (the `reporting` clause): frozen canonical JSON with its
    SHA-256, like a closed statement. Third parties read a rendering derived from it without cost or credit."""

    __tablename__ = "service_reports"

    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    content: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class SliMeasurement(Base):
    """One measurement of a service level indicator: the good and total events of a window (ratio), or one threshold
    sample (`window_start` = `window_end` = its instant, `total` 1, `good` whether it met the clause's threshold)."""

    __tablename__ = "sli_measurements"

    id: Mapped[uuid.UUID] = _uuid_pk()
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False)
    indicator: Mapped[str] = mapped_column(String(100), nullable=False)
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    window_end: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    good: Mapped[int] = mapped_column(BigInteger, nullable=False)
    total: Mapped[int] = mapped_column(BigInteger, nullable=False)
    # The sample's value for threshold indicators, as an exact decimal string.
    value: Mapped[str | None] = mapped_column(String(40))
    reported_by_party_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    reported_by_client_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = _created_at()

    __table_args__ = (
        # Idempotent per indicator and window: the same window again is the same measurement.
        UniqueConstraint("agreement_id", "indicator", "window_start", "window_end"),
        CheckConstraint("window_end >= window_start", name="window"),
        CheckConstraint("good >= 0 AND total >= good", name="counts"),
        Index("ix_sli_measurements_agreement_id_indicator_window_end", "agreement_id", "indicator", "window_end"),
    )


class SloAlertState(Base):
    """Whether one alert condition of one indicator (a burn-rate alert by name, or `budget_exhausted`) is in an
    episode: its events are emitted on the transitions only, so once per episode."""

    __tablename__ = "slo_alert_states"

    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(100), primary_key=True)
    condition: Mapped[str] = mapped_column(String(100), primary_key=True)
    firing: Mapped[bool] = mapped_column(nullable=False)
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    # The data time last evaluated: late data for an earlier instant does not re-open a past episode.
    evaluated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
