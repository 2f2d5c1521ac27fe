"""Incidents, usage, attainment and statements, shaped like REST's billing answers (`api/controllers/billing.py`).

Incidents resolve straight off the ORM rows `services.billing.statements` returns. Attainment and statements are the
service's plain data — computed on demand, or read back from a frozen statement's canonical JSON — so they are
built with `of(...)`. Money is `Money` (an exact decimal string and a currency), never a float.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry

from db import models, values
from schema.agreements.clause_terms import Money
from schema.tickets.types import AgreementRef, instant
from services.billing import statements as billing_service


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _money(amount: str, currency: str) -> Money:
    return Money(amount=Decimal(amount), currency=currency)


def _money_or_none(amount: str | None, currency: str) -> Money | None:
    return _money(amount, currency) if amount not in (None, "") else None  # type: ignore[arg-type]


def _at(value: datetime | str) -> datetime:
    return instant(value)  # type: ignore[return-value]


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
        return billing_service.incident_snapshot(incident)["counts_as_downtime"]


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

    @classmethod
    def of(cls, data: dict[str, Any]) -> TargetAttainment:
        evidence = data.get("evidence") or {}
        return cls(
            target_key=data["target_key"],
            clause_key=data["clause_key"],
            metric=data["metric"],
            measured=_decimal(data["measured"]),
            measured_exact=_decimal(data["measured_exact"]),
            target=_decimal(data["target"]),
            met=data["met"],
            evidence=AttainmentEvidence(
                incidents=evidence.get("incidents"),
                downtime_seconds=evidence.get("downtime_seconds"),
                clocks_due=evidence.get("clocks_due"),
                clocks_met=evidence.get("clocks_met"),
            ),
        )


@strawberry.type(
    description="An agreement's attainment per target for one period (a calendar month in the agreement's time zone)."
)
class Attainment:
    period: str = strawberry.field(description="YYYY-MM.")
    provisional: bool = strawberry.field(description="The period is open: the figures may still change.")
    targets: list[TargetAttainment]

    @classmethod
    def of(cls, data: dict[str, Any]) -> Attainment:
        return cls(
            period=data["period"],
            provisional=data["provisional"],
            targets=[TargetAttainment.of(t) for t in data["targets"]],
        )


@strawberry.type(description="A charge of the period: a prorated recurring fee or priced usage.")
class StatementLine:
    code: str
    description: str
    unit: str = strawberry.field(description="month for recurring fees; ticket, hour, incident, … for usage.")
    quantity: Decimal = strawberry.field(description="Months (prorated by days in effect) or units used.")
    unit_amount: Money
    amount: Money = strawberry.field(description="Rounded half-even to the currency's minor unit.")
    version: int = strawberry.field(description="The agreement version whose price applies.")

    @classmethod
    def of(cls, data: dict[str, Any]) -> StatementLine:
        currency = data["currency"]
        return cls(
            code=data["code"],
            description=data["description"],
            unit=data["unit"],
            quantity=Decimal(data["quantity"]),
            unit_amount=_money(data["unit_amount"], currency),
            amount=_money(data["amount"], currency),
            version=data["version"],
        )


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
    amount: Money = strawberry.field(description="What is owed back (zero when NONE or NOT_MEASURED).")
    computed_amount: Money | None = strawberry.field(
        description="For ADJUSTED and EXPIRED: the amount computed before."
    )
    claim_by: datetime | None = strawberry.field(description="The end of the clause's claim window, if it has one.")
    claimed_at: datetime | None = strawberry.field(description="When the customer claimed it within the window.")
    attainment: Decimal | None
    tier: CreditTierReached | None
    base: Money | None = strawberry.field(description="The fees the tier's percentage applies to.")
    capped: bool | None = strawberry.field(description="The monthly cap reduced the credit.")
    below_minimum: bool | None = strawberry.field(description="Below the clause's minimum: no credit given.")
    reason: str | None
    dispute_id: uuid.UUID | None

    @classmethod
    def of(cls, data: dict[str, Any]) -> Credit:
        currency, tier = data["currency"], data.get("tier")
        computed = data.get("computed_amount")
        return cls(
            clause_key=data["clause_key"],
            target_key=data["target_key"],
            period=data["period"],
            status=CreditStatus(data["status"]),
            amount=_money(data["amount"], currency),
            # The service keeps one currency per credit (the adjustment's): the computed amount is shown in it.
            computed_amount=_money_or_none(computed, currency),
            claim_by=_at(data["claim_by"]) if data.get("claim_by") else None,
            claimed_at=_at(data["claimed_at"]) if data.get("claimed_at") else None,
            attainment=_decimal(data.get("attainment")),
            tier=CreditTierReached(below=Decimal(tier["below"]), credit_percent=Decimal(tier["credit_percent"]))
            if tier
            else None,
            base=_money_or_none(data.get("base"), currency),
            capped=data.get("capped"),
            below_minimum=data.get("below_minimum"),
            reason=data.get("reason"),
            dispute_id=uuid.UUID(data["dispute_id"]) if data.get("dispute_id") else None,
        )


@strawberry.type(description="A version's share of the period.")
class StatementVersion:
    number: int
    from_: datetime = strawberry.field(name="from")
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

    @classmethod
    def of(cls, data: dict[str, Any]) -> Statement:
        return cls(
            agreement=AgreementRef.of(data["agreement"]),
            period=data["period"],
            period_start=_at(data["period_start"]),
            period_end=_at(data["period_end"]),
            versions=[
                StatementVersion(number=v["number"], from_=_at(v["from"]), to=_at(v["to"])) for v in data["versions"]
            ],
            lines=[StatementLine.of(line) for line in data["lines"]],
            attainment=[TargetAttainment.of(t) for t in data["attainment"]],
            credits=[Credit.of(c) for c in data["credits"]],
            totals=[_money(t["amount"], t["currency"]) for t in data["totals"]],
            provisional=data["provisional"],
            sha256=data["sha256"],
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

    @classmethod
    def of(cls, data: dict[str, Any]) -> BillingStatements:
        return cls(
            customer_party_id=uuid.UUID(data["customer_party_id"]),
            period=data["period"],
            closed=data["closed"],
            closed_at=data["closed_at"],
            statements=[Statement.of(s) for s in data["statements"]],
            totals=[_money(t["amount"], t["currency"]) for t in data["totals"]],
        )
