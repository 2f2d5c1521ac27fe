"""Validated value types shared by the capabilities: money, durations, time zones, percentages."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import iso4217
import isodate
import msgspec


class InvalidValue(ValueError):
    """A value that failed its check; `field` names it, so a caller can point at the exact field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def parse_decimal(value: str | int, *, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidValue(f"{what} must be a decimal string such as \"12.50\"", field=what)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidValue(f"{what} must be a decimal string such as \"12.50\", got {value!r}", field=what) from None
    if not number.is_finite():
        raise InvalidValue(f"{what} must be a finite decimal", field=what)
    return number


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
        if -amount.as_tuple().exponent > max(currency.exponent or 0, 4):
            raise InvalidValue(f"amount has more decimal places than {self.currency} allows", field="amount")
        self.amount = str(amount)


def check_percentage(value: str | int, *, what: str) -> Decimal:
    number = parse_decimal(value, what=what)
    if not Decimal(0) <= number <= Decimal(100):
        raise InvalidValue(f"{what} must be between 0 and 100", field=what)
    return number


def check_duration(value: str, *, what: str) -> isodate.Duration | object:
    """An ISO 8601 duration (`PT4H`, `P3M`); must be positive."""
    try:
        duration = isodate.parse_duration(value)
    except (isodate.ISO8601Error, ValueError, TypeError):
        raise InvalidValue(f"{what} must be an ISO 8601 duration such as PT4H or P3M, got {value!r}", field=what) from None
    text = value.lstrip("P").replace("T", "")
    if value.startswith("-") or not re.search(r"[1-9]", text):
        raise InvalidValue(f"{what} must be a positive ISO 8601 duration, got {value!r}", field=what)
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
