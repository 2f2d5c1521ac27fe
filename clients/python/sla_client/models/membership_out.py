from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.membership_status import MembershipStatus
from ..models.role import Role

T = TypeVar("T", bound="MembershipOut")


@_attrs_define
class MembershipOut:
    """Membership out

    Attributes:
        party_id (UUID): The party's id (UUID)
        role (Role): A member's role on an agreement.
        status (MembershipStatus): An invitation's answer: a member has `accepted`.
    """

    party_id: UUID
    role: Role
    status: MembershipStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        party_id = str(self.party_id)

        role = self.role.value

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "party_id": party_id,
                "role": role,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        party_id = UUID(d.pop("party_id"))

        role = Role(d.pop("role"))

        status = MembershipStatus(d.pop("status"))

        membership_out = cls(
            party_id=party_id,
            role=role,
            status=status,
        )

        membership_out.additional_properties = d
        return membership_out

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
