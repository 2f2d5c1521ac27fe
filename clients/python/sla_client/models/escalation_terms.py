from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.escalation_level import EscalationLevel


T = TypeVar("T", bound="EscalationTerms")


@_attrs_define
class EscalationTerms:
    """Escalation terms

    Attributes:
        levels (list[EscalationLevel]): Ordered escalation levels
    """

    levels: list[EscalationLevel]

    def to_dict(self) -> dict[str, Any]:
        levels = []
        for levels_item_data in self.levels:
            levels_item = levels_item_data.to_dict()
            levels.append(levels_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "levels": levels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.escalation_level import EscalationLevel  # noqa: PLC0415

        d = dict(src_dict)
        levels = []
        _levels = d.pop("levels")
        for levels_item_data in _levels:
            levels_item = EscalationLevel.from_dict(levels_item_data)

            levels.append(levels_item)

        escalation_terms = cls(
            levels=levels,
        )

        return escalation_terms
