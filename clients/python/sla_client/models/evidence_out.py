from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.evidence_kind import EvidenceKind

T = TypeVar("T", bound="EvidenceOut")


@_attrs_define
class EvidenceOut:
    """Evidence out

    Attributes:
        added_by_party_id (UUID): The party that added it
        content_type (None | str): The MIME type of the content
        created_at (datetime.datetime): When it was created (RFC 3339, UTC)
        filename (None | str): The attachment's file name
        id (UUID): The object's id (UUID)
        kind (EvidenceKind): Evidence kind
        sha256 (str): SHA-256 of the content, hex
        size (int | None): Size in bytes
        url (None | str): An absolute URL
    """

    added_by_party_id: UUID
    content_type: None | str
    created_at: datetime.datetime
    filename: None | str
    id: UUID
    kind: EvidenceKind
    sha256: str
    size: int | None
    url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        added_by_party_id = str(self.added_by_party_id)

        content_type: None | str
        content_type = self.content_type

        created_at = self.created_at.isoformat()

        filename: None | str
        filename = self.filename

        id = str(self.id)

        kind = self.kind.value

        sha256 = self.sha256

        size: int | None
        size = self.size

        url: None | str
        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "added_by_party_id": added_by_party_id,
                "content_type": content_type,
                "created_at": created_at,
                "filename": filename,
                "id": id,
                "kind": kind,
                "sha256": sha256,
                "size": size,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        added_by_party_id = UUID(d.pop("added_by_party_id"))

        def _parse_content_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_type = _parse_content_type(d.pop("content_type"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))

        id = UUID(d.pop("id"))

        kind = EvidenceKind(d.pop("kind"))

        sha256 = d.pop("sha256")

        def _parse_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        size = _parse_size(d.pop("size"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        evidence_out = cls(
            added_by_party_id=added_by_party_id,
            content_type=content_type,
            created_at=created_at,
            filename=filename,
            id=id,
            kind=kind,
            sha256=sha256,
            size=size,
            url=url,
        )

        evidence_out.additional_properties = d
        return evidence_out

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
