from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Holidays")


@_attrs_define
class Holidays:
    """Holidays

    Attributes:
        country (str): ISO 3166-1 alpha-2 country code of the public holidays
        subdivision (None | str | Unset): ISO 3166-2 subdivision of the public holidays
    """

    country: str
    subdivision: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        subdivision: None | str | Unset
        if isinstance(self.subdivision, Unset):
            subdivision = UNSET
        else:
            subdivision = self.subdivision

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country": country,
            }
        )
        if subdivision is not UNSET:
            field_dict["subdivision"] = subdivision

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country = d.pop("country")

        def _parse_subdivision(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subdivision = _parse_subdivision(d.pop("subdivision", UNSET))

        holidays = cls(
            country=country,
            subdivision=subdivision,
        )

        return holidays
