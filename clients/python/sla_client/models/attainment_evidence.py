from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AttainmentEvidence")


@_attrs_define
class AttainmentEvidence:
    """Attainment evidence

    Attributes:
        clocks_due (int | None | Unset): Ticket targets: clocks due in the period
        clocks_met (int | None | Unset): Ticket targets: of those, met
        downtime_seconds (int | None | Unset): Availability: downtime in whole seconds, overlaps counted once
        incidents (int | None | Unset): Availability: incidents counted in the period
    """

    clocks_due: int | None | Unset = UNSET
    clocks_met: int | None | Unset = UNSET
    downtime_seconds: int | None | Unset = UNSET
    incidents: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clocks_due: int | None | Unset
        if isinstance(self.clocks_due, Unset):
            clocks_due = UNSET
        else:
            clocks_due = self.clocks_due

        clocks_met: int | None | Unset
        if isinstance(self.clocks_met, Unset):
            clocks_met = UNSET
        else:
            clocks_met = self.clocks_met

        downtime_seconds: int | None | Unset
        if isinstance(self.downtime_seconds, Unset):
            downtime_seconds = UNSET
        else:
            downtime_seconds = self.downtime_seconds

        incidents: int | None | Unset
        if isinstance(self.incidents, Unset):
            incidents = UNSET
        else:
            incidents = self.incidents

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if clocks_due is not UNSET:
            field_dict["clocks_due"] = clocks_due
        if clocks_met is not UNSET:
            field_dict["clocks_met"] = clocks_met
        if downtime_seconds is not UNSET:
            field_dict["downtime_seconds"] = downtime_seconds
        if incidents is not UNSET:
            field_dict["incidents"] = incidents

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_clocks_due(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        clocks_due = _parse_clocks_due(d.pop("clocks_due", UNSET))

        def _parse_clocks_met(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        clocks_met = _parse_clocks_met(d.pop("clocks_met", UNSET))

        def _parse_downtime_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        downtime_seconds = _parse_downtime_seconds(d.pop("downtime_seconds", UNSET))

        def _parse_incidents(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        incidents = _parse_incidents(d.pop("incidents", UNSET))

        attainment_evidence = cls(
            clocks_due=clocks_due,
            clocks_met=clocks_met,
            downtime_seconds=downtime_seconds,
            incidents=incidents,
        )

        attainment_evidence.additional_properties = d
        return attainment_evidence

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
