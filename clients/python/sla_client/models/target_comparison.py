from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.breach_ref import BreachRef
    from ..models.target_period import TargetPeriod


T = TypeVar("T", bound="TargetComparison")


@_attrs_define
class TargetComparison:
    """Target comparison

    Attributes:
        breaches_added (list[BreachRef]): Clocks breached under the simulated version and not under the accepted one
        breaches_listed_up_to (int): At most this many breaches are listed per target
        breaches_removed (list[BreachRef]): Clocks breached under the accepted version and not under the simulated one
        metric (str): What is measured
        periods (list[TargetPeriod]): Per month: the target's outcome under each version
        target_key (str): The key of the service-level target
    """

    breaches_added: list[BreachRef]
    breaches_listed_up_to: int
    breaches_removed: list[BreachRef]
    metric: str
    periods: list[TargetPeriod]
    target_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        breaches_added = []
        for breaches_added_item_data in self.breaches_added:
            breaches_added_item = breaches_added_item_data.to_dict()
            breaches_added.append(breaches_added_item)

        breaches_listed_up_to = self.breaches_listed_up_to

        breaches_removed = []
        for breaches_removed_item_data in self.breaches_removed:
            breaches_removed_item = breaches_removed_item_data.to_dict()
            breaches_removed.append(breaches_removed_item)

        metric = self.metric

        periods = []
        for periods_item_data in self.periods:
            periods_item = periods_item_data.to_dict()
            periods.append(periods_item)

        target_key = self.target_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "breaches_added": breaches_added,
                "breaches_listed_up_to": breaches_listed_up_to,
                "breaches_removed": breaches_removed,
                "metric": metric,
                "periods": periods,
                "target_key": target_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.breach_ref import BreachRef  # noqa: PLC0415
        from ..models.target_period import TargetPeriod  # noqa: PLC0415

        d = dict(src_dict)
        breaches_added = []
        _breaches_added = d.pop("breaches_added")
        for breaches_added_item_data in _breaches_added:
            breaches_added_item = BreachRef.from_dict(breaches_added_item_data)

            breaches_added.append(breaches_added_item)

        breaches_listed_up_to = d.pop("breaches_listed_up_to")

        breaches_removed = []
        _breaches_removed = d.pop("breaches_removed")
        for breaches_removed_item_data in _breaches_removed:
            breaches_removed_item = BreachRef.from_dict(breaches_removed_item_data)

            breaches_removed.append(breaches_removed_item)

        metric = d.pop("metric")

        periods = []
        _periods = d.pop("periods")
        for periods_item_data in _periods:
            periods_item = TargetPeriod.from_dict(periods_item_data)

            periods.append(periods_item)

        target_key = d.pop("target_key")

        target_comparison = cls(
            breaches_added=breaches_added,
            breaches_listed_up_to=breaches_listed_up_to,
            breaches_removed=breaches_removed,
            metric=metric,
            periods=periods,
            target_key=target_key,
        )

        target_comparison.additional_properties = d
        return target_comparison

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
