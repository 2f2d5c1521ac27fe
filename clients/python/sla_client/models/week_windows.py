from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.time_window import TimeWindow


T = TypeVar("T", bound="WeekWindows")


@_attrs_define
class WeekWindows:
    """Week windows

    Attributes:
        fri (list[TimeWindow]): Friday's open windows
        mon (list[TimeWindow]): Monday's open windows
        sat (list[TimeWindow]): Saturday's open windows
        sun (list[TimeWindow]): Sunday's open windows
        thu (list[TimeWindow]): Thursday's open windows
        tue (list[TimeWindow]): Tuesday's open windows
        wed (list[TimeWindow]): Wednesday's open windows
    """

    fri: list[TimeWindow]
    mon: list[TimeWindow]
    sat: list[TimeWindow]
    sun: list[TimeWindow]
    thu: list[TimeWindow]
    tue: list[TimeWindow]
    wed: list[TimeWindow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fri = []
        for fri_item_data in self.fri:
            fri_item = fri_item_data.to_dict()
            fri.append(fri_item)

        mon = []
        for mon_item_data in self.mon:
            mon_item = mon_item_data.to_dict()
            mon.append(mon_item)

        sat = []
        for sat_item_data in self.sat:
            sat_item = sat_item_data.to_dict()
            sat.append(sat_item)

        sun = []
        for sun_item_data in self.sun:
            sun_item = sun_item_data.to_dict()
            sun.append(sun_item)

        thu = []
        for thu_item_data in self.thu:
            thu_item = thu_item_data.to_dict()
            thu.append(thu_item)

        tue = []
        for tue_item_data in self.tue:
            tue_item = tue_item_data.to_dict()
            tue.append(tue_item)

        wed = []
        for wed_item_data in self.wed:
            wed_item = wed_item_data.to_dict()
            wed.append(wed_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fri": fri,
                "mon": mon,
                "sat": sat,
                "sun": sun,
                "thu": thu,
                "tue": tue,
                "wed": wed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.time_window import TimeWindow  # noqa: PLC0415

        d = dict(src_dict)
        fri = []
        _fri = d.pop("fri")
        for fri_item_data in _fri:
            fri_item = TimeWindow.from_dict(fri_item_data)

            fri.append(fri_item)

        mon = []
        _mon = d.pop("mon")
        for mon_item_data in _mon:
            mon_item = TimeWindow.from_dict(mon_item_data)

            mon.append(mon_item)

        sat = []
        _sat = d.pop("sat")
        for sat_item_data in _sat:
            sat_item = TimeWindow.from_dict(sat_item_data)

            sat.append(sat_item)

        sun = []
        _sun = d.pop("sun")
        for sun_item_data in _sun:
            sun_item = TimeWindow.from_dict(sun_item_data)

            sun.append(sun_item)

        thu = []
        _thu = d.pop("thu")
        for thu_item_data in _thu:
            thu_item = TimeWindow.from_dict(thu_item_data)

            thu.append(thu_item)

        tue = []
        _tue = d.pop("tue")
        for tue_item_data in _tue:
            tue_item = TimeWindow.from_dict(tue_item_data)

            tue.append(tue_item)

        wed = []
        _wed = d.pop("wed")
        for wed_item_data in _wed:
            wed_item = TimeWindow.from_dict(wed_item_data)

            wed.append(wed_item)

        week_windows = cls(
            fri=fri,
            mon=mon,
            sat=sat,
            sun=sun,
            thu=thu,
            tue=tue,
            wed=wed,
        )

        week_windows.additional_properties = d
        return week_windows

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
