from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApplicableExplanation")


@_attrs_define
class ApplicableExplanation:
    """Applicable explanation

    Attributes:
        not_matched (list[str]): Why the other targets or agreements do not apply
        agreement (None | str | Unset): The agreement it concerns
    """

    not_matched: list[str]
    agreement: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        not_matched = self.not_matched

        agreement: None | str | Unset
        if isinstance(self.agreement, Unset):
            agreement = UNSET
        else:
            agreement = self.agreement

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "not_matched": not_matched,
            }
        )
        if agreement is not UNSET:
            field_dict["agreement"] = agreement

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        not_matched = cast(list[str], d.pop("not_matched"))

        def _parse_agreement(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agreement = _parse_agreement(d.pop("agreement", UNSET))

        applicable_explanation = cls(
            not_matched=not_matched,
            agreement=agreement,
        )

        applicable_explanation.additional_properties = d
        return applicable_explanation

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
