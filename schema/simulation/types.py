"""The simulation's answer as GraphQL types, resolving straight off `services.simulation.versions` views (same
attribute names). Amounts and percentages are exact decimals."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry


@strawberry.type(description="An exact amount in a currency.")
class SimulatedAmount:
    amount: Decimal
    currency: str


@strawberry.type(description="A clock breached under one version and not under the other.")
class SimulatedBreach:
    source: str
    external_id: str
    metric: str
    due_at: datetime
    stopped_at: datetime | None


@strawberry.type(description="A target's outcome for one month under one version.")
class TargetOutcome:
    target: str | None = strawberry.field(description="The duration (ISO 8601) or availability percentage.")
    compliance_target: Decimal | None
    due: int
    met: int
    breached: int
    attainment: Decimal | None
    met_compliance: bool | None


@strawberry.type(description="A target's month under the accepted and the simulated version.")
class TargetPeriod:
    period: str
    accepted: TargetOutcome | None
    proposed: TargetOutcome | None


@strawberry.type(description="One service-level target compared across the range.")
class TargetComparison:
    target_key: str
    metric: str
    periods: list[TargetPeriod]
    breaches_added: list[SimulatedBreach]
    breaches_removed: list[SimulatedBreach]
    breaches_listed_up_to: int


@strawberry.type(description="A service credit a month's attainment earns under one version.")
class SimulatedCredit:
    clause_key: str
    target_key: str
    attainment: Decimal | None
    tier_below: Decimal | None
    credit_percent: Decimal | None
    amount: SimulatedAmount


@strawberry.type(description="A month's charges, credits and totals under one version.")
class PeriodMoney:
    charges: list[SimulatedAmount]
    credits: list[SimulatedCredit]
    totals: list[SimulatedAmount]


@strawberry.type(description="A month's money under both versions and the difference of their totals.")
class PeriodComparison:
    period: str
    accepted: PeriodMoney | None
    proposed: PeriodMoney
    difference: list[SimulatedAmount]


@strawberry.type(description="What a version would have given over recorded months, beside the accepted version.")
class VersionSimulation:
    agreement_id: strawberry.ID
    proposed_version: int
    accepted_version: int | None
    from_period: str
    to_period: str
    tickets_replayed: int
    incidents: int
    targets: list[TargetComparison]
    periods: list[PeriodComparison]
