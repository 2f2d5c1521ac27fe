"""The indicators a version's `verification` clauses declare, typed, and their compliance windows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import msgspec

from db.models import Clause
from services.agreements.clause_terms import Indicator, VerificationTerms, visible_to_role
from services.periods import Period
from services.values import check_duration
from services.verification.budgets import AlertRule, Objective

ROLLING_28_DAYS = timedelta(days=28)


@dataclass(frozen=True)
class IndicatorDefinition:
    clause_key: str
    shared_with_third_parties: bool
    terms: Indicator

    @property
    def key(self) -> str:
        return self.terms.key

    @property
    def objective(self) -> Objective:
        return Objective(Decimal(self.terms.objective))

    @property
    def alert_rules(self) -> tuple[AlertRule, ...]:
        return tuple(
            AlertRule(
                alert.name,
                Decimal(alert.budget_percent),
                _fixed(alert.long_window),
                _fixed(alert.short_window),
            )
            for alert in self.terms.burn_rate_alerts
        )


def _fixed(text: str) -> timedelta:
    duration = check_duration(text, what="window")
    if not isinstance(duration, timedelta):  # refused when the clause was written; stored terms are valid
        raise ValueError(f"{text} is not a fixed duration")
    return duration


def indicator_definitions(clauses: Sequence[Clause], role: str | None = None) -> dict[str, IndicatorDefinition]:
    """The indicators of the clauses a member with `role` may see (None: every one), by key."""
    found: dict[str, IndicatorDefinition] = {}
    for clause in clauses:
        if clause.kind != "verification" or not visible_to_role(clause.kind, clause.shared_with_third_parties, role):
            continue
        terms = msgspec.convert(clause.terms, VerificationTerms)
        for indicator in terms.indicators:
            found.setdefault(
                indicator.key, IndicatorDefinition(clause.key, clause.shared_with_third_parties, indicator)
            )
    return found


def compliance_window(indicator: Indicator, at: datetime, zone: str) -> tuple[datetime, datetime]:
    """The compliance window whose data `at` closes, as `(start, end]`: the 28 days up to `at`, or the calendar month
    (in the agreement's time zone) that a measurement ending at `at` belongs to."""
    if indicator.compliance_window == "rolling_28d":
        return at - ROLLING_28_DAYS, at
    local = (at - timedelta(microseconds=1)).astimezone(ZoneInfo(zone))
    start, end = Period(local.year, local.month).bounds(zone)
    return start.astimezone(UTC), end.astimezone(UTC)
