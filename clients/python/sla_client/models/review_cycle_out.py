from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_cycle_source import ReviewCycleSource

T = TypeVar("T", bound="ReviewCycleOut")


@_attrs_define
class ReviewCycleOut:
    """Review cycle out

    Attributes:
        cadence (str): How often reviews recur (ISO 8601 duration, e.g. `P3M`)
        notice (None | str): How long before a review it is announced (ISO 8601 duration)
        participants (list[str]): Who takes part
        source (ReviewCycleSource): Review cycle source
    """

    cadence: str
    notice: None | str
    participants: list[str]
    source: ReviewCycleSource
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cadence = self.cadence

        notice: None | str
        notice = self.notice

        participants = self.participants

        source = self.source.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cadence": cadence,
                "notice": notice,
                "participants": participants,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cadence = d.pop("cadence")

        def _parse_notice(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notice = _parse_notice(d.pop("notice"))

        participants = cast(list[str], d.pop("participants"))

        source = ReviewCycleSource(d.pop("source"))

        review_cycle_out = cls(
            cadence=cadence,
            notice=notice,
            participants=participants,
            source=source,
        )

        review_cycle_out.additional_properties = d
        return review_cycle_out

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
