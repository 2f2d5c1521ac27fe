from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.price_line import PriceLine


T = TypeVar("T", bound="CostTerms")


@_attrs_define
class CostTerms:
    """Cost terms

    Attributes:
        price_lines (list[PriceLine]): The price lines
        multi_currency (bool | Unset): Whether price lines may use more than one currency Default: False.
    """

    price_lines: list[PriceLine]
    multi_currency: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        price_lines = []
        for price_lines_item_data in self.price_lines:
            price_lines_item = price_lines_item_data.to_dict()
            price_lines.append(price_lines_item)

        multi_currency = self.multi_currency

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "price_lines": price_lines,
            }
        )
        if multi_currency is not UNSET:
            field_dict["multi_currency"] = multi_currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.price_line import PriceLine  # noqa: PLC0415

        d = dict(src_dict)
        price_lines = []
        _price_lines = d.pop("price_lines")
        for price_lines_item_data in _price_lines:
            price_lines_item = PriceLine.from_dict(price_lines_item_data)

            price_lines.append(price_lines_item)

        multi_currency = d.pop("multi_currency", UNSET)

        cost_terms = cls(
            price_lines=price_lines,
            multi_currency=multi_currency,
        )

        return cost_terms
