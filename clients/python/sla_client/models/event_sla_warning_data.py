from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.clock_view import ClockView
    from ..models.event_actor import EventActor
    from ..models.ticket_view import TicketView


T = TypeVar("T", bound="EventSlaWarningData")


@_attrs_define
class EventSlaWarningData:
    """The event as the receiving party may see it (clauses it may not read are left out)

    Attributes:
        actor (EventActor): Event actor
        clock (ClockView): Clock view
        event_id (UUID): The event's id (as in `/v1/events`)
        ticket (TicketView): Ticket view
        agreement_id (None | Unset | UUID): The agreement it concerns
        percent (int | None | Unset): The warning threshold reached, percent (sla.warning)
        retracted (None | str | Unset): The event type taken back
        sequence (int | None | Unset): The event's position in its agreement's history
    """

    actor: EventActor
    clock: ClockView
    event_id: UUID
    ticket: TicketView
    agreement_id: None | Unset | UUID = UNSET
    percent: int | None | Unset = UNSET
    retracted: None | str | Unset = UNSET
    sequence: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        clock = self.clock.to_dict()

        event_id = str(self.event_id)

        ticket = self.ticket.to_dict()

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        elif isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        percent: int | None | Unset
        if isinstance(self.percent, Unset):
            percent = UNSET
        else:
            percent = self.percent

        retracted: None | str | Unset
        if isinstance(self.retracted, Unset):
            retracted = UNSET
        else:
            retracted = self.retracted

        sequence: int | None | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "clock": clock,
                "event_id": event_id,
                "ticket": ticket,
            }
        )
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id
        if percent is not UNSET:
            field_dict["percent"] = percent
        if retracted is not UNSET:
            field_dict["retracted"] = retracted
        if sequence is not UNSET:
            field_dict["sequence"] = sequence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.clock_view import ClockView  # noqa: PLC0415
        from ..models.event_actor import EventActor  # noqa: PLC0415
        from ..models.ticket_view import TicketView  # noqa: PLC0415

        d = dict(src_dict)
        actor = EventActor.from_dict(d.pop("actor"))

        clock = ClockView.from_dict(d.pop("clock"))

        event_id = UUID(d.pop("event_id"))

        ticket = TicketView.from_dict(d.pop("ticket"))

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

        def _parse_percent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        percent = _parse_percent(d.pop("percent", UNSET))

        def _parse_retracted(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        retracted = _parse_retracted(d.pop("retracted", UNSET))

        def _parse_sequence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        event_sla_warning_data = cls(
            actor=actor,
            clock=clock,
            event_id=event_id,
            ticket=ticket,
            agreement_id=agreement_id,
            percent=percent,
            retracted=retracted,
            sequence=sequence,
        )

        event_sla_warning_data.additional_properties = d
        return event_sla_warning_data

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
