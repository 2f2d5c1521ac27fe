from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="ResolutionInput")


@_attrs_define
class ResolutionInput:
    """Request body: resolution input

    Attributes:
        outcome (str): How it ended
        adjustment (Money | None | Unset): An agreed credit adjustment (exact money)
    """

    outcome: str
    adjustment: Money | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.money import Money  # noqa: PLC0415

        outcome = self.outcome

        adjustment: dict[str, Any] | None | Unset
        if isinstance(self.adjustment, Unset):
            adjustment = UNSET
        elif isinstance(self.adjustment, Money):
            adjustment = self.adjustment.to_dict()
        else:
            adjustment = self.adjustment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
            }
        )
        if adjustment is not UNSET:
            field_dict["adjustment"] = adjustment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        outcome = d.pop("outcome")

        def _parse_adjustment(data: object) -> Money | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                adjustment_type_0 = Money.from_dict(data)

                return adjustment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None | Unset, data)

        adjustment = _parse_adjustment(d.pop("adjustment", UNSET))

        resolution_input = cls(
            outcome=outcome,
            adjustment=adjustment,
        )

        resolution_input.additional_properties = d
        return resolution_input

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
