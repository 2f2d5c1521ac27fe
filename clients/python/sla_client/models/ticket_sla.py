from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.clock_view import ClockView
    from ..models.ticket_view import TicketView


T = TypeVar("T", bound="TicketSla")


@_attrs_define
class TicketSla:
    """Ticket sla

    Attributes:
        clocks (list[ClockView]): One SLA clock per matched target and cycle
        ticket (TicketView): Ticket view
    """

    clocks: list[ClockView]
    ticket: TicketView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clocks = []
        for clocks_item_data in self.clocks:
            clocks_item = clocks_item_data.to_dict()
            clocks.append(clocks_item)

        ticket = self.ticket.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clocks": clocks,
                "ticket": ticket,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.clock_view import ClockView  # noqa: PLC0415
        from ..models.ticket_view import TicketView  # noqa: PLC0415

        d = dict(src_dict)
        clocks = []
        _clocks = d.pop("clocks")
        for clocks_item_data in _clocks:
            clocks_item = ClockView.from_dict(clocks_item_data)

            clocks.append(clocks_item)

        ticket = TicketView.from_dict(d.pop("ticket"))

        ticket_sla = cls(
            clocks=clocks,
            ticket=ticket,
        )

        ticket_sla.additional_properties = d
        return ticket_sla

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
