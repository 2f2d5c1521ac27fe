from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BurnRateView")


@_attrs_define
class BurnRateView:
    """Burn rate view

    Attributes:
        alert (str): The burn-rate alert's name (or `budget_exhausted`)
        budget_percent (str): The share of the compliance window's error budget the alert is about (percentage)
        firing (bool): Whether the burn rate over both windows is above the threshold
        long_burn_rate (None | str): The burn rate over the long window (1 spends the budget exactly by the window's
            end)
        long_window (str): The alert's long window (fixed ISO 8601 duration, e.g. `PT1H`)
        short_burn_rate (None | str): The burn rate over the short window
        short_window (str): The alert's short window, usually a twelfth of the long one (e.g. `PT5M`)
        threshold (str): The burn rate above which the alert fires: budget share × compliance window ÷ long window
    """

    alert: str
    budget_percent: str
    firing: bool
    long_burn_rate: None | str
    long_window: str
    short_burn_rate: None | str
    short_window: str
    threshold: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alert = self.alert

        budget_percent = self.budget_percent

        firing = self.firing

        long_burn_rate: None | str
        long_burn_rate = self.long_burn_rate

        long_window = self.long_window

        short_burn_rate: None | str
        short_burn_rate = self.short_burn_rate

        short_window = self.short_window

        threshold = self.threshold

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alert": alert,
                "budget_percent": budget_percent,
                "firing": firing,
                "long_burn_rate": long_burn_rate,
                "long_window": long_window,
                "short_burn_rate": short_burn_rate,
                "short_window": short_window,
                "threshold": threshold,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alert = d.pop("alert")

        budget_percent = d.pop("budget_percent")

        firing = d.pop("firing")

        def _parse_long_burn_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        long_burn_rate = _parse_long_burn_rate(d.pop("long_burn_rate"))

        long_window = d.pop("long_window")

        def _parse_short_burn_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        short_burn_rate = _parse_short_burn_rate(d.pop("short_burn_rate"))

        short_window = d.pop("short_window")

        threshold = d.pop("threshold")

        burn_rate_view = cls(
            alert=alert,
            budget_percent=budget_percent,
            firing=firing,
            long_burn_rate=long_burn_rate,
            long_window=long_window,
            short_burn_rate=short_burn_rate,
            short_window=short_window,
            threshold=threshold,
        )

        burn_rate_view.additional_properties = d
        return burn_rate_view

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
