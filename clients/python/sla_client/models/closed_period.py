from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClosedPeriod")


@_attrs_define
class ClosedPeriod:
    """Closed period

    Attributes:
        agreements (int): One entry per agreement
        closed_at (datetime.datetime): When it was closed (RFC 3339, UTC)
        period (str): A calendar month (`YYYY-MM`)
    """

    agreements: int
    closed_at: datetime.datetime
    period: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreements = self.agreements

        closed_at = self.closed_at.isoformat()

        period = self.period

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreements": agreements,
                "closed_at": closed_at,
                "period": period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agreements = d.pop("agreements")

        closed_at = datetime.datetime.fromisoformat(d.pop("closed_at"))

        period = d.pop("period")

        closed_period = cls(
            agreements=agreements,
            closed_at=closed_at,
            period=period,
        )

        closed_period.additional_properties = d
        return closed_period

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
