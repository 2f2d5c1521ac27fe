from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.review_cycle_out import ReviewCycleOut
    from ..models.review_out import ReviewOut


T = TypeVar("T", bound="AgreementReviews")


@_attrs_define
class AgreementReviews:
    """Agreement reviews

    Attributes:
        agreement_id (UUID): The agreement's id (UUID)
        cycle (None | ReviewCycleOut): The review cycle
        items (list[ReviewOut]): This page's items
    """

    agreement_id: UUID
    cycle: None | ReviewCycleOut
    items: list[ReviewOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.review_cycle_out import ReviewCycleOut  # noqa: PLC0415

        agreement_id = str(self.agreement_id)

        cycle: dict[str, Any] | None
        if isinstance(self.cycle, ReviewCycleOut):
            cycle = self.cycle.to_dict()
        else:
            cycle = self.cycle

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "cycle": cycle,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.review_cycle_out import ReviewCycleOut  # noqa: PLC0415
        from ..models.review_out import ReviewOut  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = UUID(d.pop("agreement_id"))

        def _parse_cycle(data: object) -> None | ReviewCycleOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cycle_type_0 = ReviewCycleOut.from_dict(data)

                return cycle_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewCycleOut, data)

        cycle = _parse_cycle(d.pop("cycle"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ReviewOut.from_dict(items_item_data)

            items.append(items_item)

        agreement_reviews = cls(
            agreement_id=agreement_id,
            cycle=cycle,
            items=items,
        )

        agreement_reviews.additional_properties = d
        return agreement_reviews

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
