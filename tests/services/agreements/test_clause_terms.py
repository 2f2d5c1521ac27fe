"""Typed clause terms, validated per kind (services/agreements/clause_terms.py, pure)."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.agreements.clause_terms import CLAUSE_KINDS, TERMS_BY_KIND, validate_terms, visible_to_role
from services.errors import InvalidInput
from services.values import check_duration, check_timezone

FIELD = "clauses[0].terms"

VALID: dict[str, dict] = {
    "service_level": {
        "targets": [
            {
                "key": "p1",
                "metric": "first_response",
                "match": {"priority": "P1", "service": ["email", "phone"]},
                "duration": "PT1H",
                "time": "business",
                "calendar": "office",
                "warn_at_percent": [50, 75],
                "compliance_target": "95",
            },
            {"key": "uptime", "metric": "availability", "percentage": "99.9", "time": "calendar"},
        ]
    },
    "schedule": {
        "timezone": "Europe/Berlin",
        "weekly_windows": {
            "mon": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}],
            "sat": [{"start": "10:00", "end": "24:00"}],
        },
        "holidays": {"country": "DE", "subdivision": "BY"},
        "closures": [{"date": "2026-12-24", "reason": "Christmas Eve"}],
    },
    "cost": {
        "price_lines": [
            {
                "code": "base",
                "description": "Monthly base fee",
                "amount": {"amount": "1200.00", "currency": "EUR"},
                "unit": "month",
            },
            {
                "code": "ticket",
                "description": "Per ticket",
                "amount": {"amount": "12.5", "currency": "EUR"},
                "unit": "ticket",
                "billing_period": "month",
            },
        ]
    },
    "service_credit": {
        "target": "uptime",
        "tiers": [
            {"below": "99.9", "credit_percent": "5", "price_lines": ["base"]},
            {"below": "99", "credit_percent": "10"},
            {"below": "95", "credit_percent": "25"},
        ],
        "monthly_cap_percent": "50",
        "minimum": {"amount": "10", "currency": "EUR"},
        "claim_window": "P30D",
    },
    "responsibility": {"role": "customer", "obligations": ["report incidents through the portal"]},
    "escalation": {
        "levels": [
            {"level": 1, "after": "PT2H", "to": {"role": "provider", "email": "duty@example.com"}},
            {"level": 2, "after": "PT8H", "to": {"name": "Head of Support"}, "channel": "phone"},
        ]
    },
    "dispute_resolution": {
        "stages": [{"name": "negotiation", "time_limit": "P10D"}, {"name": "mediation", "time_limit": "P1M"}]
    },
    "verification": {
        "data_source": "ticketing",
        "method": "share of tickets within target",
        "measurement_period": "P1M",
    },
    "reporting": {
        "contents": ["attainment", "credits"],
        "frequency": "P1M",
        "recipients": ["cfo@example.com"],
        "due_after_period_end": "P5D",
    },
    "review": {"cadence": "P3M", "notice": "P14D", "participants": ["provider", "customer"]},
    "general": {},
}


def test_every_kind_has_a_valid_example():
    assert set(VALID) == set(CLAUSE_KINDS) == set(TERMS_BY_KIND)


@pytest.mark.parametrize("kind", CLAUSE_KINDS)
def test_valid_terms_pass_and_come_back_normalised(kind):
    terms = validate_terms(kind, copy.deepcopy(VALID[kind]), field=FIELD)
    assert isinstance(terms, dict)
    # Normalising is idempotent: what is stored validates again to itself.
    assert validate_terms(kind, copy.deepcopy(terms), field=FIELD) == terms


def test_money_amounts_stay_exact_decimal_strings():
    terms = validate_terms("cost", copy.deepcopy(VALID["cost"]), field=FIELD)
    amounts = [line["amount"] for line in terms["price_lines"]]
    # Written with the currency's minor units; exact places beyond them are kept.
    assert amounts == [{"amount": "1200.00", "currency": "EUR"}, {"amount": "12.50", "currency": "EUR"}]


def _bad(kind: str, terms) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        validate_terms(kind, terms, field=FIELD)
    assert caught.value.status == 422 and caught.value.code == "invalid_input"
    return caught.value


def _with(kind: str, path: tuple, value) -> dict:
    terms = copy.deepcopy(VALID[kind])
    node = terms
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return terms


INVALID = [
    # (id, kind, path to change, new value, field the error must name, words the message must contain)
    (
        "duration not ISO 8601",
        "service_level",
        ("targets", 0, "duration"),
        "4 hours",
        "targets[0].duration",
        "ISO 8601",
    ),
    ("duration zero", "service_level", ("targets", 0, "duration"), "PT0S", "targets[0].duration", "positive"),
    ("duration negative", "service_level", ("targets", 0, "duration"), "-PT1H", "targets[0].duration", "positive"),
    ("duration wrong type", "service_level", ("targets", 0, "duration"), 3600, "targets[0].duration", "str"),
    ("unknown metric", "service_level", ("targets", 0, "metric"), "happiness", "targets[0].metric", "happiness"),
    ("time unit", "service_level", ("targets", 0, "time"), "lunar", "targets[0].time", "lunar"),
    (
        "availability over 100",
        "service_level",
        ("targets", 1, "percentage"),
        "100.5",
        "targets[1].percentage",
        "between 0 and 100",
    ),
    (
        "warn threshold",
        "service_level",
        ("targets", 0, "warn_at_percent"),
        [150],
        "targets[0].warn_at_percent",
        "between",
    ),
    ("unknown target field", "service_level", ("targets", 0, "dueIn"), "PT1H", "targets[0].dueIn", "unknown"),
    ("no targets", "service_level", ("targets",), [], "targets", "at least one"),
    ("non-IANA zone", "schedule", ("timezone",), "Mars/Olympus_Mons", "timezone", "IANA"),
    ("abbreviation is not a zone", "schedule", ("timezone",), "CEST", "timezone", "IANA"),
    (
        "window end before start",
        "schedule",
        ("weekly_windows", "mon", 0, "end"),
        "07:00",
        "weekly_windows[...][0]",
        "end after",
    ),  # msgspec does not name mapping keys in paths
    (
        "window not HH:MM",
        "schedule",
        ("weekly_windows", "mon", 0, "start"),
        "8am",
        "weekly_windows[...][0].start",
        "HH:MM",
    ),
    ("weekday", "schedule", ("weekly_windows", "funday"), [], "weekly_windows", "funday"),
    ("holiday country", "schedule", ("holidays", "country"), "Germany", "holidays.country", "ISO 3166"),
    ("closure date", "schedule", ("closures", 0, "date"), "24.12.2026", "closures[0].date", "YYYY-MM-DD"),
    (
        "bad currency",
        "cost",
        ("price_lines", 0, "amount", "currency"),
        "EURO",
        "price_lines[0].amount.currency",
        "ISO 4217",
    ),
    (
        "lowercase currency",
        "cost",
        ("price_lines", 0, "amount", "currency"),
        "eur",
        "price_lines[0].amount.currency",
        "ISO 4217",
    ),
    (
        "negative money",
        "cost",
        ("price_lines", 0, "amount", "amount"),
        "-1.00",
        "price_lines[0].amount.amount",
        "negative",
    ),
    ("money as float", "cost", ("price_lines", 0, "amount", "amount"), 12.5, "price_lines[0].amount.amount", "str"),
    (
        "money not a number",
        "cost",
        ("price_lines", 0, "amount", "amount"),
        "twelve",
        "price_lines[0].amount.amount",
        "decimal",
    ),
    (
        "money infinite",
        "cost",
        ("price_lines", 0, "amount", "amount"),
        "Infinity",
        "price_lines[0].amount.amount",
        "plain decimal",
    ),
    # Unit prices may be finer than the minor unit (per-ticket fees), but not beyond 4 places.
    (
        "too many decimal places",
        "cost",
        ("price_lines", 0, "amount", "amount"),
        "10.12345",
        "price_lines[0].amount.amount",
        "decimal places",
    ),
    ("mixed currencies", "cost", ("price_lines", 1, "amount", "currency"), "USD", "price_lines", "mix"),
    ("duplicate price codes", "cost", ("price_lines", 1, "code"), "base", "price_lines", "unique"),
    ("overlapping credit tiers", "service_credit", ("tiers", 1, "below"), "99.9", "tiers", "overlap"),
    ("unordered credit tiers", "service_credit", ("tiers", 2, "below"), "99.5", "tiers", "ordered"),
    (
        "credit percent over 100",
        "service_credit",
        ("tiers", 0, "credit_percent"),
        "120",
        "tiers[0].credit_percent",
        "between 0 and 100",
    ),
    ("negative credit minimum", "service_credit", ("minimum", "amount"), "-5", "minimum.amount", "negative"),
    ("claim window", "service_credit", ("claim_window",), "30 days", "claim_window", "ISO 8601"),
    ("responsibility role", "responsibility", ("role",), "auditor", "role", "auditor"),
    ("responsibility obligations missing", "responsibility", ("obligations",), None, "obligations", "missing"),
    ("escalation after", "escalation", ("levels", 1, "after"), "eight hours", "levels[1].after", "ISO 8601"),
    ("escalation numbering", "escalation", ("levels", 1, "level"), 3, "levels", "numbered"),
    ("escalation channel", "escalation", ("levels", 0, "channel"), "pigeon", "levels[0].channel", "pigeon"),
    ("dispute stage limit", "dispute_resolution", ("stages", 0, "time_limit"), "P", "stages[0].time_limit", "ISO 8601"),
    ("verification period", "verification", ("measurement_period",), "monthly", "measurement_period", "ISO 8601"),
    ("reporting frequency", "reporting", ("frequency",), "monthly", "frequency", "ISO 8601"),
    ("review cadence", "review", ("cadence",), "quarterly", "cadence", "ISO 8601"),
    ("review cadence zero", "review", ("cadence",), "P0M", "cadence", "positive"),
    ("general takes no terms", "general", ("anything",), 1, "anything", "unknown"),
]


@pytest.mark.parametrize(
    ("kind", "path", "value", "field", "words"), [pytest.param(*case[1:], id=case[0]) for case in INVALID]
)
def test_invalid_terms_name_the_field(kind, path, value, field, words):
    terms = _with(kind, path, value)
    if value is None:
        del _dig(terms, path[:-1])[path[-1]]
    error = _bad(kind, terms)
    expected = f"{FIELD}.{field}" if field else FIELD
    assert [p.field for p in error.problems] == [expected], error.problems
    assert expected in error.message
    assert words in error.message


def _dig(node, path):
    for step in path:
        node = node[step]
    return node


def test_unknown_kind_names_the_kind_field():
    error = _bad("sla", {})
    assert [p.field for p in error.problems] == ["clauses[0].kind"]
    assert "service_level" in error.message


def test_terms_must_be_an_object():
    error = _bad("review", ["P3M"])
    assert [p.field for p in error.problems] == [FIELD]


@pytest.mark.parametrize(
    ("kind", "role", "shared", "visible"),
    [
        ("cost", None, False, True),
        ("cost", "customer", False, True),
        ("cost", "third_party", True, False),
        ("service_credit", "third_party", True, False),
        ("service_level", "third_party", False, True),
        ("schedule", "third_party", False, True),
        ("responsibility", "third_party", False, True),
        ("escalation", "third_party", False, True),
        ("reporting", "third_party", False, False),
        ("reporting", "third_party", True, True),
        ("general", "third_party", False, False),
    ],
)
def test_clause_visibility_by_role(kind, role, shared, visible):
    assert visible_to_role(kind, shared, role) is visible


# ---------------------------------------------------------------- properties

durations = st.builds(
    lambda d, h, m: f"P{d}DT{h}H{m}M" if d else f"PT{h}H{m}M",
    st.integers(0, 400),
    st.integers(0, 23),
    st.integers(0, 59),
).filter(lambda s: any(ch in "123456789" for ch in s))


@given(durations)
def test_positive_durations_are_accepted(duration):
    check_duration(duration, what="duration")
    terms = validate_terms("review", {"cadence": duration}, field=FIELD)
    assert terms["cadence"] == duration


@given(st.decimals(min_value=0, max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False))
def test_non_negative_amounts_round_trip_exactly(amount):
    terms = validate_terms(
        "cost",
        {
            "price_lines": [
                {"code": "x", "description": "x", "amount": {"amount": str(amount), "currency": "EUR"}, "unit": "month"}
            ]
        },
        field=FIELD,
    )
    assert Decimal(terms["price_lines"][0]["amount"]["amount"]) == amount


@given(st.decimals(max_value=Decimal("-0.01"), places=2, allow_nan=False, allow_infinity=False))
def test_negative_amounts_are_refused(amount):
    with pytest.raises(InvalidInput) as caught:
        validate_terms(
            "cost",
            {
                "price_lines": [
                    {
                        "code": "x",
                        "description": "x",
                        "amount": {"amount": str(amount), "currency": "EUR"},
                        "unit": "month",
                    }
                ]
            },
            field=FIELD,
        )
    assert caught.value.problems[0].field == f"{FIELD}.price_lines[0].amount.amount"


@given(
    st.lists(st.decimals(min_value=0, max_value=100, places=1, allow_nan=False), min_size=1, max_size=6, unique=True)
)
def test_credit_tiers_are_accepted_exactly_when_strictly_descending(thresholds):
    tiers = [{"below": str(t), "credit_percent": "5"} for t in thresholds]
    descending = thresholds == sorted(thresholds, reverse=True)
    if descending:
        validate_terms("service_credit", {"target": "t", "tiers": tiers}, field=FIELD)
    else:
        with pytest.raises(InvalidInput):
            validate_terms("service_credit", {"target": "t", "tiers": tiers}, field=FIELD)


def test_time_zone_check_accepts_iana_names_only():
    check_timezone("America/Argentina/Buenos_Aires")
    for name in ("", "UTC+2", "Europe/Berlin ", "europe/berlin", "Mars/Olympus"):
        with pytest.raises(ValueError):
            check_timezone(name)


def test_a_closure_on_a_date_that_does_not_exist_is_refused():
    with pytest.raises(InvalidInput) as caught:
        validate_terms("schedule", {"timezone": "UTC", "closures": [{"date": "2026-02-30"}]}, field="clauses[0].terms")
    assert caught.value.problems[0].field == "clauses[0].terms.closures[0].date"
