"""Typed clause terms: one GraphQL type per clause kind, behind the `ClauseTerms` interface.

The stored `terms` were validated and normalised on write by `services.agreements.clause_terms`; reading them back
through the same msgspec structs (`read_terms`) fills in the defaults the stored JSON omits. The GraphQL types below
resolve straight off those structs (same attribute names); fields whose shape differs have a resolver.
Money and percentages are exact decimals (`Decimal` scalar, serialised as a string), never floats.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import msgspec
import strawberry

from schema.scalars import JSON
from services.agreements import clause_terms as terms_model


def read_terms(kind: str, terms: dict[str, Any]) -> terms_model._Terms:
    return msgspec.convert(terms, terms_model.TERMS_BY_KIND[kind])


@strawberry.interface(description="The typed terms of a clause; the concrete type follows the clause's `kind`.")
class ClauseTerms:
    @strawberry.field(description="The clause kind these terms belong to, e.g. `service_level`.")
    @staticmethod
    def kind(terms: strawberry.Parent[terms_model._Terms]) -> str:
        return _KIND_BY_STRUCT[type(terms)]

    @classmethod
    def is_type_of(cls, terms: Any, info: Any) -> bool:
        # Inherited by every terms type: the value is a services.agreements.clause_terms struct, not an instance of
        # `cls`.
        return _GRAPHQL_NAME_BY_STRUCT.get(type(terms)) == cls.__strawberry_definition__.name  # type: ignore[attr-defined]


@strawberry.type(description='An exact amount of money: `amount` is a decimal string such as "1200.00".')
class Money:
    amount: Decimal
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")


# ---------------------------------------------------------------- service_level


@strawberry.type(description="Which tickets a target applies to; a null list means any.")
class TargetMatch:
    @strawberry.field
    @staticmethod
    def service(match: strawberry.Parent[terms_model.TargetMatch]) -> list[str] | None:
        return _as_list(match.service)

    @strawberry.field
    @staticmethod
    def priority(match: strawberry.Parent[terms_model.TargetMatch]) -> list[str] | None:
        return _as_list(match.priority)

    @strawberry.field(description="Other ticket attributes to match: name → value or list of values.")
    @staticmethod
    def attributes(match: strawberry.Parent[terms_model.TargetMatch]) -> JSON:
        return match.attributes


@strawberry.type(description="One service-level target, e.g. P1 first response within PT1H of business time.")
class ServiceLevelTarget:
    metric: str = strawberry.field(
        description="first_response, next_response, periodic_update, resolution or availability."
    )
    key: str | None
    match: TargetMatch
    duration: str | None = strawberry.field(description="ISO 8601 duration, for time metrics.")
    percentage: Decimal | None = strawberry.field(description="For availability.")
    time: str = strawberry.field(description="business or calendar time.")
    calendar: str | None
    warn_at_percent: list[int]
    pause_statuses: list[str]
    compliance_target: Decimal | None = strawberry.field(
        description="Share of tickets in the period that must meet the target, in percent."
    )


@strawberry.type
class ServiceLevelTerms(ClauseTerms):
    targets: list[ServiceLevelTarget]


# ---------------------------------------------------------------- schedule


@strawberry.type(description="Service hours on one day, local time (HH:MM).")
class TimeWindow:
    start: str
    end: str


@strawberry.type
class WeekdayWindows:
    day: str = strawberry.field(description="mon, tue, wed, thu, fri, sat or sun.")
    windows: list[TimeWindow]


@strawberry.type(description="Public holidays by ISO 3166 country and optional subdivision.")
class HolidayCalendar:
    country: str
    subdivision: str | None


@strawberry.type
class Closure:
    date: str
    reason: str | None


@strawberry.type
class ScheduleTerms(ClauseTerms):
    timezone: str | None
    holidays: HolidayCalendar | None
    closures: list[Closure]
    calendar_id: str | None

    @strawberry.field
    @staticmethod
    def weekly_windows(schedule: strawberry.Parent[terms_model.ScheduleTerms]) -> list[WeekdayWindows]:
        return [WeekdayWindows(day=day, windows=windows) for day, windows in schedule.weekly_windows.items()]


# ---------------------------------------------------------------- cost and service credit


@strawberry.type
class PriceLine:
    code: str
    description: str
    amount: Money
    unit: str = strawberry.field(description="month, ticket, hour, …")
    billing_period: str = strawberry.field(description="month, quarter, year or one_time.")


@strawberry.type
class CostTerms(ClauseTerms):
    price_lines: list[PriceLine]
    multi_currency: bool


@strawberry.type
class CreditTier:
    below: Decimal = strawberry.field(description="Attainment below this percentage earns the tier.")
    credit_percent: Decimal
    price_lines: list[str] = strawberry.field(description="Codes of the price lines the credit applies to.")


@strawberry.type
class ServiceCreditTerms(ClauseTerms):
    target: str = strawberry.field(description="Key of the service-level target this credit backs.")
    tiers: list[CreditTier]
    monthly_cap_percent: Decimal | None
    minimum: Money | None
    claim_window: str | None


# ---------------------------------------------------------------- responsibilities, escalation, disputes


@strawberry.type
class ResponsibilityTerms(ClauseTerms):
    role: str = strawberry.field(description="provider, customer or third_party.")
    obligations: list[str]


@strawberry.type
class EscalationContact:
    role: str | None
    name: str | None
    email: str | None


@strawberry.type
class EscalationLevel:
    level: int
    after: str = strawberry.field(description="ISO 8601 duration.")
    to: EscalationContact
    channel: str


@strawberry.type
class EscalationTerms(ClauseTerms):
    levels: list[EscalationLevel]


@strawberry.type(
    description="A stage of the dispute procedure and its time limit: a calendar duration "
    "(`timeLimit`) or business days on a calendar."
)
class DisputeStage:
    name: str
    time_limit: str | None = strawberry.field(description="ISO 8601, added in the agreement's time zone (P14D).")
    business_days: int | None = strawberry.field(description="Business days: dates with opening hours on `calendar`.")
    calendar: str | None = strawberry.field(
        description='For business days: a calendar id, "24x7" or a schedule '
        "clause key; null means the agreement's first schedule clause."
    )


@strawberry.type
class DisputeResolutionTerms(ClauseTerms):
    stages: list[DisputeStage]
    raiser_must_accept: bool


# ---------------------------------------------------------------- management elements


@strawberry.type(description="Who posts an indicator's measurements: a party role and, optionally, its API client.")
class IndicatorSource:
    role: str
    integration: str | None


@strawberry.type(description="A threshold sample is good when `value <op> limit` (`le`, `lt`, `ge`, `gt`).")
class IndicatorThreshold:
    op: str
    limit: Decimal
    unit: str | None


@strawberry.type(description="A multi-window burn-rate alert (Google SRE workbook).")
class BurnRateAlert:
    name: str
    budget_percent: Decimal
    long_window: str
    short_window: str


@strawberry.type(description="A measured service level indicator: its source, method, objective and windows.")
class IndicatorTerms:
    key: str
    source: IndicatorSource
    method: str = strawberry.field(description="`ratio` or `threshold`.")
    objective: Decimal
    compliance_window: str = strawberry.field(description="`rolling_28d` or `calendar_month`.")
    threshold: IndicatorThreshold | None
    description: str | None
    decides_target: str | None
    burn_rate_alerts: list[BurnRateAlert]


@strawberry.type
class VerificationTerms(ClauseTerms):
    data_source: str
    method: str
    measurement_period: str
    indicators: list[IndicatorTerms]


@strawberry.type
class ReportingTerms(ClauseTerms):
    contents: list[str]
    frequency: str
    recipients: list[str]
    due_after_period_end: str | None


@strawberry.type
class ReviewTerms(ClauseTerms):
    cadence: str
    notice: str | None
    participants: list[str]


@strawberry.type(description="A free-text clause: its `body` says it all.")
class GeneralTerms(ClauseTerms):
    pass


def _as_list(value: str | list[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else value


_GRAPHQL_TYPE_BY_KIND: dict[str, type] = {
    "service_level": ServiceLevelTerms,
    "schedule": ScheduleTerms,
    "cost": CostTerms,
    "service_credit": ServiceCreditTerms,
    "responsibility": ResponsibilityTerms,
    "escalation": EscalationTerms,
    "dispute_resolution": DisputeResolutionTerms,
    "verification": VerificationTerms,
    "reporting": ReportingTerms,
    "review": ReviewTerms,
    "general": GeneralTerms,
}
_KIND_BY_STRUCT = {struct: kind for kind, struct in terms_model.TERMS_BY_KIND.items()}
_GRAPHQL_NAME_BY_STRUCT = {
    terms_model.TERMS_BY_KIND[kind]: graphql_type.__strawberry_definition__.name  # type: ignore[attr-defined]
    for kind, graphql_type in _GRAPHQL_TYPE_BY_KIND.items()
}
CLAUSE_TERMS_TYPES = tuple(_GRAPHQL_TYPE_BY_KIND.values())
