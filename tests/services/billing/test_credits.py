"""Proration, availability, tiers, caps, minimums and rounding: exact decimals, checked by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.billing.credits import (
    Charge,
    Incident,
    Period,
    PriceLine,
    VersionSpan,
    availability,
    compute_credit,
    days_in_effect,
    display_percent,
    recurring_charges,
    round_money,
    usage_charges,
)
from services.credit_tiers import Tier, applicable_tier, check_tiers

D = Decimal
FEE = PriceLine("base", "Monthly fee", D("1000.00"), "EUR", "month")
CLOUD_TIERS = [Tier(D("99.99"), D("10")), Tier(D("99.0"), D("25")), Tier(D("95.0"), D("100"))]
OCTOBER = Period(2026, 10)


def test_period_parsing_and_bounds_in_a_zone():
    assert str(Period.parse("2026-10")) == "2026-10"
    for bad in ("2026-13", "26-10", "2026/10", "2026-1", ""):
        with pytest.raises(ValueError):
            Period.parse(bad)
    start, end = OCTOBER.bounds("Europe/Berlin")
    assert start == datetime(2026, 9, 30, 22, tzinfo=UTC) and end == datetime(2026, 10, 31, 23, tzinfo=UTC)
    assert end - start == timedelta(days=31, hours=1)  # the clocks go back on 25 October


def test_worked_example_public_cloud_sla_checked_by_hand():
    # 99.99 % monthly target; 10 % below 99.99, 25 % below 99.0, 100 % below 95.0.
    start, end = OCTOBER.bounds("UTC")
    outage = Incident(datetime(2026, 10, 14, 9, tzinfo=UTC), datetime(2026, 10, 14, 10, 30, tzinfo=UTC), "outage")
    measured, downtime = availability([outage], start, end)
    # 90 minutes of 31 × 1440 = 44,640 minutes: 100 × (1 − 90 / 44640) = 99.79838709677…
    assert downtime == timedelta(minutes=90)
    assert measured.quantize(D("0.00001")) == D("99.79839")
    charges = recurring_charges([VersionSpan(1, (FEE,), 31)], OCTOBER)
    credit = compute_credit(CLOUD_TIERS, measured, charges, "EUR", cap_percent=None, minimum=None)
    assert credit.tier == CLOUD_TIERS[0] and credit.amount == D("100.00")
    # Eight hours down (99.0 > 98.92…): the 25 % tier.
    long = Incident(start, start + timedelta(hours=8), "outage")
    assert compute_credit(
        CLOUD_TIERS, availability([long], start, end)[0], charges, "EUR", cap_percent=None, minimum=None
    ).amount == D("250.00")
    # Two days down (93.5 %): 100 %, unless a cap applies.
    days = Incident(start, start + timedelta(days=2), "outage")
    measured = availability([days], start, end)[0]
    assert compute_credit(CLOUD_TIERS, measured, charges, "EUR", cap_percent=None, minimum=None).amount == D("1000.00")
    assert compute_credit(CLOUD_TIERS, measured, charges, "EUR", cap_percent=D("50"), minimum=None).amount == D(
        "500.00"
    )


def test_overlapping_incidents_count_once_and_accepted_maintenance_is_excluded():
    start, end = OCTOBER.bounds("UTC")
    t = datetime(2026, 10, 5, tzinfo=UTC)
    incidents = [
        Incident(t, t + timedelta(hours=1), "outage"),
        Incident(t + timedelta(minutes=30), t + timedelta(hours=2), "degradation"),
        Incident(t + timedelta(hours=5), t + timedelta(hours=6), "maintenance", accepted=True),
        Incident(t + timedelta(hours=8), t + timedelta(hours=9), "maintenance", accepted=False),
    ]
    assert availability(incidents, start, end)[1] == timedelta(hours=3)
    # An incident that started before the period counts only inside it.
    before = Incident(start - timedelta(hours=2), start + timedelta(hours=1), "outage")
    assert availability([before], start, end)[1] == timedelta(hours=1)


def test_proration_by_days_in_effect_and_mid_period_amendment():
    # Activated on 11 October (21 of 31 days).
    days = days_in_effect(OCTOBER, "Europe/Berlin", datetime(2026, 10, 11, 8, tzinfo=UTC), None)
    (charge,) = recurring_charges([VersionSpan(1, (FEE,), days)], OCTOBER)
    assert days == 21 and round_money(charge.amount, "EUR") == D("677.42")
    # Version 2 (1,200.00) takes over on 16 October at 09:00 local: the changeover day is version 2's.
    takeover = datetime(2026, 10, 16, 7, tzinfo=UTC)
    v1 = days_in_effect(OCTOBER, "Europe/Berlin", None, takeover, handed_over=True)
    v2 = days_in_effect(OCTOBER, "Europe/Berlin", takeover, None)
    assert (v1, v2) == (15, 16)
    charges = recurring_charges(
        [
            VersionSpan(1, (FEE,), v1),
            VersionSpan(2, (PriceLine("base", "Monthly fee", D("1200.00"), "EUR", "month"),), v2),
        ],
        OCTOBER,
    )
    assert [round_money(c.amount, "EUR") for c in charges] == [D("483.87"), D("619.35")]
    # A yearly fee is billed as its monthly equivalent.
    yearly = PriceLine("licence", "Licence", D("1200.00"), "EUR", "month", "year")
    assert recurring_charges([VersionSpan(1, (yearly,), 31)], OCTOBER)[0].amount == D("100.00")


def test_no_float_anywhere_ten_cents_three_times():
    cents = PriceLine("sms", "SMS alert", D("0.10"), "EUR", "message")
    (charge,) = usage_charges([cents], {"sms": D("3")}, 1)
    assert charge.amount == D("0.30") and str(round_money(charge.amount, "EUR")) == "0.30"
    total = sum(
        (
            c.amount
            for c in recurring_charges(
                [VersionSpan(1, (PriceLine("a", "a", D("0.10"), "EUR", "month"),) * 3, 31)], OCTOBER
            )
        ),
        D(0),
    )
    assert total == D("0.30")


def test_minimum_and_rounding_half_even_once():
    charges = [Charge("base", "fee", "month", D(1), D("10.05"), D("10.05"), "EUR", 1)]
    # 5 % of 10.05 = 0.5025 → 0.50 (half-even), below a 1.00 minimum → nothing.
    result = compute_credit([Tier(D("99.9"), D("5"))], D("99.5"), charges, "EUR", cap_percent=None, minimum=D("1.00"))
    assert result.raw == D("0.5025") and result.below_minimum and result.amount == D("0.00")
    assert round_money(D("0.125"), "EUR") == D("0.12") and round_money(D("0.135"), "EUR") == D("0.14")
    assert round_money(D("10.5"), "JPY") == D("10") and round_money(D("1.0005"), "BHD") == D("1.000")


def test_tiers_must_be_ordered_without_overlap():
    check_tiers(CLOUD_TIERS)
    for bad in ([Tier(D("99"), D("25")), Tier(D("99.9"), D("10"))], [Tier(D("99"), D("1")), Tier(D("99"), D("2"))], []):
        with pytest.raises(ValueError):
            check_tiers(bad)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=4))
def test_the_most_severe_tier_applies_and_credit_grows_as_attainment_falls(attainment):
    tier = applicable_tier(CLOUD_TIERS, attainment)
    expected = [t for t in CLOUD_TIERS if attainment < t.below]
    assert tier == (expected[-1] if expected else None)
    charges = recurring_charges([VersionSpan(1, (FEE,), 31)], OCTOBER)
    lower = compute_credit(CLOUD_TIERS, attainment, charges, "EUR", cap_percent=None, minimum=None).amount
    higher = compute_credit(
        CLOUD_TIERS, min(D(100), attainment + D("0.5")), charges, "EUR", cap_percent=None, minimum=None
    ).amount
    assert lower >= higher and lower.as_tuple().exponent == -2


# ---------------------------------------------------------------- exactness at the microsecond (issue 9 #17, #20c)


def test_one_microsecond_past_the_threshold_is_below_it_and_owes_a_credit():
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)  # 31 days = 2,678,400 s
    outage = Incident(start, start + timedelta(seconds=267, microseconds=840001), "outage")
    measured, downtime = availability([outage], start, end)
    assert downtime == timedelta(seconds=267, microseconds=840001)
    # 100 × (1 − 267.840001 / 2678400) exactly; float seconds used to give 99.99 and no credit.
    assert measured == D(100) * (1 - D("267.840001") / D(2678400))
    assert str(measured).startswith("99.98999999996") and measured < D("99.99")
    tiers = [Tier(D("99.99"), D("10"))]
    assert applicable_tier(tiers, measured) == tiers[0]
    assert compute_credit(
        tiers,
        measured,
        [Charge("base", "fee", "month", D(1), D(1000), D(1000), "EUR", 1)],
        "EUR",
        cap_percent=None,
        minimum=None,
    ).amount == D("100.00")
    shown = display_percent(measured, D("99.99"))
    assert shown == D("99.9899") and shown < D("99.99")  # never "99.9900" beside "below 99.99"
    at_threshold, _ = availability([Incident(start, start + timedelta(seconds=267.84), "outage")], start, end)
    assert at_threshold == D("99.99") and display_percent(at_threshold, D("99.99")) == D("99.9900")


@pytest.mark.parametrize(
    "value, thresholds, places, shown",
    [
        ("99.98999999996", ("99.99",), 4, "99.9899"),
        ("99.99999", ("99.9",), 4, "99.9999"),  # truncated, never rounded up to 100.0000
        ("99.999949", ("99.99995",), 4, "99.99994"),  # as many digits as the finest threshold
        ("95", ("95",), 2, "95.00"),
        ("94.999", ("95", "90"), 2, "94.99"),
    ],
)
def test_display_percent_table(value, thresholds, places, shown):
    assert str(display_percent(D(value), *map(D, thresholds), places=places)) == shown


@given(
    st.decimals(min_value=0, max_value=100, places=12),
    st.lists(st.decimals(min_value=0, max_value=100, places=6), min_size=1, max_size=4),
    st.sampled_from([2, 4]),
)
@settings(max_examples=300, deadline=None)
def test_the_shown_attainment_never_contradicts_a_threshold(value, thresholds, places):
    shown = display_percent(value, *thresholds, places=places)
    for threshold in thresholds:
        assert (shown < threshold) == (value < threshold)
    assert shown <= value
