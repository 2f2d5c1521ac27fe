from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BurnRateAlert")


@_attrs_define
class BurnRateAlert:
    """A multi-window burn-rate alert (Google SRE workbook, chapter 5): it fires when the share `budget_percent` of
    the compliance window's error budget would be spent in `long_window` at the rate seen over both `long_window`
    and `short_window`.

        Attributes:
            budget_percent (str): The share of the compliance window's error budget the alert is about (percentage)
            long_window (str): The alert's long window (fixed ISO 8601 duration, e.g. `PT1H`)
            name (str): A human name
            short_window (str): The alert's short window, usually a twelfth of the long one (e.g. `PT5M`)
    """

    budget_percent: str
    long_window: str
    name: str
    short_window: str

    def to_dict(self) -> dict[str, Any]:
        budget_percent = self.budget_percent

        long_window = self.long_window

        name = self.name

        short_window = self.short_window

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "budget_percent": budget_percent,
                "long_window": long_window,
                "name": name,
                "short_window": short_window,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        budget_percent = d.pop("budget_percent")

        long_window = d.pop("long_window")

        name = d.pop("name")

        short_window = d.pop("short_window")

        burn_rate_alert = cls(
            budget_percent=budget_percent,
            long_window=long_window,
            name=name,
            short_window=short_window,
        )

        return burn_rate_alert
