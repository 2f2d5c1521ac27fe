from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.price_line_billing_period import PriceLineBillingPeriod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money import Money


T = TypeVar("T", bound="PriceLine")


@_attrs_define
class PriceLine:
    """Price line

    Attributes:
        amount (Money): Money
        code (str): A stable machine-readable code
        description (str): A human description
        unit (str): What one unit is (`month`, `ticket`, `hour`, …)
        billing_period (PriceLineBillingPeriod | Unset): How often the line is billed Default:
            PriceLineBillingPeriod.MONTH.
    """

    amount: Money
    code: str
    description: str
    unit: str
    billing_period: PriceLineBillingPeriod | Unset = PriceLineBillingPeriod.MONTH

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount.to_dict()

        code = self.code

        description = self.description

        unit = self.unit

        billing_period: str | Unset = UNSET
        if not isinstance(self.billing_period, Unset):
            billing_period = self.billing_period.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "code": code,
                "description": description,
                "unit": unit,
            }
        )
        if billing_period is not UNSET:
            field_dict["billing_period"] = billing_period

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        amount = Money.from_dict(d.pop("amount"))

        code = d.pop("code")

        description = d.pop("description")

        unit = d.pop("unit")

        _billing_period = d.pop("billing_period", UNSET)
        billing_period: PriceLineBillingPeriod | Unset
        if isinstance(_billing_period, Unset):
            billing_period = UNSET
        else:
            billing_period = PriceLineBillingPeriod(_billing_period)

        price_line = cls(
            amount=amount,
            code=code,
            description=description,
            unit=unit,
            billing_period=billing_period,
        )

        return price_line
