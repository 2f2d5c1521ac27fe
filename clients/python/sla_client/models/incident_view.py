from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.incident_kind import IncidentKind

T = TypeVar("T", bound="IncidentView")


@_attrs_define
class IncidentView:
    """Incident view

    Attributes:
        accepted_at (datetime.datetime | None): When it was accepted (RFC 3339, UTC)
        agreement_id (UUID): The agreement's id (UUID)
        counts_as_downtime (bool): Whether this incident counts against availability
        description (None | str): A human description
        ended_at (datetime.datetime): When it ended (RFC 3339, UTC)
        id (UUID): The object's id (UUID)
        kind (IncidentKind): Incident kind
        service (None | str): The service
        started_at (datetime.datetime): When it started (RFC 3339, UTC)
    """

    accepted_at: datetime.datetime | None
    agreement_id: UUID
    counts_as_downtime: bool
    description: None | str
    ended_at: datetime.datetime
    id: UUID
    kind: IncidentKind
    service: None | str
    started_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        agreement_id = str(self.agreement_id)

        counts_as_downtime = self.counts_as_downtime

        description: None | str
        description = self.description

        ended_at = self.ended_at.isoformat()

        id = str(self.id)

        kind = self.kind.value

        service: None | str
        service = self.service

        started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted_at": accepted_at,
                "agreement_id": agreement_id,
                "counts_as_downtime": counts_as_downtime,
                "description": description,
                "ended_at": ended_at,
                "id": id,
                "kind": kind,
                "service": service,
                "started_at": started_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        agreement_id = UUID(d.pop("agreement_id"))

        counts_as_downtime = d.pop("counts_as_downtime")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        ended_at = datetime.datetime.fromisoformat(d.pop("ended_at"))

        id = UUID(d.pop("id"))

        kind = IncidentKind(d.pop("kind"))

        def _parse_service(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        service = _parse_service(d.pop("service"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        incident_view = cls(
            accepted_at=accepted_at,
            agreement_id=agreement_id,
            counts_as_downtime=counts_as_downtime,
            description=description,
            ended_at=ended_at,
            id=id,
            kind=kind,
            service=service,
            started_at=started_at,
        )

        incident_view.additional_properties = d
        return incident_view

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
