from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.indicator_view import IndicatorView


T = TypeVar("T", bound="IndicatorsView")


@_attrs_define
class IndicatorsView:
    """Indicators view

    Attributes:
        agreement_id (UUID): The agreement's id (UUID)
        as_of (datetime.datetime): The instant the figures are computed at (RFC 3339, UTC)
        indicators (list[IndicatorView]): The measured service level indicators
    """

    agreement_id: UUID
    as_of: datetime.datetime
    indicators: list[IndicatorView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_id = str(self.agreement_id)

        as_of = self.as_of.isoformat()

        indicators = []
        for indicators_item_data in self.indicators:
            indicators_item = indicators_item_data.to_dict()
            indicators.append(indicators_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_id": agreement_id,
                "as_of": as_of,
                "indicators": indicators,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.indicator_view import IndicatorView  # noqa: PLC0415

        d = dict(src_dict)
        agreement_id = UUID(d.pop("agreement_id"))

        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))

        indicators = []
        _indicators = d.pop("indicators")
        for indicators_item_data in _indicators:
            indicators_item = IndicatorView.from_dict(indicators_item_data)

            indicators.append(indicators_item)

        indicators_view = cls(
            agreement_id=agreement_id,
            as_of=as_of,
            indicators=indicators,
        )

        indicators_view.additional_properties = d
        return indicators_view

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
