from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TargetOutcome")


@_attrs_define
class TargetOutcome:
    """Target outcome

    Attributes:
        attainment (None | str): Percent of clocks due that were met, or availability in percent (exact)
        breached (int): Clocks breached
        compliance_target (None | str): Share of tickets that must meet the target in the period (percentage)
        due (int): Clocks due
        met (int): Clocks met
        met_compliance (bool | None): Whether the attainment reaches the compliance target (or the availability
            percentage)
        target (None | str): The agreed target (ISO 8601 duration or percentage)
    """

    attainment: None | str
    breached: int
    compliance_target: None | str
    due: int
    met: int
    met_compliance: bool | None
    target: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attainment: None | str
        attainment = self.attainment

        breached = self.breached

        compliance_target: None | str
        compliance_target = self.compliance_target

        due = self.due

        met = self.met

        met_compliance: bool | None
        met_compliance = self.met_compliance

        target: None | str
        target = self.target

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attainment": attainment,
                "breached": breached,
                "compliance_target": compliance_target,
                "due": due,
                "met": met,
                "met_compliance": met_compliance,
                "target": target,
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

        breached = d.pop("breached")

        def _parse_compliance_target(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        compliance_target = _parse_compliance_target(d.pop("compliance_target"))

        due = d.pop("due")

        met = d.pop("met")

        def _parse_met_compliance(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        met_compliance = _parse_met_compliance(d.pop("met_compliance"))

        def _parse_target(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        target = _parse_target(d.pop("target"))

        target_outcome = cls(
            attainment=attainment,
            breached=breached,
            compliance_target=compliance_target,
            due=due,
            met=met,
            met_compliance=met_compliance,
            target=target,
        )

        target_outcome.additional_properties = d
        return target_outcome

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
