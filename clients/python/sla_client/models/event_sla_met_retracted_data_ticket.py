from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_sla_met_retracted_data_ticket_match_type_0 import EventSlaMetRetractedDataTicketMatchType0


T = TypeVar("T", bound="EventSlaMetRetractedDataTicket")


@_attrs_define
class EventSlaMetRetractedDataTicket:
    """The ticket the clock belongs to

    Attributes:
        agreement_id (None | Unset | UUID): The matched agreement
        external_id (str | Unset): The ticket's id in that system
        id (UUID | Unset): The ticket's id in this service
        match (EventSlaMetRetractedDataTicketMatchType0 | None | Unset): Why the ticket matched (or did not)
        opened_at (datetime.datetime | Unset): When the ticket was opened
        source (str | Unset): The ticketing system, e.g. zendesk
    """

    agreement_id: None | Unset | UUID = UNSET
    external_id: str | Unset = UNSET
    id: UUID | Unset = UNSET
    match: EventSlaMetRetractedDataTicketMatchType0 | None | Unset = UNSET
    opened_at: datetime.datetime | Unset = UNSET
    source: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_sla_met_retracted_data_ticket_match_type_0 import EventSlaMetRetractedDataTicketMatchType0  # noqa: PLC0415

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        elif isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        external_id = self.external_id

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        match: dict[str, Any] | None | Unset
        if isinstance(self.match, Unset):
            match = UNSET
        elif isinstance(self.match, EventSlaMetRetractedDataTicketMatchType0):
            match = self.match.to_dict()
        else:
            match = self.match

        opened_at: str | Unset = UNSET
        if not isinstance(self.opened_at, Unset):
            opened_at = self.opened_at.isoformat()

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if id is not UNSET:
            field_dict["id"] = id
        if match is not UNSET:
            field_dict["match"] = match
        if opened_at is not UNSET:
            field_dict["opened_at"] = opened_at
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_sla_met_retracted_data_ticket_match_type_0 import EventSlaMetRetractedDataTicketMatchType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agreement_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_id_type_0 = UUID(data)

                return agreement_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agreement_id = _parse_agreement_id(d.pop("agreement_id", UNSET))

        external_id = d.pop("external_id", UNSET)

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        def _parse_match(data: object) -> EventSlaMetRetractedDataTicketMatchType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                match_type_0 = EventSlaMetRetractedDataTicketMatchType0.from_dict(data)

                return match_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventSlaMetRetractedDataTicketMatchType0 | None | Unset, data)

        match = _parse_match(d.pop("match", UNSET))

        _opened_at = d.pop("opened_at", UNSET)
        opened_at: datetime.datetime | Unset
        if isinstance(_opened_at, Unset):
            opened_at = UNSET
        else:
            opened_at = datetime.datetime.fromisoformat(_opened_at)

        source = d.pop("source", UNSET)

        event_sla_met_retracted_data_ticket = cls(
            agreement_id=agreement_id,
            external_id=external_id,
            id=id,
            match=match,
            opened_at=opened_at,
            source=source,
        )

        event_sla_met_retracted_data_ticket.additional_properties = d
        return event_sla_met_retracted_data_ticket

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
