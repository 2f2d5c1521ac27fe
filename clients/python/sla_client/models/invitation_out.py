from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.membership_status import MembershipStatus
from ..models.role import Role

if TYPE_CHECKING:
    from ..models.invitation_agreement_out import InvitationAgreementOut


T = TypeVar("T", bound="InvitationOut")


@_attrs_define
class InvitationOut:
    """Invitation out

    Attributes:
        agreement (InvitationAgreementOut): Invitation agreement out
        created_at (datetime.datetime): When it was created (RFC 3339, UTC)
        decided_at (datetime.datetime | None): When it was decided (RFC 3339, UTC)
        id (UUID): The object's id (UUID)
        invited_by_party_id (None | UUID): The party that sent the invitation
        party_id (UUID): The party's id (UUID)
        role (Role): A member's role on an agreement.
        status (MembershipStatus): An invitation's answer: a member has `accepted`.
    """

    agreement: InvitationAgreementOut
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    id: UUID
    invited_by_party_id: None | UUID
    party_id: UUID
    role: Role
    status: MembershipStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement = self.agreement.to_dict()

        created_at = self.created_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        id = str(self.id)

        invited_by_party_id: None | str
        if isinstance(self.invited_by_party_id, UUID):
            invited_by_party_id = str(self.invited_by_party_id)
        else:
            invited_by_party_id = self.invited_by_party_id

        party_id = str(self.party_id)

        role = self.role.value

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement": agreement,
                "created_at": created_at,
                "decided_at": decided_at,
                "id": id,
                "invited_by_party_id": invited_by_party_id,
                "party_id": party_id,
                "role": role,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invitation_agreement_out import InvitationAgreementOut  # noqa: PLC0415

        d = dict(src_dict)
        agreement = InvitationAgreementOut.from_dict(d.pop("agreement"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        id = UUID(d.pop("id"))

        def _parse_invited_by_party_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invited_by_party_id_type_0 = UUID(data)

                return invited_by_party_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        invited_by_party_id = _parse_invited_by_party_id(d.pop("invited_by_party_id"))

        party_id = UUID(d.pop("party_id"))

        role = Role(d.pop("role"))

        status = MembershipStatus(d.pop("status"))

        invitation_out = cls(
            agreement=agreement,
            created_at=created_at,
            decided_at=decided_at,
            id=id,
            invited_by_party_id=invited_by_party_id,
            party_id=party_id,
            role=role,
            status=status,
        )

        invitation_out.additional_properties = d
        return invitation_out

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
