"""What billing answers, declared once: REST returns these, GraphQL types read them, events carry them as
`msgspec.to_builtins(view)`, and a closed period's statement is frozen as exactly that JSON.

Money is an exact `Decimal` with its ISO 4217 currency beside it (sent as a decimal string, never a float);
attainment is a `Decimal` percentage.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

import msgspec

from db.values import CreditStatus, IncidentKind, Metric
from services.ticketing.views import AgreementRef


class IncidentView(msgspec.Struct):
    id: uuid.UUID
    agreement_id: uuid.UUID
    kind: IncidentKind
    service: str | None
    started_at: datetime
    ended_at: datetime
    description: str | None
    accepted_at: datetime | None
    counts_as_downtime: bool


class UsageView(msgspec.Struct):
    id: uuid.UUID
    usage_id: str
    price_code: str
    quantity: Decimal
    occurred_at: datetime


class AttainmentEvidence(msgspec.Struct, omit_defaults=True):
    """Availability counts incidents and downtime; ticket targets count clocks (only those keys are sent)."""

    incidents: int | None = None
    downtime_seconds: int | None = None
    clocks_due: int | None = None
    clocks_met: int | None = None


class DecidedBy(StrEnum):
    """Which figure decided an availability target's attainment (and so its credit)."""

    MEASURED = "measured"  # the verification clause's indicator that `decides_target`, measured in the period
    INCIDENTS = "incidents"  # downtime from the recorded incidents


class MeasuredEvidence(msgspec.Struct):
    """The deciding indicator's figure over the period."""

    indicator: str
    good: int
    total: int
    attainment: Decimal  # percent, truncated like `measured`


class TargetAttainment(msgspec.Struct, omit_defaults=True):
    """The new fields have defaults and are left out when unset, so a statement frozen before they existed reads
    back (and hashes) exactly as it was frozen."""

    target_key: str
    clause_key: str
    metric: Metric
    # Percent, truncated so that it never contradicts the target or a credit tier; None when nothing was due.
    measured: Decimal | None
    target: Decimal | None
    met: bool | None
    # Percent, unrounded: what credits are computed on.
    measured_exact: Decimal | None
    evidence: AttainmentEvidence
    # Availability targets: which figure decided, the incident-based figure, and the measured one when an indicator
    # decides the target and has measurements in the period. Both are shown; `measured` is the deciding one.
    decided_by: DecidedBy | None = None
    by_incidents: Decimal | None = None
    by_measurement: MeasuredEvidence | None = None


class Attainment(msgspec.Struct):
    period: str
    provisional: bool
    targets: list[TargetAttainment]


class StatementLine(msgspec.Struct):
    type: str  # always "charge"
    code: str
    description: str
    unit: str
    quantity: Decimal
    unit_amount: Decimal
    amount: Decimal  # rounded half-even to the currency's minor unit
    currency: str
    version: int


class CreditTierReached(msgspec.Struct):
    below: Decimal
    credit_percent: Decimal


class Credit(msgspec.Struct):
    clause_key: str
    target_key: str
    currency: str
    period: str
    status: CreditStatus
    amount: Decimal
    claim_by: datetime | None = None
    claimed_at: datetime | None = None
    attainment: Decimal | None = None
    tier: CreditTierReached | None = None
    base: Decimal | None = None
    capped: bool | None = None
    below_minimum: bool | None = None
    reason: str | None = None
    dispute_id: uuid.UUID | None = None
    computed_amount: Decimal | None = None  # for adjusted and expired credits: the amount computed before


class StatementVersion(msgspec.Struct):
    number: int
    from_: datetime = msgspec.field(name="from")
    to: datetime


class Total(msgspec.Struct):
    currency: str
    amount: Decimal


class Statement(msgspec.Struct):
    agreement: AgreementRef
    period: str
    period_start: datetime
    period_end: datetime
    versions: list[StatementVersion]
    lines: list[StatementLine]
    attainment: list[TargetAttainment]
    credits: list[Credit]
    totals: list[Total]
    provisional: bool
    sha256: str | None  # for a closed period: the SHA-256 of the frozen statement's canonical JSON


# What a frozen statement's canonical JSON (and its hash) leaves out: how it was read, not what it says.
READ_STATE = ("provisional", "sha256")


class BillingStatements(msgspec.Struct):
    """The billing pull: a customer's statements for a period."""

    customer_party_id: uuid.UUID
    period: str
    closed: bool
    closed_at: datetime | None
    statements: list[Statement]
    totals: list[Total]


class ClosedPeriod(msgspec.Struct):
    period: str
    closed_at: datetime
    agreements: int


class AttainmentClosed(msgspec.Struct):
    """The `attainment.period_closed` event's payload."""

    period: str
    attainment: list[TargetAttainment]
    sha256: str


class CreditsComputed(msgspec.Struct):
    """The `credit.computed` event's payload."""

    period: str
    credits: list[Credit]
    totals: list[Total]
    sha256: str
