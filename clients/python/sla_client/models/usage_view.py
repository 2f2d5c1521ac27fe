from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UsageView")


@_attrs_define
class UsageView:
    """Usage view

    Attributes:
        id (UUID): The object's id (UUID)
        occurred_at (datetime.datetime): When it happened (RFC 3339, UTC)
        price_code (str): The code of the cost line
        quantity (str): How many units, as an exact decimal string
        usage_id (str): The caller's id for this usage report; repeats are no-ops
    """

    id: UUID
    occurred_at: datetime.datetime
    price_code: str
    quantity: str
    usage_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        price_code = self.price_code

        quantity = self.quantity

        usage_id = self.usage_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "occurred_at": occurred_at,
                "price_code": price_code,
                "quantity": quantity,
                "usage_id": usage_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        price_code = d.pop("price_code")

        quantity = d.pop("quantity")

        usage_id = d.pop("usage_id")

        usage_view = cls(
            id=id,
            occurred_at=occurred_at,
            price_code=price_code,
            quantity=quantity,
            usage_id=usage_id,
        )

        usage_view.additional_properties = d
        return usage_view

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
