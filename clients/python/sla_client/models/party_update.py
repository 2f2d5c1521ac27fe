from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.party_kind import PartyKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.party_update_external_refs_type_0 import PartyUpdateExternalRefsType0


T = TypeVar("T", bound="PartyUpdate")


@_attrs_define
class PartyUpdate:
    """Request body: party update

    Attributes:
        contact_email (None | str | Unset): Where to reach the party
        external_refs (PartyUpdateExternalRefsType0 | Unset): The party's ids in other systems, system → value
        kind (PartyKind | Unset): Party kind
        name (str | Unset): A human name
    """

    contact_email: None | str | Unset = UNSET
    external_refs: PartyUpdateExternalRefsType0 | Unset = UNSET
    kind: PartyKind | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_email: None | str | Unset
        if isinstance(self.contact_email, Unset):
            contact_email = UNSET
        else:
            contact_email = self.contact_email

        external_refs: dict[str, Any] | Unset
        if isinstance(self.external_refs, Unset):
            external_refs = UNSET
        else:
            external_refs = self.external_refs.to_dict()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contact_email is not UNSET:
            field_dict["contact_email"] = contact_email
        if external_refs is not UNSET:
            field_dict["external_refs"] = external_refs
        if kind is not UNSET:
            field_dict["kind"] = kind
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.party_update_external_refs_type_0 import PartyUpdateExternalRefsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_contact_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_email = _parse_contact_email(d.pop("contact_email", UNSET))

        def _parse_external_refs(data: object) -> PartyUpdateExternalRefsType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError()
            external_refs_type_0 = PartyUpdateExternalRefsType0.from_dict(data)

            return external_refs_type_0

        external_refs = _parse_external_refs(d.pop("external_refs", UNSET))

        _kind = d.pop("kind", UNSET)
        kind: PartyKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = PartyKind(_kind)

        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        party_update = cls(
            contact_email=contact_email,
            external_refs=external_refs,
            kind=kind,
            name=name,
        )

        party_update.additional_properties = d
        return party_update

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
