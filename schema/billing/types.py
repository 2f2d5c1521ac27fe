"""Incidents, usage, attainment and statements: the GraphQL side of REST's billing answers.

Incidents and usage resolve straight off the rows `services.billing.records` returns. Attainment and statements
are the service's views (`services.billing.views`), computed on demand or read back from a frozen statement: these
types read them as they are, and only money (an amount beside its currency in the view, `Money` here) is put
together by a resolver. Money is an exact decimal, never a float.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

import strawberry

from db import models, values
from schema.clause_terms import Money
from schema.tickets.types import AgreementRef
from services.billing import records, views

IncidentKind = strawberry.enum(values.IncidentKind)


@strawberry.type(
    description="An availability incident, or a maintenance window (excluded downtime once the customer accepted it)."
)
class Incident:
    id: uuid.UUID
    agreement_id: uuid.UUID
    service: str | None = strawberry.field(description="The affected service; null for all of them.")
    started_at: datetime
    ended_at: datetime
    description: str | None
    accepted_at: datetime | None = strawberry.field(description="When the customer accepted the maintenance window.")

    @strawberry.field
    @staticmethod
    def kind(incident: strawberry.Parent[models.Incident]) -> IncidentKind:
        return IncidentKind(incident.kind)

    @strawberry.field(description="False only for a maintenance window the customer accepted.")
    @staticmethod
    def counts_as_downtime(incident: strawberry.Parent[models.Incident]) -> bool:
        return records.counts_as_downtime(incident)


@strawberry.type(description="Reported usage of a usage-priced line.")
class Usage:
    id: uuid.UUID
    usage_id: str = strawberry.field(description="The reporter's id for it: reporting it again changes nothing.")
    price_code: str
    occurred_at: datetime

    @strawberry.field(description='An exact decimal, e.g. "1.5".')
    @staticmethod
    def quantity(usage: strawberry.Parent[models.UsageRecord]) -> Decimal:
        return Decimal(usage.quantity)


@strawberry.type(description="What the attainment was measured from.")
class AttainmentEvidence:
    incidents: int | None = strawberry.field(description="Availability: incidents counted in the period.")
    downtime_seconds: int | None = strawberry.field(description="Availability: downtime, overlaps counted once.")
    clocks_due: int | None = strawberry.field(description="Ticket targets: clocks due in the period.")
    clocks_met: int | None = strawberry.field(description="Ticket targets: of those, met.")


DecidedBy = strawberry.enum(views.DecidedBy, description="Which figure decided an availability target.")


@strawberry.type(description="The measured figure of the verification clause's indicator that decides a target.")
class MeasuredEvidence:
    indicator: str
    attainment: Decimal = strawberry.field(description="Percent, truncated like `measured`.")

    # Counts are exact decimals: a month of events outgrows GraphQL's 32-bit `Int`.
    @strawberry.field(description="Good events in the period (a whole number).")
    @staticmethod
    def good(parent: strawberry.Parent[views.MeasuredEvidence]) -> Decimal:
        return Decimal(parent.good)

    @strawberry.field(description="Events in the period (a whole number).")
    @staticmethod
    def total(parent: strawberry.Parent[views.MeasuredEvidence]) -> Decimal:
        return Decimal(parent.total)


@strawberry.type(description="One service-level target's attainment in a period.")
class TargetAttainment:
    target_key: str
    clause_key: str
    metric: str
    measured: Decimal | None = strawberry.field(
        description="Percent, rounded (availability to 4 places); null if nothing was due."
    )
    measured_exact: Decimal | None = strawberry.field(description="Percent, unrounded: what credits are computed on.")
    target: Decimal | None = strawberry.field(description="The percentage the clause asks for.")
    met: bool | None = strawberry.field(description="Null when there is no measurement or no target.")
    evidence: AttainmentEvidence
    decided_by: DecidedBy | None = strawberry.field(
        description="Availability targets: MEASURED when the verification clause's indicator decides the target and "
        "was measured in the period, INCIDENTS otherwise; `measured` is the deciding figure. Null for ticket targets "
        "and in statements frozen before the measured figure was shown."
    )
    by_incidents: Decimal | None = strawberry.field(description="Availability: the figure the incidents give.")
    by_measurement: MeasuredEvidence | None = strawberry.field(
        description="Availability: the deciding indicator's figure, when it was measured in the period."
    )


@strawberry.type(
    description="An agreement's attainment per target for one period (a calendar month in the agreement's time zone)."
)
class Attainment:
    period: str = strawberry.field(description="YYYY-MM.")
    provisional: bool = strawberry.field(description="The period is open: the figures may still change.")
    targets: list[TargetAttainment]


def _money(amount: Decimal | None, currency: str) -> Money | None:
    return None if amount is None else Money(amount=amount, currency=currency)


def _line_unit_amount(line: strawberry.Parent[views.StatementLine]) -> Money:
    return Money(amount=line.unit_amount, currency=line.currency)


def _line_amount(line: strawberry.Parent[views.StatementLine]) -> Money:
    return Money(amount=line.amount, currency=line.currency)


def _credit_amount(credit: strawberry.Parent[views.Credit]) -> Money:
    return Money(amount=credit.amount, currency=credit.currency)


def _credit_computed_amount(credit: strawberry.Parent[views.Credit]) -> Money | None:
    # The service keeps one currency per credit (the adjustment's): the computed amount is shown in it.
    return _money(credit.computed_amount, credit.currency)


def _credit_base(credit: strawberry.Parent[views.Credit]) -> Money | None:
    return _money(credit.base, credit.currency)


def _version_from(version: strawberry.Parent[views.StatementVersion]) -> datetime:
    return version.from_


@strawberry.type(description="A charge of the period: a prorated recurring fee or priced usage.")
class StatementLine:
    code: str
    description: str
    unit: str = strawberry.field(description="month for recurring fees; ticket, hour, incident, … for usage.")
    quantity: Decimal = strawberry.field(description="Months (prorated by days in effect) or units used.")
    unit_amount: Money = strawberry.field(resolver=_line_unit_amount)
    amount: Money = strawberry.field(
        resolver=_line_amount, description="Rounded half-even to the currency's minor unit."
    )
    version: int = strawberry.field(description="The agreement version whose price applies.")


CreditStatus = strawberry.enum(values.CreditStatus)


@strawberry.type(description="The credit tier the attainment fell into.")
class CreditTierReached:
    below: Decimal
    credit_percent: Decimal


@strawberry.type(
    description="A service credit of the period: OWED (or NONE) as computed, DISPUTED while a dispute "
    "about it is open, ADJUSTED to the amount a resolved dispute agreed, EXPIRED (zero, "
    "not payable) when the clause has a claim window and the customer did not claim it "
    "(open a dispute about it) by `claimBy`."
)
class Credit:
    clause_key: str = strawberry.field(description="The service_credit clause.")
    target_key: str = strawberry.field(description="The target it backs.")
    period: str
    status: CreditStatus
    amount: Money = strawberry.field(
        resolver=_credit_amount, description="What is owed back (zero when NONE or NOT_MEASURED)."
    )
    computed_amount: Money | None = strawberry.field(
        resolver=_credit_computed_amount, description="For ADJUSTED and EXPIRED: the amount computed before."
    )
    claim_by: datetime | None = strawberry.field(description="The end of the clause's claim window, if it has one.")
    claimed_at: datetime | None = strawberry.field(description="When the customer claimed it within the window.")
    attainment: Decimal | None
    tier: CreditTierReached | None
    base: Money | None = strawberry.field(
        resolver=_credit_base, description="The fees the tier's percentage applies to."
    )
    capped: bool | None = strawberry.field(description="The monthly cap reduced the credit.")
    below_minimum: bool | None = strawberry.field(description="Below the clause's minimum: no credit given.")
    reason: str | None
    dispute_id: uuid.UUID | None


@strawberry.type(description="A version's share of the period.")
class StatementVersion:
    number: int
    from_: datetime = strawberry.field(name="from", resolver=_version_from)
    to: datetime


@strawberry.type(description="One agreement's statement for a period: charges, attainment, credits and totals.")
class Statement:
    agreement: AgreementRef
    period: str
    period_start: datetime
    period_end: datetime
    versions: list[StatementVersion]
    lines: list[StatementLine]
    attainment: list[TargetAttainment]
    credits: list[Credit]
    totals: list[Money] = strawberry.field(description="Per currency: charges less owed and adjusted credits.")
    provisional: bool = strawberry.field(description="The period is open: computed now, may still change.")
    sha256: str | None = strawberry.field(
        description="For a closed period: the SHA-256 of the frozen statement's canonical JSON."
    )


@strawberry.type(
    description="The billing pull: a customer's statements for a period, one per agreement the caller "
    "signed with it (third parties get none)."
)
class BillingStatements:
    customer_party_id: uuid.UUID
    period: str
    closed: bool = strawberry.field(description="The period is closed: every statement is frozen.")
    closed_at: datetime | None
    statements: list[Statement]
    totals: list[Money]
