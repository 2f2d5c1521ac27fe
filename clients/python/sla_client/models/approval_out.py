from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.approval_decision import ApprovalDecision

T = TypeVar("T", bound="ApprovalOut")


@_attrs_define
class ApprovalOut:
    """Approval out

    Attributes:
        comment (None | str): A free-text comment
        decided_at (datetime.datetime): When it was decided (RFC 3339, UTC)
        decision (ApprovalDecision): Approval decision
        party_id (UUID): The party's id (UUID)
    """

    comment: None | str
    decided_at: datetime.datetime
    decision: ApprovalDecision
    party_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment: None | str
        comment = self.comment

        decided_at = self.decided_at.isoformat()

        decision = self.decision.value

        party_id = str(self.party_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comment": comment,
                "decided_at": decided_at,
                "decision": decision,
                "party_id": party_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        decided_at = datetime.datetime.fromisoformat(d.pop("decided_at"))

        decision = ApprovalDecision(d.pop("decision"))

        party_id = UUID(d.pop("party_id"))

        approval_out = cls(
            comment=comment,
            decided_at=decided_at,
            decision=decision,
            party_id=party_id,
        )

        approval_out.additional_properties = d
        return approval_out

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
