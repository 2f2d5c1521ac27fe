from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ticket_event_type import TicketEventType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ticket_event_in_attributes import TicketEventInAttributes


T = TypeVar("T", bound="TicketEventIn")


@_attrs_define
class TicketEventIn:
    """Request body: ticket event in

    Attributes:
        event_id (str): The event's id, unique per source
        occurred_at (datetime.datetime): When it happened (RFC 3339, UTC)
        source (str): The ticketing tool that sent it
        ticket_id (str): The ticket's id (UUID)
        type_ (TicketEventType): Ticket event type
        agreement (None | Unset | UUID): The agreement it concerns
        attributes (TicketEventInAttributes | Unset): Other ticket attributes to match, name → value (or any of several
            values)
        customer (None | str | Unset): The customer party
        priority (None | str | Unset): The ticket's priority
        service (None | str | Unset): The service
        status (None | str | Unset): Its current state
    """

    event_id: str
    occurred_at: datetime.datetime
    source: str
    ticket_id: str
    type_: TicketEventType
    agreement: None | Unset | UUID = UNSET
    attributes: TicketEventInAttributes | Unset = UNSET
    customer: None | str | Unset = UNSET
    priority: None | str | Unset = UNSET
    service: None | str | Unset = UNSET
    status: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        occurred_at = self.occurred_at.isoformat()

        source = self.source

        ticket_id = self.ticket_id

        type_ = self.type_.value

        agreement: None | str | Unset
        if isinstance(self.agreement, Unset):
            agreement = UNSET
        elif isinstance(self.agreement, UUID):
            agreement = str(self.agreement)
        else:
            agreement = self.agreement

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        customer: None | str | Unset
        if isinstance(self.customer, Unset):
            customer = UNSET
        else:
            customer = self.customer

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        service: None | str | Unset
        if isinstance(self.service, Unset):
            service = UNSET
        else:
            service = self.service

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "occurred_at": occurred_at,
                "source": source,
                "ticket_id": ticket_id,
                "type": type_,
            }
        )
        if agreement is not UNSET:
            field_dict["agreement"] = agreement
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if customer is not UNSET:
            field_dict["customer"] = customer
        if priority is not UNSET:
            field_dict["priority"] = priority
        if service is not UNSET:
            field_dict["service"] = service
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_event_in_attributes import TicketEventInAttributes  # noqa: PLC0415

        d = dict(src_dict)
        event_id = d.pop("event_id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        source = d.pop("source")

        ticket_id = d.pop("ticket_id")

        type_ = TicketEventType(d.pop("type"))

        def _parse_agreement(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agreement_type_0 = UUID(data)

                return agreement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agreement = _parse_agreement(d.pop("agreement", UNSET))

        _attributes = d.pop("attributes", UNSET)
        attributes: TicketEventInAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = TicketEventInAttributes.from_dict(_attributes)

        def _parse_customer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer = _parse_customer(d.pop("customer", UNSET))

        def _parse_priority(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_service(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service = _parse_service(d.pop("service", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        ticket_event_in = cls(
            event_id=event_id,
            occurred_at=occurred_at,
            source=source,
            ticket_id=ticket_id,
            type_=type_,
            agreement=agreement,
            attributes=attributes,
            customer=customer,
            priority=priority,
            service=service,
            status=status,
        )

        ticket_event_in.additional_properties = d
        return ticket_event_in

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
