from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.closure_input import ClosureInput
    from ..models.holidays_input import HolidaysInput
    from ..models.special_hours_input import SpecialHoursInput
    from ..models.weekly_windows import WeeklyWindows


T = TypeVar("T", bound="CalendarInput")


@_attrs_define
class CalendarInput:
    """Request body: calendar input

    Attributes:
        name (str): A human name
        timezone (str): IANA time zone
        closures (list[ClosureInput] | Unset): Dates on which the calendar is closed
        holidays (HolidaysInput | None | Unset): Public holidays observed (country and subdivision)
        special_hours (list[SpecialHoursInput] | Unset): Dates with hours other than the weekly ones
        weekly_windows (WeeklyWindows | Unset): Weekly windows
    """

    name: str
    timezone: str
    closures: list[ClosureInput] | Unset = UNSET
    holidays: HolidaysInput | None | Unset = UNSET
    special_hours: list[SpecialHoursInput] | Unset = UNSET
    weekly_windows: WeeklyWindows | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.holidays_input import HolidaysInput  # noqa: PLC0415

        name = self.name

        timezone = self.timezone

        closures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.closures, Unset):
            closures = []
            for closures_item_data in self.closures:
                closures_item = closures_item_data.to_dict()
                closures.append(closures_item)

        holidays: dict[str, Any] | None | Unset
        if isinstance(self.holidays, Unset):
            holidays = UNSET
        elif isinstance(self.holidays, HolidaysInput):
            holidays = self.holidays.to_dict()
        else:
            holidays = self.holidays

        special_hours: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.special_hours, Unset):
            special_hours = []
            for special_hours_item_data in self.special_hours:
                special_hours_item = special_hours_item_data.to_dict()
                special_hours.append(special_hours_item)

        weekly_windows: dict[str, Any] | Unset = UNSET
        if not isinstance(self.weekly_windows, Unset):
            weekly_windows = self.weekly_windows.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "timezone": timezone,
            }
        )
        if closures is not UNSET:
            field_dict["closures"] = closures
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if special_hours is not UNSET:
            field_dict["special_hours"] = special_hours
        if weekly_windows is not UNSET:
            field_dict["weekly_windows"] = weekly_windows

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.closure_input import ClosureInput  # noqa: PLC0415
        from ..models.holidays_input import HolidaysInput  # noqa: PLC0415
        from ..models.special_hours_input import SpecialHoursInput  # noqa: PLC0415
        from ..models.weekly_windows import WeeklyWindows  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        timezone = d.pop("timezone")

        _closures = d.pop("closures", UNSET)
        closures: list[ClosureInput] | Unset = UNSET
        if _closures is not UNSET:
            closures = []
            for closures_item_data in _closures:
                closures_item = ClosureInput.from_dict(closures_item_data)

                closures.append(closures_item)

        def _parse_holidays(data: object) -> HolidaysInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                holidays_type_0 = HolidaysInput.from_dict(data)

                return holidays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HolidaysInput | None | Unset, data)

        holidays = _parse_holidays(d.pop("holidays", UNSET))

        _special_hours = d.pop("special_hours", UNSET)
        special_hours: list[SpecialHoursInput] | Unset = UNSET
        if _special_hours is not UNSET:
            special_hours = []
            for special_hours_item_data in _special_hours:
                special_hours_item = SpecialHoursInput.from_dict(special_hours_item_data)

                special_hours.append(special_hours_item)

        _weekly_windows = d.pop("weekly_windows", UNSET)
        weekly_windows: WeeklyWindows | Unset
        if isinstance(_weekly_windows, Unset):
            weekly_windows = UNSET
        else:
            weekly_windows = WeeklyWindows.from_dict(_weekly_windows)

        calendar_input = cls(
            name=name,
            timezone=timezone,
            closures=closures,
            holidays=holidays,
            special_hours=special_hours,
            weekly_windows=weekly_windows,
        )

        calendar_input.additional_properties = d
        return calendar_input

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
