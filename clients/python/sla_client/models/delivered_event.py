from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeliveredEvent")


@_attrs_define
class DeliveredEvent:
    """Delivered event

    Attributes:
        event_id (str): The ticket event's id, made from the tool's own ids (what makes a retry a duplicate)
        ticket_id (str): The ticket's id in the tool (Zendesk ticket id, Jira issue key)
        type_ (str): The type
    """

    event_id: str
    ticket_id: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        ticket_id = self.ticket_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "ticket_id": ticket_id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        ticket_id = d.pop("ticket_id")

        type_ = d.pop("type")

        delivered_event = cls(
            event_id=event_id,
            ticket_id=ticket_id,
            type_=type_,
        )

        delivered_event.additional_properties = d
        return delivered_event

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
