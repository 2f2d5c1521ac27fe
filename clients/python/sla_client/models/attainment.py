from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.target_attainment import TargetAttainment


T = TypeVar("T", bound="Attainment")


@_attrs_define
class Attainment:
    """Attainment

    Attributes:
        period (str): A calendar month (`YYYY-MM`)
        provisional (bool): Whether the figures may still change (the period is not closed)
        targets (list[TargetAttainment]): The service-level targets
    """

    period: str
    provisional: bool
    targets: list[TargetAttainment]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        period = self.period

        provisional = self.provisional

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "period": period,
                "provisional": provisional,
                "targets": targets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_attainment import TargetAttainment  # noqa: PLC0415

        d = dict(src_dict)
        period = d.pop("period")

        provisional = d.pop("provisional")

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = TargetAttainment.from_dict(targets_item_data)

            targets.append(targets_item)

        attainment = cls(
            period=period,
            provisional=provisional,
            targets=targets,
        )

        attainment.additional_properties = d
        return attainment

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
