"""Typed `terms` per clause kind, validated on write. Pure: no I/O."""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any, Literal

import holidays as holiday_data
import msgspec

from db.values import ClauseKind, Metric, Role
from services.calendar_arithmetic import merge_windows
from services.credit_tiers import Tier, check_tiers
from services.errors import FieldProblem, InvalidInput
from services.periods import FREQUENCIES
from services.values import (
    InvalidValue,
    Money,
    check_duration,
    check_percentage,
    check_timezone,
    parse_decimal,
)

CLAUSE_KINDS = tuple(ClauseKind)
# Third parties see these kinds; others only when the clause is shared with them; cost and credit never.
THIRD_PARTY_KINDS = frozenset({"service_level", "schedule", "responsibility", "escalation"})
NEVER_THIRD_PARTY_KINDS = frozenset({"cost", "service_credit"})

_HHMM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$")


class _Terms(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    pass


class TargetMatch(_Terms):
    service: str | list[str] | None = None
    priority: str | list[str] | None = None
    attributes: dict[str, str | list[str]] = {}


class Target(_Terms):
    metric: Metric
    key: str | None = None
    match: TargetMatch = msgspec.field(default_factory=TargetMatch)
    duration: str | None = None
    percentage: str | None = None
    time: Literal["business", "calendar"] = "business"
    calendar: str | None = None
    warn_at_percent: list[int] = []
    pause_statuses: list[str] = []
    compliance_target: str | None = None

    def __post_init__(self) -> None:
        if self.metric == "availability":
            if self.percentage is None or self.duration is not None:
                raise InvalidValue("an availability target takes `percentage`, not `duration`", field="percentage")
            check_percentage(self.percentage, what="percentage")
        else:
            if self.duration is None or self.percentage is not None:
                raise InvalidValue(
                    f"a {self.metric} target takes an ISO 8601 `duration`, not `percentage`", field="duration"
                )
            check_duration(self.duration, what="duration")
        if any(not 0 < p < 100 for p in self.warn_at_percent):
            raise InvalidValue("warn_at_percent values must be between 1 and 99", field="warn_at_percent")
        if self.compliance_target is not None:
            check_percentage(self.compliance_target, what="compliance_target")


class ServiceLevelTerms(_Terms):
    targets: list[Target]

    def __post_init__(self) -> None:
        if not self.targets:
            raise InvalidValue("a service_level clause needs at least one target", field="targets")
        keys = [t.key for t in self.targets if t.key]
        if len(keys) != len(set(keys)):
            raise InvalidValue("target keys must be unique within the clause", field="targets")


class Window(_Terms):
    start: str
    end: str

    def __post_init__(self) -> None:
        for name, value in (("start", self.start), ("end", self.end)):
            if not _HHMM.match(value):
                raise InvalidValue(f"window {name} must be HH:MM between 00:00 and 24:00, got {value!r}", field=name)
        if self.start >= self.end:
            raise ValueError("a window must end after it starts and may not cross midnight (split it)")


class Holidays(_Terms):
    country: str
    subdivision: str | None = None

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Z]{2}", self.country):
            raise InvalidValue("holiday country must be an ISO 3166-1 alpha-2 code such as DE", field="country")
        check_holiday_region(self.country, self.subdivision)


@functools.lru_cache(maxsize=256)
def check_holiday_region(country: str, subdivision: str | None = None) -> None:
    """Raise InvalidValue (naming `country` or `subdivision`) unless the `holidays` package knows them."""
    try:
        known = holiday_data.country_holidays(country)
    except NotImplementedError:
        raise InvalidValue(
            f"holiday country {country!r} is not one the holidays package knows "
            "(an ISO 3166-1 alpha-2 code such as DE)",
            field="country",
        ) from None
    if subdivision is not None:
        try:
            holiday_data.country_holidays(country, subdiv=subdivision)
        except NotImplementedError:
            raise InvalidValue(
                f"holiday subdivision {subdivision!r} is not one of {country}'s: {', '.join(known.subdivisions)}",
                field="subdivision",
            ) from None


class Closure(_Terms):
    date: str
    reason: str | None = None

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.date):
            raise InvalidValue("closure date must be YYYY-MM-DD", field="date")
        try:
            datetime.date.fromisoformat(self.date)
        except ValueError:
            raise InvalidValue(f"{self.date} is not a calendar date", field="date") from None


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class ScheduleTerms(_Terms):
    timezone: str | None = None
    weekly_windows: dict[Weekday, list[Window]] = {}
    holidays: Holidays | None = None
    closures: list[Closure] = []
    calendar_id: str | None = None

    def __post_init__(self) -> None:
        if self.calendar_id is None:
            if self.timezone is None:
                raise InvalidValue("a schedule needs a `timezone` (or a `calendar_id`)", field="timezone")
            check_timezone(self.timezone)
        # Stored merged, so overlapping or adjacent windows read back as the hours they mean.
        self.weekly_windows = {day: _merged(windows) for day, windows in self.weekly_windows.items()}


def _merged(windows: list[Window]) -> list[Window]:
    minutes = merge_windows((_minute(w.start), _minute(w.end)) for w in windows)
    return [Window(start=_hhmm(start), end=_hhmm(end)) for start, end in minutes]


def _minute(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


class PriceLine(_Terms):
    code: str
    description: str
    amount: Money
    unit: str
    billing_period: Literal["month", "quarter", "year", "one_time"] = "month"


class CostTerms(_Terms):
    price_lines: list[PriceLine]
    multi_currency: bool = False

    def __post_init__(self) -> None:
        codes = [line.code for line in self.price_lines]
        if len(codes) != len(set(codes)):
            raise InvalidValue("price line codes must be unique", field="price_lines")
        if not self.multi_currency and len({line.amount.currency for line in self.price_lines}) > 1:
            raise InvalidValue(
                "price lines mix currencies; set multi_currency: true if that is intended", field="price_lines"
            )


class CreditTier(_Terms):
    below: str
    credit_percent: str
    price_lines: list[str] = []

    def __post_init__(self) -> None:
        check_percentage(self.below, what="below")
        check_percentage(self.credit_percent, what="credit_percent")


class ServiceCreditTerms(_Terms):
    target: str
    tiers: list[CreditTier]
    monthly_cap_percent: str | None = None
    minimum: Money | None = None
    claim_window: str | None = None

    def __post_init__(self) -> None:
        if not self.tiers:
            raise InvalidValue("a service_credit clause needs at least one tier", field="tiers")
        try:
            check_tiers(
                [
                    Tier(
                        check_percentage(t.below, what="below"),
                        check_percentage(t.credit_percent, what="credit_percent"),
                    )
                    for t in self.tiers
                ]
            )
        except ValueError as exc:
            raise InvalidValue(str(exc), field="tiers") from None
        if self.monthly_cap_percent is not None:
            check_percentage(self.monthly_cap_percent, what="monthly_cap_percent")
        if self.claim_window is not None:
            check_duration(self.claim_window, what="claim_window")


class ResponsibilityTerms(_Terms):
    role: Role
    obligations: list[str]


class Contact(_Terms):
    role: Role | None = None
    name: str | None = None
    email: str | None = None


class EscalationLevel(_Terms):
    level: int
    after: str
    to: Contact
    channel: Literal["email", "phone", "ticket", "chat", "meeting"] = "email"

    def __post_init__(self) -> None:
        check_duration(self.after, what="after")


class EscalationTerms(_Terms):
    levels: list[EscalationLevel]

    def __post_init__(self) -> None:
        if [lv.level for lv in self.levels] != list(range(1, len(self.levels) + 1)):
            raise InvalidValue("escalation levels must be numbered 1, 2, … in order", field="levels")


MAX_BUSINESS_DAYS = 366


class DisputeStage(_Terms):
    """A stage's time limit is a calendar duration (`time_limit`, e.g. P14D, added in the agreement's time zone)
    or `business_days` counted on a `calendar` (a calendar id, "24x7" or a schedule clause key; by default the
    agreement's first schedule clause)."""

    name: str
    time_limit: str | None = None
    business_days: int | None = None
    calendar: str | None = None

    def __post_init__(self) -> None:
        if (self.time_limit is None) == (self.business_days is None):
            raise InvalidValue(
                "a stage takes either `time_limit` (an ISO 8601 duration) or `business_days`", field="time_limit"
            )
        if self.time_limit is not None:
            check_duration(self.time_limit, what="time_limit")
            if self.calendar is not None:
                raise InvalidValue("`calendar` goes with `business_days`", field="calendar")
        elif (
            self.business_days is None
            or isinstance(self.business_days, bool)
            or not 1 <= self.business_days <= MAX_BUSINESS_DAYS
        ):
            raise InvalidValue(
                f"business_days must be a whole number from 1 to {MAX_BUSINESS_DAYS}", field="business_days"
            )


class DisputeResolutionTerms(_Terms):
    stages: list[DisputeStage]
    raiser_must_accept: bool = False


class IndicatorSource(_Terms):
    """Who posts an indicator's measurements: a party role and, optionally, one of its API clients."""

    role: Literal["provider", "customer"]
    integration: str | None = None


class IndicatorThreshold(_Terms):
    """A threshold sample is good when `value <op> limit`, e.g. latency p95 `le` 300 (ms)."""

    op: Literal["le", "lt", "ge", "gt"]
    limit: str
    unit: str | None = None

    def __post_init__(self) -> None:
        try:
            parse_decimal(self.limit, what="limit")
        except ValueError as exc:
            raise InvalidValue(str(exc), field="limit") from None


class BurnRateAlert(_Terms):
    """A multi-window burn-rate alert (Google SRE workbook, chapter 5): it fires when the share `budget_percent` of
    the compliance window's error budget would be spent in `long_window` at the rate seen over both `long_window`
    and `short_window`."""

    name: str
    budget_percent: str
    long_window: str
    short_window: str

    def __post_init__(self) -> None:
        if not 0 < check_percentage(self.budget_percent, what="budget_percent"):
            raise InvalidValue("budget_percent must be above 0", field="budget_percent")
        long_window = check_duration(self.long_window, what="long_window")
        short_window = check_duration(self.short_window, what="short_window")
        for name, window in (("long_window", long_window), ("short_window", short_window)):
            if not isinstance(window, datetime.timedelta) or window > MAX_ALERT_WINDOW:
                raise InvalidValue(f"{name} is a fixed duration (days, hours, minutes) of at most 28 days", field=name)
        if not short_window < long_window:
            raise InvalidValue("short_window must be shorter than long_window", field="short_window")


MAX_ALERT_WINDOW = datetime.timedelta(days=28)


# The workbook's recommended pairs: 2 % of the budget in 1 h (5 min), 5 % in 6 h (30 min), 10 % in 3 days (6 h).
DEFAULT_BURN_RATE_ALERTS = (
    BurnRateAlert(name="fast", budget_percent="2", long_window="PT1H", short_window="PT5M"),
    BurnRateAlert(name="medium", budget_percent="5", long_window="PT6H", short_window="PT30M"),
    BurnRateAlert(name="slow", budget_percent="10", long_window="P3D", short_window="PT6H"),
)


class Indicator(_Terms):
    """One measured service level indicator (an OpenSLO-style SLO): a ratio of good to total events, or threshold
    samples; its objective over a compliance window; which service-level target its figure decides, if any."""

    key: str
    source: IndicatorSource
    method: Literal["ratio", "threshold"]
    objective: str
    compliance_window: Literal["rolling_28d", "calendar_month"] = "calendar_month"
    threshold: IndicatorThreshold | None = None
    description: str | None = None
    decides_target: str | None = None
    burn_rate_alerts: list[BurnRateAlert] = msgspec.field(default_factory=lambda: list(DEFAULT_BURN_RATE_ALERTS))

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,99}", self.key):
            raise InvalidValue("an indicator key is 1-100 of a-z, 0-9, '_', '.', '-'", field="key")
        objective = check_percentage(self.objective, what="objective")
        if not 0 < objective < 100:
            raise InvalidValue("an objective is a percentage above 0 and below 100", field="objective")
        if (self.method == "threshold") != (self.threshold is not None):
            raise InvalidValue("a `threshold` goes with method threshold, and only with it", field="threshold")
        names = [alert.name for alert in self.burn_rate_alerts]
        if len(names) != len(set(names)):
            raise InvalidValue("burn-rate alert names must be unique within an indicator", field="burn_rate_alerts")


class VerificationTerms(_Terms):
    data_source: str
    method: str
    measurement_period: str = "P1M"
    indicators: list[Indicator] = []

    def __post_init__(self) -> None:
        check_duration(self.measurement_period, what="measurement_period")
        keys = [indicator.key for indicator in self.indicators]
        if len(keys) != len(set(keys)):
            raise InvalidValue("indicator keys must be unique within the clause", field="indicators")


class ReportingTerms(_Terms):
    contents: list[str]
    frequency: str
    recipients: list[str] = []
    due_after_period_end: str | None = None

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise InvalidValue(
                f"frequency must be one of the ISO 8601 durations {', '.join(FREQUENCIES)} (weekly, monthly, "
                f"quarterly, yearly), got {self.frequency!r}",
                field="frequency",
            )
        if self.due_after_period_end is not None:
            check_duration(self.due_after_period_end, what="due_after_period_end")


class ReviewTerms(_Terms):
    cadence: str
    notice: str | None = None
    participants: list[str] = []

    def __post_init__(self) -> None:
        check_duration(self.cadence, what="cadence")
        if self.notice is not None:
            check_duration(self.notice, what="notice")


class GeneralTerms(_Terms):
    pass


TERMS_BY_KIND: dict[str, type[_Terms]] = {
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


def validate_terms(kind: str, terms: Any, *, field: str = "terms") -> dict[str, Any]:
    """Check `terms` against the kind's type; return them normalised, or raise InvalidInput naming the field."""
    if kind not in TERMS_BY_KIND:
        raise InvalidInput(
            f"unknown clause kind {kind!r}; expected one of: {', '.join(CLAUSE_KINDS)}",
            field=field.rsplit(".", 1)[0] + ".kind",
        )
    try:
        typed = msgspec.convert(terms if terms is not None else {}, TERMS_BY_KIND[kind])
    except msgspec.ValidationError as exc:
        message, path = _split_path(str(exc))
        # Checks inside the term types name their field; msgspec itself only names the enclosing object.
        leaf = getattr(exc.__cause__, "field", None) or _named_field(message)
        where = field + path + (f".{leaf}" if leaf else "")
        raise InvalidInput(
            f"invalid {kind} terms at {where}: {message}", problems=[FieldProblem(where, message)]
        ) from None
    normalised: dict[str, Any] = msgspec.to_builtins(typed)
    return normalised


def _split_path(error: str) -> tuple[str, str]:
    # msgspec reports "Expected `str`, got `int` - at `$.targets[0].metric`", and for a bad mapping key
    # "Invalid enum value 'x' - at `key` in `$.weekly_windows`".
    for marker in (" - at `key` in `$", " - at `$"):
        if marker in error:
            message, _, path = error.rpartition(marker)
            return message, path.rstrip("`")
    return error, ""


_NAMED_FIELD = re.compile(r"^Object (?:missing required|contains unknown) field `([^`]+)`$")


def _named_field(message: str) -> str | None:
    match = _NAMED_FIELD.match(message)
    return match.group(1) if match else None


def visible_to_role(kind: str, shared_with_third_parties: bool, role: str | None) -> bool:
    """Whether a member with `role` (None: the operator) may see a clause."""
    if role is None or role in ("provider", "customer"):
        return True
    if kind in NEVER_THIRD_PARTY_KINDS:
        return False
    return kind in THIRD_PARTY_KINDS or shared_with_third_parties
