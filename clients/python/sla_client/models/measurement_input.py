from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeasurementInput")


@_attrs_define
class MeasurementInput:
    """Request body: measurement input

    Attributes:
        indicator (str): The indicator's key in the verification clause
        at (datetime.datetime | None | Unset): When (RFC 3339, UTC)
        good (int | None | Unset): Good events
        total (int | None | Unset): All events
        value (None | str | Unset): A threshold sample's value (exact decimal)
        window_end (datetime.datetime | None | Unset): End of the window (RFC 3339, UTC)
        window_start (datetime.datetime | None | Unset): Start of the window (RFC 3339, UTC)
    """

    indicator: str
    at: datetime.datetime | None | Unset = UNSET
    good: int | None | Unset = UNSET
    total: int | None | Unset = UNSET
    value: None | str | Unset = UNSET
    window_end: datetime.datetime | None | Unset = UNSET
    window_start: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        indicator = self.indicator

        at: None | str | Unset
        if isinstance(self.at, Unset):
            at = UNSET
        elif isinstance(self.at, datetime.datetime):
            at = self.at.isoformat()
        else:
            at = self.at

        good: int | None | Unset
        if isinstance(self.good, Unset):
            good = UNSET
        else:
            good = self.good

        total: int | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        window_end: None | str | Unset
        if isinstance(self.window_end, Unset):
            window_end = UNSET
        elif isinstance(self.window_end, datetime.datetime):
            window_end = self.window_end.isoformat()
        else:
            window_end = self.window_end

        window_start: None | str | Unset
        if isinstance(self.window_start, Unset):
            window_start = UNSET
        elif isinstance(self.window_start, datetime.datetime):
            window_start = self.window_start.isoformat()
        else:
            window_start = self.window_start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "indicator": indicator,
            }
        )
        if at is not UNSET:
            field_dict["at"] = at
        if good is not UNSET:
            field_dict["good"] = good
        if total is not UNSET:
            field_dict["total"] = total
        if value is not UNSET:
            field_dict["value"] = value
        if window_end is not UNSET:
            field_dict["window_end"] = window_end
        if window_start is not UNSET:
            field_dict["window_start"] = window_start

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        indicator = d.pop("indicator")

        def _parse_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                at_type_0 = datetime.datetime.fromisoformat(data)

                return at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        at = _parse_at(d.pop("at", UNSET))

        def _parse_good(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        good = _parse_good(d.pop("good", UNSET))

        def _parse_total(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        def _parse_window_end(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                window_end_type_0 = datetime.datetime.fromisoformat(data)

                return window_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        window_end = _parse_window_end(d.pop("window_end", UNSET))

        def _parse_window_start(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                window_start_type_0 = datetime.datetime.fromisoformat(data)

                return window_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        window_start = _parse_window_start(d.pop("window_start", UNSET))

        measurement_input = cls(
            indicator=indicator,
            at=at,
            good=good,
            total=total,
            value=value,
            window_end=window_end,
            window_start=window_start,
        )

        measurement_input.additional_properties = d
        return measurement_input

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
