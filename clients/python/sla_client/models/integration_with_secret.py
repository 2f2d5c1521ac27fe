from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.mapping import Mapping


T = TypeVar("T", bound="IntegrationWithSecret")


@_attrs_define
class IntegrationWithSecret:
    """Integration with secret

    Attributes:
        created_at (datetime.datetime): When it was created (RFC 3339, UTC)
        events_url (str): Where the tool delivers its webhooks (this service's path, with the integration's id)
        id (str): The object's id (UUID)
        kind (str): The kind of object
        mapping (Mapping): Mapping
        name (str): A human name
        party_id (str): The party's id (UUID)
        signing_secret (str): The secret deliveries are signed with; shown only when it is set
        source (str): The ticketing tool that sent it
        status (str): Its current state
        updated_at (datetime.datetime): When it last changed (RFC 3339, UTC)
        version (int): The version (for `If-Match` and optimistic concurrency)
    """

    created_at: datetime.datetime
    events_url: str
    id: str
    kind: str
    mapping: Mapping
    name: str
    party_id: str
    signing_secret: str
    source: str
    status: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        events_url = self.events_url

        id = self.id

        kind = self.kind

        mapping = self.mapping.to_dict()

        name = self.name

        party_id = self.party_id

        signing_secret = self.signing_secret

        source = self.source

        status = self.status

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "events_url": events_url,
                "id": id,
                "kind": kind,
                "mapping": mapping,
                "name": name,
                "party_id": party_id,
                "signing_secret": signing_secret,
                "source": source,
                "status": status,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mapping import Mapping  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        events_url = d.pop("events_url")

        id = d.pop("id")

        kind = d.pop("kind")

        mapping = Mapping.from_dict(d.pop("mapping"))

        name = d.pop("name")

        party_id = d.pop("party_id")

        signing_secret = d.pop("signing_secret")

        source = d.pop("source")

        status = d.pop("status")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        integration_with_secret = cls(
            created_at=created_at,
            events_url=events_url,
            id=id,
            kind=kind,
            mapping=mapping,
            name=name,
            party_id=party_id,
            signing_secret=signing_secret,
            source=source,
            status=status,
            updated_at=updated_at,
            version=version,
        )

        integration_with_secret.additional_properties = d
        return integration_with_secret

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
