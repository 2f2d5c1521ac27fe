from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HolidayRegion")


@_attrs_define
class HolidayRegion:
    """Holiday region

    Attributes:
        country (str): ISO 3166-1 alpha-2 country code of the public holidays
        subdivision (None | str): ISO 3166-2 subdivision of the public holidays
    """

    country: str
    subdivision: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        subdivision: None | str
        subdivision = self.subdivision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "country": country,
                "subdivision": subdivision,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country = d.pop("country")

        def _parse_subdivision(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subdivision = _parse_subdivision(d.pop("subdivision"))

        holiday_region = cls(
            country=country,
            subdivision=subdivision,
        )

        holiday_region.additional_properties = d
        return holiday_region

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
