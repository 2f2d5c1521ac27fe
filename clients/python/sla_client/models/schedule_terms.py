from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.closure import Closure
    from ..models.holidays import Holidays
    from ..models.schedule_terms_weekly_windows import ScheduleTermsWeeklyWindows


T = TypeVar("T", bound="ScheduleTerms")


@_attrs_define
class ScheduleTerms:
    """Schedule terms

    Attributes:
        calendar_id (None | str | Unset): The calendar's id (UUID)
        closures (list[Closure] | Unset): Dates on which the calendar is closed
        holidays (Holidays | None | Unset): Public holidays observed (country and subdivision)
        timezone (None | str | Unset): An IANA time zone (e.g. `Europe/Berlin`)
        weekly_windows (ScheduleTermsWeeklyWindows | Unset): The open windows per weekday
    """

    calendar_id: None | str | Unset = UNSET
    closures: list[Closure] | Unset = UNSET
    holidays: Holidays | None | Unset = UNSET
    timezone: None | str | Unset = UNSET
    weekly_windows: ScheduleTermsWeeklyWindows | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.holidays import Holidays  # noqa: PLC0415

        calendar_id: None | str | Unset
        if isinstance(self.calendar_id, Unset):
            calendar_id = UNSET
        else:
            calendar_id = self.calendar_id

        closures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.closures, Unset):
            closures = []
            for closures_item_data in self.closures:
                closures_item = closures_item_data.to_dict()
                closures.append(closures_item)

        holidays: dict[str, Any] | None | Unset
        if isinstance(self.holidays, Unset):
            holidays = UNSET
        elif isinstance(self.holidays, Holidays):
            holidays = self.holidays.to_dict()
        else:
            holidays = self.holidays

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        weekly_windows: dict[str, Any] | Unset = UNSET
        if not isinstance(self.weekly_windows, Unset):
            weekly_windows = self.weekly_windows.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if calendar_id is not UNSET:
            field_dict["calendar_id"] = calendar_id
        if closures is not UNSET:
            field_dict["closures"] = closures
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if weekly_windows is not UNSET:
            field_dict["weekly_windows"] = weekly_windows

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.closure import Closure  # noqa: PLC0415
        from ..models.holidays import Holidays  # noqa: PLC0415
        from ..models.schedule_terms_weekly_windows import ScheduleTermsWeeklyWindows  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_calendar_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id", UNSET))

        _closures = d.pop("closures", UNSET)
        closures: list[Closure] | Unset = UNSET
        if _closures is not UNSET:
            closures = []
            for closures_item_data in _closures:
                closures_item = Closure.from_dict(closures_item_data)

                closures.append(closures_item)

        def _parse_holidays(data: object) -> Holidays | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                holidays_type_0 = Holidays.from_dict(data)

                return holidays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Holidays | None | Unset, data)

        holidays = _parse_holidays(d.pop("holidays", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        _weekly_windows = d.pop("weekly_windows", UNSET)
        weekly_windows: ScheduleTermsWeeklyWindows | Unset
        if isinstance(_weekly_windows, Unset):
            weekly_windows = UNSET
        else:
            weekly_windows = ScheduleTermsWeeklyWindows.from_dict(_weekly_windows)

        schedule_terms = cls(
            calendar_id=calendar_id,
            closures=closures,
            holidays=holidays,
            timezone=timezone,
            weekly_windows=weekly_windows,
        )

        return schedule_terms
