"""Indicator reads as GraphQL types. They resolve straight off the typed views of `services.verification.indicators`
(same attribute names); counts are exact decimal strings, since a month of events outgrows GraphQL's 32-bit `Int`."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from services.verification import indicators as views


def _count(value: int) -> Decimal:
    return Decimal(value)


@strawberry.type(description="The error budget of an indicator's compliance window so far.")
class ErrorBudget:
    allowed_bad: Decimal = strawberry.field(description="Events that may be bad: (1 − objective) × total.")
    remaining_percent: Decimal = strawberry.field(description="100 untouched, 0 spent, negative overspent.")
    exhausted: bool

    @strawberry.field(description="Events that were bad (a whole number).")
    @staticmethod
    def consumed_bad(parent: strawberry.Parent[views.ErrorBudgetView]) -> Decimal:
        return _count(parent.consumed_bad)


@strawberry.type(description="One multi-window burn-rate alert: the burn rate over its long and short windows.")
class BurnRate:
    alert: str
    budget_percent: Decimal
    long_window: str = strawberry.field(description="ISO 8601 duration, e.g. PT1H.")
    short_window: str = strawberry.field(description="ISO 8601 duration, e.g. PT5M.")
    threshold: Decimal = strawberry.field(description="Budget share × compliance window ÷ long window.")
    long_burn_rate: Decimal | None
    short_burn_rate: Decimal | None
    firing: bool = strawberry.field(description="Whether both burn rates are above the threshold.")


@strawberry.type(description="Counts of the measurements whose window ends in one step of a series.")
class IndicatorSeriesPoint:
    start: datetime
    end: datetime
    attainment: Decimal | None

    @strawberry.field
    @staticmethod
    def good(parent: strawberry.Parent[views.SeriesPoint]) -> Decimal:
        return _count(parent.good)

    @strawberry.field
    @staticmethod
    def total(parent: strawberry.Parent[views.SeriesPoint]) -> Decimal:
        return _count(parent.total)


@strawberry.type(description="A measured service level indicator of a verification clause, against its objective.")
class Indicator:
    key: str
    clause_key: str
    description: str | None
    method: str = strawberry.field(description="`ratio` or `threshold`.")
    source_role: str = strawberry.field(description="The party role that posts its measurements.")
    objective: Decimal = strawberry.field(description="Percent of good events promised.")
    compliance_window: str = strawberry.field(description="`rolling_28d` or `calendar_month`.")
    window_start: datetime
    window_end: datetime
    attainment: Decimal | None = strawberry.field(
        description="Percent good in the window so far (4 decimals, truncated)."
    )
    met: bool | None
    decides_target: str | None = strawberry.field(description="The service-level target its figure decides, if any.")
    error_budget: ErrorBudget
    burn_rates: list[BurnRate]
    open_episodes: list[str] = strawberry.field(description="Alert episodes open now (`budget_exhausted`, names).")
    series: list[IndicatorSeriesPoint] = strawberry.field(description="Per step of the requested range, if any.")

    @strawberry.field
    @staticmethod
    def good(parent: strawberry.Parent[views.IndicatorView]) -> Decimal:
        return _count(parent.good)

    @strawberry.field
    @staticmethod
    def total(parent: strawberry.Parent[views.IndicatorView]) -> Decimal:
        return _count(parent.total)


@strawberry.type(description="An agreement's measured indicators at one instant.")
class AgreementIndicators:
    agreement_id: strawberry.ID
    as_of: datetime
    indicators: list[Indicator]
