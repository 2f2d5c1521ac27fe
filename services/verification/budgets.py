"""Error budgets and burn rates of one indicator, as pure arithmetic over its measurements (no I/O, no clock).

The figures follow the Google SRE workbook (chapter 5, "Alerting on SLOs"): the error budget of a compliance window is
`(1 − objective) × total events` of the window; the burn rate over a window is its error ratio divided by
`1 − objective` (1 spends the budget exactly by the end of the window); a multi-window alert fires when the burn rate
over both its long and its short window exceeds `budget share × compliance window / long window` (2 % of a 30-day
budget in one hour: 14.4). Counts are integers and every ratio an exact `Fraction`: nothing passes through floats.

A measurement counts in a window `(start, end]` when its `window_end` falls in it, whole (no pro-rating): a window
shorter than the measurements' own (5 minutes against hourly counts) sees the one measurement that ends in it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Counts:
    good: int
    total: int

    @property
    def bad(self) -> int:
        return self.total - self.good


@dataclass(frozen=True)
class Objective:
    """`percent` of events good, e.g. Decimal("99.9")."""

    percent: Decimal

    @property
    def allowed_bad_ratio(self) -> Fraction:
        return (100 - Fraction(self.percent)) / 100


class CountsByEnd:
    """Measurements of one indicator sorted by `window_end`, with prefix sums: any window's counts in O(log n)."""

    def __init__(self, measurements: Iterable[tuple[datetime, int, int]]) -> None:
        rows = sorted(measurements, key=lambda row: row[0])
        self.ends = [end for end, _, _ in rows]
        self._good = [0]
        self._total = [0]
        for _, good, total in rows:
            self._good.append(self._good[-1] + good)
            self._total.append(self._total[-1] + total)

    def between(self, start: datetime, end: datetime) -> Counts:
        """Counts of the measurements whose window ends in `(start, end]`."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_right(self.ends, end)
        if last <= first:
            return Counts(0, 0)
        return Counts(self._good[last] - self._good[first], self._total[last] - self._total[first])


def attainment(counts: Counts) -> Fraction | None:
    """Percent of events good; None without events."""
    return Fraction(100 * counts.good, counts.total) if counts.total else None


def burn_rate(counts: Counts, objective: Objective) -> Fraction | None:
    """Error ratio over the allowed error ratio; None without events."""
    if not counts.total:
        return None
    return Fraction(counts.bad, counts.total) / objective.allowed_bad_ratio


@dataclass(frozen=True)
class ErrorBudget:
    allowed_bad: Fraction  # events that may be bad in the window so far
    consumed_bad: int
    remaining_percent: Fraction  # 100 untouched, 0 spent, below 0 overspent

    @property
    def exhausted(self) -> bool:
        return self.consumed_bad > 0 and self.remaining_percent <= 0


def error_budget(counts: Counts, objective: Objective) -> ErrorBudget:
    allowed = objective.allowed_bad_ratio * counts.total
    if not allowed:
        return ErrorBudget(allowed, counts.bad, Fraction(100) if not counts.bad else Fraction(-100 * counts.bad))
    return ErrorBudget(allowed, counts.bad, 100 * (1 - counts.bad / allowed))


@dataclass(frozen=True)
class AlertRule:
    name: str
    budget_percent: Decimal
    long_window: timedelta
    short_window: timedelta

    def threshold(self, compliance_window: timedelta) -> Fraction:
        """The burn rate that spends `budget_percent` of the window's budget within `long_window`."""
        return Fraction(self.budget_percent) / 100 * Fraction(compliance_window / self.long_window)


@dataclass(frozen=True)
class AlertReading:
    rule: AlertRule
    threshold: Fraction
    long_burn_rate: Fraction | None
    short_burn_rate: Fraction | None

    @property
    def firing(self) -> bool:
        return all(rate is not None and rate > self.threshold for rate in (self.long_burn_rate, self.short_burn_rate))


def read_alerts(
    counts: CountsByEnd, objective: Objective, rules: Sequence[AlertRule], at: datetime, compliance_window: timedelta
) -> list[AlertReading]:
    return [
        AlertReading(
            rule,
            rule.threshold(compliance_window),
            burn_rate(counts.between(at - rule.long_window, at), objective),
            burn_rate(counts.between(at - rule.short_window, at), objective),
        )
        for rule in rules
    ]


def shown(value: Fraction | None, places: int) -> str | None:
    """A figure as a decimal string with `places` decimals, truncated toward zero so that a shown attainment never
    reaches an objective the exact figure misses."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN))


def shown_rounded(value: Fraction | None, places: int) -> str | None:
    """A rate as a decimal string, rounded half-even (burn rates are not compared against objectives)."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN))
