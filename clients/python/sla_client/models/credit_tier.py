from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreditTier")


@_attrs_define
class CreditTier:
    """Credit tier

    Attributes:
        below (str): Attainment below this percentage earns the tier's credit
        credit_percent (str): The credit, as a percentage of the backed price lines
        price_lines (list[str] | Unset): The price lines
    """

    below: str
    credit_percent: str
    price_lines: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        below = self.below

        credit_percent = self.credit_percent

        price_lines: list[str] | Unset = UNSET
        if not isinstance(self.price_lines, Unset):
            price_lines = self.price_lines

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "below": below,
                "credit_percent": credit_percent,
            }
        )
        if price_lines is not UNSET:
            field_dict["price_lines"] = price_lines

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        below = d.pop("below")

        credit_percent = d.pop("credit_percent")

        price_lines = cast(list[str], d.pop("price_lines", UNSET))

        credit_tier = cls(
            below=below,
            credit_percent=credit_percent,
            price_lines=price_lines,
        )

        return credit_tier
