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


T = TypeVar("T", bound="CalendarUpdate")


@_attrs_define
class CalendarUpdate:
    """Request body: calendar update

    Attributes:
        closures (list[ClosureInput] | Unset): Dates on which the calendar is closed
        holidays (HolidaysInput | None | Unset): Public holidays observed (country and subdivision)
        name (str | Unset): A human name
        special_hours (list[SpecialHoursInput] | Unset): Dates with hours other than the weekly ones
        timezone (str | Unset): An IANA time zone (e.g. `Europe/Berlin`)
        weekly_windows (WeeklyWindows | Unset): Weekly windows
    """

    closures: list[ClosureInput] | Unset = UNSET
    holidays: HolidaysInput | None | Unset = UNSET
    name: str | Unset = UNSET
    special_hours: list[SpecialHoursInput] | Unset = UNSET
    timezone: str | Unset = UNSET
    weekly_windows: WeeklyWindows | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.holidays_input import HolidaysInput  # noqa: PLC0415

        closures: list[dict[str, Any]] | Unset
        if isinstance(self.closures, Unset):
            closures = UNSET
        else:
            closures = []
            for closures_type_0_item_data in self.closures:
                closures_type_0_item = closures_type_0_item_data.to_dict()
                closures.append(closures_type_0_item)

        holidays: dict[str, Any] | None | Unset
        if isinstance(self.holidays, Unset):
            holidays = UNSET
        elif isinstance(self.holidays, HolidaysInput):
            holidays = self.holidays.to_dict()
        else:
            holidays = self.holidays

        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        special_hours: list[dict[str, Any]] | Unset
        if isinstance(self.special_hours, Unset):
            special_hours = UNSET
        else:
            special_hours = []
            for special_hours_type_0_item_data in self.special_hours:
                special_hours_type_0_item = special_hours_type_0_item_data.to_dict()
                special_hours.append(special_hours_type_0_item)

        timezone: str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        weekly_windows: dict[str, Any] | Unset = UNSET
        if not isinstance(self.weekly_windows, Unset):
            weekly_windows = self.weekly_windows.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if closures is not UNSET:
            field_dict["closures"] = closures
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if name is not UNSET:
            field_dict["name"] = name
        if special_hours is not UNSET:
            field_dict["special_hours"] = special_hours
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
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

        def _parse_closures(data: object) -> list[ClosureInput] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            closures_type_0 = []
            _closures_type_0 = data
            for closures_type_0_item_data in _closures_type_0:
                closures_type_0_item = ClosureInput.from_dict(closures_type_0_item_data)

                closures_type_0.append(closures_type_0_item)

            return closures_type_0

        closures = _parse_closures(d.pop("closures", UNSET))

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

        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_special_hours(data: object) -> list[SpecialHoursInput] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            special_hours_type_0 = []
            _special_hours_type_0 = data
            for special_hours_type_0_item_data in _special_hours_type_0:
                special_hours_type_0_item = SpecialHoursInput.from_dict(special_hours_type_0_item_data)

                special_hours_type_0.append(special_hours_type_0_item)

            return special_hours_type_0

        special_hours = _parse_special_hours(d.pop("special_hours", UNSET))

        def _parse_timezone(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        _weekly_windows = d.pop("weekly_windows", UNSET)
        weekly_windows: WeeklyWindows | Unset
        if isinstance(_weekly_windows, Unset):
            weekly_windows = UNSET
        else:
            weekly_windows = WeeklyWindows.from_dict(_weekly_windows)

        calendar_update = cls(
            closures=closures,
            holidays=holidays,
            name=name,
            special_hours=special_hours,
            timezone=timezone,
            weekly_windows=weekly_windows,
        )

        calendar_update.additional_properties = d
        return calendar_update

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
