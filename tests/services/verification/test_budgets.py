"""Error budgets, burn rates and multi-window alerts: exact arithmetic checked against the SRE workbook's figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.agreements.clause_terms import Indicator, IndicatorSource, validate_terms
from services.errors import InvalidInput
from services.verification.budgets import (
    AlertRule,
    Counts,
    CountsByEnd,
    Objective,
    burn_rate,
    error_budget,
    read_alerts,
    shown,
)
from services.verification.definitions import compliance_window

T0 = datetime(2026, 11, 1, tzinfo=UTC)
NINES = Objective(Decimal("99.9"))
HOUR = timedelta(hours=1)


def test_the_workbook_thresholds_for_a_30_day_window():
    month = timedelta(days=30)
    assert AlertRule("fast", Decimal(2), HOUR, timedelta(minutes=5)).threshold(month) == Fraction(144, 10)
    assert AlertRule("medium", Decimal(5), 6 * HOUR, timedelta(minutes=30)).threshold(month) == 6
    assert AlertRule("slow", Decimal(10), timedelta(days=3), 6 * HOUR).threshold(month) == 1
    # A rolling 28 days spends 2 % in an hour at 13.44.
    assert AlertRule("fast", Decimal(2), HOUR, timedelta(minutes=5)).threshold(timedelta(days=28)) == Fraction(
        1344, 100
    )


def test_budget_and_burn_rate_by_hand():
    # 1 500 bad of 1 000 000 against 99.9 %: 1 000 allowed, 150 % spent, burn rate 1.5.
    counts = Counts(good=998_500, total=1_000_000)
    budget = error_budget(counts, NINES)
    assert (budget.allowed_bad, budget.consumed_bad, budget.remaining_percent) == (1000, 1500, -50)
    assert budget.exhausted and burn_rate(counts, NINES) == Fraction(3, 2)
    assert (
        error_budget(Counts(0, 0), NINES).remaining_percent == 100 and not error_budget(Counts(0, 0), NINES).exhausted
    )
    assert burn_rate(Counts(0, 0), NINES) is None
    assert shown(Fraction(99_999, 1000), 2) == "99.99" and shown(Fraction(-1, 3), 2) == "-0.33"


def test_windows_count_measurements_by_their_end():
    counts = CountsByEnd((T0 + i * HOUR, 90, 100) for i in range(1, 5))
    assert counts.between(T0, T0 + 4 * HOUR) == Counts(360, 400)
    assert counts.between(T0 + HOUR, T0 + 2 * HOUR) == Counts(90, 100)  # (start, end]: the one ending at 2 h
    assert counts.between(T0 + 2 * HOUR - timedelta(minutes=5), T0 + 2 * HOUR) == Counts(90, 100)
    assert counts.between(T0 + 5 * HOUR, T0 + 6 * HOUR) == Counts(0, 0)


def test_an_alert_fires_only_when_both_windows_burn():
    rule = AlertRule("fast", Decimal(2), HOUR, timedelta(minutes=5))
    month = timedelta(days=30)
    # Twelve 5-minute windows: one bad burst 55 minutes ago, then clean: the long window burns, the short does not.
    burst = [(T0 + (i + 1) * timedelta(minutes=5), 1000 - (200 if i == 0 else 0), 1000) for i in range(12)]
    (reading,) = read_alerts(CountsByEnd(burst), NINES, [rule], T0 + HOUR, month)
    assert reading.long_burn_rate == Fraction(200, 12_000) / Fraction(1, 1000) and reading.short_burn_rate == 0
    assert not reading.firing
    # The burst in the last 5 minutes: both burn (short 200, long 16.67 > 14.4).
    burst = [(T0 + (i + 1) * timedelta(minutes=5), 1000 - (200 if i == 11 else 0), 1000) for i in range(12)]
    (reading,) = read_alerts(CountsByEnd(burst), NINES, [rule], T0 + HOUR, month)
    assert reading.firing


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=1, max_value=10**12),
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99.999"), places=3),
)
def test_budget_remaining_and_attainment_agree(bad, total, objective_percent):
    bad = min(bad, total)
    objective = Objective(objective_percent)
    budget = error_budget(Counts(total - bad, total), objective)
    attained = Fraction(100 * (total - bad), total)
    # The budget is spent exactly when attainment falls to or below the objective (with some bad events).
    assert budget.exhausted == (bad > 0 and attained <= Fraction(objective_percent))
    assert burn_rate(Counts(total - bad, total), objective) == (100 - budget.remaining_percent) / 100


def test_compliance_windows():
    calendar = Indicator(key="a", source=IndicatorSource(role="provider"), method="ratio", objective="99.9")
    rolling = Indicator(
        key="a",
        source=IndicatorSource(role="provider"),
        method="ratio",
        objective="99.9",
        compliance_window="rolling_28d",
    )
    # A measurement ending at midnight Berlin on 1 December belongs to November (30 days of 24 hours in Berlin).
    start, end = compliance_window(calendar, datetime(2026, 11, 30, 23, tzinfo=UTC), "Europe/Berlin")
    assert (start, end) == (datetime(2026, 10, 31, 23, tzinfo=UTC), datetime(2026, 11, 30, 23, tzinfo=UTC))
    # October has the extra hour of the clock change.
    start, end = compliance_window(calendar, datetime(2026, 10, 15, tzinfo=UTC), "Europe/Berlin")
    assert end - start == timedelta(days=31, hours=1)
    at = datetime(2026, 11, 15, 12, tzinfo=UTC)
    assert compliance_window(rolling, at, "Europe/Berlin") == (at - timedelta(days=28), at)


INDICATOR = {"key": "api", "source": {"role": "provider"}, "method": "ratio", "objective": "99.9"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"objective": "100"}, "objective"),
        ({"objective": "0"}, "objective"),
        ({"method": "threshold"}, "threshold"),
        ({"threshold": {"op": "le", "limit": "300"}}, "threshold"),
        ({"source": {"role": "third_party"}}, "role"),
        ({"key": "Has Spaces"}, "key"),
        ({"compliance_window": "P1M"}, "compliance_window"),
        (
            {"burn_rate_alerts": [{"name": "x", "budget_percent": "2", "long_window": "P1M", "short_window": "PT5M"}]},
            "long_window",
        ),
        (
            {"burn_rate_alerts": [{"name": "x", "budget_percent": "2", "long_window": "PT5M", "short_window": "PT1H"}]},
            "short_window",
        ),
    ],
)
def test_bad_indicators_are_refused_naming_the_field(change, field):
    terms = {"data_source": "monitoring", "method": "ratio", "indicators": [{**INDICATOR, **change}]}
    with pytest.raises(InvalidInput) as refused:
        validate_terms("verification", terms, field="clauses[0].terms")
    assert refused.value.problems[0].field.startswith("clauses[0].terms.indicators[0]")
    assert refused.value.problems[0].field.endswith(field), refused.value.problems


def test_a_verification_clause_without_indicators_still_validates():
    terms = validate_terms("verification", {"data_source": "ticketing", "method": "share"}, field="terms")
    assert terms == {"data_source": "ticketing", "method": "share"}
    full = validate_terms("verification", {"data_source": "m", "method": "r", "indicators": [INDICATOR]}, field="t")
    assert [a["name"] for a in full["indicators"][0]["burn_rate_alerts"]] == ["fast", "medium", "slow"]
