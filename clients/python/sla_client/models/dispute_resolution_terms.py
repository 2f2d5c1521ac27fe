from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dispute_stage import DisputeStage


T = TypeVar("T", bound="DisputeResolutionTerms")


@_attrs_define
class DisputeResolutionTerms:
    """Dispute resolution terms

    Attributes:
        stages (list[DisputeStage]): Ordered stages, each with a time limit
        raiser_must_accept (bool | Unset): Whether the raising party must accept the resolution Default: False.
    """

    stages: list[DisputeStage]
    raiser_must_accept: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        stages = []
        for stages_item_data in self.stages:
            stages_item = stages_item_data.to_dict()
            stages.append(stages_item)

        raiser_must_accept = self.raiser_must_accept

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "stages": stages,
            }
        )
        if raiser_must_accept is not UNSET:
            field_dict["raiser_must_accept"] = raiser_must_accept

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dispute_stage import DisputeStage  # noqa: PLC0415

        d = dict(src_dict)
        stages = []
        _stages = d.pop("stages")
        for stages_item_data in _stages:
            stages_item = DisputeStage.from_dict(stages_item_data)

            stages.append(stages_item)

        raiser_must_accept = d.pop("raiser_must_accept", UNSET)

        dispute_resolution_terms = cls(
            stages=stages,
            raiser_must_accept=raiser_must_accept,
        )

        return dispute_resolution_terms
