from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MeasuredEvidence")


@_attrs_define
class MeasuredEvidence:
    """Measured evidence

    Attributes:
        attainment (str): Percent of events good (truncated to 4 decimals; null without events)
        good (int): Good events
        indicator (str): The indicator's key in the verification clause
        total (int): All events
    """

    attainment: str
    good: int
    indicator: str
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attainment = self.attainment

        good = self.good

        indicator = self.indicator

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attainment": attainment,
                "good": good,
                "indicator": indicator,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attainment = d.pop("attainment")

        good = d.pop("good")

        indicator = d.pop("indicator")

        total = d.pop("total")

        measured_evidence = cls(
            attainment=attainment,
            good=good,
            indicator=indicator,
            total=total,
        )

        measured_evidence.additional_properties = d
        return measured_evidence

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
