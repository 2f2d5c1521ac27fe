from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.time_window import TimeWindow


T = TypeVar("T", bound="SpecialHours")


@_attrs_define
class SpecialHours:
    """Special hours

    Attributes:
        date (str): A calendar date (`YYYY-MM-DD`)
        reason (None | str): Why
        windows (list[TimeWindow]): Open windows (`HH:MM`–`HH:MM`, local time)
    """

    date: str
    reason: None | str
    windows: list[TimeWindow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date

        reason: None | str
        reason = self.reason

        windows = []
        for windows_item_data in self.windows:
            windows_item = windows_item_data.to_dict()
            windows.append(windows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "reason": reason,
                "windows": windows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.time_window import TimeWindow  # noqa: PLC0415

        d = dict(src_dict)
        date = d.pop("date")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        windows = []
        _windows = d.pop("windows")
        for windows_item_data in _windows:
            windows_item = TimeWindow.from_dict(windows_item_data)

            windows.append(windows_item)

        special_hours = cls(
            date=date,
            reason=reason,
            windows=windows,
        )

        special_hours.additional_properties = d
        return special_hours

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
