"""Costs, attainment and service credits for one period. Pure: exact decimals, no I/O, no floats.

Amounts stay unrounded through the computation and are rounded half-even to the currency's minor unit once, at
the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from zoneinfo import ZoneInfo

import iso4217

from services.credit_tiers import Tier, applicable_tier
from services.intervals import merge, subtract
from services.periods import Period as Period  # the billing month, re-exported where billing code has always found it

HUNDRED = Decimal(100)
MICROSECOND = timedelta(microseconds=1)
MONTHS_PER = {"month": 1, "quarter": 3, "year": 12}


def round_money(amount: Decimal, currency: str) -> Decimal:
    exponent = iso4217.Currency(currency).exponent or 0
    return amount.quantize(Decimal(1).scaleb(-exponent), rounding=ROUND_HALF_EVEN)


def days_in_effect(
    period: Period, zone: str, start: datetime | None, end: datetime | None, *, handed_over: bool = False
) -> int:
    """Local calendar days of the period on which [start, end) was in effect (a day counts if any of it was).

    `handed_over`: `end` is when the next version took over, and the changeover day is that version's.
    """
    tz = ZoneInfo(zone)
    first, last = date(period.year, period.month, 1), date(period.year, period.month, period.days)
    if start is not None:
        first = max(first, start.astimezone(tz).date())
    if end is not None:
        final = (
            end.astimezone(tz).date() - timedelta(days=1)
            if handed_over
            else (end - timedelta(microseconds=1)).astimezone(tz).date()
        )
        last = min(last, final)
    return max(0, (last - first).days + 1)


@dataclass(frozen=True)
class PriceLine:
    code: str
    description: str
    amount: Decimal
    currency: str
    unit: str
    billing_period: str = "month"


@dataclass(frozen=True)
class VersionSpan:
    """One version's price lines and the days of the period it was in effect."""

    number: int
    lines: tuple[PriceLine, ...]
    days: int


@dataclass(frozen=True)
class Charge:
    code: str
    description: str
    unit: str
    quantity: Decimal
    unit_amount: Decimal
    amount: Decimal  # unrounded
    currency: str
    version: int


def recurring_charges(spans: Sequence[VersionSpan], period: Period) -> list[Charge]:
    """Monthly-equivalent fees prorated by the days each version was in effect (each version its own prices)."""
    charges = []
    for span in spans:
        if span.days == 0:
            continue
        fraction = Decimal(span.days) / Decimal(period.days)
        for line in span.lines:
            # Fees are priced per `month` (billed monthly, quarterly or yearly); other units are usage.
            if line.unit != "month" or line.billing_period not in MONTHS_PER:
                continue
            monthly = line.amount / MONTHS_PER[line.billing_period]
            charges.append(
                Charge(
                    line.code,
                    line.description,
                    "month",
                    fraction,
                    monthly,
                    monthly * fraction,
                    line.currency,
                    span.number,
                )
            )
    return charges


def usage_charges(lines: Iterable[PriceLine], quantities: dict[str, Decimal], version: int) -> list[Charge]:
    charges = []
    for line in lines:
        if line.unit == "month" or line.code not in quantities:
            continue
        quantity = quantities[line.code]
        charges.append(
            Charge(
                line.code,
                line.description,
                line.unit,
                quantity,
                line.amount,
                line.amount * quantity,
                line.currency,
                version,
            )
        )
    return charges


@dataclass(frozen=True)
class Incident:
    start: datetime
    end: datetime
    kind: str  # outage | degradation | maintenance
    accepted: bool = False


def availability(
    incidents: Sequence[Incident], period_start: datetime, period_end: datetime
) -> tuple[Decimal, timedelta]:
    """`100 × (1 − downtime / period length)`; overlapping incidents count once; accepted maintenance is excluded.

    Exact: both lengths are whole microseconds (what `timedelta` holds), divided as decimals, never float seconds.
    """
    clipped = [(max(i.start, period_start), min(i.end, period_end), i) for i in incidents]
    clipped = [(a, b, i) for a, b, i in clipped if a < b]
    excluded = merge((a, b) for a, b, i in clipped if i.kind == "maintenance" and i.accepted)
    down = merge((a, b) for a, b, i in clipped if not (i.kind == "maintenance" and i.accepted))
    downtime = sum((b - a for a, b in subtract(down, excluded)), timedelta(0))
    length = period_end - period_start
    return HUNDRED * (1 - Decimal(downtime // MICROSECOND) / Decimal(length // MICROSECOND)), downtime


def display_percent(value: Decimal, *thresholds: Decimal, places: int = 4) -> Decimal:
    """A percentage for display that never contradicts a comparison with any of `thresholds`.

    Truncated (never rounded up) to `places` decimals, or to as many as the finest threshold has: then
    `shown < threshold` exactly when `value < threshold` (99.98999… shows as 99.9899, never 99.9900).
    """
    digits = max([places, *(_fraction_digits(t) for t in thresholds)])
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_DOWN)


def _fraction_digits(number: Decimal) -> int:
    """Digits after the point of a finite decimal once trailing zeros go (`99.90` → 1, `100` → 0)."""
    exponent = number.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"{number} is not a finite number")
    return max(0, -exponent)


@dataclass(frozen=True)
class CreditResult:
    tier: Tier | None
    base: Decimal
    raw: Decimal
    capped: bool
    below_minimum: bool
    amount: Decimal  # rounded, what is owed


def compute_credit(
    tiers: Sequence[Tier],
    attainment: Decimal,
    charges: Sequence[Charge],
    currency: str,
    *,
    cap_percent: Decimal | None,
    minimum: Decimal | None,
) -> CreditResult:
    tier = applicable_tier(tiers, attainment)
    recurring = [c for c in charges if c.currency == currency]
    named = set(tier.price_lines) if tier and tier.price_lines else None
    base = sum((c.amount for c in recurring if named is None or c.code in named), Decimal(0))
    raw = base * tier.credit_percent / HUNDRED if tier else Decimal(0)
    period_fee = sum((c.amount for c in recurring if c.unit == "month"), Decimal(0))
    capped = False
    if cap_percent is not None and raw > period_fee * cap_percent / HUNDRED:
        raw, capped = period_fee * cap_percent / HUNDRED, True
    amount = round_money(raw, currency)
    below_minimum = minimum is not None and Decimal(0) < amount < minimum
    if below_minimum:
        amount = round_money(Decimal(0), currency)
    return CreditResult(tier, base, raw, capped, below_minimum, amount)
