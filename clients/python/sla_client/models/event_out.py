from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_actor import EventActor
    from ..models.event_out_data import EventOutData


T = TypeVar("T", bound="EventOut")


@_attrs_define
class EventOut:
    """Event out

    Attributes:
        actor (EventActor): Event actor
        agreement_id (None | UUID): The agreement's id (UUID)
        data (EventOutData): The event's payload, shaped as the REST representation of its subject
        id (UUID): The object's id (UUID)
        occurred_at (datetime.datetime): When it happened (RFC 3339, UTC)
        sequence (int | None): Its position in order
        type_ (str): The type
    """

    actor: EventActor
    agreement_id: None | UUID
    data: EventOutData
    id: UUID
    occurred_at: datetime.datetime
    sequence: int | None
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        agreement_id: None | str
        if isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        data = self.data.to_dict()

        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        sequence: int | None
        sequence = self.sequence

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "agreement_id": agreement_id,
                "data": data,
                "id": id,
                "occurred_at": occurred_at,
                "sequence": sequence,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_actor import EventActor  # noqa: PLC0415
        from ..models.event_out_data import EventOutData  # noqa: PLC0415

        d = dict(src_dict)
        actor = EventActor.from_dict(d.pop("actor"))

        def _parse_agreement_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_id_type_0 = UUID(data)

                return agreement_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id"))

        data = EventOutData.from_dict(d.pop("data"))

        id = UUID(d.pop("id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_sequence(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sequence = _parse_sequence(d.pop("sequence"))

        type_ = d.pop("type")

        event_out = cls(
            actor=actor,
            agreement_id=agreement_id,
            data=data,
            id=id,
            occurred_at=occurred_at,
            sequence=sequence,
            type_=type_,
        )

        event_out.additional_properties = d
        return event_out

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
