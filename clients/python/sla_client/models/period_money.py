from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.credit_outcome import CreditOutcome
    from ..models.simulated_amount import SimulatedAmount


T = TypeVar("T", bound="PeriodMoney")


@_attrs_define
class PeriodMoney:
    """Period money

    Attributes:
        charges (list[SimulatedAmount]): The recurring fees of the whole month, per currency
        credits_ (list[CreditOutcome]): The service credits the month's attainment earns
        totals (list[SimulatedAmount]): Charges less credits, per currency
    """

    charges: list[SimulatedAmount]
    credits_: list[CreditOutcome]
    totals: list[SimulatedAmount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        charges = []
        for charges_item_data in self.charges:
            charges_item = charges_item_data.to_dict()
            charges.append(charges_item)

        credits_ = []
        for credits_item_data in self.credits_:
            credits_item = credits_item_data.to_dict()
            credits_.append(credits_item)

        totals = []
        for totals_item_data in self.totals:
            totals_item = totals_item_data.to_dict()
            totals.append(totals_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "charges": charges,
                "credits": credits_,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credit_outcome import CreditOutcome  # noqa: PLC0415
        from ..models.simulated_amount import SimulatedAmount  # noqa: PLC0415

        d = dict(src_dict)
        charges = []
        _charges = d.pop("charges")
        for charges_item_data in _charges:
            charges_item = SimulatedAmount.from_dict(charges_item_data)

            charges.append(charges_item)

        credits_ = []
        _credits_ = d.pop("credits")
        for credits_item_data in _credits_:
            credits_item = CreditOutcome.from_dict(credits_item_data)

            credits_.append(credits_item)

        totals = []
        _totals = d.pop("totals")
        for totals_item_data in _totals:
            totals_item = SimulatedAmount.from_dict(totals_item_data)

            totals.append(totals_item)

        period_money = cls(
            charges=charges,
            credits_=credits_,
            totals=totals,
        )

        period_money.additional_properties = d
        return period_money

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
