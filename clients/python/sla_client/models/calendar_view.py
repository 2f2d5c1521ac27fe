from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.closed_date import ClosedDate
    from ..models.holiday_region import HolidayRegion
    from ..models.special_hours import SpecialHours
    from ..models.week_windows import WeekWindows


T = TypeVar("T", bound="CalendarView")


@_attrs_define
class CalendarView:
    """Calendar view

    Attributes:
        builtin (bool): Whether this is the built-in 24×7 calendar
        closures (list[ClosedDate]): Dates on which the calendar is closed
        created_at (datetime.datetime | None): When it was created (RFC 3339, UTC)
        holidays (HolidayRegion | None): Public holidays observed (country and subdivision)
        id (UUID): The object's id (UUID)
        name (str): A human name
        owner_party_id (None | UUID): The party that owns it; null for shared calendars
        special_hours (list[SpecialHours]): Dates with hours other than the weekly ones
        timezone (str): An IANA time zone (e.g. `Europe/Berlin`)
        updated_at (datetime.datetime | None): When it last changed (RFC 3339, UTC)
        version (int): The version (for `If-Match` and optimistic concurrency)
        weekly_windows (WeekWindows): Week windows
    """

    builtin: bool
    closures: list[ClosedDate]
    created_at: datetime.datetime | None
    holidays: HolidayRegion | None
    id: UUID
    name: str
    owner_party_id: None | UUID
    special_hours: list[SpecialHours]
    timezone: str
    updated_at: datetime.datetime | None
    version: int
    weekly_windows: WeekWindows
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.holiday_region import HolidayRegion  # noqa: PLC0415

        builtin = self.builtin

        closures = []
        for closures_item_data in self.closures:
            closures_item = closures_item_data.to_dict()
            closures.append(closures_item)

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        holidays: dict[str, Any] | None
        if isinstance(self.holidays, HolidayRegion):
            holidays = self.holidays.to_dict()
        else:
            holidays = self.holidays

        id = str(self.id)

        name = self.name

        owner_party_id: None | str
        if isinstance(self.owner_party_id, UUID):
            owner_party_id = str(self.owner_party_id)
        else:
            owner_party_id = self.owner_party_id

        special_hours = []
        for special_hours_item_data in self.special_hours:
            special_hours_item = special_hours_item_data.to_dict()
            special_hours.append(special_hours_item)

        timezone = self.timezone

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        version = self.version

        weekly_windows = self.weekly_windows.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "builtin": builtin,
                "closures": closures,
                "created_at": created_at,
                "holidays": holidays,
                "id": id,
                "name": name,
                "owner_party_id": owner_party_id,
                "special_hours": special_hours,
                "timezone": timezone,
                "updated_at": updated_at,
                "version": version,
                "weekly_windows": weekly_windows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.closed_date import ClosedDate  # noqa: PLC0415
        from ..models.holiday_region import HolidayRegion  # noqa: PLC0415
        from ..models.special_hours import SpecialHours  # noqa: PLC0415
        from ..models.week_windows import WeekWindows  # noqa: PLC0415

        d = dict(src_dict)
        builtin = d.pop("builtin")

        closures = []
        _closures = d.pop("closures")
        for closures_item_data in _closures:
            closures_item = ClosedDate.from_dict(closures_item_data)

            closures.append(closures_item)

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        def _parse_holidays(data: object) -> HolidayRegion | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                holidays_type_0 = HolidayRegion.from_dict(data)

                return holidays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HolidayRegion | None, data)

        holidays = _parse_holidays(d.pop("holidays"))

        id = UUID(d.pop("id"))

        name = d.pop("name")

        def _parse_owner_party_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_party_id_type_0 = UUID(data)

                return owner_party_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        owner_party_id = _parse_owner_party_id(d.pop("owner_party_id"))

        special_hours = []
        _special_hours = d.pop("special_hours")
        for special_hours_item_data in _special_hours:
            special_hours_item = SpecialHours.from_dict(special_hours_item_data)

            special_hours.append(special_hours_item)

        timezone = d.pop("timezone")

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))

        version = d.pop("version")

        weekly_windows = WeekWindows.from_dict(d.pop("weekly_windows"))

        calendar_view = cls(
            builtin=builtin,
            closures=closures,
            created_at=created_at,
            holidays=holidays,
            id=id,
            name=name,
            owner_party_id=owner_party_id,
            special_hours=special_hours,
            timezone=timezone,
            updated_at=updated_at,
            version=version,
            weekly_windows=weekly_windows,
        )

        calendar_view.additional_properties = d
        return calendar_view

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
