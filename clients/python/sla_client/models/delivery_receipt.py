from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.delivered_event import DeliveredEvent
    from ..models.delivery_receipt_ignored_item import DeliveryReceiptIgnoredItem
    from ..models.delivery_receipt_tickets_item import DeliveryReceiptTicketsItem


T = TypeVar("T", bound="DeliveryReceipt")


@_attrs_define
class DeliveryReceipt:
    """Delivery receipt

    Attributes:
        accepted (int): Whether the customer accepted this maintenance window
        duplicates (int): How many events were already known (idempotent replays)
        events (list[DeliveredEvent]): The events
        ignored (list[DeliveryReceiptIgnoredItem]): What in the delivery did not become a ticket event, each with the
            reason
        integration_id (str): The integration's id (UUID)
        outcome (str): How it ended
        tickets (list[DeliveryReceiptTicketsItem]): The tickets
    """

    accepted: int
    duplicates: int
    events: list[DeliveredEvent]
    ignored: list[DeliveryReceiptIgnoredItem]
    integration_id: str
    outcome: str
    tickets: list[DeliveryReceiptTicketsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        duplicates = self.duplicates

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        ignored = []
        for ignored_item_data in self.ignored:
            ignored_item = ignored_item_data.to_dict()
            ignored.append(ignored_item)

        integration_id = self.integration_id

        outcome = self.outcome

        tickets = []
        for tickets_item_data in self.tickets:
            tickets_item = tickets_item_data.to_dict()
            tickets.append(tickets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "duplicates": duplicates,
                "events": events,
                "ignored": ignored,
                "integration_id": integration_id,
                "outcome": outcome,
                "tickets": tickets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivered_event import DeliveredEvent  # noqa: PLC0415
        from ..models.delivery_receipt_ignored_item import DeliveryReceiptIgnoredItem  # noqa: PLC0415
        from ..models.delivery_receipt_tickets_item import DeliveryReceiptTicketsItem  # noqa: PLC0415

        d = dict(src_dict)
        accepted = d.pop("accepted")

        duplicates = d.pop("duplicates")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = DeliveredEvent.from_dict(events_item_data)

            events.append(events_item)

        ignored = []
        _ignored = d.pop("ignored")
        for ignored_item_data in _ignored:
            ignored_item = DeliveryReceiptIgnoredItem.from_dict(ignored_item_data)

            ignored.append(ignored_item)

        integration_id = d.pop("integration_id")

        outcome = d.pop("outcome")

        tickets = []
        _tickets = d.pop("tickets")
        for tickets_item_data in _tickets:
            tickets_item = DeliveryReceiptTicketsItem.from_dict(tickets_item_data)

            tickets.append(tickets_item)

        delivery_receipt = cls(
            accepted=accepted,
            duplicates=duplicates,
            events=events,
            ignored=ignored,
            integration_id=integration_id,
            outcome=outcome,
            tickets=tickets,
        )

        delivery_receipt.additional_properties = d
        return delivery_receipt

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
