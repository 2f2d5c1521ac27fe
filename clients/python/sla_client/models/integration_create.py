from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.integration_kind import IntegrationKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mapping_in import MappingIn


T = TypeVar("T", bound="IntegrationCreate")


@_attrs_define
class IntegrationCreate:
    """Request body: integration create

    Attributes:
        kind (IntegrationKind): A ticketing tool whose own webhook payloads the service reads
            (`/v1/integrations/{kind}/events`).
        name (str): A human name
        mapping (MappingIn | Unset): Request body: mapping in
        signing_secret (None | str | Unset): The secret deliveries are signed with; shown only when it is set
        source (None | str | Unset): The ticketing tool that sent it
    """

    kind: IntegrationKind
    name: str
    mapping: MappingIn | Unset = UNSET
    signing_secret: None | str | Unset = UNSET
    source: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        mapping: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mapping, Unset):
            mapping = self.mapping.to_dict()

        signing_secret: None | str | Unset
        if isinstance(self.signing_secret, Unset):
            signing_secret = UNSET
        else:
            signing_secret = self.signing_secret

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if mapping is not UNSET:
            field_dict["mapping"] = mapping
        if signing_secret is not UNSET:
            field_dict["signing_secret"] = signing_secret
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mapping_in import MappingIn  # noqa: PLC0415

        d = dict(src_dict)
        kind = IntegrationKind(d.pop("kind"))

        name = d.pop("name")

        _mapping = d.pop("mapping", UNSET)
        mapping: MappingIn | Unset
        if isinstance(_mapping, Unset):
            mapping = UNSET
        else:
            mapping = MappingIn.from_dict(_mapping)

        def _parse_signing_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signing_secret = _parse_signing_secret(d.pop("signing_secret", UNSET))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        integration_create = cls(
            kind=kind,
            name=name,
            mapping=mapping,
            signing_secret=signing_secret,
            source=source,
        )

        integration_create.additional_properties = d
        return integration_create

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
