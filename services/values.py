"""Validated value types shared by the capabilities: money, durations, time zones, percentages, instants.

Every parser here is bounded (DESIGN.md "Bounds"): decimals are plain notation of limited length, durations at
most 100 years, instants and periods between the years 1970 and 9000, positions within 64 bits. Out-of-range input
is an `InvalidValue` naming the field, never an overflow deeper down.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import iso4217
import isodate
import msgspec

from services.errors import InvalidInput


class InvalidValue(ValueError):
    """A value that failed its check; `field` names it, so a caller can point at the exact field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


MIN_YEAR, MAX_YEAR = 1970, 9000
EARLIEST = datetime(MIN_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(MAX_YEAR, 1, 1, tzinfo=UTC)
MAX_DURATION_YEARS = 100
INT64_MAX = 2**63 - 1
# Plain notation only: no exponent, no underscores, no surrounding blanks, no NaN or Infinity.
_PLAIN_DECIMAL = re.compile(r"-?[0-9]{1,20}(?:\.[0-9]{1,12})?")


def parse_decimal(value: str | int, *, what: str) -> Decimal:
    """A decimal written as `-?digits(.digits)?` (at most 20 integer and 12 fraction digits), or a bounded int."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidValue(f'{what} must be a decimal string such as "12.50"', field=what)
    text = str(value)
    if not _PLAIN_DECIMAL.fullmatch(text):
        raise InvalidValue(
            f'{what} must be a plain decimal string such as "12.50" (no exponent, underscores or '
            f"spaces, at most 20 digits before the point and 12 after), got {value!r}",
            field=what,
        )
    return Decimal(text)


def format_decimal(number: Decimal | str) -> str:
    """Plain notation whatever the exponent (`1E+3` → `1000`); stored decimal strings are accepted too."""
    return format(Decimal(number), "f")


def _decimal_places(amount: Decimal) -> int:
    """Digits after the point of a finite decimal (`as_tuple().exponent` is a letter for NaN and the infinities)."""
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def format_money(amount: Decimal, currency: str) -> str:
    """Plain notation with at least the currency's minor units (`1200.5 EUR` → `1200.50`, `5 JPY` → `5`)."""
    exponent = iso4217.Currency(currency).exponent or 0
    if _decimal_places(amount) < exponent:
        amount = amount.quantize(Decimal(1).scaleb(-exponent))
    return format_decimal(amount)


def check_instant(value: datetime, *, what: str) -> datetime:
    """An instant with an offset between 1970-01-01 and 9000-01-01 (UTC)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValue(f"{what} must carry an offset, e.g. 2026-11-26T14:00:00Z", field=what)
    if not EARLIEST <= value < LATEST:
        raise InvalidValue(f"{what} must be between {MIN_YEAR} and {MAX_YEAR} (UTC)", field=what)
    return value


def instant_input(value: datetime, *, what: str) -> datetime:
    """`check_instant` for a use case's input: the domain's 422 naming the field."""
    try:
        return check_instant(value, what=what)
    except InvalidValue as exc:
        raise InvalidInput(str(exc), field=what) from None


def parse_instant(text: str, *, what: str) -> datetime:
    """An RFC 3339 timestamp with an offset, within the supported years."""
    try:
        value = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise InvalidValue(
            f"{what} must be an RFC 3339 timestamp with an offset, e.g. 2026-11-26T14:00:00Z", field=what
        ) from None
    return check_instant(value, what=what)


def check_year(year: int, *, what: str) -> int:
    if not MIN_YEAR <= year < MAX_YEAR:
        raise InvalidValue(f"{what} must be in the years {MIN_YEAR} to {MAX_YEAR - 1}", field=what)
    return year


def check_currency(code: str, *, what: str = "currency") -> iso4217.Currency:
    try:
        return iso4217.Currency(code)
    except ValueError:
        raise InvalidValue(f"{code!r} is not an ISO 4217 currency code", field=what) from None


class Money(msgspec.Struct, forbid_unknown_fields=True):
    amount: str
    currency: str

    def __post_init__(self) -> None:
        amount = parse_decimal(self.amount, what="amount")
        if amount < 0:
            raise InvalidValue("amount must not be negative", field="amount")
        currency = check_currency(self.currency)
        if _decimal_places(amount) > max(currency.exponent or 0, 4):
            raise InvalidValue(f"amount has more decimal places than {self.currency} allows", field="amount")
        self.amount = format_money(amount, self.currency)


def check_percentage(value: str | int, *, what: str) -> Decimal:
    number = parse_decimal(value, what=what)
    if not Decimal(0) <= number <= Decimal(100):
        raise InvalidValue(f"{what} must be between 0 and 100", field=what)
    return number


_DURATION_REFERENCE = datetime(2000, 1, 1, tzinfo=UTC)


def check_duration(value: object, *, what: str) -> isodate.Duration | timedelta:
    """An ISO 8601 duration (`PT4H`, `P3M`); must be positive and at most 100 years."""
    if not isinstance(value, str) or len(value) > 64:
        raise InvalidValue(f"{what} must be an ISO 8601 duration such as PT4H or P3M", field=what)
    try:
        duration = isodate.parse_duration(value)
    except (isodate.ISO8601Error, ValueError, TypeError, OverflowError, ArithmeticError):
        raise InvalidValue(
            f"{what} must be an ISO 8601 duration of at most {MAX_DURATION_YEARS} years, such as "
            f"PT4H or P3M, got {value!r}",
            field=what,
        ) from None
    text = value.lstrip("P").replace("T", "")
    if value.startswith("-") or not re.search(r"[1-9]", text):
        raise InvalidValue(f"{what} must be a positive ISO 8601 duration, got {value!r}", field=what)
    limit = _DURATION_REFERENCE.replace(year=_DURATION_REFERENCE.year + MAX_DURATION_YEARS)
    try:
        within = _DURATION_REFERENCE + duration <= limit
    except (OverflowError, ValueError, ArithmeticError):  # fractional years or months cannot be added
        raise InvalidValue(
            f"{what} must be an ISO 8601 duration such as PT4H or P3M, got {value!r}", field=what
        ) from None
    if not within:
        raise InvalidValue(f"{what} must be at most {MAX_DURATION_YEARS} years, got {value!r}", field=what)
    return duration


_ZONES: frozenset[str] | None = None


def check_timezone(name: str, *, what: str = "timezone") -> ZoneInfo:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones())
    if name not in _ZONES:
        raise InvalidValue(f"{name!r} is not an IANA time zone (for example Europe/Berlin)", field=what)
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # pragma: no cover - listed zones load
        raise InvalidValue(f"{name!r} is not an IANA time zone", field=what) from None
