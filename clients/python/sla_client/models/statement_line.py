from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatementLine")


@_attrs_define
class StatementLine:
    """Statement line

    Attributes:
        amount (str): An exact decimal string, never a float (e.g. `1234.50`)
        code (str): A stable machine-readable code
        currency (str): ISO 4217 currency code
        description (str): A human description
        quantity (str): How many units, as an exact decimal string
        type_ (str): The type
        unit (str): What one unit is (`month`, `ticket`, `hour`, …)
        unit_amount (str): The price of one unit (exact decimal)
        version (int): The version (for `If-Match` and optimistic concurrency)
    """

    amount: str
    code: str
    currency: str
    description: str
    quantity: str
    type_: str
    unit: str
    unit_amount: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        code = self.code

        currency = self.currency

        description = self.description

        quantity = self.quantity

        type_ = self.type_

        unit = self.unit

        unit_amount = self.unit_amount

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "code": code,
                "currency": currency,
                "description": description,
                "quantity": quantity,
                "type": type_,
                "unit": unit,
                "unit_amount": unit_amount,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        code = d.pop("code")

        currency = d.pop("currency")

        description = d.pop("description")

        quantity = d.pop("quantity")

        type_ = d.pop("type")

        unit = d.pop("unit")

        unit_amount = d.pop("unit_amount")

        version = d.pop("version")

        statement_line = cls(
            amount=amount,
            code=code,
            currency=currency,
            description=description,
            quantity=quantity,
            type_=type_,
            unit=unit,
            unit_amount=unit_amount,
            version=version,
        )

        statement_line.additional_properties = d
        return statement_line

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
