from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.party_kind import PartyKind

if TYPE_CHECKING:
    from ..models.party_out_external_refs import PartyOutExternalRefs


T = TypeVar("T", bound="PartyOut")


@_attrs_define
class PartyOut:
    """Party out

    Attributes:
        contact_email (None | str): Where to reach the party
        created_at (datetime.datetime): When it was created (RFC 3339, UTC)
        external_refs (PartyOutExternalRefs): The party's ids in other systems, system → value
        id (UUID): The object's id (UUID)
        kind (PartyKind): Party kind
        name (str): A human name
        updated_at (datetime.datetime): When it last changed (RFC 3339, UTC)
        version (int): The version (for `If-Match` and optimistic concurrency)
    """

    contact_email: None | str
    created_at: datetime.datetime
    external_refs: PartyOutExternalRefs
    id: UUID
    kind: PartyKind
    name: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_email: None | str
        contact_email = self.contact_email

        created_at = self.created_at.isoformat()

        external_refs = self.external_refs.to_dict()

        id = str(self.id)

        kind = self.kind.value

        name = self.name

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_email": contact_email,
                "created_at": created_at,
                "external_refs": external_refs,
                "id": id,
                "kind": kind,
                "name": name,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.party_out_external_refs import PartyOutExternalRefs  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_contact_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_email = _parse_contact_email(d.pop("contact_email"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        external_refs = PartyOutExternalRefs.from_dict(d.pop("external_refs"))

        id = UUID(d.pop("id"))

        kind = PartyKind(d.pop("kind"))

        name = d.pop("name")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        party_out = cls(
            contact_email=contact_email,
            created_at=created_at,
            external_refs=external_refs,
            id=id,
            kind=kind,
            name=name,
            updated_at=updated_at,
            version=version,
        )

        party_out.additional_properties = d
        return party_out

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
