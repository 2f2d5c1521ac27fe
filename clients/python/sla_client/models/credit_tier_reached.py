from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreditTierReached")


@_attrs_define
class CreditTierReached:
    """Credit tier reached

    Attributes:
        below (str): Attainment below this percentage earns the tier's credit
        credit_percent (str): The credit, as a percentage of the backed price lines
    """

    below: str
    credit_percent: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        below = self.below

        credit_percent = self.credit_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "below": below,
                "credit_percent": credit_percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        below = d.pop("below")

        credit_percent = d.pop("credit_percent")

        credit_tier_reached = cls(
            below=below,
            credit_percent=credit_percent,
        )

        credit_tier_reached.additional_properties = d
        return credit_tier_reached

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
