from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.indicator_threshold_op import IndicatorThresholdOp
from ..types import UNSET, Unset

T = TypeVar("T", bound="IndicatorThreshold")


@_attrs_define
class IndicatorThreshold:
    """A threshold sample is good when `value <op> limit`, e.g. latency p95 `le` 300 (ms).

    Attributes:
        limit (str): The threshold's limit (exact decimal)
        op (IndicatorThresholdOp): `le`, `lt`, `ge` or `gt`: how a sample's value compares with the limit to be good
        unit (None | str | Unset): What one unit is (`month`, `ticket`, `hour`, …)
    """

    limit: str
    op: IndicatorThresholdOp
    unit: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        limit = self.limit

        op = self.op.value

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "limit": limit,
                "op": op,
            }
        )
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        limit = d.pop("limit")

        op = IndicatorThresholdOp(d.pop("op"))

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        indicator_threshold = cls(
            limit=limit,
            op=op,
            unit=unit,
        )

        return indicator_threshold
