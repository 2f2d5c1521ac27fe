from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MeasurementsRecorded")


@_attrs_define
class MeasurementsRecorded:
    """Measurements recorded

    Attributes:
        events (list[str]): The alert events the new data caused, in order
        recorded (int): New measurements stored
        unchanged (int): Measurements sent again with the same figures (no change)
    """

    events: list[str]
    recorded: int
    unchanged: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        events = self.events

        recorded = self.recorded

        unchanged = self.unchanged

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "events": events,
                "recorded": recorded,
                "unchanged": unchanged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        events = cast(list[str], d.pop("events"))

        recorded = d.pop("recorded")

        unchanged = d.pop("unchanged")

        measurements_recorded = cls(
            events=events,
            recorded=recorded,
            unchanged=unchanged,
        )

        measurements_recorded.additional_properties = d
        return measurements_recorded

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
