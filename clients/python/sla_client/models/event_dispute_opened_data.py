from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dispute_out import DisputeOut
    from ..models.event_actor import EventActor
    from ..models.event_dispute_opened_data_escalation import EventDisputeOpenedDataEscalation


T = TypeVar("T", bound="EventDisputeOpenedData")


@_attrs_define
class EventDisputeOpenedData:
    """The event as the receiving party may see it (clauses it may not read are left out)

    Attributes:
        actor (EventActor): Event actor
        dispute (DisputeOut): Dispute out
        event_id (UUID): The event's id (as in `/v1/events`)
        agreement_id (None | Unset | UUID): The agreement it concerns
        comment (str | Unset): The comment
        escalation (EventDisputeOpenedDataEscalation | Unset): The level and the contact escalated to, the channel, the
            stage and its deadline
        sequence (int | None | Unset): The event's position in its agreement's history
    """

    actor: EventActor
    dispute: DisputeOut
    event_id: UUID
    agreement_id: None | Unset | UUID = UNSET
    comment: str | Unset = UNSET
    escalation: EventDisputeOpenedDataEscalation | Unset = UNSET
    sequence: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        dispute = self.dispute.to_dict()

        event_id = str(self.event_id)

        agreement_id: None | str | Unset
        if isinstance(self.agreement_id, Unset):
            agreement_id = UNSET
        elif isinstance(self.agreement_id, UUID):
            agreement_id = str(self.agreement_id)
        else:
            agreement_id = self.agreement_id

        comment = self.comment

        escalation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.escalation, Unset):
            escalation = self.escalation.to_dict()

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
                "dispute": dispute,
                "event_id": event_id,
            }
        )
        if agreement_id is not UNSET:
            field_dict["agreement_id"] = agreement_id
        if comment is not UNSET:
            field_dict["comment"] = comment
        if escalation is not UNSET:
            field_dict["escalation"] = escalation
        if sequence is not UNSET:
            field_dict["sequence"] = sequence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dispute_out import DisputeOut  # noqa: PLC0415
        from ..models.event_actor import EventActor  # noqa: PLC0415
        from ..models.event_dispute_opened_data_escalation import EventDisputeOpenedDataEscalation  # noqa: PLC0415

        d = dict(src_dict)
        actor = EventActor.from_dict(d.pop("actor"))

        dispute = DisputeOut.from_dict(d.pop("dispute"))

        event_id = UUID(d.pop("event_id"))

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

        comment = d.pop("comment", UNSET)

        _escalation = d.pop("escalation", UNSET)
        escalation: EventDisputeOpenedDataEscalation | Unset
        if isinstance(_escalation, Unset):
            escalation = UNSET
        else:
            escalation = EventDisputeOpenedDataEscalation.from_dict(_escalation)

        def _parse_sequence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        event_dispute_opened_data = cls(
            actor=actor,
            dispute=dispute,
            event_id=event_id,
            agreement_id=agreement_id,
            comment=comment,
            escalation=escalation,
            sequence=sequence,
        )

        event_dispute_opened_data.additional_properties = d
        return event_dispute_opened_data

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
