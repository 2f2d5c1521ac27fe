from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.integration_delivery_out_ignored_item import IntegrationDeliveryOutIgnoredItem


T = TypeVar("T", bound="IntegrationDeliveryOut")


@_attrs_define
class IntegrationDeliveryOut:
    """Integration delivery out

    Attributes:
        body_sha256 (str): SHA-256 (hex) of the body as received, to tell payloads apart without keeping them
        delivery_ref (None | str): The tool's id of the delivery or event (Zendesk's event id, Jira's webhook
            identifier)
        events_accepted (int): Ticket events stored from this delivery
        events_duplicate (int): Ticket events of this delivery already stored (a retry)
        id (str): The object's id (UUID)
        ignored (list[IntegrationDeliveryOutIgnoredItem]): What in the delivery did not become a ticket event, each with
            the reason
        outcome (str): How it ended
        reason (None | str): Why
        received_at (datetime.datetime): When it arrived (RFC 3339, UTC)
        status_code (int): The receiver's HTTP status
        ticket_ref (None | str): The ticket's id in the tool
    """

    body_sha256: str
    delivery_ref: None | str
    events_accepted: int
    events_duplicate: int
    id: str
    ignored: list[IntegrationDeliveryOutIgnoredItem]
    outcome: str
    reason: None | str
    received_at: datetime.datetime
    status_code: int
    ticket_ref: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body_sha256 = self.body_sha256

        delivery_ref: None | str
        delivery_ref = self.delivery_ref

        events_accepted = self.events_accepted

        events_duplicate = self.events_duplicate

        id = self.id

        ignored = []
        for ignored_item_data in self.ignored:
            ignored_item = ignored_item_data.to_dict()
            ignored.append(ignored_item)

        outcome = self.outcome

        reason: None | str
        reason = self.reason

        received_at = self.received_at.isoformat()

        status_code = self.status_code

        ticket_ref: None | str
        ticket_ref = self.ticket_ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body_sha256": body_sha256,
                "delivery_ref": delivery_ref,
                "events_accepted": events_accepted,
                "events_duplicate": events_duplicate,
                "id": id,
                "ignored": ignored,
                "outcome": outcome,
                "reason": reason,
                "received_at": received_at,
                "status_code": status_code,
                "ticket_ref": ticket_ref,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.integration_delivery_out_ignored_item import IntegrationDeliveryOutIgnoredItem  # noqa: PLC0415

        d = dict(src_dict)
        body_sha256 = d.pop("body_sha256")

        def _parse_delivery_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        delivery_ref = _parse_delivery_ref(d.pop("delivery_ref"))

        events_accepted = d.pop("events_accepted")

        events_duplicate = d.pop("events_duplicate")

        id = d.pop("id")

        ignored = []
        _ignored = d.pop("ignored")
        for ignored_item_data in _ignored:
            ignored_item = IntegrationDeliveryOutIgnoredItem.from_dict(ignored_item_data)

            ignored.append(ignored_item)

        outcome = d.pop("outcome")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        status_code = d.pop("status_code")

        def _parse_ticket_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ticket_ref = _parse_ticket_ref(d.pop("ticket_ref"))

        integration_delivery_out = cls(
            body_sha256=body_sha256,
            delivery_ref=delivery_ref,
            events_accepted=events_accepted,
            events_duplicate=events_duplicate,
            id=id,
            ignored=ignored,
            outcome=outcome,
            reason=reason,
            received_at=received_at,
            status_code=status_code,
            ticket_ref=ticket_ref,
        )

        integration_delivery_out.additional_properties = d
        return integration_delivery_out

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
