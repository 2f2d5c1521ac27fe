from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dispute_entry_kind import DisputeEntryKind
from ..models.dispute_status import DisputeStatus

if TYPE_CHECKING:
    from ..models.timeline_entry_details import TimelineEntryDetails


T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """Timeline entry

    Attributes:
        actor_party_id (None | UUID): The party whose caller caused it
        body (None | str): Free text
        created_at (datetime.datetime): When it was created (RFC 3339, UTC)
        details (TimelineEntryDetails): More about it
        from_status (DisputeStatus | None): The state before
        id (UUID): The object's id (UUID)
        kind (DisputeEntryKind): Dispute entry kind
        to_status (DisputeStatus | None): The state after
    """

    actor_party_id: None | UUID
    body: None | str
    created_at: datetime.datetime
    details: TimelineEntryDetails
    from_status: DisputeStatus | None
    id: UUID
    kind: DisputeEntryKind
    to_status: DisputeStatus | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_party_id: None | str
        if isinstance(self.actor_party_id, UUID):
            actor_party_id = str(self.actor_party_id)
        else:
            actor_party_id = self.actor_party_id

        body: None | str
        body = self.body

        created_at = self.created_at.isoformat()

        details = self.details.to_dict()

        from_status: None | str
        if isinstance(self.from_status, DisputeStatus):
            from_status = self.from_status.value
        else:
            from_status = self.from_status

        id = str(self.id)

        kind = self.kind.value

        to_status: None | str
        if isinstance(self.to_status, DisputeStatus):
            to_status = self.to_status.value
        else:
            to_status = self.to_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_party_id": actor_party_id,
                "body": body,
                "created_at": created_at,
                "details": details,
                "from_status": from_status,
                "id": id,
                "kind": kind,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_entry_details import TimelineEntryDetails  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_actor_party_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_party_id_type_0 = UUID(data)

                return actor_party_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_party_id = _parse_actor_party_id(d.pop("actor_party_id"))

        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        details = TimelineEntryDetails.from_dict(d.pop("details"))

        def _parse_from_status(data: object) -> DisputeStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_status_type_0 = DisputeStatus(data)

                return from_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DisputeStatus | None, data)

        from_status = _parse_from_status(d.pop("from_status"))

        id = UUID(d.pop("id"))

        kind = DisputeEntryKind(d.pop("kind"))

        def _parse_to_status(data: object) -> DisputeStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_status_type_0 = DisputeStatus(data)

                return to_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DisputeStatus | None, data)

        to_status = _parse_to_status(d.pop("to_status"))

        timeline_entry = cls(
            actor_party_id=actor_party_id,
            body=body,
            created_at=created_at,
            details=details,
            from_status=from_status,
            id=id,
            kind=kind,
            to_status=to_status,
        )

        timeline_entry.additional_properties = d
        return timeline_entry

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
