from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ErrorBudgetView")


@_attrs_define
class ErrorBudgetView:
    """Error budget view

    Attributes:
        allowed_bad (str): How many events may be bad in the window so far: (1 − objective) × total (exact decimal)
        consumed_bad (int): How many events were bad in the window so far
        exhausted (bool): Whether the error budget is spent (remaining at or below 0)
        remaining_percent (str): The error budget remaining, in percent: 100 untouched, 0 spent, negative overspent
    """

    allowed_bad: str
    consumed_bad: int
    exhausted: bool
    remaining_percent: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed_bad = self.allowed_bad

        consumed_bad = self.consumed_bad

        exhausted = self.exhausted

        remaining_percent = self.remaining_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowed_bad": allowed_bad,
                "consumed_bad": consumed_bad,
                "exhausted": exhausted,
                "remaining_percent": remaining_percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_bad = d.pop("allowed_bad")

        consumed_bad = d.pop("consumed_bad")

        exhausted = d.pop("exhausted")

        remaining_percent = d.pop("remaining_percent")

        error_budget_view = cls(
            allowed_bad=allowed_bad,
            consumed_bad=consumed_bad,
            exhausted=exhausted,
            remaining_percent=remaining_percent,
        )

        error_budget_view.additional_properties = d
        return error_budget_view

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
