from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SeriesPoint")


@_attrs_define
class SeriesPoint:
    """Series point

    Attributes:
        attainment (None | str): Percent of events good (truncated to 4 decimals; null without events)
        end (datetime.datetime): The end (exclusive)
        good (int): Good events
        start (datetime.datetime): The start (inclusive)
        total (int): All events
    """

    attainment: None | str
    end: datetime.datetime
    good: int
    start: datetime.datetime
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attainment: None | str
        attainment = self.attainment

        end = self.end.isoformat()

        good = self.good

        start = self.start.isoformat()

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attainment": attainment,
                "end": end,
                "good": good,
                "start": start,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_attainment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        attainment = _parse_attainment(d.pop("attainment"))

        end = datetime.datetime.fromisoformat(d.pop("end"))

        good = d.pop("good")

        start = datetime.datetime.fromisoformat(d.pop("start"))

        total = d.pop("total")

        series_point = cls(
            attainment=attainment,
            end=end,
            good=good,
            start=start,
            total=total,
        )

        series_point.additional_properties = d
        return series_point

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
