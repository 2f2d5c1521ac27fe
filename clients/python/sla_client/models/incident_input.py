from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.incident_kind import IncidentKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="IncidentInput")


@_attrs_define
class IncidentInput:
    """Request body: incident input

    Attributes:
        ended_at (datetime.datetime): When it ended (RFC 3339, UTC)
        kind (IncidentKind): Incident kind
        started_at (datetime.datetime): When it started (RFC 3339, UTC)
        description (None | str | Unset): A human description
        service (None | str | Unset): The service
    """

    ended_at: datetime.datetime
    kind: IncidentKind
    started_at: datetime.datetime
    description: None | str | Unset = UNSET
    service: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ended_at = self.ended_at.isoformat()

        kind = self.kind.value

        started_at = self.started_at.isoformat()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ended_at": ended_at,
                "kind": kind,
                "started_at": started_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if service is not UNSET:
            field_dict["service"] = service

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ended_at = datetime.datetime.fromisoformat(d.pop("ended_at"))

        kind = IncidentKind(d.pop("kind"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        incident_input = cls(
            ended_at=ended_at,
            kind=kind,
            started_at=started_at,
            description=description,
            service=service,
        )

        incident_input.additional_properties = d
        return incident_input

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
