from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewTerms")


@_attrs_define
class ReviewTerms:
    """Review terms

    Attributes:
        cadence (str): How often reviews recur (ISO 8601 duration, e.g. `P3M`)
        notice (None | str | Unset): How long before a review it is announced (ISO 8601 duration)
        participants (list[str] | Unset): Who takes part
    """

    cadence: str
    notice: None | str | Unset = UNSET
    participants: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cadence = self.cadence

        notice: None | str | Unset
        if isinstance(self.notice, Unset):
            notice = UNSET
        else:
            notice = self.notice

        participants: list[str] | Unset = UNSET
        if not isinstance(self.participants, Unset):
            participants = self.participants

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cadence": cadence,
            }
        )
        if notice is not UNSET:
            field_dict["notice"] = notice
        if participants is not UNSET:
            field_dict["participants"] = participants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cadence = d.pop("cadence")

        def _parse_notice(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notice = _parse_notice(d.pop("notice", UNSET))

        participants = cast(list[str], d.pop("participants", UNSET))

        review_terms = cls(
            cadence=cadence,
            notice=notice,
            participants=participants,
        )

        return review_terms
