from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.period_money import PeriodMoney
    from ..models.simulated_amount import SimulatedAmount


T = TypeVar("T", bound="PeriodComparison")


@_attrs_define
class PeriodComparison:
    """Period comparison

    Attributes:
        accepted (None | PeriodMoney): Under the accepted version (null without one)
        difference (list[SimulatedAmount]): Simulated totals minus accepted totals, per currency
        period (str): A calendar month (`YYYY-MM`)
        proposed (PeriodMoney): Period money
    """

    accepted: None | PeriodMoney
    difference: list[SimulatedAmount]
    period: str
    proposed: PeriodMoney
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.period_money import PeriodMoney  # noqa: PLC0415

        accepted: dict[str, Any] | None
        if isinstance(self.accepted, PeriodMoney):
            accepted = self.accepted.to_dict()
        else:
            accepted = self.accepted

        difference = []
        for difference_item_data in self.difference:
            difference_item = difference_item_data.to_dict()
            difference.append(difference_item)

        period = self.period

        proposed = self.proposed.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "difference": difference,
                "period": period,
                "proposed": proposed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.period_money import PeriodMoney  # noqa: PLC0415
        from ..models.simulated_amount import SimulatedAmount  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_accepted(data: object) -> None | PeriodMoney:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                accepted_type_0 = PeriodMoney.from_dict(data)

                return accepted_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PeriodMoney, data)

        accepted = _parse_accepted(d.pop("accepted"))

        difference = []
        _difference = d.pop("difference")
        for difference_item_data in _difference:
            difference_item = SimulatedAmount.from_dict(difference_item_data)

            difference.append(difference_item)

        period = d.pop("period")

        proposed = PeriodMoney.from_dict(d.pop("proposed"))

        period_comparison = cls(
            accepted=accepted,
            difference=difference,
            period=period,
            proposed=proposed,
        )

        period_comparison.additional_properties = d
        return period_comparison

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
