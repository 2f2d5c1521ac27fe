from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EventAgreementVersionApprovedDataDecision")


@_attrs_define
class EventAgreementVersionApprovedDataDecision:
    """The approval or rejection that caused it

    Attributes:
        comment (None | str | Unset): The party's comment
        decision (str | Unset): approve or reject
        party_id (UUID | Unset): The deciding party
    """

    comment: None | str | Unset = UNSET
    decision: str | Unset = UNSET
    party_id: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        decision = self.decision

        party_id: str | Unset = UNSET
        if not isinstance(self.party_id, Unset):
            party_id = str(self.party_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if comment is not UNSET:
            field_dict["comment"] = comment
        if decision is not UNSET:
            field_dict["decision"] = decision
        if party_id is not UNSET:
            field_dict["party_id"] = party_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        decision = d.pop("decision", UNSET)

        _party_id = d.pop("party_id", UNSET)
        party_id: UUID | Unset
        if isinstance(_party_id, Unset):
            party_id = UNSET
        else:
            party_id = UUID(_party_id)

        event_agreement_version_approved_data_decision = cls(
            comment=comment,
            decision=decision,
            party_id=party_id,
        )

        event_agreement_version_approved_data_decision.additional_properties = d
        return event_agreement_version_approved_data_decision

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
