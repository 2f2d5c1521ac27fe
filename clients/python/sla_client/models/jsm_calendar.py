from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jsm_calendar_public_holidays_type_0 import JsmCalendarPublicHolidaysType0
    from ..models.jsm_holiday import JsmHoliday
    from ..models.jsm_working_time import JsmWorkingTime


T = TypeVar("T", bound="JsmCalendar")


@_attrs_define
class JsmCalendar:
    """Jsm calendar

    Attributes:
        name (str): A human name
        holidays (list[JsmHoliday] | Unset): Public holidays observed (country and subdivision)
        key (None | str | Unset): A key unique within the agreement
        public_holidays (JsmCalendarPublicHolidaysType0 | None | Unset): The public-holiday region the export names
            (`country`, `subdivision`)
        time_zone (None | str | Unset): The calendar's time zone (IANA name)
        working_time (list[JsmWorkingTime] | Unset): The working hours: a day of the week with the time it starts and
            ends
    """

    name: str
    holidays: list[JsmHoliday] | Unset = UNSET
    key: None | str | Unset = UNSET
    public_holidays: JsmCalendarPublicHolidaysType0 | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET
    working_time: list[JsmWorkingTime] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.jsm_calendar_public_holidays_type_0 import JsmCalendarPublicHolidaysType0  # noqa: PLC0415

        name = self.name

        holidays: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.holidays, Unset):
            holidays = []
            for holidays_item_data in self.holidays:
                holidays_item = holidays_item_data.to_dict()
                holidays.append(holidays_item)

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        public_holidays: dict[str, Any] | None | Unset
        if isinstance(self.public_holidays, Unset):
            public_holidays = UNSET
        elif isinstance(self.public_holidays, JsmCalendarPublicHolidaysType0):
            public_holidays = self.public_holidays.to_dict()
        else:
            public_holidays = self.public_holidays

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        working_time: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.working_time, Unset):
            working_time = []
            for working_time_item_data in self.working_time:
                working_time_item = working_time_item_data.to_dict()
                working_time.append(working_time_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if key is not UNSET:
            field_dict["key"] = key
        if public_holidays is not UNSET:
            field_dict["publicHolidays"] = public_holidays
        if time_zone is not UNSET:
            field_dict["timeZone"] = time_zone
        if working_time is not UNSET:
            field_dict["workingTime"] = working_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jsm_calendar_public_holidays_type_0 import JsmCalendarPublicHolidaysType0  # noqa: PLC0415
        from ..models.jsm_holiday import JsmHoliday  # noqa: PLC0415
        from ..models.jsm_working_time import JsmWorkingTime  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _holidays = d.pop("holidays", UNSET)
        holidays: list[JsmHoliday] | Unset = UNSET
        if _holidays is not UNSET:
            holidays = []
            for holidays_item_data in _holidays:
                holidays_item = JsmHoliday.from_dict(holidays_item_data)

                holidays.append(holidays_item)

        def _parse_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        def _parse_public_holidays(data: object) -> JsmCalendarPublicHolidaysType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                public_holidays_type_0 = JsmCalendarPublicHolidaysType0.from_dict(data)

                return public_holidays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsmCalendarPublicHolidaysType0 | None | Unset, data)

        public_holidays = _parse_public_holidays(d.pop("publicHolidays", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("timeZone", UNSET))

        _working_time = d.pop("workingTime", UNSET)
        working_time: list[JsmWorkingTime] | Unset = UNSET
        if _working_time is not UNSET:
            working_time = []
            for working_time_item_data in _working_time:
                working_time_item = JsmWorkingTime.from_dict(working_time_item_data)

                working_time.append(working_time_item)

        jsm_calendar = cls(
            name=name,
            holidays=holidays,
            key=key,
            public_holidays=public_holidays,
            time_zone=time_zone,
            working_time=working_time,
        )

        jsm_calendar.additional_properties = d
        return jsm_calendar

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
